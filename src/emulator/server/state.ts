/** The --state file: the world's JSON in a small envelope, written atomically (temp file + rename). */
import { existsSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const STATE_FORMAT = 'apionly-emulated-org-state';
export const STATE_VERSION = 1;

export class EmulatorStateError extends Error {
  constructor(
    readonly statePath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmulatorStateError';
  }
}

/** Reads a state file; undefined when it does not exist. A file that is not ours or not JSON is an error, never a reset. */
export function readState(path: string): unknown {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new EmulatorStateError(path, `Cannot read the emulated org state file ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const fix = `Fix or delete ${path} (deleting it starts a fresh org), or pass another --state file.`;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new EmulatorStateError(path, `The emulated org state file ${path} is not valid JSON (${err instanceof Error ? err.message : String(err)}). ${fix}`, {
      cause: err,
    });
  }
  const o = doc as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || o['format'] !== STATE_FORMAT) {
    throw new EmulatorStateError(path, `${path} is not an emulated org state file (no "format": "${STATE_FORMAT}"). ${fix}`);
  }
  if (o['version'] !== STATE_VERSION) {
    throw new EmulatorStateError(path, `${path} has state format version ${JSON.stringify(o['version'])}; this emulator reads version ${STATE_VERSION}. ${fix}`);
  }
  if (o['world'] === undefined) throw new EmulatorStateError(path, `${path} has no "world". ${fix}`);
  return o['world'];
}

/** Writes the state atomically: a reader sees the old file or the new one, never half of one. */
export function writeState(path: string, world: unknown): string {
  const text = `${JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, savedAt: new Date().toISOString(), world }, undefined, 2)}\n`;
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw new EmulatorStateError(path, `Cannot write the emulated org state file ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return text;
}
