import { readFile } from 'node:fs/promises';
import { parseCatalogue } from '../catalogue/parseCatalogue';
import { InputError } from '../errors';
import type { OrgCatalogue } from '../model/orgCatalogue';
import { resolveInside } from './writeFiles';

/** The committed catalogue at the project-relative `path`, or undefined when there is none. Bad content: InputError (exit 2). */
export async function readCatalogue(projectDir: string, path: string): Promise<{ readonly text: string; readonly catalogue: OrgCatalogue } | undefined> {
  let text: string;
  try {
    text = await readFile(resolveInside(projectDir, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError('CatalogueUnreadable', [{ file: path, location: '', message: `cannot read the catalogue (${code ?? String(err)})`, fix: 'check the file permissions' }]);
  }
  return { text, catalogue: parseCatalogue(text, path) };
}
