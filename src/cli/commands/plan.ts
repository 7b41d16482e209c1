import type { Argv } from 'yargs';
import { UsageError } from '../../errors';
import type { CliCommand } from '../command';
import { orgFlags, toOrgOptions, type OrgArgs } from '../orgFlags';
import type { CliIo, CommandOutcome } from '../output';
import type { PlanOptions } from '../../plan/types';

export interface ReadArgs extends OrgArgs {
  readonly markdown: boolean;
  readonly json: boolean;
}

/** --markdown and --json both claim stdout. */
export function checkReadArgs(args: Partial<ReadArgs>, name: string): true {
  if (args.markdown && args.json) {
    throw new UsageError('BadFlag', "--markdown and --json don't make sense together: both are the whole of stdout.", {
      actions: [`For a pull-request comment: apionly ${name} --target-org prod --markdown > comment.md; for scripts: --json.`],
    });
  }
  return true;
}

export function readOptions(y: Argv, name: string): Argv {
  return orgFlags(y, { orgKey: true })
    .option('markdown', { type: 'boolean', default: false, describe: 'Print Markdown for a pull-request comment (summary table + collapsible details).' })
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape.' })
    .check((args) => checkReadArgs(args as unknown as Partial<ReadArgs>, name));
}

export function toPlanOptions(args: ReadArgs, cwd: string): PlanOptions {
  return toOrgOptions(args, cwd);
}

function progressTo(io: CliIo): (line: string) => void {
  return (line) => void io.stderr.write(`${line}\n`);
}

/** `apionly plan`: what deploy would change (exit 0 none, 3 changes pending). */
export const planCommand: CliCommand<ReadArgs> = {
  command: 'plan',
  describe: 'Show what deploy would change in an org (objects, fields, user permissions, the user), without deploying or retrieving',
  builder: (y: Argv) =>
    readOptions(y, 'plan')
      .example('$0 plan --target-org prod', 'What a deploy would change; exit 3 when something would')
      .example('$0 plan --target-org prod --markdown > plan.md', 'A pull-request comment'),
  json: (args) => args.json,
  run: async (args, io): Promise<CommandOutcome> => {
    const { plan, renderPlan, renderPlanMarkdown } = require('../../plan') as typeof import('../../plan');
    const report = await plan(toPlanOptions(args, io.cwd), { progress: progressTo(io) });
    return { status: report.exitCode, result: report, warnings: report.warnings, human: args.markdown ? renderPlanMarkdown(report) : renderPlan(report) };
  },
};

/** `apionly status`: is the integration user still what the files say (exit 0 healthy, 4 drift). */
export const statusCommand: CliCommand<ReadArgs> = {
  command: 'status',
  describe: 'Check the integration user in an org: active, not frozen or locked, on its profile, no permission lowered, no powerful permission the config does not grant',
  builder: (y: Argv) =>
    readOptions(y, 'status')
      .example('$0 status --target-org prod', 'Exit 0 when healthy, 4 on drift (each finding says what to do)')
      .example('$0 status --target-org prod --json', 'For a scheduled job'),
  json: (args) => args.json,
  run: async (args, io): Promise<CommandOutcome> => {
    const { status, renderStatus, renderStatusMarkdown } = require('../../plan') as typeof import('../../plan');
    const report = await status(toPlanOptions(args, io.cwd), { progress: progressTo(io) });
    return { status: report.exitCode, result: report, warnings: report.warnings, human: args.markdown ? renderStatusMarkdown(report) : renderStatus(report) };
  },
};
