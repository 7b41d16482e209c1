import type { Argv } from 'yargs';
import { UsageError } from '../../errors';
import type { CliCommand } from '../command';
import { orgFlags, toOrgOptions, type OrgArgs } from '../orgFlags';
import type { CommandOutcome } from '../output';
import type { DeployOptions, DeployReport, ResetPasswordMode } from '../../deploy/types';

interface DeployArgs extends OrgArgs {
  readonly 'dry-run': boolean;
  readonly yes: boolean;
  readonly wait: number;
  readonly 'reset-password'?: string;
  readonly json: boolean;
}

const RESET_MODES: readonly ResetPasswordMode[] = ['never', 'new', 'always'];

/** Flag rules that involve more than one flag, or a value yargs can't check (pure; throws UsageError). */
export function checkDeployArgs(args: Partial<DeployArgs>): true {
  const reset = args['reset-password'];
  if (reset !== undefined && !RESET_MODES.includes(reset as ResetPasswordMode)) {
    throw new UsageError('BadFlag', `--reset-password must be one of ${RESET_MODES.join(', ')} (got ${JSON.stringify(reset)}).`, {
      actions: ['--reset-password (= new): email a reset when the user is created or reactivated; --reset-password=always: on every run.'],
    });
  }
  if (reset !== undefined && reset !== 'never' && args['dry-run']) {
    throw new UsageError('BadFlag', "--reset-password and --dry-run don't make sense together: a dry run sends no email.", {
      actions: ['Drop --reset-password for the dry run: apionly deploy --target-org prod --dry-run'],
    });
  }
  if (args.wait !== undefined && !(Number(args.wait) > 0)) {
    throw new UsageError('BadFlag', `--wait must be a positive number of minutes (got ${String(args.wait)}).`, { actions: ['e.g. --wait 33'] });
  }
  return true;
}

/** Flags → typed options (kebab-case → camelCase). */
export function toDeployOptions(args: DeployArgs, cwd: string, interactive: boolean): DeployOptions {
  return {
    ...toOrgOptions(args, cwd),
    dryRun: args['dry-run'],
    yes: args.yes,
    waitMinutes: Number(args.wait),
    resetPassword: (args['reset-password'] ?? 'never') as ResetPasswordMode,
    interactive,
  };
}

/** `apionly deploy`: a thin shell over `deploy()` (src/deploy). */
export const deployCommand: CliCommand<DeployArgs> = {
  command: 'deploy',
  describe: 'Deploy the generated metadata to an org, then create or update the user and verify',
  builder: (y: Argv) =>
    orgFlags(y, { orgKey: true })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Validate (checkOnly deploy) and show the user plan; write nothing to the org.' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Confirm changes to a production org without a prompt (needed without a terminal, e.g. CI).' })
      .option('wait', { alias: 'w', type: 'number', default: 33, describe: 'Minutes to wait for the deploy; on timeout the deploy id and how to follow it are printed (exit 1).' })
      .option('reset-password', {
        type: 'string',
        describe:
          "Ask Salesforce to email the user a password reset: 'new' (the default when the flag is given bare) when the user is created or reactivated, 'always' on every run. No password is ever set, printed or stored.",
        coerce: (v: unknown) => (v === '' || v === true ? 'new' : v),
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape; progress goes to stderr.' })
      .check((args) => checkDeployArgs(args as unknown as Partial<DeployArgs>))
      .example('$0 deploy --target-org prod', 'Deploy, create or update the user, verify')
      .example('$0 deploy --target-org prod --dry-run', 'Validate and show the user plan; change nothing')
      .example('$0 deploy --target-org prod --yes --json', 'In CI: no prompt, machine-readable result'),
  json: (args) => args.json,
  run: async (args, io) => {
    const { deploy, renderDeployReport, scrubError, looksLikeAccessToken } = require('../../deploy') as typeof import('../../deploy');
    const progressModule = require('../../deploy/progress') as typeof import('../../deploy/progress');
    const progress = args.json ? progressModule.lineProgress(io.stderr) : progressModule.progressFor(io.stderr);
    const target = args['target-org'];
    try {
      const report = await deploy(toDeployOptions(args, io.cwd, io.interactive), { progress, env: io.env });
      return deployOutcome(report, renderDeployReport(report));
    } catch (err) {
      // deploy() scrubs already; this is the last line of defence before anything is printed.
      throw scrubError(err, target && looksLikeAccessToken(target) ? [target] : []);
    }
  },
};

/** The exit status is the report's: 0, 1 (deploy failed or timed out, a check failed), 68 (user step failed). */
export function deployOutcome(report: DeployReport, human: readonly string[]): CommandOutcome<DeployReport> {
  return { status: report.exitCode, result: report, warnings: report.warnings, human };
}
