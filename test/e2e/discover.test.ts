/**
 * `apionly discover` end to end: the built bin against an emulated org in this test process (a sandbox with Orders on
 * and three custom objects): discover -> generate -> deploy -> verify, discover again (unchanged), --check after the
 * org gained a custom object and a field, and bad input and faults (unknown alias, expired token, a describe batch
 * refused mid-way, a transient 503): clear errors, exit 1 or 2, the catalogue never half-written.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { useEmulatedOrg } from '../helpers/emulator';
import { makeProject } from './deploy.helpers';

jest.setTimeout(180_000);

const emu = useEmulatedOrg({
  deployTiming: { queuedPolls: 0, inProgressPolls: 1 },
  orgs: [{ kind: 'sandbox', features: { Orders: true }, customObjects: { count: 3, fieldsPerObject: 12 } }],
});

let project: string;
beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
});

const token = (): string => emu.get().orgs[0]?.accessToken as string;
function run(args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return runBin(args, { cwd: project, env: { SF_ORG_INSTANCE_URL: emu.get().instanceUrl, APIONLY_POLL_FREQUENCY_MS: '20', ...env }, timeoutMs: 120_000 });
}
const catalogue = (): string => readFileSync(join(project, 'apionly.catalogue.json'), 'utf8');

describe('apionly discover (bin, emulated org)', () => {
  it('Given a new project, When discover -> generate -> deploy, Then the catalogue is written, the profile covers the org, and the deploy verifies', async () => {
    const d = await run(['discover', '--target-org', token()]);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/wrote apionly\.catalogue\.json/);
    expect(d.stderr).toMatch(/Describing objects: \d+\/\d+/);
    const cat = JSON.parse(catalogue()) as { objects: Record<string, { objectPermissions: boolean; fields: Record<string, string> }>; org: { sandbox: boolean } };
    expect(cat.org.sandbox).toBe(true);
    expect(cat.objects['Obj0001__c']?.fields).toMatchObject({ Field01__c: 'editable', Field06__c: 'calculated', Field07__c: 'autoNumber' });
    expect(cat.objects['Order']?.objectPermissions).toBe(true);

    const g = await run(['generate']);
    expect(g.code).toBe(0);
    const profile = readFileSync(join(project, 'force-app/main/default/profiles/API Only.profile-meta.xml'), 'utf8');
    expect(profile).toContain('<object>Order</object>');
    expect(profile).toContain('<field>Obj0003__c.Field01__c</field>');
    expect(profile).not.toContain('<field>Obj0001__c.Field10__c</field>'); // master-detail

    const dep = await run(['deploy', '--target-org', token(), '--json']);
    expect(dep.code).toBe(0);
    const report = JSON.parse(dep.stdout) as { result: { checks: Array<{ passed: boolean }> } };
    expect(report.result.checks.every((c) => c.passed)).toBe(true);
  });

  it('Given an unchanged org, When discovered again, Then nothing is rewritten and --check --json exits 0', async () => {
    const before = catalogue();
    const mtime = statSync(join(project, 'apionly.catalogue.json')).mtimeMs;
    const again = await run(['discover', '--target-org', token()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged apionly\.catalogue\.json/);
    expect(catalogue()).toBe(before);
    expect(statSync(join(project, 'apionly.catalogue.json')).mtimeMs).toBe(mtime);
    const check = await run(['discover', '--target-org', token(), '--check', '--json']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 0, result: { status: 'unchanged', diff: { changed: false } } });
    expect((await run(['generate', '--check'])).code).toBe(0);
  });

  it('Given the org gained a custom object and a field, When --check, Then exit 1 lists them and nothing is written', async () => {
    const before = catalogue();
    const res = await fetch(`${emu.get().instanceUrl}/__emulator/schema`, {
      method: 'POST',
      body: JSON.stringify({ objects: [{ fullName: 'Invoice__c', fields: [{ fullName: 'Amount__c', type: 'Currency' }] }, { fullName: 'Account', fields: [{ fullName: 'Tier__c', type: 'Picklist' }] }] }),
    });
    expect(res.status).toBe(200);
    const check = await run(['discover', '--target-org', token(), '--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/objects added \(1\):\n {2}Invoice__c/);
    expect(check.stdout).toMatch(/fields added \(1\):\n {2}Account\.Tier__c/);
    expect(check.stdout).toMatch(/The org changed since apionly\.catalogue\.json was written/);
    expect(catalogue()).toBe(before);
  });

  it('Given a catalogue and a misspelt user permission in the config, When generate, Then exit 2 with the nearest names and nothing written', async () => {
    const configFile = join(project, 'apionly.config.json');
    const original = readFileSync(configFile, 'utf8');
    const profileFile = join(project, 'force-app/main/default/profiles/API Only.profile-meta.xml');
    const profileBefore = readFileSync(profileFile, 'utf8');
    const config = JSON.parse(original) as { profile: Record<string, unknown> };
    config.profile['userPermissions'] = { ViewAllUser: true };
    writeFileSync(configFile, JSON.stringify(config));
    try {
      const g = await run(['generate']);
      expect(g.code).toBe(2);
      expect(g.stderr).toMatch(/Error \(ConfigNotForThisOrg\)/);
      expect(g.stderr).toMatch(/\/profile\/userPermissions\/ViewAllUser: the org's user permissions \(apionly\.catalogue\.json\) have no ViewAllUser/);
      expect(g.stderr).toMatch(/fix: did you mean ViewAllUsers/);
      expect(readFileSync(profileFile, 'utf8')).toBe(profileBefore);
    } finally {
      writeFileSync(configFile, original);
    }
  });

  it('Given a project (no catalogue) whose profile names objects the org lacks, When deployed, Then exit 2 lists them all and nothing is deployed', async () => {
    const other = await makeProject({ include: ['Quote', 'WorkOrder'] });
    const r = await runBin(['deploy', '--target-org', token()], { cwd: other, env: { SF_ORG_INSTANCE_URL: emu.get().instanceUrl }, timeoutMs: 120_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Error \(ObjectsMissingInOrg\)/);
    expect(r.stderr).toMatch(/objectPermissions Quote: the target org .* has no object Quote/);
    expect(r.stderr).toMatch(/objectPermissions WorkOrder: the target org .* has no object WorkOrder/);
    expect(r.stderr).toMatch(/Nothing was deployed/);
  });

  it('Given an unknown alias, Then exit 2 with the sf shape on stdout (--json) and the catalogue untouched', async () => {
    const before = catalogue();
    const r = await run(['discover', '--target-org', 'no-such-alias', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'TargetOrgNotFound', exitCode: 2 });
    expect(catalogue()).toBe(before);
  });

  it('Given an access token the org refuses, Then exit 2 saying to log in again, and the token is never printed', async () => {
    const bad = `${token().slice(0, 15)}!EXPIRED.token.value`;
    const r = await run(['discover', '--target-org', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/INVALID_SESSION_ID|Session expired/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('EXPIRED.token.value');
  });

  it('Given a describe batch refused mid-way (persistent 500), Then exit 1 and the catalogue is untouched; a single 503 is ridden out', async () => {
    const before = catalogue();
    const id = emu.get().faults.add({ kind: 'http-500', count: 2, match: { route: 'composite-batch' } });
    const r = await run(['discover', '--target-org', token()]);
    emu.get().faults.remove(id);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Error \(DiscoverFailed\): Reading the org failed/);
    expect(r.stderr).toMatch(/Nothing was written: apionly\.catalogue\.json is as it was/);
    expect(catalogue()).toBe(before);

    emu.get().faults.add({ kind: 'http-503', count: 1, match: { route: 'composite-batch' } });
    const ok = await run(['discover', '--target-org', token()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/wrote apionly\.catalogue\.json/); // the org gained Invoice__c above
    expect(catalogue()).toContain('"Invoice__c"');
  });
});
