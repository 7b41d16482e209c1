/**
 * The hand-over end to end: `apionly deploy` with an External Client App against the emulated org, then
 * `apionly check` (the built bin, spawned) as the admin and, through the client-credentials flow, as the
 * integration user: passing, then failing for each way the hand-over breaks, each with its message and fix.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { connectionFor, useEmulatedOrg } from '../helpers/emulator';
import { configUsername, makeProject, patchConfig, usersNamed } from './deploy.helpers';

jest.setTimeout(240_000);

const APP = { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'ops@e2e.example.com' };
const emu = useEmulatedOrg({ deployTiming: { queuedPolls: 0, inProgressPolls: 0 }, orgs: [{ kind: 'sandbox' }] });
let project: string;
let username: string;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
  patchConfig(project, { externalClientApp: APP });
  expect((await runBin(['generate'], { cwd: project })).code).toBe(0);
  username = configUsername(project);
});

function run(command: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<BinResult> {
  const org = emu.get();
  return runBin([command, '--target-org', org.orgs[0]?.accessToken ?? '', ...args], {
    cwd: project,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: org.instanceUrl, ...env },
    timeoutMs: 180_000,
  });
}

async function admin(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.get().instanceUrl}/__emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface Consumer {
  key: string;
  secret: string;
}
async function consumer(): Promise<Consumer> {
  const list = (await admin('eca')) as Consumer[];
  expect(list).toHaveLength(1);
  return list[0] as Consumer;
}

interface CheckJson {
  status: number;
  result: { passed: boolean; groups: Array<{ id: string; results: Array<{ name: string; passed: boolean; detail: string; fix?: string }> }> };
}
function parse(r: BinResult): CheckJson {
  return JSON.parse(r.stdout) as CheckJson;
}
function result(json: CheckJson, name: string) {
  const found = json.result.groups.flatMap((g) => g.results).find((r) => r.name === name);
  if (!found) throw new Error(`no check named ${name} in ${JSON.stringify(json.result.groups)}`);
  return found;
}
function expectNoSecret(r: BinResult, c: Consumer): void {
  expect(r.stdout).not.toContain(c.secret);
  expect(r.stderr).not.toContain(c.secret);
}

describe('deploy with an External Client App, then check', () => {
  it('Given a new user, When deploy runs (dry run first), Then the dry run skips the app and the real run deploys user then app, printing where the key and secret are', async () => {
    const dry = await run('deploy', ['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const dryReport = JSON.parse(dry.stdout) as { result: { app: { status: string; detail: string } } };
    expect(dryReport.result.app).toMatchObject({ status: 'skipped' });
    expect(dryReport.result.app.detail).toContain('does not exist yet');

    const r = await run('deploy', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`External Client App Vendor_X (run as ${username}): deployed`);
    expect(r.stdout).toContain('Setup > External Client App Manager > Vendor X > Settings > OAuth Settings > Consumer Key and Secret');
    expectNoSecret(r, await consumer());
    expect(usersNamed(emu.get(), username)[0]?.['IsActive']).toBe(true);
  });

  it('Given the app is deployed, When deploy reruns and a dry run validates, Then both succeed with nothing new', async () => {
    const again = await run('deploy', ['--json']);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { result: { app: { status: string; deploy: { components: Array<{ type: string; state: string }> } } } };
    expect(report.result.app.status).toBe('deployed');
    expect(report.result.app.deploy.components.filter((c) => c.type.startsWith('Ext')).map((c) => c.state)).toEqual(expect.arrayContaining(['Unchanged']));
    const dry = await run('deploy', ['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as { result: { app: { status: string } } }).result.app.status).toBe('validated');
  });

  it('Given the key and secret in the environment, When check runs, Then every check passes and the secret is printed nowhere', async () => {
    const c = await consumer();
    const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: c.secret });
    expect(r.code).toBe(0);
    const json = parse(r);
    expect(json.result.passed).toBe(true);
    expect(result(json, 'Runs as this org\'s integration user').detail).toBe(`clientCredentialsFlowUser=${username}`);
    expect(result(json, 'Token runs as the integration user').detail).toContain(username);
    expect(result(json, 'Read Account').passed).toBe(true);
    expect(result(json, 'Integration user is API only and API enabled').detail).toBe('ApiUserOnly (profile API Only) and ApiEnabled (profile API Only)');
    expectNoSecret(r, c);
    const human = await run('check', [], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: c.secret });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/All \d+ checks passed\./);
    expectNoSecret(human, c);
  });

  it('Given a wrong secret, When check runs, Then the login check fails with invalid_client and its fix, exit 5', async () => {
    const c = await consumer();
    const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: 'not-the-secret' });
    expect(r.code).toBe(5);
    const login = result(parse(r), 'Client-credentials login');
    expect(login.passed).toBe(false);
    expect(login.detail).toContain('invalid_client: invalid client credentials');
    expect(login.fix).toContain('The consumer secret is wrong');
    expect(r.stdout).not.toContain('not-the-secret');
  });

  it('Given no credentials in the environment and REST access to secrets allowed, When check runs, Then it fetches them in memory and passes', async () => {
    const c = await consumer();
    const off = await run('check', ['--json']);
    expect(off.code).toBe(5);
    expect(result(parse(off), 'Client-credentials login').fix).toContain('Allow access to External Client App consumer secrets via REST API');
    await admin('eca/settings', { enableClientSecretInRestApiAccess: true });
    const r = await run('check', ['--json']);
    expect(r.code).toBe(0);
    expect(result(parse(r), 'Client-credentials login').detail).toContain('the Connect REST API, in memory');
    expectNoSecret(r, c);
  });

  it('Given the flow turned off in the policies, When check runs, Then the admin and login checks fail with their messages, exit 5', async () => {
    const c = await consumer();
    await admin('eca/ExtlClntAppOauthConfigurablePolicies/Vendor_X_oauthPlcy', { isClientCredentialsFlowEnabled: 'false' });
    try {
      const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: c.secret });
      expect(r.code).toBe(5);
      const json = parse(r);
      expect(result(json, 'Client-credentials flow on (OAuth policies)')).toMatchObject({ passed: false, detail: 'Vendor_X_oauthPlcy: isClientCredentialsFlowEnabled=false' });
      expect(result(json, 'Client-credentials login').detail).toContain('invalid_grant: no client credentials user enabled');
    } finally {
      await admin('eca/ExtlClntAppOauthConfigurablePolicies/Vendor_X_oauthPlcy', { isClientCredentialsFlowEnabled: 'true' });
    }
  });

  it('Given the profile lost Read on Solution in the org, When check runs, Then "Read Solution" fails with INVALID_TYPE and the others pass', async () => {
    const c = await consumer();
    const { ComponentSet } = require('@salesforce/source-deploy-retrieve') as typeof import('@salesforce/source-deploy-retrieve');
    const dir = mkdtempSync(join(tmpdir(), 'apionly-tamper-'));
    mkdirSync(join(dir, 'profiles'));
    const flags = ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords'].map((f) => `        <${f}>false</${f}>`).join('\n');
    writeFileSync(
      join(dir, 'profiles', 'API Only.profile-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <objectPermissions>\n${flags}\n        <object>Solution</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`,
    );
    const cs = ComponentSet.fromSource(dir);
    cs.sourceApiVersion = '66.0';
    const deploy = await cs.deploy({ usernameOrConnection: await connectionFor(emu.get()) });
    const done = await deploy.pollStatus({ frequency: require('@salesforce/kit').Duration.milliseconds(20) });
    expect(done.response.status).toBe('Succeeded');
    try {
      const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: c.secret });
      expect(r.code).toBe(5);
      const json = parse(r);
      const solution = result(json, 'Read Solution');
      expect(solution.passed).toBe(false);
      expect(solution.detail).toContain("INVALID_TYPE: sObject type 'Solution' is not supported.");
      expect(solution.fix).toContain('cannot read Solution');
      expect(result(json, 'Read Account').passed).toBe(true);
      expect(result(json, 'Read Contact').passed).toBe(true);
      expect(result(json, 'Token runs as the integration user').passed).toBe(true);
    } finally {
      expect((await run('deploy', [])).code).toBe(0); // a rerun of deploy puts the grant back
    }
  });

  it('Given the integration user deactivated, When check runs, Then the user and login checks fail with their fixes, exit 5', async () => {
    const c = await consumer();
    const id = String(usersNamed(emu.get(), username)[0]?.['Id']);
    await admin(`users/${id}/deactivate`, {});
    const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: c.key, APIONLY_CLIENT_SECRET: c.secret });
    expect(r.code).toBe(5);
    const json = parse(r);
    expect(result(json, 'Integration user is active')).toMatchObject({ passed: false, detail: `${username} is inactive: the client-credentials flow cannot run as it` });
    expect(result(json, 'Integration user is active').fix).toContain('reactivates the user');
    expect(result(json, 'Client-credentials login').detail).toContain('inactive');
  });
});
