import type { Argv } from 'yargs';
import type { CliCommand } from '../command';
import type { CommandOutcome, CliIo } from '../output';

interface GenerateArgs {
  readonly config?: string;
  readonly check?: boolean;
  readonly json?: boolean;
}

const VERB: Readonly<Record<string, string>> = { written: 'wrote', unchanged: 'unchanged', stale: 'stale', missing: 'missing' };

/** `apionly generate [--config F] [--check] [--json]`: flags -> GenerateOptions -> generate(). */
export const generateCommand: CliCommand<GenerateArgs> = {
  command: 'generate',
  describe: 'Render the Profile XML and the user definition from apionly.config.json and templates/',
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', describe: 'Config file (default: apionly.config.json in the current folder); its folder is the project root' })
      .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 listing each stale or missing file (for CI)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape' })
      .example('$0 generate', 'write force-app/main/default/profiles/API Only.profile-meta.xml and config/users/*.user-def.json')
      .example('$0 generate --check', 'fail when the committed files are not what the config generates'),
  run: async (args: GenerateArgs, io: CliIo): Promise<CommandOutcome> => {
    const { generate } = require('../../generate') as typeof import('../../generate');
    const result = await generate({ cwd: io.cwd, check: Boolean(args.check), ...(args.config === undefined ? {} : { configPath: args.config }) });
    const outdated = result.files.filter((f) => f.status === 'stale' || f.status === 'missing');
    const status = args.check && outdated.length ? 1 : 0;
    const human: string[] = [];
    if (args.check) {
      if (outdated.length) {
        human.push(`${outdated.length} generated file${outdated.length === 1 ? ' is' : 's are'} out of date:`);
        for (const f of outdated) human.push(`  ${f.status}: ${f.path}`);
        human.push('Run `apionly generate` (npm run generate) and commit the result.');
      } else human.push(`All ${result.files.length} generated files are up to date.`);
    } else {
      for (const f of result.files) human.push(`${VERB[f.status] ?? f.status} ${f.path}`);
      const written = result.files.filter((f) => f.status === 'written').length;
      human.push(written ? `${written} file${written === 1 ? '' : 's'} written, ${result.files.length - written} unchanged.` : 'Nothing to write: every file is up to date.');
    }
    return { status, result, warnings: result.warnings, human };
  },
};
