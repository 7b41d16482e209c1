/**
 * The Salesforce Integration licence rules of the emulated org, through the real clients: the generated permission
 * set deployed with SDR, users and assignments written with jsforce (@salesforce/core Connection).
 */
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPermissionSetModel } from '../../../src/model/buildPermissionSet';
import { renderPermissionSet } from '../../../src/render/renderPermissionSet';
import { config, MINIMAL_CONFIG, project } from '../../helpers/project';
import { connectionFor, useEmulatedOrg, userFields } from '../../helpers/emulator';

const FAST = { frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) };
type Conn = Awaited<ReturnType<typeof connectionFor>>;

/** A project holding permission sets (name -> XML); SDR deploys it. */
async function deployPermissionSets(conn: Conn, sets: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'apionly-emu-ps-'));
  writeFileSync(join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
  const dir = join(root, 'force-app', 'main', 'default', 'permissionsets');
  mkdirSync(dir, { recursive: true });
  for (const [name, xml] of Object.entries(sets)) writeFileSync(join(dir, `${name}.permissionset-meta.xml`), xml);
  const cs = ComponentSet.fromSource(join(root, 'force-app'));
  cs.sourceApiVersion = '66.0';
  const op = await cs.deploy({ usernameOrConnection: conn });
  return op.pollStatus(FAST);
}

const generated = (license: string | undefined): string =>
  renderPermissionSet(
    buildPermissionSetModel(config({ route: 'integration', user: MINIMAL_CONFIG.user, ...(license ? { permissionSet: { license } } : {}) }), project()),
  );

async function idOf(conn: Conn, soql: string): Promise<string> {
  return (await conn.singleRecordQuery<{ Id: string }>(soql)).Id;
}

async function insertError(conn: Conn, sobject: string, record: Record<string, unknown>): Promise<{ errorCode: string; message: string }> {
  try {
    await conn.sobject(sobject).create(record);
  } catch (err) {
    const e = err as { errorCode?: string; message?: string };
    return { errorCode: String(e.errorCode), message: String(e.message) };
  }
  throw new Error(`${sobject} insert succeeded`);
}

describe('the Salesforce Integration licence in the emulated org (SDR + jsforce)', () => {
  const emu = useEmulatedOrg({ orgs: [{ kind: 'sandbox', seats: { 'Salesforce Integration': 2, SalesforceAPIIntegrationPsl: 1 } }] });

  it('Given the standard profile, Then Minimum Access - API Only Integrations is on the Integration licence with its three permissions, and the PSL and licence show their seats', async () => {
    const conn = await connectionFor(emu.get());
    const profile = await conn.singleRecordQuery<Record<string, unknown>>(
      "SELECT Name, UserLicense.Name, PermissionsApiEnabled, PermissionsApiUserOnly, PermissionsChatterInternalUser, PermissionsModifyAllData FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'",
    );
    expect(profile).toMatchObject({ UserLicense: { Name: 'Salesforce Integration' }, PermissionsApiEnabled: true, PermissionsApiUserOnly: true, PermissionsChatterInternalUser: true, PermissionsModifyAllData: false });
    const psl = await conn.singleRecordQuery<Record<string, unknown>>("SELECT MasterLabel, TotalLicenses, UsedLicenses FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
    expect(psl).toMatchObject({ MasterLabel: 'Salesforce API Integration', TotalLicenses: 1, UsedLicenses: 0 });
    const ul = await conn.singleRecordQuery<Record<string, unknown>>("SELECT TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'");
    expect(ul).toMatchObject({ TotalLicenses: 2, UsedLicenses: 0 });

    // Its metadata, retrieved with SDR, as the real retrieved files show it (salesforce-facts e).
    const output = mkdtempSync(join(tmpdir(), 'apionly-emu-retrieve-'));
    const cs = new ComponentSet([{ fullName: 'Minimum Access - API Only Integrations', type: 'Profile' }]);
    cs.sourceApiVersion = '66.0';
    const retrieved = await (await cs.retrieve({ usernameOrConnection: conn, output, merge: false })).pollStatus(FAST);
    const file = retrieved.getFileResponses().find((f) => f.type === 'Profile')?.filePath;
    const xml = readFileSync(String(file), 'utf8');
    expect(xml).toContain('    <custom>false</custom>\n');
    expect(xml).toContain('    <userLicense>Salesforce Integration</userLicense>\n');
    expect([...xml.matchAll(/<name>(\w+)<\/name>/g)].map((m) => m[1])).toEqual(['ApiEnabled', 'ApiUserOnly', 'ChatterInternalUser']);
  });

  it('Given the generated permission set, When deployed with SDR, Then it is created with the PSL as its licence; a licence the org lacks fails the deploy', async () => {
    const conn = await connectionFor(emu.get());
    const ok = await deployPermissionSets(conn, { API_Only_Integration: generated(undefined) });
    expect(ok.response.status).toBe(RequestStatus.Succeeded);
    const ps = await conn.singleRecordQuery<{ LicenseId: string }>("SELECT LicenseId FROM PermissionSet WHERE Name = 'API_Only_Integration'");
    expect(ps.LicenseId).toBe(await idOf(conn, "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'"));

    const bad = await deployPermissionSets(conn, { Wrong_Licence: generated('SalesforceCPQ_CPQStandardPerm') });
    expect(bad.response.status).toBe(RequestStatus.Failed);
    expect(bad.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'Wrong_Licence', state: 'Failed', error: expect.stringContaining('SalesforceCPQ_CPQStandardPerm') })]);
  });

  it('Given an Integration-licence user, When assignments are inserted with jsforce, Then object access needs the PSL first, a Salesforce-licence set is refused, and seats run out', async () => {
    const conn = await connectionFor(emu.get());
    const profileId = await idOf(conn, "SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'");
    const psId = await idOf(conn, "SELECT Id FROM PermissionSet WHERE Name = 'API_Only_Integration'");
    const pslId = await idOf(conn, "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
    const salesReports = await idOf(conn, "SELECT Id FROM PermissionSet WHERE Name = 'Sales_Reports'");
    const a = ((await conn.sobject('User').create(userFields(`int.a.${Date.now()}@example.com.emu`, { ProfileId: profileId }))) as { id: string }).id;

    // The set before the licence: the real platform's answer (permission-model 7).
    expect(await insertError(conn, 'PermissionSetAssignment', { AssigneeId: a, PermissionSetId: psId })).toEqual({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: "The user license doesn't allow the permission: Read Account",
    });
    // A set whose licence is Salesforce can never go to this user.
    expect((await insertError(conn, 'PermissionSetAssignment', { AssigneeId: a, PermissionSetId: salesReports })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');

    // The licence, then the set.
    expect(((await conn.sobject('PermissionSetLicenseAssign').create({ AssigneeId: a, PermissionSetLicenseId: pslId })) as { success: boolean }).success).toBe(true);
    expect(((await conn.sobject('PermissionSetAssignment').create({ AssigneeId: a, PermissionSetId: psId })) as { success: boolean }).success).toBe(true);

    // The PSL has one seat: a second user cannot get it.
    const b = ((await conn.sobject('User').create(userFields(`int.b.${Date.now()}@example.com.emu`, { ProfileId: profileId }))) as { id: string }).id;
    expect((await insertError(conn, 'PermissionSetLicenseAssign', { AssigneeId: b, PermissionSetLicenseId: pslId })).errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    // The user licence has two seats, both used now.
    expect((await insertError(conn, 'User', userFields(`int.c.${Date.now()}@example.com.emu`, { ProfileId: profileId }))).errorCode).toBe('LICENSE_LIMIT_EXCEEDED');

    // Moving the user to a Salesforce profile while it holds the PSL is refused, the user stays as it was.
    const standard = await idOf(conn, "SELECT Id FROM Profile WHERE Name = 'Standard User'");
    let moveError = '';
    try {
      await conn.sobject('User').update({ Id: a, ProfileId: standard });
    } catch (err) {
      moveError = String((err as { errorCode?: string }).errorCode);
    }
    expect(moveError).toBe('FIELD_INTEGRITY_EXCEPTION');
    const still = await conn.singleRecordQuery<{ Profile: { Name: string } }>(`SELECT Profile.Name FROM User WHERE Id = '${a}'`);
    expect(still.Profile.Name).toBe('Minimum Access - API Only Integrations');
  });
});
