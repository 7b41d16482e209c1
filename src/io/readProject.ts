import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonFile } from '../config/parseJson';
import { InputError, type InputProblem } from '../errors';
import { isApiVersion } from '../model/apiVersion';

export interface SfdxProject {
  readonly apiVersion: string;
  /** Project-relative package directory paths (forward slashes), the default one first. */
  readonly packageDirectories: readonly string[];
}

const FILE = 'sfdx-project.json';

/** Reads sfdx-project.json: sourceApiVersion and the package directories. */
export async function readSfdxProject(projectDir: string): Promise<SfdxProject> {
  let text: string;
  try {
    text = await readFile(join(projectDir, FILE), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new InputError('ProjectUnreadable', [{ file: FILE, location: '', message: `cannot read sfdx-project.json in ${projectDir} (${code ?? String(err)})`, fix: 'check the file permissions' }]);
    }
    throw new InputError('ProjectNotFound', [
      { file: FILE, location: '', message: `no sfdx-project.json in ${projectDir}`, fix: 'put apionly.config.json at the root of a Salesforce DX project (next to sfdx-project.json), or create one with `sf project generate`' },
    ]);
  }
  const raw = parseJsonFile(text, FILE);
  const problems: InputProblem[] = [];
  const obj = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const version = obj['sourceApiVersion'];
  if (!isApiVersion(version)) {
    problems.push({ file: FILE, location: '/sourceApiVersion', message: 'sourceApiVersion must be an API version like "66.0"; it is the version of everything generated and deployed', value: version, fix: 'set "sourceApiVersion": "66.0"' });
  }
  const dirs = obj['packageDirectories'];
  const paths: Array<{ path: string; default: boolean }> = [];
  if (!Array.isArray(dirs) || dirs.length === 0) {
    problems.push({ file: FILE, location: '/packageDirectories', message: 'packageDirectories must list at least one folder', value: dirs, fix: 'add [{ "path": "force-app", "default": true }]' });
  } else {
    dirs.forEach((d, i) => {
      const p = (d as Record<string, unknown> | null)?.['path'];
      if (typeof p !== 'string' || p === '' || p.startsWith('/') || p.split(/[\\/]/).includes('..')) {
        problems.push({ file: FILE, location: `/packageDirectories/${i}/path`, message: 'must be a folder inside the project', value: p, fix: 'use a relative path such as "force-app"' });
      } else paths.push({ path: p.replace(/\\/g, '/').replace(/\/+$/, ''), default: (d as Record<string, unknown>)['default'] === true });
    });
  }
  if (problems.length) throw new InputError('InvalidProject', problems);
  paths.sort((a, b) => Number(b.default) - Number(a.default));
  return { apiVersion: version as string, packageDirectories: paths.map((p) => p.path) };
}
