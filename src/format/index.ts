import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError, OperationError, type InputProblem } from '../errors';
import { writeFileAtomic } from '../io/writeFiles';
import { parseMetadataXml, renderMetadataXml } from '../xml';
import { collectFiles, expectedTypeOf } from './collectFiles';

export { collectFiles, expectedTypeOf, FORMATTABLE_SUFFIXES } from './collectFiles';

/** Strict decoder: a file that is not valid UTF-8 is refused rather than silently damaged. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface FormatOptions {
  /** Files or directories, relative to `cwd`. Empty: the sfdx-project.json package directories (or `force-app`). */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Write nothing; report which files would change. */
  readonly check: boolean;
}

export interface FormatFileResult {
  /** Path as shown to people: relative to cwd when inside it, with `/` separators. */
  readonly path: string;
  readonly absolutePath: string;
  /** `changed`: rewritten (or, with check, would be rewritten); `unchanged`: already canonical, left byte-identical. */
  readonly status: 'changed' | 'unchanged';
}

export interface FormatResult {
  readonly check: boolean;
  readonly files: readonly FormatFileResult[];
  /** Display paths of the files that changed (or would change). */
  readonly changed: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Rewrites Profile and PermissionSet files into Salesforce's canonical bytes.
 * All files are read and formatted in memory first; if any file is malformed (or its root does not match its name),
 * one InputError lists every such file with line and column, and NO file is written. Otherwise only files whose bytes
 * change are written, each atomically. A file already canonical is never touched.
 */
export async function formatFiles(options: FormatOptions): Promise<FormatResult> {
  const files = await collectFiles(options.paths, options.cwd);
  const plans: Array<{ file: string; display: string; before: string; after: string }> = [];
  const problems: InputProblem[] = [];
  const codes = new Set<string>();
  for (const file of files) {
    const display = displayPath(file, options.cwd);
    let before: string;
    try {
      before = UTF8.decode(await fs.readFile(file));
    } catch (err) {
      const notUtf8 = (err as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
      problems.push({
        file: display,
        location: '',
        message: notUtf8 ? 'is not UTF-8 text' : `cannot be read: ${(err as Error).message}`,
        ...(notUtf8 ? { fix: 'Metadata files are UTF-8: convert the file (e.g. `iconv -f latin1 -t utf-8`).' } : {}),
      });
      codes.add('UnreadableFile');
      continue;
    }
    try {
      plans.push({ file, display, before, after: formatText(before, display) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
      codes.add(err.code);
    }
  }
  if (problems.length) {
    const code = codes.size === 1 ? [...codes][0] ?? 'InvalidMetadataFiles' : 'InvalidMetadataFiles';
    throw new InputError(code, problems, {
      actions: ['Fix the files listed above, then run the command again. No file was written.'],
    });
  }

  const results: FormatFileResult[] = [];
  const written: string[] = [];
  for (const plan of plans) {
    const changed = plan.after !== plan.before;
    if (changed && !options.check) {
      try {
        await writeFileAtomic(plan.file, plan.after);
      } catch (err) {
        throw new OperationError('WriteFailed', `Could not write ${plan.display}: ${(err as Error).message}`, {
          cause: err,
          actions: [
            written.length ? `These files were already rewritten: ${written.join(', ')}.` : 'No file was rewritten.',
            'Check the file permissions and free disk space, then run the command again.',
          ],
        });
      }
      written.push(plan.display);
    }
    results.push({ path: plan.display, absolutePath: plan.file, status: changed ? 'changed' : 'unchanged' });
  }
  return {
    check: options.check,
    files: results,
    changed: results.filter((r) => r.status === 'changed').map((r) => r.path),
    warnings: [],
  };
}

/**
 * The pure step: canonical bytes of one file's text. `file` names the file in errors and decides which root element
 * the file must have (`X.profile-meta.xml` holds a Profile, `X.permissionset-meta.xml` a PermissionSet).
 */
export function formatText(text: string, file: string): string {
  const doc = parseMetadataXml(text, file);
  const expected = expectedTypeOf(file);
  if (expected !== undefined && doc.type !== expected) {
    throw new InputError('WrongRootElement', [
      {
        file,
        location: `<${doc.type}>`,
        message: `the root element is <${doc.type}>, but the file name says it holds a ${expected}`,
        fix: `Make the root element <${expected} xmlns="http://soap.sforce.com/2006/04/metadata">, or rename the file.`,
      },
    ]);
  }
  return renderMetadataXml(doc);
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

