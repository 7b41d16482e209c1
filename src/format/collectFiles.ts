import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError, type InputProblem } from '../errors';

/** File name endings `format` handles (source format and mdapi format; facts a.1, a.7), with the root they must have. */
export const FORMATTABLE_SUFFIXES: ReadonlyArray<{ readonly suffix: string; readonly type: string }> = [
  { suffix: '.profile-meta.xml', type: 'Profile' },
  { suffix: '.profile', type: 'Profile' },
  { suffix: '.permissionset-meta.xml', type: 'PermissionSet' },
  { suffix: '.permissionset', type: 'PermissionSet' },
];

/** The metadata type a file name says it holds, or undefined when `format` does not handle it. */
export function expectedTypeOf(file: string): string | undefined {
  const base = path.basename(file);
  return FORMATTABLE_SUFFIXES.find((s) => base.endsWith(s.suffix) && base.length > s.suffix.length)?.type;
}

/** Folders never searched when a directory is given. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', '.sfdc']);

/**
 * The paths to format: `paths` (files or directories, relative to `cwd`), or when none are given the package
 * directories of sfdx-project.json (`force-app` when there is no project file). Directories are searched recursively
 * (symbolic links to directories are not followed). Returns absolute paths, sorted, without duplicates.
 * Every problem (missing path, a named file of another type, a directory without such files) is reported at once.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const roots = paths.length ? paths.map((p) => ({ given: p, source: 'argument' })) : await defaultRoots(cwd);
  const problems: InputProblem[] = [];
  const found = new Set<string>();
  for (const root of roots) {
    const abs = path.resolve(cwd, root.given);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) {
      problems.push({
        file: root.given,
        location: '',
        message: root.source === 'argument' ? 'no such file or directory' : `no such directory (${root.source})`,
        fix: root.source === 'argument' ? 'Check the path; it is resolved from the current directory.' : 'Pass the folders to format as arguments, e.g. `apionly format force-app`.',
      });
      continue;
    }
    if (stat.isFile()) {
      if (!expectedTypeOf(abs)) {
        problems.push({
          file: root.given,
          location: '',
          message: 'not a Profile or PermissionSet file',
          fix: `format handles files ending in ${FORMATTABLE_SUFFIXES.map((s) => s.suffix).join(', ')}.`,
        });
        continue;
      }
      found.add(abs);
      continue;
    }
    if ((await walk(abs, found)) === 0) {
      problems.push({
        file: root.given,
        location: '',
        message: 'holds no Profile or PermissionSet files',
        fix: `format looks for files ending in ${FORMATTABLE_SUFFIXES.map((s) => s.suffix).join(', ')}; name a folder that has some.`,
      });
    }
  }
  if (problems.length) throw new InputError('NoFilesToFormat', problems);
  return [...found].sort();
}

/** Adds the matching files under `dir` to `found`; returns how many matched (duplicates included). */
async function walk(dir: string, found: Set<string>): Promise<number> {
  let count = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) count += await walk(full, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && expectedTypeOf(full)) {
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        if (!target?.isFile()) continue;
      }
      found.add(full);
      count++;
    }
  }
  return count;
}

async function defaultRoots(cwd: string): Promise<Array<{ given: string; source: string }>> {
  const projectFile = path.join(cwd, 'sfdx-project.json');
  const text = await fs.readFile(projectFile, 'utf8').catch(() => undefined);
  if (text === undefined) return [{ given: 'force-app', source: 'the default when there is no sfdx-project.json' }];
  let project: unknown;
  try {
    project = JSON.parse(text);
  } catch (err) {
    throw new InputError('BadProjectFile', [
      { file: 'sfdx-project.json', location: '', message: `not valid JSON: ${(err as Error).message}`, fix: 'Fix the JSON, or pass the folders to format as arguments.' },
    ]);
  }
  const dirs = (project as { packageDirectories?: unknown }).packageDirectories;
  const paths = Array.isArray(dirs) ? dirs.map((d) => (d as { path?: unknown }).path).filter((p): p is string => typeof p === 'string' && p !== '') : [];
  if (!paths.length) {
    throw new InputError('BadProjectFile', [
      {
        file: 'sfdx-project.json',
        location: '/packageDirectories',
        message: 'lists no package directory with a "path"',
        fix: 'Add e.g. { "path": "force-app", "default": true }, or pass the folders to format as arguments.',
      },
    ]);
  }
  return paths.map((p) => ({ given: p, source: 'a packageDirectories path in sfdx-project.json' }));
}
