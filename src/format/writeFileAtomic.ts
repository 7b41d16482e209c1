import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces `file` with `content` atomically: writes a temporary file in the same directory (same file system), then
 * renames it over the original, so a reader never sees a half-written file. Keeps the original file's mode.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = await fs.stat(file).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  try {
    await fs.writeFile(tmp, content, mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
