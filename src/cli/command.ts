import type { Argv } from 'yargs';
import type { CliIo, CommandOutcome } from './output';

/**
 * One CLI command. Modules under ./commands export one of these. They stay light: options here, and
 * the implementation is required lazily inside `run`, so `generate` never loads SDR or @salesforce/core.
 */
export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. 'generate' or 'format [paths..]'. */
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv;
  /** Whether the parsed args ask for --json output. */
  readonly json?: (args: A) => boolean;
  readonly run: (args: A, io: CliIo) => Promise<CommandOutcome>;
}
