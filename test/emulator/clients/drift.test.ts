/**
 * The admin-side changes that make drift, through jsforce (via @salesforce/core) against the emulated org, as an admin
 * would make them on Salesforce: freeze through UserLogin, a powerful permission set created and assigned, a
 * profile's user permission through the Profile record, an object permission lowered and removed through
 * ObjectPermissions; and the one that has no API (a password lock-out) through the admin endpoint.
 */
import { connectionFor, userFields, withEmulatedOrg } from '../../helpers/emulator';

type Row = Record<string, unknown>;

it('Given the emulated org, When an admin changes the user and its permissions through the API, Then each reads back as Salesforce would', async () => {
  await withEmulatedOrg(async (emu) => {
    const conn = await connectionFor(emu);
    const standard = (await conn.query<Row>("SELECT Id FROM Profile WHERE Name = 'Standard User'")).records[0] as Row;
    const created = (await conn.sobject('User').create(userFields(`drift.${Date.now()}@example.com`, { ProfileId: standard['Id'] }))) as { id: string };

    const login = (await conn.query<Row>(`SELECT Id, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = '${created.id}'`)).records[0] as Row;
    expect(login).toMatchObject({ IsFrozen: false, IsPasswordLocked: false });
    await conn.sobject('UserLogin').update({ Id: login['Id'] as string, IsFrozen: true });
    expect((await conn.query<Row>(`SELECT IsFrozen FROM UserLogin WHERE UserId = '${created.id}'`)).records[0]).toMatchObject({ IsFrozen: true });
    await expect(conn.sobject('UserLogin').update({ Id: login['Id'] as string, IsPasswordLocked: true })).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });

    const lock = await fetch(`${emu.instanceUrl}/__emulator/users/${created.id}/lock-password`, { method: 'POST' });
    expect(lock.status).toBe(200);
    expect((await conn.query<Row>(`SELECT IsPasswordLocked FROM UserLogin WHERE UserId = '${created.id}'`)).records[0]).toMatchObject({ IsPasswordLocked: true });

    const ps = (await conn.sobject('PermissionSet').create({ Name: 'Break_Glass', Label: 'Break glass', PermissionsViewAllData: true, PermissionsModifyAllData: true })) as { id: string };
    await conn.sobject('PermissionSetAssignment').create({ AssigneeId: created.id, PermissionSetId: ps.id });
    const assignments = await conn.query<Row>(`SELECT PermissionSet.Name, PermissionSet.PermissionsModifyAllData FROM PermissionSetAssignment WHERE AssigneeId = '${created.id}' AND PermissionSet.IsOwnedByProfile = false`);
    expect(assignments.records).toEqual([expect.objectContaining({ PermissionSet: expect.objectContaining({ Name: 'Break_Glass', PermissionsModifyAllData: true }) })]);

    await conn.sobject('Profile').update({ Id: standard['Id'] as string, PermissionsViewSetup: true });
    const owned = (await conn.query<Row>("SELECT Id, PermissionsViewSetup FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'Standard User'")).records[0] as Row;
    expect(owned['PermissionsViewSetup']).toBe(true);
    await expect(conn.sobject('PermissionSet').update({ Id: owned['Id'] as string, PermissionsViewSetup: false })).rejects.toMatchObject({ errorCode: 'INVALID_CROSS_REFERENCE_KEY' });

    const lead = (await conn.query<Row>("SELECT Id, PermissionsEdit FROM ObjectPermissions WHERE Parent.Profile.Name = 'Standard User' AND SobjectType = 'Lead'")).records[0] as Row;
    expect(lead['PermissionsEdit']).toBe(true);
    await conn.sobject('ObjectPermissions').update({ Id: lead['Id'] as string, PermissionsEdit: false, PermissionsDelete: false, PermissionsCreate: false });
    expect((await conn.query<Row>(`SELECT PermissionsRead, PermissionsEdit FROM ObjectPermissions WHERE Id = '${String(lead['Id'])}'`)).records[0]).toMatchObject({ PermissionsRead: true, PermissionsEdit: false });
    await conn.sobject('ObjectPermissions').destroy(lead['Id'] as string);
    expect((await conn.query<Row>("SELECT Id FROM ObjectPermissions WHERE Parent.Profile.Name = 'Standard User' AND SobjectType = 'Lead'")).totalSize).toBe(0);
  });
});
