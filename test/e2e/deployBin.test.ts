/**
 * `apionly deploy` end to end: the built bin spawned with a temporary HOME (test/helpers/bin.ts, childEnv.ts)
 * against an emulated org running in this test process.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { childEnv } from '../helpers/childEnv';
import { withEmulatedOrg } from '../helpers/emulator';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';
import { REPO, configUsername, makeProject, usersNamed } from './deploy.helpers';

jest.setTimeout(180_000);

const SANDBOX = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'sandbox' as const }] } satisfies StartEmulatedOrgOptions;
const PRODUCTION = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'production' as const }] } satisfies StartEmulatedOrgOptions;

let project: string;
let username: string;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
  username = configUsername(project);
});

function bin(emu: RunningEmulatedOrg | undefined, args: readonly string[], env: Record<string, string | undefined> = {}, cwd = project): Promise<BinResult> {
  return runBin(['deploy', ...args], {
    cwd,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', ...(emu ? { SF_ORG_INSTANCE_URL: emu.instanceUrl } : {}), ...env },
    timeoutMs: 120_000,
  });
}

/** Seeds an alias the way `sf org login access-token` does (AuthInfo.create + save + alias). */
const SEED_ALIAS = `
const { AuthInfo, StateAggregator } = require('@salesforce/core');
(async () => {
  const auth = await AuthInfo.create({ username: process.env.USERNAME, accessTokenOptions: { accessToken: process.env.TOKEN, instanceUrl: process.env.SF_ORG_INSTANCE_URL } });
  await auth.save();
  const state = await StateAggregator.getInstance();
  await state.aliases.setAndSave(process.env.ALIAS, process.env.USERNAME);
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exitCode = 1; });
`;

/** `sf config set target-org <alias> --global`. */
const SET_DEFAULT = `
const { Config } = require('@salesforce/core');
(async () => {
  const config = await Config.create({ isGlobal: true });
  config.set('target-org', process.env.ALIAS);
  await config.write();
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exitCode = 1; });
`;

function runNode(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function token(emu: RunningEmulatedOrg): string {
  const t = emu.orgs[0]?.accessToken;
  if (!t) throw new Error('no org');
  return t;
}

function expectClean(emu: RunningEmulatedOrg | undefined, r: BinResult): void {
  const all = `${r.stdout}\n${r.stderr}`;
  for (const o of emu?.orgs ?? []) expect(all).not.toContain(o.accessToken);
  expect(all).not.toMatch(/00D\w{12,15}![\w.]{4,}/);
}

function json(r: BinResult): { status: number; result: Record<string, any>; warnings: string[] } {
  // --json: exactly one JSON object on stdout, nothing else.
  return JSON.parse(r.stdout) as { status: number; result: Record<string, any>; warnings: string[] };
}

describe('apionly deploy (bin)', () => {
  it('Given a sandbox, When deployed with --json and rerun in human form, Then JSON is the only stdout, and the rerun changes nothing', async () => {
    await withEmulatedOrg(async (emu) => {
      const first = await bin(emu, ['--target-org', token(emu), '--json']);
      expect(first.code).toBe(0);
      const out = json(first);
      expect(out.status).toBe(0);
      expect(out.result['outcome']).toBe('Succeeded');
      expect(out.result['user']).toMatchObject({ action: 'create', status: 'done' });
      expect(Array.isArray(out.warnings)).toBe(true);
      expectClean(emu, first);

      const again = await bin(emu, ['--target-org', token(emu)]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^Org: .*sandbox/m);
      expect(again.stdout).toMatch(/^Deploy: 0Af\w+ Succeeded, API 66\.0/m);
      expect(again.stdout).toContain(`User ${username}`);
      expect(again.stdout).toMatch(/no change/);
      expect(again.stdout).toMatch(/PASS Profile is API only/);
      expect(again.stdout).toContain('Deployed and verified.');
      expectClean(emu, again);
      expect(usersNamed(emu, username)).toHaveLength(1);
    }, SANDBOX);
  });

  it('Given --dry-run, When run, Then it validates, prints the plan, and the org stays unchanged', async () => {
    await withEmulatedOrg(async (emu) => {
      const r = await bin(emu, ['--target-org', token(emu), '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Deploy \(checkOnly\)/);
      expect(r.stdout).toMatch(/would be created/);
      expect(usersNamed(emu, username)).toEqual([]);
      expectClean(emu, r);
    }, SANDBOX);
  });

  it('Given a production org and no terminal, When deployed without --yes, Then exit 2 with the fix; with --yes it deploys', async () => {
    await withEmulatedOrg(async (emu) => {
      const refused = await bin(emu, ['--target-org', token(emu)]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/production org/);
      expect(refused.stderr).toMatch(/--yes/);
      expect(refused.stdout).toBe('');
      expectClean(emu, refused);
      const ok = await bin(emu, ['--target-org', token(emu), '--yes']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/PRODUCTION/);
    }, PRODUCTION);
  });

  it('Given an alias saved as `sf org login access-token` does, When deployed by alias, by username, by SF_TARGET_ORG and as the configured default, Then the per-org username applies', async () => {
    await withEmulatedOrg(async (emu) => {
      const identity = emu.orgs[0];
      if (!identity) throw new Error('no org');
      const alias = 'e2e-sbx';
      const perOrgUsername = `api.user.${process.pid}.sbx@e2e.example.com`;
      const dir = await makeProject({ orgs: { [alias]: { user: { Username: perOrgUsername } } } });
      // What `sf org login access-token --alias e2e-sbx` does, in its own process with its own HOME.
      const home = mkdtempSync(join(tmpdir(), 'apionly-alias-home-'));
      const seed = await runNode(SEED_ALIAS, { HOME: home, USERPROFILE: home, SF_ORG_INSTANCE_URL: emu.instanceUrl, TOKEN: identity.accessToken, USERNAME: identity.username, ALIAS: alias });
      expect({ code: seed.code, error: /Error/.test(seed.stderr) ? seed.stderr : '' }).toEqual({ code: 0, error: '' });
      const homeEnv = { HOME: home, USERPROFILE: home };
      const byAlias = await runBin(['deploy', '--target-org', alias, '--json'], { cwd: dir, env: { ...homeEnv, APIONLY_POLL_FREQUENCY_MS: '20' } });
      expect(byAlias.code).toBe(0);
      const out = json(byAlias);
      expect(out.result['orgKey']).toBe(alias);
      expect(out.result['user']['username']).toBe(perOrgUsername);
      expect(out.result['org']['target']).toBe(alias);
      expect(usersNamed(emu, perOrgUsername)).toHaveLength(1);
      expectClean(emu, byAlias);

      // The username works as --target-org too, and SF_TARGET_ORG as the default; the alias still picks the orgs entry.
      const byUsername = await runBin(['deploy', '--target-org', identity.username, '--json'], { cwd: dir, env: { ...homeEnv, APIONLY_POLL_FREQUENCY_MS: '20' } });
      expect(byUsername.code).toBe(0);
      expect(json(byUsername).result).toMatchObject({ orgKey: alias, user: { username: perOrgUsername, action: 'none' } });
      const byEnv = await runBin(['deploy', '--json'], { cwd: dir, env: { ...homeEnv, APIONLY_POLL_FREQUENCY_MS: '20', SF_TARGET_ORG: alias } });
      expect(byEnv.code).toBe(0);
      expect(json(byEnv).result).toMatchObject({ orgKey: alias, user: { action: 'none' } });

      // `sf config set target-org e2e-sbx --global`
      const set = await runNode(SET_DEFAULT, { HOME: home, USERPROFILE: home, ALIAS: alias });
      expect({ code: set.code, error: /Error/.test(set.stderr) ? set.stderr : '' }).toEqual({ code: 0, error: '' });
      const byDefault = await runBin(['deploy', '--json'], { cwd: dir, env: { ...homeEnv, APIONLY_POLL_FREQUENCY_MS: '20' } });
      expect(byDefault.code).toBe(0);
      expect(json(byDefault).result['user']).toMatchObject({ username: perOrgUsername, action: 'none' });
    }, SANDBOX);
  });

  it('Given no target org and no default, When deployed, Then exit 2 says how to authorise one', async () => {
    const r = await bin(undefined, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sf org login web --alias prod');
  });

  it('Given a stale generated profile, When deployed, Then exit 2 names the file and the fix, before any org call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apionly-deploy-stale-'));
    cpSync(project, dir, { recursive: true });
    const profile = join(dir, 'force-app/main/default/profiles/API Only.profile-meta.xml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('<custom>true</custom>', '<custom>false</custom>'));
    const r = await bin(undefined, ['--target-org', 'nowhere'], {}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('API Only.profile-meta.xml');
    expect(r.stderr).toContain('npm run generate');
  });

  it('Given the user insert fails, When deployed with --json, Then exit 68 with the report, and a rerun completes', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'http-500', match: { route: 'sobject-create', sobject: 'User' } });
      const first = await bin(emu, ['--target-org', token(emu), '--json']);
      expect(first.code).toBe(68);
      const out = json(first);
      expect(out.status).toBe(68);
      expect(out.result['outcome']).toBe('UserStepFailed');
      expect(out.result['deploy']['status']).toBe('Succeeded');
      expect(out.result['rerun']).toMatch(/npm run deploy -- --target-org/);
      expectClean(emu, first);
      const second = await bin(emu, ['--target-org', token(emu)]);
      expect(second.code).toBe(0);
      expect(usersNamed(emu, username)).toHaveLength(1);
    }, SANDBOX);
  });

  it('Given a component failure, When deployed, Then exit 1 lists file, line, column and problem', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'component-failure', component: 'Profile:API Only', problem: 'Unknown user permission: ApiUserOnly' });
      const r = await bin(emu, ['--target-org', token(emu)]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAILED force-app\/main\/default\/profiles\/API Only\.profile-meta\.xml(:\d+:\d+)?: .*Unknown user permission: ApiUserOnly/);
      expect(usersNamed(emu, username)).toEqual([]);
    }, SANDBOX);
  });

  it('Given a deploy stuck past --wait, When deployed, Then exit 1 with the deploy id and the command to follow it', async () => {
    await withEmulatedOrg(async (emu) => {
      emu.faults.add({ kind: 'deploy-stuck', polls: 100_000 });
      const r = await bin(emu, ['--target-org', token(emu), '--wait', '0.02'], { APIONLY_POLL_FREQUENCY_MS: '100' });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/sf project deploy report --job-id 0Af\w+ --target-org/);
      expectClean(emu, r);
    }, SANDBOX);
  });

  it('Given Salesforce log files on at debug level, When deployed with a token, Then no file in HOME holds the token', async () => {
    await withEmulatedOrg(async (emu) => {
      const home = mkdtempSync(join(tmpdir(), 'apionly-log-home-'));
      const r = await bin(emu, ['--target-org', token(emu)], { HOME: home, USERPROFILE: home, SF_DISABLE_LOG_FILE: undefined, SF_LOG_LEVEL: 'debug' });
      expect(r.code).toBe(0);
      expectClean(emu, r);
      const files = listFiles(home);
      expect(files.some((f) => /sf-.*\.log$/.test(f))).toBe(true);
      const secretPart = token(emu).split('!')[1] as string;
      for (const f of files) expect({ file: f, leaks: readFileSync(f, 'utf8').includes(secretPart) }).toEqual({ file: f, leaks: false });
    }, SANDBOX);
  });

  it('Given bad flags, When run, Then exit 2', async () => {
    const r = await bin(undefined, ['--target-org', 'x', '--reset-password', 'sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reset-password must be one of never, new, always');
  });
});
