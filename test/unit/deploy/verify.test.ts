import type { ProfilePermissions } from '../../../src/deploy/profilePermissions';
import { objectMismatches, verify } from '../../../src/deploy/verify';
import { NO_OBJECT_ACCESS } from '../../../src/model';
import type { ProfileSnapshot } from '../../../src/orgState';
import { parseProfilePermissions } from '../../../src/deploy/profilePermissions';
import { buildPermissionSetModel } from '../../../src/model/buildPermissionSet';
import { userForOrg } from '../../../src/model/userForOrg';
import { renderPermissionSet } from '../../../src/render/renderPermissionSet';
import { deploy as deployMetadata, deployProfile, newOrg, objPerm, packageXml, profileId, userPerm, validUser } from '../../emulator/model/helpers';
import { modelOrgClient } from '../../helpers/modelOrgClient';
import { config, MINIMAL_CONFIG, project } from '../../helpers/project';

const ALL: Record<string, boolean> = { allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: true, modifyAllRecords: true };

function snapshot(objects: Record<string, typeof NO_OBJECT_ACCESS>, viewAllFieldsRead = true): ProfileSnapshot {
  return { profileId: '00e', name: 'API Only', userLicense: 'Salesforce', permissionSetId: '0PS', userPermissions: new Map(), objects: new Map(Object.entries(objects)), fields: new Map(), placeholderRows: 0, viewAllFieldsRead };
}

describe('verify (through the org-state reader)', () => {
  it('Given View All / Modify All committed on Pricebook2, When it reads back false, Then it is not a mismatch; a missing row is', () => {
    const committed: ProfilePermissions = { objects: new Map([['Pricebook2', ALL], ['Lead', { allowRead: true }]]), userPermissions: new Map(), fields: new Map() };
    const mismatches = objectMismatches(committed, snapshot({ Pricebook2: { ...NO_OBJECT_ACCESS, allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true } }));
    expect(mismatches).toEqual([{ object: 'Lead', flag: 'allowRead', expected: true, actual: false }]);
  });

  it('Given viewAllFields true committed and an org below API 63, When compared, Then it is skipped', () => {
    const committed: ProfilePermissions = { objects: new Map([['Account', { ...ALL, viewAllFields: true }]]), userPermissions: new Map(), fields: new Map() };
    expect(objectMismatches(committed, snapshot({ Account: { ...NO_OBJECT_ACCESS, ...ALL } }, false))).toEqual([]);
  });

  it('Given a profile deployed to the emulated model, When verified, Then the checks pass with no retrieve', async () => {
    const org = newOrg();
    const body = `    <custom>true</custom>\n${objPerm('Account', 'CREDMV')}${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}`;
    expect(deployProfile(org, 'API Only', body).status).toBe('Succeeded');
    const client = modelOrgClient(org);
    const committed: ProfilePermissions = { objects: new Map([['Account', ALL]]), userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', true]]), fields: new Map() };
    const checks = await verify({ client, spec: { fields: { Username: 'x@example.com' }, profileName: 'API Only', permissionSets: [] }, committed, secrets: [], checkUser: false });
    expect(checks.map((c) => [c.name, c.passed])).toEqual([['Profile is API only', true], ['Object permissions match the committed profile', true]]);
    expect(client.calls.every((c) => c.startsWith('query') || c.startsWith('describe'))).toBe(true);
  });
});

const CONFIG = config({ route: 'integration', user: MINIMAL_CONFIG.user, profile: { objectAccess: 'read' } });
const XML = renderPermissionSet(buildPermissionSetModel(CONFIG, project()));

function integrationOrg(): { org: ReturnType<typeof newOrg>; userId: string } {
  const org = newOrg();
  const outcome = deployMetadata(org, { 'package.xml': packageXml({ PermissionSet: ['API_Only_Integration'] }, '66.0'), 'permissionsets/API_Only_Integration.permissionset': XML });
  expect(outcome.status).toBe('Succeeded');
  const userId = org.create('User', validUser(profileId(org, 'Minimum Access - API Only Integrations'), { Username: MINIMAL_CONFIG.user.Username }));
  const psl = org.query("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'").records[0] as { Id: string };
  org.create('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: psl.Id });
  const ps = org.query("SELECT Id FROM PermissionSet WHERE Name = 'API_Only_Integration'").records[0] as { Id: string };
  org.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: ps.Id });
  return { org, userId };
}

const input = (org: ReturnType<typeof newOrg>) => ({
  client: modelOrgClient(org),
  spec: userForOrg(CONFIG, undefined),
  integration: { permissionSetName: 'API_Only_Integration', permissionSetLicense: 'SalesforceAPIIntegrationPsl' },
  committed: parseProfilePermissions(XML),
  secrets: [],
  checkUser: true,
});

describe('verify, integration route: the permission set is the holder (through the org-state reader)', () => {
  it('Given the set deployed and the user in place, When verified, Then every check passes', async () => {
    const { org } = integrationOrg();
    const checks = await verify(input(org));
    expect(checks.map((c) => [c.name, c.passed])).toEqual([
      ['Permission set has its licence and API permissions', true],
      ['Object permissions match the committed permission set', true],
      ['User is active', true],
      ['User is on the profile', true],
      ['User has its permission set licences', true],
      ['User has its permission sets', true],
    ]);
    expect(checks[1]?.detail).toMatch(/^1\d objects compared, all equal$/);
  });

  it('Given the org differs (an object flag raised, the set unassigned), When verified, Then each difference fails with the detail', async () => {
    const { org, userId } = integrationOrg();
    const row = org.query("SELECT Id FROM ObjectPermissions WHERE Parent.Name = 'API_Only_Integration' AND SobjectType = 'Account'").records[0] as { Id: string };
    org.update('ObjectPermissions', row.Id, { PermissionsEdit: true });
    const assignment = org.query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSet.Name = 'API_Only_Integration'`).records[0] as { Id: string };
    org.delete('PermissionSetAssignment', assignment.Id);
    const checks = await verify(input(org));
    expect(checks.find((c) => c.name === 'Object permissions match the committed permission set')).toMatchObject({ passed: false, detail: '1 difference: Account.allowEdit: org true, file false' });
    expect(checks.find((c) => c.name === 'User has its permission sets')).toMatchObject({ passed: false, detail: 'not assigned: API_Only_Integration' });
  });

  it('Given no permission set in the org, When verified, Then both set checks fail', async () => {
    const checks = await verify({ ...input(newOrg()), checkUser: false });
    expect(checks).toEqual([
      { name: 'Permission set has its licence and API permissions', passed: false, detail: 'permission set API_Only_Integration not found' },
      { name: 'Object permissions match the committed permission set', passed: false, detail: 'permission set API_Only_Integration not found' },
    ]);
  });
});
