import type { Argv } from 'yargs';
import type { CliCommand } from '../command';
import { orgFlags, toOrgOptions, type OrgArgs } from '../orgFlags';
import type { CommandOutcome } from '../output';
import type { DiscoverOptions, DiscoverResult } from '../../discover';

interface DiscoverArgs extends OrgArgs {
  readonly check: boolean;
  readonly json: boolean;
}

/** Flags -> typed options (kebab-case -> camelCase). */
export function toDiscoverOptions(args: DiscoverArgs, cwd: string): DiscoverOptions {
  return { ...toOrgOptions(args, cwd), check: args.check };
}

const LIMIT = 50;

/** The human lines: what was read, what changed (at most 50 names per list), the file's status. */
export function renderDiscoverResult(r: DiscoverResult, check: boolean): string[] {
  const lines = [
    `Org ${r.org.id}${r.org.target.startsWith('<') ? '' : ` (${r.org.target})`}: ${r.org.edition}, ${r.org.sandbox ? 'sandbox' : 'production'}, API ${r.org.apiVersion}.`,
    `${r.counts.objectPermissionObjects} objects take object permissions, ${r.counts.objects - r.counts.objectPermissionObjects} take field permissions only; ` +
      `${r.counts.fields} fields take field permissions; ${r.counts.userPermissions} user permissions (${r.counts.referenceProfilePermissions} enabled on the reference profile).`,
  ];
  const diff = r.diff;
  if (diff) {
    const list = (title: string, names: readonly string[]): void => {
      if (!names.length) return;
      lines.push(`${title} (${names.length}):`);
      for (const n of names.slice(0, LIMIT)) lines.push(`  ${n}`);
      if (names.length > LIMIT) lines.push(`  … and ${names.length - LIMIT} more (--json lists all)`);
    };
    list('objects added', diff.objectsAdded);
    list('objects removed', diff.objectsRemoved);
    list('fields added', diff.fieldsAdded);
    list('fields removed', diff.fieldsRemoved);
    list('fields changed', diff.fieldsChanged);
    list('user permissions added', diff.userPermissionsAdded);
    list('user permissions removed', diff.userPermissionsRemoved);
    list('reference profile permissions added', diff.referencePermissionsAdded);
    list('reference profile permissions removed', diff.referencePermissionsRemoved);
    list('also changed', diff.other);
  }
  if (check) {
    if (r.status === 'unchanged') lines.push(`${r.path} is up to date with the org.`);
    else if (r.status === 'missing') lines.push(`${r.path} is missing: run \`npm run discover -- --target-org ${r.org.target}\` and commit it.`);
    else lines.push(`The org changed since ${r.path} was written: run \`npm run discover -- --target-org ${r.org.target}\`, then \`npm run generate\`, and commit both.`);
  } else if (r.status === 'written') {
    lines.push(`wrote ${r.path}. Next: \`npm run generate\`, review the pull request, then deploy.`);
  } else lines.push(`unchanged ${r.path}: the org is as the committed catalogue says.`);
  return lines;
}

/** `apionly discover --target-org ORG [--check] [--json]`: a thin shell over `discover()` (src/discover). */
export const discoverCommand: CliCommand<DiscoverArgs> = {
  command: 'discover',
  describe: "Read the org's permissionable objects and fields, user permissions, licences and features into the committed catalogue",
  builder: (y: Argv) =>
    orgFlags(y, { configNote: 'its catalogue.path names the catalogue file', orgKey: false })
      .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 listing objects, fields and permissions added or removed since the committed catalogue.' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object in the Salesforce CLI shape; progress goes to stderr.' })
      .example('$0 discover --target-org prod', 'Write apionly.catalogue.json from the org')
      .example('$0 discover --target-org prod --check', 'In CI: fail when the org changed since the committed catalogue'),
  json: (args) => args.json,
  run: async (args, io) => {
    const { discover } = require('../../discover') as typeof import('../../discover');
    const { scrubError, looksLikeAccessToken } = require('../../deploy') as typeof import('../../deploy');
    const progressModule = require('../../deploy/progress') as typeof import('../../deploy/progress');
    const progress = args.json ? progressModule.lineProgress(io.stderr) : progressModule.progressFor(io.stderr);
    const count = progressModule.countProgressFor(args.json ? { write: (t: string) => io.stderr.write(t) } : io.stderr, 'Describing objects');
    const target = args['target-org'];
    try {
      const result = await discover(toDiscoverOptions(args, io.cwd), { progress, count });
      const status = args.check && result.status !== 'unchanged' ? 1 : 0;
      return { status, result, warnings: result.warnings, human: renderDiscoverResult(result, args.check) } satisfies CommandOutcome<DiscoverResult>;
    } catch (err) {
      throw scrubError(err, target && looksLikeAccessToken(target) ? [target] : []);
    }
  },
};
