import type { EmulatedOrg } from '../../../src/emulator/model';
import { deploy, err, newOrg, one, packageXml, permissionSetXml, profileId, userPerm, validUser } from './helpers';

const idOf = (org: EmulatedOrg, q: string): string => String(one(org.query(q).records)['Id']);

describe('PermissionSetAssignment and PermissionSetLicenseAssign', () => {
  it('assigns a permission set; a second identical assignment is DUPLICATE_VALUE; unassign by delete', () => {
    const org = newOrg();
    const user = org.create('User', validUser(profileId(org, 'Standard User')));
    const ps = idOf(org, "SELECT Id FROM PermissionSet WHERE Name = 'Sales_Reports'");
    const a = org.create('PermissionSetAssignment', { AssigneeId: user, PermissionSetId: ps });
    expect(a).toMatch(/^0Pa/);
    expect(org.query(`SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${user}' AND PermissionSet.IsOwnedByProfile = false`).records[0]).toMatchObject({ PermissionSet: { Name: 'Sales_Reports' } });
    const dup = err(() => org.create('PermissionSetAssignment', { AssigneeId: user, PermissionSetId: ps.slice(0, 15) }));
    expect(dup.errorCode).toBe('DUPLICATE_VALUE');
    expect(dup.message).toBe('duplicate value found: <unknown> duplicates value on record with id: <unknown>');
    org.delete('PermissionSetAssignment', a);
    expect(org.query('SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false').totalSize).toBe(0);
  });

  it("a profile's own permission set can be neither assigned nor unassigned", () => {
    const org = newOrg();
    const user = org.create('User', validUser(profileId(org, 'Standard User')));
    const owned = one(org.query(`SELECT Id, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${user}'`).records);
    expect(String(owned['PermissionSetId'])).toMatch(/^0PS/);
    const adminOwned = idOf(org, "SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'System Administrator'");
    expect(err(() => org.create('PermissionSetAssignment', { AssigneeId: user, PermissionSetId: adminOwned })).message).toBe("You can't assign or unassign this permission set because it's associated with a profile.");
    expect(err(() => org.delete('PermissionSetAssignment', String(owned['Id']))).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it('bad references and missing fields', () => {
    const org = newOrg();
    expect(err(() => org.create('PermissionSetAssignment', { AssigneeId: org.identity.userId })).errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(err(() => org.create('PermissionSetAssignment', { AssigneeId: org.identity.userId, PermissionSetId: '0PS5A00000000ZZ' })).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  it('a licence-bound permission set needs a matching user licence', () => {
    const org = newOrg();
    const integrationUser = org.create('User', validUser(profileId(org, 'Minimum Access - API Only Integrations')));
    const salesReports = idOf(org, "SELECT Id FROM PermissionSet WHERE Name = 'Sales_Reports'"); // license Salesforce
    const e = err(() => org.create('PermissionSetAssignment', { AssigneeId: integrationUser, PermissionSetId: salesReports }));
    expect(e.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(e.message).toContain("doesn't match the user license of the permission set");
  });

  it('a PSL-bound permission set needs the PSL first; the PSL needs the Salesforce Integration licence', () => {
    const org = newOrg();
    const integrationUser = org.create('User', validUser(profileId(org, 'Minimum Access - API Only Integrations')));
    const fullUser = org.create('User', validUser(profileId(org, 'Standard User')));
    const ps = idOf(org, "SELECT Id FROM PermissionSet WHERE Name = 'Integration_Object_Access'");
    const psl = idOf(org, "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
    // Object access for an Integration-licence user needs the PSL first (permission-model 7, the real wording).
    const noPsl = err(() => org.create('PermissionSetAssignment', { AssigneeId: integrationUser, PermissionSetId: ps }));
    expect([noPsl.errorCode, noPsl.message]).toEqual(['FIELD_INTEGRITY_EXCEPTION', "The user license doesn't allow the permission: Read Account"]);
    expect(err(() => org.create('PermissionSetLicenseAssign', { AssigneeId: fullUser, PermissionSetLicenseId: psl })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const la = org.create('PermissionSetLicenseAssign', { AssigneeId: integrationUser, PermissionSetLicenseId: psl });
    expect(la).toMatch(/^2LA/);
    expect(err(() => org.create('PermissionSetLicenseAssign', { AssigneeId: integrationUser, PermissionSetLicenseId: psl })).errorCode).toBe('DUPLICATE_VALUE');
    expect(org.create('PermissionSetAssignment', { AssigneeId: integrationUser, PermissionSetId: ps })).toMatch(/^0Pa/);
    expect(org.query("SELECT UsedLicenses FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'").records[0]).toMatchObject({ UsedLicenses: 1 });
    expect(org.query(`SELECT PermissionSetLicense.DeveloperName, Assignee.Username FROM PermissionSetLicenseAssign WHERE AssigneeId = '${integrationUser}'`).totalSize).toBe(1);
  });

  it("a licence-free permission set whose permissions the user's licence does not allow", () => {
    const org = newOrg();
    deploy(org, { 'package.xml': packageXml({ PermissionSet: ['Admin_Extras'] }), 'permissionsets/Admin_Extras.permissionset': permissionSetXml('    <label>Admin Extras</label>\n' + userPerm('CustomizeApplication')) });
    const integrationUser = org.create('User', validUser(profileId(org, 'Minimum Access - API Only Integrations')));
    const e = err(() => org.create('PermissionSetAssignment', { AssigneeId: integrationUser, PermissionSetId: idOf(org, "SELECT Id FROM PermissionSet WHERE Name = 'Admin_Extras'") }));
    expect(e.message).toMatch(/^Can't assign permission set Admin Extras to user .*\. The user license doesn't allow the permission: CustomizeApplication$/);
  });
});
