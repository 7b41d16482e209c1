import type { Argv } from 'yargs';
import type { CliCommand } from '../command';
import { orgFlags, toOrgOptions, type OrgArgs } from '../orgFlags';
import type { CommandOutcome } from '../output';
import type { CheckOptions, CheckReport } from '../../check/types';

interface CheckArgs extends OrgArgs {
  readonly json: boolean;
}

/** Flags → typed options (kebab-case → camelCase). */
export function toCheckOptions(args: CheckArgs, cwd: string): CheckOptions {
  return toOrgOptions(args, cwd);
}

/** `apionly check`: a thin shell over `check()` (src/check). Exit 0 all passed, 5 a check failed (with its fix). */
export const checkCommand: CliCommand<CheckArgs> = {
  command: 'check',
  describe: 'Prove the hand-over works: the app and user as the admin sees them, then a client-credentials login as the integration user that reads each granted object and subscribes to the streaming channels it uses (writes nothing)',
  builder: (y: Argv) =>
    orgFlags(y, { whose: "An admin's", orgKey: true })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape; progress goes to stderr.' })
      .example('$0 check --target-org prod', 'Check as the admin, then log in as the integration user (credentials fetched through the API)')
      .example('APIONLY_CLIENT_ID=… APIONLY_CLIENT_SECRET=… $0 check --target-org prod --json', 'With the consumer key and secret from the environment; exit 5 when a check fails'),
  json: (args) => args.json,
  run: async (args, io) => {
    const { check, renderCheckReport } = require('../../check') as typeof import('../../check');
    const report = await check(toCheckOptions(args, io.cwd), { env: io.env, progress: (line) => void io.stderr.write(`${line}\n`) });
    return checkOutcome(report, renderCheckReport(report));
  },
};

export function checkOutcome(report: CheckReport, human: readonly string[]): CommandOutcome<CheckReport> {
  return { status: report.exitCode, result: report, warnings: report.warnings, human };
}
