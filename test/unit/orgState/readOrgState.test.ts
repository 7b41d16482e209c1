import { readOrgState, readPermissionSetState, readProfileState } from '../../../src/orgState';
import { deployProfile, fieldPerm, newOrg, objPerm, userPerm, validUser, deploy, packageXml, customObject, textField, profileId } from '../../emulator/model/helpers';
import { modelOrgClient } from '../../helpers/modelOrgClient';

function orgWithApiOnly(): { org: ReturnType<typeof newOrg>; apiProfileId: string } {
  const org = newOrg();
  deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c'] }), 'objects/Invoice__c.object': customObject('Invoice', textField('Code__c')) });
  const outcome = deployProfile(org, 'API Only', `    <custom>true</custom>\n${fieldPerm('Invoice__c.Code__c', false, true)}${objPerm('Account', 'CREDMV')}${objPerm('Invoice__c', 'CRED')}${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}`);
  expect(outcome.status).toBe('Succeeded');
  return { org, apiProfileId: profileId(org, 'API Only') };
}

describe('readOrgState', () => {
  it('Given a deployed profile, When read, Then object, field and user permissions come from its owned set', async () => {
    const { org, apiProfileId } = orgWithApiOnly();
    const profile = await readProfileState(modelOrgClient(org), 'API Only');
    expect(profile).toBeDefined();
    expect(profile?.profileId).toBe(apiProfileId);
    expect(profile?.permissionSetId).toMatch(/^0PS/);
    expect(profile?.userLicense).toBe('Salesforce');
    expect(profile?.userPermissions.get('ApiUserOnly')).toBe(true);
    expect(profile?.userPermissions.get('ModifyAllData')).toBe(false);
    expect(profile?.objects.get('Account')).toMatchObject({ allowRead: true, modifyAllRecords: true, viewAllRecords: true });
    expect(profile?.objects.get('Invoice__c')).toMatchObject({ allowEdit: true, modifyAllRecords: false });
    expect(profile?.fields.get('Invoice__c.Code__c')).toEqual({ readable: true, editable: false });
    expect(profile?.viewAllFieldsRead).toBe(true);
  });

  it('Given System Administrator, When read, Then 000 placeholder rows are folded into one entry per object and counted', async () => {
    const org = newOrg();
    const profile = await readProfileState(modelOrgClient(org), 'System Administrator');
    expect(profile?.placeholderRows).toBeGreaterThan(0);
    expect(profile?.objects.get('Account')?.modifyAllRecords).toBe(true);
  });

  it('Given no such profile or permission set, When read, Then undefined', async () => {
    const client = modelOrgClient(newOrg());
    expect(await readProfileState(client, 'Nope')).toBeUndefined();
    expect(await readPermissionSetState(client, 'Nope')).toBeUndefined();
  });

  it('Given a user frozen, locked, with a powerful set and a licence, When read, Then the snapshot names each, with routes', async () => {
    const { org, apiProfileId } = orgWithApiOnly();
    const fields = validUser(apiProfileId, { FirstName: 'API' });
    const userId = org.create('User', fields);
    const login = org.query(`SELECT Id FROM UserLogin WHERE UserId = '${userId}'`).records[0] as { Id: string };
    org.update('UserLogin', login.Id, { IsFrozen: true });
    org.lockPassword?.(userId);
    const psId = org.create('PermissionSet', { Name: 'Too_Much', Label: 'Too much', PermissionsViewAllData: true, PermissionsModifyAllData: true });
    org.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: psId });
    const client = modelOrgClient(org);
    const state = await readOrgState(client, {
      profileName: 'API Only', username: String(fields['Username']), userFields: ['FirstName', 'Email'],
      permissionSets: ['Too_Much', 'Missing_Set'], permissionSetLicenses: ['SalesforceAPIIntegrationPsl'],
    });
    const user = state.user;
    expect(user).toMatchObject({ id: userId, isActive: true, profileName: 'API Only', userLicense: 'Salesforce', isFrozen: true, isPasswordLocked: true });
    expect(user?.fields['FirstName']).toBe('API');
    expect(user?.permissionSetAssignments.map((a) => [a.route, a.name]).sort()).toEqual([['permissionSet', 'Too_Much'], ['profile', 'API Only']]);
    expect(user?.powerful).toEqual([
      { permission: 'ModifyAllData', via: [{ route: 'permissionSet', name: 'Too_Much' }] },
      { permission: 'ViewAllData', via: [{ route: 'permissionSet', name: 'Too_Much' }] },
    ]);
    expect([...state.permissionSets.keys()]).toEqual(['Too_Much']);
    expect(state.permissionSets.get('Too_Much')?.userPermissions.get('ModifyAllData')).toBe(true);
    expect(state.permissionSetLicenses.get('SalesforceAPIIntegrationPsl')?.id).toMatch(/^0PL/);
    expect(state.profile?.objects.get('Account')?.allowRead).toBe(true);
    expect(state.apiCalls).toBe(client.calls.length);
  });

  it('Given 1 or 300 objects, When read, Then the number of queries is the same', async () => {
    const count = async (n: number): Promise<number> => {
      const org = newOrg();
      const objects: Record<string, string> = { 'package.xml': packageXml({ CustomObject: Array.from({ length: n }, (_, i) => `O${i}__c`) }) };
      for (let i = 0; i < n; i++) objects[`objects/O${i}__c.object`] = customObject(`O${i}`, textField('F__c'));
      expect(deploy(org, objects).status).toBe('Succeeded');
      const body = Array.from({ length: n }, (_, i) => objPerm(`O${i}__c`, 'CRED') + fieldPerm(`O${i}__c.F__c`, true, true)).join('');
      expect(deployProfile(org, 'API Only', `    <custom>true</custom>\n${body}${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}`).status).toBe('Succeeded');
      const client = modelOrgClient(org);
      const state = await readOrgState(client, { profileName: 'API Only' });
      expect(state.profile?.fields.size).toBe(n);
      return client.calls.length;
    };
    expect(await count(1)).toBe(await count(300));
  });
});
