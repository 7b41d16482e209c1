import { AppError } from '../errors';

/** Where a command writes. Injected so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Whether a person can answer a prompt (stdin and stderr are terminals). */
  readonly interactive: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  };
}

/** What a command hands back to the CLI layer: the exit status, the --json result, and the human lines. */
export interface CommandOutcome<R = unknown> {
  readonly status: number;
  readonly result: R;
  readonly warnings: readonly string[];
  /** Lines for people, printed on stdout when not --json. */
  readonly human: readonly string[];
}

/** The Salesforce CLI's --json envelope for success (and for a failure that has a result, like a partial deploy). */
export function jsonSuccess(outcome: CommandOutcome): string {
  return `${JSON.stringify({ status: outcome.status, result: outcome.result, warnings: outcome.warnings }, undefined, 2)}\n`;
}

/** The Salesforce CLI's --json envelope for an error. */
export function jsonError(err: AppError, warnings: readonly string[] = []): string {
  const body = {
    name: err.code,
    message: err.message,
    exitCode: err.exitCode,
    status: err.exitCode,
    code: err.code,
    actions: err.actions,
    data: err.data,
    warnings,
  };
  return `${JSON.stringify(body, undefined, 2)}\n`;
}

/** An error as people read it: "Error (Code): message" then "Try this:" lines. */
export function humanError(err: AppError): string {
  const actions = err.actions.length ? `\n\nTry this:\n${err.actions.map((a) => `  ${a}`).join('\n')}` : '';
  return `Error (${err.code}): ${err.message}${actions}\n`;
}
