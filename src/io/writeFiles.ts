import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InternalError } from '../errors';

/** A planned output file: project-relative path (forward slashes) and its exact content. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

export type WriteStatus = 'written' | 'unchanged';
export type CheckStatus = 'unchanged' | 'stale' | 'missing';

/** The absolute path of a planned file, refusing any path that leaves root. */
export function resolveInside(root: string, path: string): string {
  const abs = resolve(root, path);
  const rel = relative(resolve(root), abs);
  if (isAbsolute(path) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InternalError(`refusing to write ${JSON.stringify(path)}: it is outside ${root}`);
  }
  return abs;
}

async function current(abs: string): Promise<Buffer | undefined> {
  try {
    return await readFile(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Compares planned files with the disk; writes nothing. */
export async function checkFiles(files: readonly RenderedFile[], root: string): Promise<Array<{ path: string; status: CheckStatus }>> {
  const abs = files.map((f) => resolveInside(root, f.path));
  const out: Array<{ path: string; status: CheckStatus }> = [];
  for (const [i, f] of files.entries()) {
    const existing = await current(abs[i] as string);
    out.push({ path: f.path, status: existing === undefined ? 'missing' : existing.equals(Buffer.from(f.content, 'utf8')) ? 'unchanged' : 'stale' });
  }
  return out;
}

/**
 * The only writer: every path is checked to be inside root before anything is written; a file is written only
 * when its bytes change, through a temporary file in the same folder and a rename (atomic on one filesystem).
 */
export async function writeFiles(files: readonly RenderedFile[], root: string): Promise<Array<{ path: string; status: WriteStatus }>> {
  const abs = files.map((f) => resolveInside(root, f.path));
  const out: Array<{ path: string; status: WriteStatus }> = [];
  for (const [i, f] of files.entries()) {
    const target = abs[i] as string;
    const bytes = Buffer.from(f.content, 'utf8');
    const existing = await current(target);
    if (existing?.equals(bytes)) {
      out.push({ path: f.path, status: 'unchanged' });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${randomBytes(6).toString('hex')}.apionly.tmp`);
    try {
      await writeFile(temp, bytes);
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    out.push({ path: f.path, status: 'written' });
  }
  return out;
}
