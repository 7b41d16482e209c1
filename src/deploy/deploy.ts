/**
 * `deploy(options)`: committed, generated metadata → the org, then the user, then proof by reading back.
 *
 *   1. refuse stale files (the same check as `generate --check`)            → InputError, exit 2
 *   2. connect (alias, username or token), read Organization, production guard
 *   3. SDR deploy at the project's sourceApiVersion, rollbackOnError, no testLevel (checkOnly when --dry-run)
 *   4. the user: plan (pure) + one executor; permission sets; optional reset email
 *   5. the External Client App, when configured: after the user (its run-as user), policies rendered for this org
 *   6. verify: Profile flags, object and field permissions, the user (the org-state reader, no retrieve)
 *
 * Exceptions only for "cannot start" (bad input, no org, refused production); everything that happens in the
 * org comes back as a DeployReport whose exitCode the CLI uses (0, 1, 68).
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { AppError, InputError, OperationError, UsageError } from '../errors';
import { followCommand } from './messages';
import { findMissingObjects, missingObjectsError } from './missingObjects';
import type { MetadataDeployResult } from './metadataClient';
import { parseProfilePermissions, type ProfilePermissions } from './profilePermissions';
import { lineProgress, type ProgressSink } from './progress';
import { loadProject as defaultLoadProject, type LoadProjectOptions, type ProjectState } from './project';
import { describeError, looksLikeAccessToken, scrubData, scrubText } from './scrub';
import { connectOrg, type OrgSession } from './targetOrg';
import type {
  CheckResult,
  DeployOptions,
  DeployOutcomeKind,
  DeployReport,
  DeployTimings,
  MetadataDeployReport,
  OrgFacts,
  UserReport,
  UserSpec,
} from './types';
import { checkLicences } from './licenceCheck';
import { runUserStep } from './userStep';
import { runAppStep, skippedApp } from './appStep';
import type { AppReport } from './types';
import { verify, type ReadOrgState } from './verify';

export interface DeployDeps {
  readonly loadProject: (options: LoadProjectOptions) => Promise<ProjectState>;
  readonly connect: (targetOrg: string | undefined) => Promise<OrgSession>;
  /** Asks a person (production guard); only called when options.interactive is true. */
  readonly confirm: (question: string) => Promise<boolean>;
  readonly progress: ProgressSink;
  readonly env: NodeJS.ProcessEnv;
  /** Subscribes to @salesforce/core warnings (e.g. "Using insecure protocol"); returns the unsubscribe. */
  readonly collectCoreWarnings: (sink: (warning: string) => void) => () => void;
  /** The org-state reader verify uses (tests inject one); default src/orgState's. */
  readonly readOrgState?: ReadOrgState;
}

export const DEFAULT_WAIT_MINUTES = 33;

export async function deploy(options: DeployOptions, deps: Partial<DeployDeps> = {}): Promise<DeployReport> {
  const d: DeployDeps = {
    loadProject: defaultLoadProject,
    connect: connectOrg,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    confirm: async (q) => (require('./confirm') as typeof import('./confirm')).confirmOnTerminal(q),
    progress: lineProgress(process.stderr),
    env: process.env,
    collectCoreWarnings: coreWarnings,
    ...deps,
  };
  const waitMinutes = options.waitMinutes ?? DEFAULT_WAIT_MINUTES;
  if (!(waitMinutes > 0) || !Number.isFinite(waitMinutes)) {
    throw new UsageError('BadWait', `--wait must be a positive number of minutes (got ${String(options.waitMinutes)}).`, {
      actions: ['Pass e.g. --wait 33 (the Salesforce CLI default), or --wait 120 for a slow org.'],
    });
  }
  const pollFrequencyMs = options.pollFrequencyMs ?? envNumber(d.env['APIONLY_POLL_FREQUENCY_MS']);
  const dryRun = options.dryRun ?? false;

  // 1. The files: current, or refused.
  const project = await d.loadProject({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const committed = await readCommittedProfile(project, options.cwd, { fields: true });
  refuseUnknownOrgKey(options.orgKey, project.orgKeys, project.configPath);

  const warnings: string[] = [...project.warnings];
  const timings: DeployTimings = {};
  const since = (start: number): number => Math.round(performance.now() - start);
  // 2. The org.
  const connectStart = performance.now();
  const org = { targetOrg: options.targetOrg, connect: d.connect, collectCoreWarnings: d.collectCoreWarnings, progress: (line: string) => d.progress.step(line), warnings };
  return withOrgSession(org, async (session, secrets) => {
    const facts = await readOrgFacts(session, secrets);
    timings.connect = since(connectStart);
    d.progress.step(describeOrg(facts));
    await refuseMissingObjects(session, committed, relative(options.cwd, project.profilePath) || project.profilePath, facts, secrets);
    const orgKey = chooseOrgKey(options, project.orgKeys, session);
    const spec = userSpecFor(project, orgKey);
    // The command that finishes the job after a failure: this one again (a dry run reruns as a dry run).
    const rerun = [
      `npm run deploy -- --target-org ${session.displayName}`,
      ...(options.configPath ? [`--config ${quoteArg(options.configPath)}`] : []),
      ...(options.orgKey ? [`--org-key ${options.orgKey}`] : []),
      ...(dryRun ? ['--dry-run'] : []),
    ].join(' ');

    if (!dryRun && !facts.isSandbox && !options.yes) {
      const what = project.integration
      ? `permission set "${project.integration.permissionSetName}" and user ${String(spec.fields['Username'])} (Salesforce Integration licence)`
      : `profile "${spec.profileName}" and user ${String(spec.fields['Username'])}`;
      if (!options.interactive) {
        throw new UsageError('ProductionNotConfirmed', `${facts.name} (${facts.id}) is a production org and there is no terminal to confirm on, so nothing was changed.`, {
          actions: [`Confirm with --yes: ${rerun} --yes`, `Or check first what would happen: ${rerun} --dry-run`],
        });
      }
      const ok = await d.confirm(`Deploy ${what} to PRODUCTION org ${facts.name} (${facts.id})?`);
      if (!ok) {
        throw new OperationError('ProductionNotConfirmed', 'Nothing was changed: the deploy to production was not confirmed.', {
          actions: [`Rerun and answer y, or pass --yes: ${rerun} --yes`],
        });
      }
    }

    // 2b. Integration route: the licences and seats, before anything changes.
    let licences: DeployReport['licences'];
    if (project.integration) {
      d.progress.step(`Checking the ${project.integration.userLicense} licence and permission set licences…`);
      licences = await checkLicences(session.client, spec, project.integration.userLicense, { rerun, describe: (err) => describeError(err, secrets) });
      if (!licences.passed) {
        const notRun: MetadataDeployReport = { status: 'NotRun', checkOnly: dryRun, apiVersion: project.sourceApiVersion, components: [], failures: [] };
        return finish({ dryRun, org: facts, ...(orgKey ? { orgKey } : {}), deploy: notRun, licences, outcome: 'LicenseCheckFailed', exitCode: 1, checks: [], rerun, warnings, timings }, secrets);
      }
    }

    // 3. The metadata.
    const rest = /^true$/i.test(d.env['SF_ORG_METADATA_REST_DEPLOY'] ?? '');
    d.progress.step(`${dryRun ? 'Validating (checkOnly)' : 'Deploying'} ${project.metadataPaths.map((p) => relative(project.projectDir, p)).join(', ')} at API ${project.sourceApiVersion}${rest ? ' (REST)' : ''}…`);
    const packageStart = performance.now();
    let waitStart: number | undefined;
    const result = await session.metadata.deploy({
      fsPaths: project.metadataPaths,
      apiVersion: project.sourceApiVersion,
      checkOnly: dryRun,
      rest,
      waitMinutes,
      ...(pollFrequencyMs === undefined ? {} : { pollFrequencyMs }),
      onStarted: (id) => {
        timings.package = since(packageStart);
        waitStart = performance.now();
        d.progress.deployStarted(id, project.metadataPaths.length);
      },
      onUpdate: (u) => d.progress.deployUpdate(u),
    });
    if (waitStart === undefined) timings.package = since(packageStart);
    else timings.deployWait = since(waitStart);
    d.progress.deployDone(result.status);
    const deployReport = toDeployReport(result, dryRun, project.sourceApiVersion, session.displayName, project.projectDir);
    // `timings` is filled in as the later phases run; finish() copies it into the report.
    const base = { dryRun, org: facts, ...(orgKey ? { orgKey } : {}), deploy: deployReport, ...(licences ? { licences } : {}), timings };

    if (result.status !== 'Succeeded') {
      const outcome: DeployOutcomeKind = result.status === 'TimedOut' ? 'DeployTimedOut' : 'DeployFailed';
      const next = outcome === 'DeployTimedOut' ? deployReport.followCommand : rerun;
      return finish({ ...base, outcome, exitCode: 1, checks: [], ...(next ? { rerun: next } : {}), warnings }, secrets);
    }

    // 4. The user.
    d.progress.step(`${dryRun ? 'Planning' : 'Checking'} user ${String(spec.fields['Username'])}…`);
    const userStart = performance.now();
    const userStep = await runUserStep(session.client, spec, {
      dryRun,
      resetPassword: options.resetPassword ?? 'never',
      orgKey,
      rerun,
      secrets,
      ...(project.integration ? { deployedPermissionSets: [project.integration.permissionSetName] } : {}),
      log: (line) => d.progress.step(line),
    });
    timings.user = since(userStart);
    warnings.push(...userStep.warnings);
    const user: UserReport = userStep.report;
    // 5. The External Client App: only once the user exists (a dry run validates it when the user already exists).
    let app: AppReport | undefined;
    if (project.externalClientApp && user.status !== 'failed') {
      const appStart = performance.now();
      app = await runAppStep({
        metadata: session.metadata,
        app: project.externalClientApp,
        orgKey,
        apiVersion: project.sourceApiVersion,
        checkOnly: dryRun,
        userExists: user.action !== 'create',
        rest,
        waitMinutes,
        ...(pollFrequencyMs === undefined ? {} : { pollFrequencyMs }),
        projectDir: project.projectDir,
        log: (line) => d.progress.step(line),
      });
      timings.app = since(appStart);
      d.progress.step(`External Client App ${app.name}: ${app.status}`);
    } else if (project.externalClientApp) {
      app = skippedApp(project.externalClientApp, orgKey, project.sourceApiVersion, 'not deployed: the user step failed, and the app needs its run-as user; the rerun deploys it');
    }
    const withApp = app ? { app } : {};
    if (dryRun) {
      const ok = user.status !== 'failed' && app?.status !== 'failed';
      const outcome = user.status === 'failed' ? 'UserStepFailed' : ok ? 'DryRunSucceeded' : 'AppStepFailed';
      return finish({ ...base, outcome, exitCode: ok ? 0 : 1, user, ...withApp, checks: [], ...(ok ? {} : { rerun }), warnings }, secrets);
    }

    // 6. Proof.
    d.progress.step('Verifying by reading back…');
    const verifyStart = performance.now();
    const checks: CheckResult[] = await verify({
      client: session.client, spec, committed, secrets, checkUser: user.status === 'done',
      ...(project.integration ? { integration: { permissionSetName: project.integration.permissionSetName, permissionSetLicense: project.integration.permissionSetLicense } } : {}),
      ...(d.readOrgState ? { readOrgState: d.readOrgState } : {}),
    });
    timings.verify = since(verifyStart);
    if (user.status === 'failed') {
      return finish({ ...base, outcome: 'UserStepFailed', exitCode: 68, user, ...withApp, checks, rerun, warnings }, secrets);
    }
    if (app?.status === 'failed') {
      return finish({ ...base, outcome: 'AppStepFailed', exitCode: 68, user, ...withApp, checks, rerun, warnings }, secrets);
    }
    const allPassed = checks.every((c) => c.passed);
    return finish({ ...base, outcome: allPassed ? 'Succeeded' : 'VerificationFailed', exitCode: allPassed ? 0 : 1, user, ...withApp, checks, ...(allPassed ? {} : { rerun }), warnings }, secrets);
  });
}

function finish(report: DeployReport, secrets: readonly string[]): DeployReport {
  return scrubData(report, secrets);
}

export interface OrgRun<S> {
  readonly targetOrg: string | undefined;
  readonly connect: (targetOrg: string | undefined) => Promise<S>;
  /** Subscribes to @salesforce/core warnings; returns the unsubscribe. */
  readonly collectCoreWarnings: (sink: (warning: string) => void) => () => void;
  readonly progress: (line: string) => void;
  /** Where @salesforce/core's warnings go (scrubbed, each once). */
  readonly warnings: string[];
}

/**
 * How every org command (deploy, plan/status, check, discover) connects and ends: an access token given as the
 * target is a secret from the start, core warnings are collected, "Connecting to …", then the session's own secrets
 * join. `body` runs with the session and the secrets (it may add more); an error leaves it scrubbed (scrubError),
 * and the warnings subscription always ends.
 */
export async function withOrgSession<S extends { readonly secrets: readonly string[] }, T>(run: OrgRun<S>, body: (session: S, secrets: string[]) => Promise<T>): Promise<T> {
  const secrets: string[] = run.targetOrg && looksLikeAccessToken(run.targetOrg) ? [run.targetOrg] : [];
  const unsubscribe = run.collectCoreWarnings((w) => {
    const text = scrubText(w, secrets);
    if (!run.warnings.includes(text)) run.warnings.push(text);
  });
  try {
    run.progress(`Connecting to ${secrets.length ? 'the org of the access token given' : (run.targetOrg ?? 'the default target org')}…`);
    const session = await run.connect(run.targetOrg);
    secrets.push(...session.secrets);
    return await body(session, secrets);
  } catch (err) {
    throw scrubError(err, secrets);
  } finally {
    unsubscribe();
  }
}

/** Keeps AppErrors (scrubbed); anything else becomes an OperationError with a scrubbed message. */
export function scrubError(err: unknown, secrets: readonly string[]): AppError {
  if (err instanceof AppError) {
    err.message = scrubText(err.message, secrets);
    if (err.stack) err.stack = scrubText(err.stack, secrets);
    return err;
  }
  const { code, message } = describeError(err, secrets);
  return new OperationError(code === 'Error' ? 'DeployError' : code, message);
}

export async function readCommittedProfile(project: ProjectState, cwd: string, options: { readonly fields?: boolean } = {}): Promise<ProfilePermissions> {
  const shown = relative(cwd, project.profilePath) || project.profilePath;
  try {
    return parseProfilePermissions(await readFile(project.profilePath, 'utf8'), options);
  } catch (err) {
    throw new InputError('BadProfileFile', [{ file: shown, location: '', message: `cannot read the generated ${project.integration ? 'permission set' : 'profile'}: ${(err as Error).message}`, fix: 'Run `npm run generate` and commit the result.' }]);
  }
}

const ORG_QUERY = 'SELECT Id, Name, IsSandbox, OrganizationType, InstanceName FROM Organization';

/** Refuses (exit 2) when the org lacks objects the committed profile names; nothing has been sent yet. */
async function refuseMissingObjects(session: OrgSession, committed: ProfilePermissions, profileFile: string, facts: OrgFacts, secrets: readonly string[]): Promise<void> {
  let missing: string[];
  try {
    missing = await findMissingObjects(session.reader, [...committed.objects.keys()]);
  } catch (err) {
    const { code, message } = describeError(err, secrets);
    throw new OperationError('OrgUnreadable', `Could not read which objects the org has at ${session.instanceUrl} (${code}): ${message}`, {
      actions: ['Nothing was deployed. Check that the deploying user has View Setup and Configuration, and rerun.'],
    });
  }
  if (missing.length) throw missingObjectsError(missing, profileFile, facts.name);
}

export async function readOrgFacts(session: OrgSession, secrets: readonly string[]): Promise<OrgFacts> {
  let row: Readonly<Record<string, unknown>> | undefined;
  try {
    row = (await session.client.query(ORG_QUERY))[0];
  } catch (err) {
    const { code, message } = describeError(err, secrets);
    throw new OperationError('OrgUnreadable', `Could not read the org's Organization record at ${session.instanceUrl} (${code}): ${message}`, {
      actions: ['Check that the authorisation is valid (`sf org display --target-org <alias>`) and the user has API access.'],
    });
  }
  if (!row) throw new OperationError('OrgUnreadable', 'The org returned no Organization record.');
  return {
    id: String(row['Id'] ?? ''),
    name: String(row['Name'] ?? ''),
    edition: String(row['OrganizationType'] ?? ''),
    isSandbox: row['IsSandbox'] === true,
    instanceUrl: session.instanceUrl,
    target: session.displayName,
    username: session.username ?? '<access token user>',
  };
}

export function describeOrg(facts: OrgFacts): string {
  return `Org: ${facts.name} (${facts.id}), ${facts.edition}, ${facts.isSandbox ? 'sandbox' : 'PRODUCTION'}, ${facts.instanceUrl}, as ${facts.username}`;
}

/**
 * Which `orgs.<key>` of the config applies: --org-key; else --target-org as typed; else an alias of the org's
 * user; else its username. A key not in the config means the base user applies.
 */
/** --org-key must name an "orgs" entry of the config (deploy, plan/status, check): a misspelt key never falls back to the base user. */
export function refuseUnknownOrgKey(orgKey: string | undefined, orgKeys: readonly string[], configPath: string): void {
  if (orgKey === undefined || orgKeys.includes(orgKey)) return;
  throw new UsageError('UnknownOrgKey', `--org-key ${orgKey} is not a key of "orgs" in ${configPath} (has: ${orgKeys.join(', ') || 'none'}).`, {
    actions: [`Add "orgs": { "${orgKey}": { "user": { "Username": "…" } } } to the config, or pass one of its keys, or leave --org-key out to use the base user.`],
  });
}

/** The user the config gives for that org; a config the model refuses is bad input on the user's entry. */
export function userSpecFor(project: Pick<ProjectState, 'userFor' | 'configPath'>, orgKey: string | undefined): UserSpec {
  try {
    return project.userFor(orgKey);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new InputError('BadUserConfig', [{ file: project.configPath, location: orgKey ? `/orgs/${orgKey}/user` : '/user', message: (err as Error).message }]);
  }
}

export function chooseOrgKey(
  options: Pick<DeployOptions, 'orgKey' | 'targetOrg'>,
  orgKeys: readonly string[],
  session: Pick<OrgSession, 'aliases' | 'username'>,
): string | undefined {
  if (options.orgKey !== undefined) return options.orgKey;
  const candidates = [
    ...(options.targetOrg && !looksLikeAccessToken(options.targetOrg) ? [options.targetOrg] : []),
    ...session.aliases,
    ...(session.username ? [session.username] : []),
  ];
  return candidates.find((c) => orgKeys.includes(c));
}

function toDeployReport(result: MetadataDeployResult, checkOnly: boolean, apiVersion: string, target: string, projectDir: string): MetadataDeployReport {
  const rel = (p: string | undefined): string | undefined => (p ? relative(projectDir, p) || p : undefined);
  return {
    ...(result.id ? { id: result.id } : {}),
    status: result.status,
    checkOnly,
    apiVersion,
    components: result.components.map((c) => ({ ...c, ...(c.filePath ? { filePath: rel(c.filePath) as string } : {}) })),
    failures: result.failures.map((f) => ({ ...f, ...(f.filePath ? { filePath: rel(f.filePath) as string } : {}) })),
    ...(result.error ? { error: result.error } : {}),
    // A deploy the org accepted but whose end we did not see (--wait ran out, or checking on it failed) can be followed.
    ...(result.id && (result.status === 'TimedOut' || result.status === 'Error') ? { followCommand: followCommand(result.id, target) } : {}),
  };
}

/** Quotes a shell argument when it needs it (for the commands we print). */
function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

export function envNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

let warningSink: ((w: string) => void) | undefined;
let warningListenerInstalled = false;

/** Routes @salesforce/core's Lifecycle warnings into the report (instead of node's process warnings on stderr). */
export function coreWarnings(sink: (warning: string) => void): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Lifecycle } = require('@salesforce/core') as typeof import('@salesforce/core');
  warningSink = sink;
  if (!warningListenerInstalled) {
    warningListenerInstalled = true;
    Lifecycle.getInstance().onWarning(async (w) => {
      warningSink?.(w);
    });
  }
  return () => {
    if (warningSink === sink) warningSink = undefined;
  };
}
