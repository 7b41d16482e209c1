import type { Argv } from 'yargs';
import type { CliCommand } from '../command';
import type { CommandOutcome } from '../output';
import type { FormatResult } from '../../format';

interface FormatArgs {
  readonly paths?: readonly string[];
  readonly check: boolean;
  readonly json: boolean;
}

/** `apionly format [paths..] [--check] [--json]`: a thin shell over `formatFiles` (src/format). */
export const formatCommand: CliCommand<FormatArgs> = {
  command: 'format [paths..]',
  describe: "Rewrite Profile and PermissionSet files into Salesforce's canonical bytes",
  builder: (y: Argv) =>
    y
      .positional('paths', {
        type: 'string',
        array: true,
        describe:
          'Files or folders to format (*.profile-meta.xml, *.profile, *.permissionset-meta.xml, *.permissionset). ' +
          'Default: the packageDirectories of sfdx-project.json, or force-app.',
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; list the files that are not canonical and exit 1 if there are any (for CI).',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape.' })
      .example('$0 format', 'Format every profile and permission set in the project')
      .example('$0 format --check', 'Fail (exit 1) when a file is not in canonical form')
      .example('$0 format force-app/main/default/profiles', 'Format the files in one folder (or name files)'),
  json: (args) => args.json,
  run: async (args, io) => {
    const { formatFiles } = require('../../format') as typeof import('../../format');
    const result = await formatFiles({ paths: [...(args.paths ?? [])], cwd: io.cwd, check: args.check });
    return formatOutcome(result);
  },
};

/** Exit status and human lines for a format result: --check with files to change exits 1. */
export function formatOutcome(result: FormatResult): CommandOutcome<FormatResult> {
  const total = result.files.length;
  const changed = result.changed;
  const files = (n: number): string => (n === 1 ? '1 file' : `${n} files`);
  const human: string[] = [];
  if (result.check) {
    if (changed.length) {
      human.push(`${files(changed.length)} of ${total} not in canonical form:`);
      for (const p of changed) human.push(`  ${p}`);
      human.push('Run `apionly format` to rewrite them.');
    } else {
      human.push(`All ${files(total)} in canonical form.`);
    }
  } else if (changed.length) {
    for (const p of changed) human.push(`rewrote ${p}`);
    human.push(`Formatted ${files(changed.length)}; ${total - changed.length} already canonical.`);
  } else {
    human.push(`All ${files(total)} already in canonical form; nothing rewritten.`);
  }
  return { status: result.check && changed.length ? 1 : 0, result, warnings: result.warnings, human };
}
