/**
 * The External Client App step of `deploy`, after the user step (the run-as user must exist first; oauth-eca.md §1):
 * the app, its OAuth settings and global OAuth settings as committed, and its OAuth policies rendered for the target
 * org (clientCredentialsFlowUser = this org's username) into a temporary folder, all in one deploy, so the policies
 * ship in the app's first deploy and a rerun deploys the same names again. No consumer key or secret is sent, read or
 * printed: the report says where the admin finds them.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { MetadataClient } from './metadataClient';
import type { ExternalClientAppFiles } from './project';
import type { AppReport, MetadataDeployReport } from './types';

export interface AppStepInput {
  readonly metadata: MetadataClient;
  readonly app: ExternalClientAppFiles;
  readonly orgKey: string | undefined;
  readonly apiVersion: string;
  /** checkOnly (dry run). */
  readonly checkOnly: boolean;
  /** In a dry run, whether the run-as user already exists (otherwise the org would refuse the policies). */
  readonly userExists: boolean;
  readonly rest: boolean;
  readonly waitMinutes: number;
  readonly pollFrequencyMs?: number;
  readonly projectDir: string;
  readonly log: (line: string) => void;
}

/** Where the admin finds the consumer key and secret (oauth-eca.md §2 "Getting the key and secret after deploy"). */
export function credentialsHelp(app: { readonly name: string; readonly label: string }, apiVersion: string): string[] {
  return [
    `Consumer key and secret of ${app.label}: Setup > External Client App Manager > ${app.label} > Settings > OAuth Settings > Consumer Key and Secret (Salesforce verifies your identity first).`,
    `Or through the Connect REST API (v60+): GET /services/data/v${apiVersion}/apps/oauth/usage (appId of ${app.name}; listed once the app has OAuth usage), GET …/apps/oauth/credentials/{appId} (consumer id), GET …/apps/oauth/credentials/{appId}/{consumerId}?part=keyandsecret; needs "Allow access to External Client App consumer secrets via REST API" and the "View Client Secret" permission.`,
    'Hand them to the vendor over a secret channel (never email, never the repository). Then prove the hand-over: npm run check -- --target-org <org> with APIONLY_CLIENT_ID and APIONLY_CLIENT_SECRET set.',
  ];
}

/** The report of an app step that did not run (the user step failed before it). */
export function skippedApp(app: ExternalClientAppFiles, orgKey: string | undefined, apiVersion: string, detail: string): AppReport {
  return { name: app.name, label: app.label, runAsUsername: runAsOf(app.policiesFor(orgKey).content), status: 'skipped', detail, credentials: credentialsHelp(app, apiVersion) };
}

function runAsOf(policiesXml: string): string {
  return /<clientCredentialsFlowUser>([^<]*)</.exec(policiesXml)?.[1] ?? '';
}

export async function runAppStep(input: AppStepInput): Promise<AppReport> {
  const policies = input.app.policiesFor(input.orgKey);
  const runAsUsername = runAsOf(policies.content);
  const base = { name: input.app.name, label: input.app.label, runAsUsername, credentials: credentialsHelp(input.app, input.apiVersion) };
  if (input.checkOnly && !input.userExists) {
    return { ...base, status: 'skipped', detail: `not validated: the run-as user ${runAsUsername} does not exist yet, and the org refuses policies naming a missing user; the real deploy creates the user first, then deploys the app` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'apionly-eca-'));
  try {
    const policiesPath = join(dir, policies.path);
    await mkdir(dirname(policiesPath), { recursive: true });
    await writeFile(policiesPath, policies.content, 'utf8');
    input.log(`${input.checkOnly ? 'Validating (checkOnly)' : 'Deploying'} External Client App ${input.app.name}, run as ${runAsUsername}…`);
    const result = await input.metadata.deploy({
      fsPaths: [...input.app.fixedPaths, policiesPath],
      apiVersion: input.apiVersion,
      checkOnly: input.checkOnly,
      rest: input.rest,
      waitMinutes: input.waitMinutes,
      ...(input.pollFrequencyMs === undefined ? {} : { pollFrequencyMs: input.pollFrequencyMs }),
    });
    // Report the policies as the committed file (the temporary copy is gone after this step).
    const shown = relative(input.projectDir, input.app.policiesPath) || input.app.policiesPath;
    const rel = (p: string | undefined): string | undefined => (p === undefined ? undefined : p.startsWith(dir) ? shown : relative(input.projectDir, p) || p);
    const deploy: MetadataDeployReport = {
      ...(result.id ? { id: result.id } : {}),
      status: result.status,
      checkOnly: input.checkOnly,
      apiVersion: input.apiVersion,
      components: result.components.map((c) => ({ ...c, ...(c.filePath ? { filePath: rel(c.filePath) as string } : {}) })),
      failures: result.failures.map((f) => ({ ...f, ...(f.filePath ? { filePath: rel(f.filePath) as string } : {}) })),
      ...(result.error ? { error: result.error } : {}),
    };
    const ok = result.status === 'Succeeded';
    return { ...base, status: ok ? (input.checkOnly ? 'validated' : 'deployed') : 'failed', deploy };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
