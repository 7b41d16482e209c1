/**
 * Permission set groups through the reader, with rows shaped as Salesforce returns them (the emulated org hosts no
 * groups): a group assignment carries PermissionSetGroupId, and its PermissionSet is the group's aggregate set
 * (Type 'Group') holding the union of the group's permissions.
 */
import type { OrgClient } from '../../../src/deploy/orgClient';
import { readUserState } from '../../../src/orgState';

function stubClient(rows: Record<string, Array<Record<string, unknown>>>): OrgClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async query(soql) {
      queries.push(soql);
      const from = /FROM (\w+)/.exec(soql)?.[1] ?? '';
      return rows[from] ?? [];
    },
    async describeFields(sobject) {
      return sobject === 'PermissionSet'
        ? ['Id', 'Name', 'PermissionsApiEnabled', 'PermissionsModifyAllData', 'PermissionsAuthorApex'].map((name) => ({ name, type: name === 'Id' ? 'id' : name.startsWith('Permissions') ? 'boolean' : 'string' }))
        : [{ name: 'PermissionsRead', type: 'boolean' }];
    },
    async create() { throw new Error('no writes'); },
    async update() { throw new Error('no writes'); },
    async resetPassword() { throw new Error('no writes'); },
  };
}

it('Given a user in a permission set group carrying Author Apex, When read, Then the grant names the group; the profile route too; no UserLogin row is undefined', async () => {
  const client = stubClient({
    User: [{ Id: '005A', Username: 'api@acme.example', IsActive: true, ProfileId: '00eA', Profile: { Name: 'API Only', UserLicense: { Name: 'Salesforce' } }, LastLoginDate: '2026-12-01T00:00:00.000Z' }],
    UserLogin: [],
    PermissionSetAssignment: [
      { Id: '0PaP', PermissionSetId: '0PSP', PermissionSetGroupId: null, PermissionSet: { Name: 'X00eA', Label: '00eA', IsOwnedByProfile: true, Type: 'Profile', PermissionsModifyAllData: true, PermissionsAuthorApex: false }, PermissionSetGroup: null },
      { Id: '0PaG', PermissionSetId: '0PSG', PermissionSetGroupId: '0PGA', PermissionSet: { Name: 'Devs_Group_Aggregate', Label: 'Devs', IsOwnedByProfile: false, Type: 'Group', PermissionsModifyAllData: false, PermissionsAuthorApex: true }, PermissionSetGroup: { DeveloperName: 'Developers' } },
    ],
    PermissionSetLicenseAssign: [{ Id: '2LAA', PermissionSetLicenseId: '0PLA', PermissionSetLicense: { DeveloperName: 'SalesforceAPIIntegrationPsl', MasterLabel: 'Salesforce API Integration' } }],
  });
  const user = await readUserState(client, 'api@acme.example');
  expect(user).toMatchObject({ isActive: true, profileName: 'API Only', userLicense: 'Salesforce', lastLoginDate: '2026-12-01T00:00:00.000Z', isFrozen: undefined });
  expect(user?.permissionSetAssignments.map((a) => [a.route, a.name, a.powerful])).toEqual([
    ['profile', 'API Only', ['ModifyAllData']],
    ['permissionSetGroup', 'Developers', ['AuthorApex']],
  ]);
  expect(user?.powerful).toEqual([
    { permission: 'ModifyAllData', via: [{ route: 'profile', name: 'API Only' }] },
    { permission: 'AuthorApex', via: [{ route: 'permissionSetGroup', name: 'Developers' }] },
  ]);
  expect(user?.permissionSetLicenseAssignments).toEqual([{ id: '2LAA', permissionSetLicenseId: '0PLA', developerName: 'SalesforceAPIIntegrationPsl', label: 'Salesforce API Integration' }]);
  // only powerful permissions the org describes are asked for
  const psa = client.queries.find((q) => q.includes('FROM PermissionSetAssignment')) ?? '';
  expect(psa).toContain('PermissionSet.PermissionsModifyAllData');
  expect(psa).not.toContain('PermissionsViewAllData');
});
