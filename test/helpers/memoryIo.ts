import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/output';

/** A CliIo that keeps what commands write, for running the CLI in process. */
export interface MemoryIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
}

export function memoryIo(options: { cwd?: string; env?: NodeJS.ProcessEnv; interactive?: boolean } = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: options.env ?? {},
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'apionly-cli-cwd-')),
    interactive: options.interactive ?? false,
  };
}
