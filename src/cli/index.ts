import yargs from 'yargs';
import type { Argv } from 'yargs';
import { AppError, InternalError, UsageError } from '../errors';
import type { CliCommand } from './command';
import { CliIo, humanError, jsonError, jsonSuccess, processIo } from './output';

/** Each command module is loaded only when its command runs. */
const COMMANDS: ReadonlyArray<{ name: string; load: () => CliCommand<any> }> = [
  { name: 'generate', load: () => require('./commands/generate').generateCommand },
  { name: 'format', load: () => require('./commands/format').formatCommand },
  { name: 'deploy', load: () => require('./commands/deploy').deployCommand },
  { name: 'org', load: () => require('./commands/org').orgCommand },
  { name: 'discover', load: () => require('./commands/discover').discoverCommand },
  { name: 'check', load: () => require('./commands/check').checkCommand },
  { name: 'plan', load: () => require('./commands/plan').planCommand },
  { name: 'status', load: () => require('./commands/plan').statusCommand },
];

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(message, { cause: err });
}

/** Runs the CLI with injectable argv and io; resolves to the exit code. Only `main` touches the process. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  let wantsJson = argv.includes('--json');
  const commandName = argv.find((a) => !a.startsWith('-'));
  const entry = COMMANDS.find((c) => c.name === commandName);
  if (commandName !== undefined && !entry) {
    const err = new UsageError('UnknownCommand', `Unknown command "${commandName}".`, {
      actions: [`Use one of: ${COMMANDS.map((c) => c.name).join(', ')} (\`apionly --help\` lists them).`],
    });
    io[wantsJson ? 'stdout' : 'stderr'].write(wantsJson ? jsonError(err) : humanError(err));
    return err.exitCode;
  }

  let parser: Argv = yargs([...argv])
    .scriptName('apionly')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, `Name a command: ${COMMANDS.map((c) => c.name).join(', ')}.`)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError('BadUsage', msg, { actions: ['Run `apionly --help` or `apionly <command> --help` for the options.'] });
    });

  // Only the command being run is loaded (its options are needed for parsing and --help); with no command
  // (`apionly`, `apionly --help`) every command module is loaded to list them. The modules are light: each requires
  // its implementation inside `run`.
  for (const cmd of (entry ? [entry] : COMMANDS).map((c) => c.load())) {
    parser = parser.command(cmd.command, cmd.describe, cmd.builder, async (args) => {
      wantsJson = cmd.json ? cmd.json(args as never) : Boolean((args as { json?: unknown }).json);
      const outcome = await cmd.run(args as never, io);
      exitCode = outcome.status;
      if (wantsJson) io.stdout.write(jsonSuccess(outcome));
      else if (outcome.human.length) io.stdout.write(`${outcome.human.join('\n')}\n`);
      if (!wantsJson) for (const w of outcome.warnings) io.stderr.write(`Warning: ${w}\n`);
    });
  }

  try {
    await parser.parseAsync();
  } catch (err) {
    const appErr = toAppError(err);
    exitCode = appErr.exitCode;
    if (wantsJson) io.stdout.write(jsonError(appErr));
    else io.stderr.write(humanError(appErr));
    if (appErr instanceof InternalError && io.env['APIONLY_DEBUG'] && err instanceof Error) io.stderr.write(`${err.stack}\n`);
  }
  return exitCode;
}

/** Entry point of bin/apionly.js. */
export function main(argv: readonly string[]): void {
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`apionly: unexpected failure: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
