/**
 * ObjectPermissions, FieldPermissions, UserLogin, PermissionSet DML and Profile permission updates in the model:
 * what the org-state reader queries and what makes drift happen through the API (permission-model.md §1-§3, §6).
 */
import { customObject, deployProfile, err, fieldPerm, newOrg, objPerm, one, profileId, textField, userPerm, validUser, deploy, packageXml } from './helpers';

type Row = Record<string, unknown>;

function setup(): { org: ReturnType<typeof newOrg>; apiProfileId: string; psId: string } {
  const org = newOrg();
  deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c'] }), 'objects/Invoice__c.object': customObject('Invoice', textField('Code__c')) });
  const outcome = deployProfile(org, 'API Only', `    <custom>true</custom>\n${fieldPerm('Invoice__c.Code__c', true, true)}${objPerm('Account', 'CREDMV')}${objPerm('Invoice__c', 'R')}${objPerm('Product2', 'R')}${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}`);
  expect(outcome.status).toBe('Succeeded');
  const apiProfileId = profileId(org, 'API Only');
  const psId = String((one(org.query("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'API Only'").records) as Row)['Id']);
  return { org, apiProfileId, psId };
}

describe('permission objects in the emulated org', () => {
  it('Given a deployed profile, When ObjectPermissions are filtered by Parent.Profile.Name, Then one row per object with access, nested Parent', () => {
    const { org, psId } = setup();
    const rows = org.query("SELECT Id, ParentId, Parent.Profile.Name, SobjectType, PermissionsRead, PermissionsModifyAllRecords FROM ObjectPermissions WHERE Parent.Profile.Name = 'API Only' ORDER BY SobjectType").records as Row[];
    // a new custom profile starts from the standard objects a Standard User holds; the file's entries overlay them
    expect(rows.map((r) => r['SobjectType'])).toEqual(expect.arrayContaining(['Account', 'Invoice__c', 'Product2']));
    expect(rows.filter((r) => r['SobjectType'] === 'Account')).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ParentId: psId, PermissionsRead: true, PermissionsModifyAllRecords: true, Parent: { Profile: { Name: 'API Only' } } });
    expect(String(rows[0]?.['Id'])).toMatch(/^110/);
  });

  it('Given System Administrator (Modify All Data), When its ObjectPermissions are read, Then 000 placeholder rows appear beside real ones', () => {
    const org = newOrg();
    const rows = org.query("SELECT Id, SobjectType FROM ObjectPermissions WHERE Parent.Profile.Name = 'System Administrator' AND SobjectType = 'Account'").records as Row[];
    expect(rows.map((r) => String(r['Id']).slice(0, 3)).sort()).toEqual(['000', '110']);
  });

  it('Given FieldPermissions, When filtered by ParentId, Then the readable fields come back as Object.Field', () => {
    const { org, psId } = setup();
    const rows = org.query(`SELECT Field, SobjectType, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${psId}'`).records as Row[];
    expect(rows).toEqual([expect.objectContaining({ Field: 'Invoice__c.Code__c', SobjectType: 'Invoice__c', PermissionsRead: true, PermissionsEdit: true })]);
  });

  it('Given an ObjectPermissions row, When lowered through the API, Then it reads back lowered; all off deletes the row; a bad dependency is refused', () => {
    const { org, psId } = setup();
    const id = String((one(org.query(`SELECT Id FROM ObjectPermissions WHERE ParentId = '${psId}' AND SobjectType = 'Account'`).records) as Row)['Id']);
    org.update('ObjectPermissions', id, { PermissionsModifyAllRecords: false, PermissionsViewAllRecords: false, PermissionsDelete: false });
    expect(one(org.query(`SELECT PermissionsModifyAllRecords, PermissionsEdit FROM ObjectPermissions WHERE Id = '${id}'`).records)).toMatchObject({ PermissionsModifyAllRecords: false, PermissionsEdit: true });
    expect(err(() => org.update('ObjectPermissions', id, { PermissionsRead: false })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const invoice = String((one(org.query(`SELECT Id FROM ObjectPermissions WHERE ParentId = '${psId}' AND SobjectType = 'Invoice__c'`).records) as Row)['Id']);
    org.update('ObjectPermissions', invoice, { PermissionsRead: false });
    expect(org.query(`SELECT Id FROM ObjectPermissions WHERE Id = '${invoice}'`).records).toEqual([]);
  });

  it('Given View All on Product2 inserted through the API, When read back, Then View All / Modify All are false (dropped silently)', () => {
    const org = newOrg();
    const psId = org.create('PermissionSet', { Name: 'Extra', Label: 'Extra' });
    const id = org.create('ObjectPermissions', { ParentId: psId, SobjectType: 'Product2', PermissionsRead: true, PermissionsViewAllRecords: true });
    expect(one(org.query(`SELECT PermissionsRead, PermissionsViewAllRecords FROM ObjectPermissions WHERE Id = '${id}'`).records)).toMatchObject({ PermissionsRead: true, PermissionsViewAllRecords: false });
    expect(err(() => org.create('ObjectPermissions', { ParentId: psId, SobjectType: 'Account' })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it('Given a user, When UserLogin is frozen through the API, Then it reads back frozen; IsPasswordLocked can only be cleared', () => {
    const { org, apiProfileId } = setup();
    const userId = org.create('User', validUser(apiProfileId));
    const login = one(org.query(`SELECT Id, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = '${userId}'`).records) as Row;
    expect(login).toMatchObject({ IsFrozen: false, IsPasswordLocked: false });
    org.update('UserLogin', String(login['Id']), { IsFrozen: true });
    expect(one(org.query(`SELECT IsFrozen FROM UserLogin WHERE UserId = '${userId}'`).records)).toMatchObject({ IsFrozen: true });
    expect(err(() => org.update('UserLogin', String(login['Id']), { IsPasswordLocked: true })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    org.lockPassword?.(userId);
    org.update('UserLogin', String(login['Id']), { IsPasswordLocked: false });
    expect(one(org.query(`SELECT IsPasswordLocked FROM UserLogin WHERE UserId = '${userId}'`).records)).toMatchObject({ IsPasswordLocked: false });
    expect(err(() => org.create('UserLogin', { UserId: userId })).errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
  });

  it('Given a profile, When a user permission is set through the Profile record, Then its owned set reads it; the owned set itself refuses updates', () => {
    const { org, apiProfileId, psId } = setup();
    org.update('Profile', apiProfileId, { PermissionsViewAllData: true, PermissionsModifyAllData: true });
    expect(one(org.query(`SELECT PermissionsModifyAllData FROM PermissionSet WHERE Id = '${psId}'`).records)).toMatchObject({ PermissionsModifyAllData: true });
    expect(err(() => org.update('Profile', apiProfileId, { PermissionsViewAllData: false })).errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(err(() => org.update('PermissionSet', psId, { PermissionsManageUsers: true })).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  it('Given a powerful permission set created and assigned through the API, When assignments are read with PermissionSet fields, Then the permission shows', () => {
    const { org, apiProfileId } = setup();
    const userId = org.create('User', validUser(apiProfileId));
    const psId = org.create('PermissionSet', { Name: 'Too_Much', Label: 'Too much', PermissionsViewAllData: true, PermissionsModifyAllData: true });
    org.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: psId });
    const rows = org.query(`SELECT PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.PermissionsModifyAllData, PermissionSetGroupId FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`).records as Row[];
    expect(rows).toContainEqual(expect.objectContaining({ PermissionSet: expect.objectContaining({ Name: 'Too_Much', PermissionsModifyAllData: true }), PermissionSetGroupId: null }));
    expect(rows).toContainEqual(expect.objectContaining({ PermissionSet: expect.objectContaining({ IsOwnedByProfile: true }) }));
    expect(err(() => org.create('PermissionSet', { Name: 'Too_Much', Label: 'Again' })).errorCode).toBe('DUPLICATE_DEVELOPER_NAME');
    expect(org.query('SELECT Id, DeveloperName FROM PermissionSetGroup').records).toEqual([]);
  });
});
