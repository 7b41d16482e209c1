/**
 * The hand-over on the Integration licence route: the user on "Minimum Access - API Only Integrations" with the
 * generated permission set, the External Client App run as that user; `check` reads the objects the permission
 * set grants and finds API Only through the profile.
 */
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { useEmulatedOrg } from '../helpers/emulator';
import { makeProject, patchConfig } from './deploy.helpers';

jest.setTimeout(180_000);

const emu = useEmulatedOrg({ deployTiming: { queuedPolls: 0, inProgressPolls: 0 }, orgs: [{ kind: 'sandbox' }] });
let project: string;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
  patchConfig(project, { route: 'integration', externalClientApp: { name: 'Vendor_Z', label: 'Vendor Z', contactEmail: 'ops@e2e.example.com' } });
  const gen = await runBin(['generate'], { cwd: project });
  expect(gen.code).toBe(0);
});

function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return runBin([command, '--target-org', emu.get().orgs[0]?.accessToken ?? '', ...args], {
    cwd: project,
    env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: emu.get().instanceUrl, ...env },
    timeoutMs: 150_000,
  });
}

it('Given the integration route, When deploy then check run, Then every check passes, API Only comes from the profile and the objects from the permission set', async () => {
  const deploy = await run('deploy', []);
  expect([deploy.code, deploy.stdout]).toEqual([0, expect.stringContaining('External Client App Vendor_Z')]);
  const consumer = ((await (await fetch(`${emu.get().instanceUrl}/__emulator/eca`)).json()) as Array<{ key: string; secret: string }>)[0];
  const r = await run('check', ['--json'], { APIONLY_CLIENT_ID: consumer?.key ?? '', APIONLY_CLIENT_SECRET: consumer?.secret ?? '' });
  const all = (JSON.parse(r.stdout) as { result: { groups: Array<{ results: Array<{ name: string; passed: boolean; detail: string }> }> } }).result.groups.flatMap((g) => g.results);
  expect(all.filter((x) => !x.passed)).toEqual([]);
  expect(r.code).toBe(0);
  expect(all.find((x) => x.name === 'Integration user is API only and API enabled')?.detail).toContain('profile Minimum Access - API Only Integrations');
  expect(all.filter((x) => x.name.startsWith('Read ')).length).toBeGreaterThan(5);
});
