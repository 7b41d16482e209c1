/**
 * Per-org run-as username end to end: the committed policies name the base user, `deploy --org-key emu` deploys
 * them (through SDR, from a temporary copy) with orgs.emu's username, and `check` agrees only for that org key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { useEmulatedOrg } from '../helpers/emulator';
import { makeProject, patchConfig } from './deploy.helpers';

jest.setTimeout(180_000);

const emu = useEmulatedOrg({ deployTiming: { queuedPolls: 0, inProgressPolls: 0 }, orgs: [{ kind: 'sandbox' }] });
let project: string;
const orgUsername = `vendor.emu.${process.pid}.${Date.now()}@e2e.example.com`;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject({ orgs: { emu: { user: { Username: orgUsername } } } });
  patchConfig(project, { externalClientApp: { name: 'Vendor_Y', label: 'Vendor Y', contactEmail: 'ops@e2e.example.com' } });
  expect((await runBin(['generate'], { cwd: project })).code).toBe(0);
});

function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return runBin([command, '--target-org', emu.get().orgs[0]?.accessToken ?? '', ...args], {
    cwd: project,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: emu.get().instanceUrl, ...env },
    timeoutMs: 150_000,
  });
}

type Results = Array<{ name: string; passed: boolean; detail: string }>;
const results = (r: BinResult): Results => (JSON.parse(r.stdout) as { result: { groups: Array<{ results: Results }> } }).result.groups.flatMap((g) => g.results);

it('Given orgs.emu, When deploy and check run with --org-key emu, Then the app runs as the emu username; check for the base user fails on it', async () => {
  const committed = readFileSync(join(project, 'force-app/main/default/extlClntAppOauthPolicies/Vendor_Y_oauthPlcy.ecaOauthPlcy-meta.xml'), 'utf8');
  expect(committed).not.toContain(orgUsername);
  const deploy = await run('deploy', ['--org-key', 'emu', '--json']);
  expect(deploy.code).toBe(0);
  expect((JSON.parse(deploy.stdout) as { result: { app: { runAsUsername: string; status: string } } }).result.app).toMatchObject({ runAsUsername: orgUsername, status: 'deployed' });

  const consumer = ((await (await fetch(`${emu.get().instanceUrl}/__emulator/eca`)).json()) as Array<{ key: string; secret: string }>)[0];
  const creds = { APIONLY_CLIENT_ID: consumer?.key ?? '', APIONLY_CLIENT_SECRET: consumer?.secret ?? '' };
  const ok = await run('check', ['--org-key', 'emu', '--json'], creds);
  expect(ok.code).toBe(0);
  expect(results(ok).find((r) => r.name === 'Token runs as the integration user')?.detail).toContain(orgUsername);

  const base = await run('check', ['--json'], creds);
  expect(base.code).toBe(5);
  expect(results(base).find((r) => r.name === "Runs as this org's integration user")).toMatchObject({ passed: false, detail: expect.stringContaining(`clientCredentialsFlowUser=${orgUsername}, but this org's integration user is`) });
});
