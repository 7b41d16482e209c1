import type { Argv } from 'yargs';

/** The flags of every command that reads or changes an org (deploy, plan, status, check, discover). */
export interface OrgArgs {
  readonly 'target-org'?: string;
  readonly config?: string;
  readonly 'org-key'?: string;
}

export interface OrgFlagOptions {
  readonly cwd: string;
  readonly configPath?: string;
  readonly targetOrg?: string;
  readonly orgKey?: string;
}

export interface OrgFlagsOf {
  /** Whose org the target is, when not just "the org" (check: "An admin's"). */
  readonly whose?: string;
  /** Appended to --config's description. */
  readonly configNote?: string;
  /** Whether the command takes --org-key (the config's "orgs" entry); discover does not. */
  readonly orgKey: boolean;
}

/** --target-org (-o), --config and (when asked) --org-key, described once for every command. */
export function orgFlags(y: Argv, of: OrgFlagsOf): Argv {
  const out = y
    .option('target-org', {
      alias: 'o',
      type: 'string',
      describe:
        `${of.whose ? `${of.whose} org alias` : 'Org alias'}, username, or access token (with SF_ORG_INSTANCE_URL), as the Salesforce CLI accepts. ` +
        "Default: the CLI's target-org (sf config set target-org …).",
    })
    .option('config', { type: 'string', describe: `Path of apionly.config.json (default: ./apionly.config.json)${of.configNote ? `; ${of.configNote}` : ''}.` });
  return of.orgKey
    ? out.option('org-key', {
        type: 'string',
        describe: 'Which "orgs" entry of the config applies (default: --target-org as typed, else an alias of the org\'s user).',
      })
    : out;
}

/** The shared flags -> typed options (kebab-case -> camelCase; a flag not given is left out). */
export function toOrgOptions(args: OrgArgs, cwd: string): OrgFlagOptions {
  return {
    cwd,
    ...(args.config === undefined ? {} : { configPath: args.config }),
    ...(args['target-org'] === undefined ? {} : { targetOrg: args['target-org'] }),
    ...(args['org-key'] === undefined ? {} : { orgKey: args['org-key'] }),
  };
}
