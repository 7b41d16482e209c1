import { parseProfilePermissions } from '../../../src/deploy/profilePermissions';
import { verifyIntegration } from '../../../src/deploy/verifyIntegration';
import { userForOrg } from '../../../src/model/userForOrg';
import { buildPermissionSetModel } from '../../../src/model/buildPermissionSet';
import { renderPermissionSet } from '../../../src/render/renderPermissionSet';
import { deploy, newOrg, packageXml, profileId, validUser } from '../../emulator/model/helpers';
import { modelOrgClient } from '../../helpers/modelOrgClient';
import { config, MINIMAL_CONFIG, project } from '../../helpers/project';

const CONFIG = config({ route: 'integration', user: MINIMAL_CONFIG.user, profile: { objectAccess: 'read' } });
const XML = renderPermissionSet(buildPermissionSetModel(CONFIG, project()));

function integrationOrg(): { org: ReturnType<typeof newOrg>; userId: string } {
  const org = newOrg();
  const outcome = deploy(org, { 'package.xml': packageXml({ PermissionSet: ['API_Only_Integration'] }, '66.0'), 'permissionsets/API_Only_Integration.permissionset': XML });
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
  permissionSetName: 'API_Only_Integration',
  permissionSetLicense: 'SalesforceAPIIntegrationPsl',
  committed: parseProfilePermissions(XML),
  secrets: [],
  checkUser: true,
});

describe('verifyIntegration (through the org-state reader)', () => {
  it('Given the set deployed and the user in place, When verified, Then every check passes', async () => {
    const { org } = integrationOrg();
    const checks = await verifyIntegration(input(org));
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
    const checks = await verifyIntegration(input(org));
    expect(checks.find((c) => c.name === 'Object permissions match the committed permission set')).toMatchObject({ passed: false, detail: '1 difference: Account.allowEdit: org true, file false' });
    expect(checks.find((c) => c.name === 'User has its permission sets')).toMatchObject({ passed: false, detail: 'not assigned: API_Only_Integration' });
  });

  it('Given no permission set in the org, When verified, Then both set checks fail', async () => {
    const checks = await verifyIntegration({ ...input(newOrg()), checkUser: false });
    expect(checks).toEqual([
      { name: 'Permission set has its licence and API permissions', passed: false, detail: 'permission set API_Only_Integration not found' },
      { name: 'Object permissions match the committed permission set', passed: false, detail: 'permission set API_Only_Integration not found' },
    ]);
  });
});
