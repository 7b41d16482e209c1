/**
 * The `check` runner: load the config, connect as the admin, build one CheckContext, run each group, and fold
 * the results into one scrubbed report whose exit code is 0 or CHECK_FAILED_EXIT_CODE. Nothing is written to the
 * org or to disk. How to add a group: ./index.ts.
 */
import { loadConfig } from '../config';
import { chooseOrgKey, coreWarnings, readOrgFacts, refuseUnknownOrgKey, withOrgSession } from '../deploy/deploy';
import { describeError, scrubData } from '../deploy/scrub';
import { connectOrg, type OrgSession } from '../deploy/targetOrg';
import { readSfdxProject } from '../io';
import { userForOrg } from '../model';
import { CHECK_GROUPS } from './groups';
import { loginWithClientCredentials } from './integrationLogin';
import type { CheckContext, CheckGroup, CheckGroupReport, CheckOptions, CheckReport, CheckResult, IntegrationLogin } from './types';

/** The exit code when at least one check failed (0 all passed; 1 and 2 stay "could not run" as for every command). */
export const CHECK_FAILED_EXIT_CODE = 5;

export interface CheckDeps {
  readonly connect: (targetOrg: string | undefined) => Promise<OrgSession>;
  readonly groups: readonly CheckGroup[];
  readonly progress: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Logs in as the integration user (tests inject a fake). */
  readonly login: typeof loginWithClientCredentials;
  /** Subscribes to @salesforce/core warnings (e.g. "Using insecure protocol"); returns the unsubscribe. */
  readonly collectCoreWarnings: (sink: (warning: string) => void) => () => void;
}

export async function check(options: CheckOptions, deps: Partial<CheckDeps> = {}): Promise<CheckReport> {
  const d: CheckDeps = {
    connect: connectOrg,
    groups: CHECK_GROUPS,
    progress: (line) => void process.stderr.write(`${line}\n`),
    env: process.env,
    login: loginWithClientCredentials,
    collectCoreWarnings: coreWarnings,
    ...deps,
  };
  const loaded = await loadConfig({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const orgKeys = Object.keys(loaded.config.orgs);
  refuseUnknownOrgKey(options.orgKey, orgKeys, loaded.path);
  const project = await readSfdxProject(loaded.projectDir);
  const warnings: string[] = [];
  return withOrgSession({ targetOrg: options.targetOrg, connect: d.connect, collectCoreWarnings: d.collectCoreWarnings, progress: d.progress, warnings }, async (admin, secrets) => {
    const org = await readOrgFacts(admin, secrets);
    const orgKey = chooseOrgKey(options, orgKeys, admin);
    const user = userForOrg(loaded.config, orgKey);
    let login: Promise<IntegrationLogin> | undefined;
    const ctx: CheckContext = {
      admin,
      org,
      config: loaded,
      orgKey,
      user,
      apiVersion: project.apiVersion,
      env: d.env,
      progress: d.progress,
      addSecret: (value) => {
        if (value && !secrets.includes(value)) secrets.push(value);
      },
      integration: () => {
        login ??= d.login({ admin, appName: loaded.config.externalClientApp?.name, apiVersion: project.apiVersion, env: d.env, addSecret: ctx.addSecret }).catch((err: unknown) => {
          const { code, message } = describeError(err, secrets);
          return { ok: false, result: { name: 'Client-credentials login', passed: false, detail: `${code}: ${message}`, fix: 'Check the org is reachable and rerun.' } };
        });
        return login;
      },
    };
    const groups: CheckGroupReport[] = [];
    for (const group of d.groups) {
      d.progress(`Checking: ${group.title}…`);
      groups.push({ id: group.id, title: group.title, results: await runGroup(group, ctx, secrets) });
    }
    const passed = groups.every((g) => g.results.every((r) => r.passed));
    const report: CheckReport = {
      passed,
      exitCode: passed ? 0 : CHECK_FAILED_EXIT_CODE,
      org,
      ...(orgKey ? { orgKey } : {}),
      integrationUser: String(user.fields['Username']),
      groups,
      warnings,
    };
    return scrubData(report, secrets);
  });
}

/** Runs one group; an exception becomes one failed result (a group must not stop the others). */
async function runGroup(group: CheckGroup, ctx: CheckContext, secrets: readonly string[]): Promise<CheckResult[]> {
  try {
    return await group.run(ctx);
  } catch (err) {
    const { code, message } = describeError(err, secrets);
    return [{ name: group.title, passed: false, detail: `could not run: ${code}: ${message}`, fix: 'Fix the cause above (org reachable, admin authorised) and rerun.' }];
  }
}
