import type { EmulatedOrg } from '../../../src/emulator/model';
import { deployProfile, err, newOrg, newWorld, profileId, userPerm, validUser } from './helpers';

function apiOnlyProfile(org: EmulatedOrg): string {
  deployProfile(org, 'API Only', userPerm('ApiUserOnly'));
  return profileId(org, 'API Only');
}

describe('User records', () => {
  it('creates a user: 18-char 005 id, IsActive defaults true, audit fields set', () => {
    const org = newOrg();
    const id = org.create('User', validUser(apiOnlyProfile(org), { Username: 'api@acme.example.com' }));
    expect(id).toMatch(/^005[A-Za-z0-9]{15}$/);
    const rec = org.retrieve('User', id, ['Username', 'IsActive', 'CreatedDate', 'ProfileId', 'CommunityNickname']);
    expect(rec).toMatchObject({ Username: 'api@acme.example.com', IsActive: true, CommunityNickname: 'api@acme.example.com', attributes: { type: 'User' } });
    expect(typeof rec['CreatedDate']).toBe('string');
    expect(org.retrieve('User', id.slice(0, 15))['Id']).toBe(id); // 15-char ids accepted
  });

  it.each([
    ['required fields', { LastName: undefined, Alias: undefined }, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName, Alias]'],
    ['username not an email', { Username: 'not-an-email' }, 'INVALID_EMAIL_ADDRESS', 'Username: invalid email address: not-an-email'],
    ['username over 80', { Username: `${'a'.repeat(75)}@x.com` }, 'STRING_TOO_LONG', 'Username: data value too large'],
    ['alias over 8', { Alias: 'toolongalias' }, 'STRING_TOO_LONG', 'Alias: data value too large: toolongalias (max length=8)'],
    ['bad time zone', { TimeZoneSidKey: 'Mars/Olympus' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'Time Zone: bad value for restricted picklist field: Mars/Olympus'],
    ['bad locale', { LocaleSidKey: 'xx_XX' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'Locale: bad value for restricted picklist field: xx_XX'],
    ['bad email', { Email: 'nope' }, 'INVALID_EMAIL_ADDRESS', 'Email: invalid email address: nope'],
    ['unknown field', { Shoe__c: 'x' }, 'INVALID_FIELD', "No such column 'Shoe__c' on sobject of type User"],
    ['read-only field', { CreatedDate: '2020-01-01T00:00:00.000Z' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: CreatedDate.'],
    ['malformed ProfileId', { ProfileId: 'xyz' }, 'MALFORMED_ID', 'Profile ID: id value of incorrect type: xyz'],
    ['ProfileId of another type', { ProfileId: '0055A0000000001QAA' }, 'FIELD_INTEGRITY_EXCEPTION', 'Profile ID: id value of incorrect type'],
    ['ProfileId that does not exist', { ProfileId: '00e5A00000000ZZ' }, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'],
  ])('refuses %s', (_, overrides, code, text) => {
    const org = newOrg();
    const fields = validUser(profileId(org, 'Standard User'), overrides);
    for (const [k, v] of Object.entries(fields)) if (v === undefined) delete fields[k];
    const before = org.query('SELECT COUNT() FROM User').totalSize;
    const e = err(() => org.create('User', fields));
    expect(e.errorCode).toBe(code);
    expect(e.message).toContain(text);
    expect(org.query('SELECT COUNT() FROM User').totalSize).toBe(before);
  });

  it('a username taken in any org of the world is DUPLICATE_USERNAME (also after deactivation, case-insensitive)', () => {
    const world = newWorld({ kind: 'production' }, { kind: 'sandbox' });
    const [prod, sandbox] = world.orgs as [EmulatedOrg, EmulatedOrg];
    const id = prod.create('User', validUser(profileId(prod, 'Standard User'), { Username: 'api@acme.example.com' }));
    prod.update('User', id, { IsActive: false });
    const e = err(() => sandbox.create('User', validUser(profileId(sandbox, 'Standard User'), { Username: 'API@acme.example.com' })));
    expect(e.errorCode).toBe('DUPLICATE_USERNAME');
    expect(e.message.startsWith('Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations.')).toBe(true);
    expect(e.fields).toEqual(['Username']);
    expect(err(() => sandbox.create('User', validUser(profileId(sandbox, 'Standard User'), { Username: prod.identity.username }))).errorCode).toBe('DUPLICATE_USERNAME');
  });

  it('Username is updatable but stays unique', () => {
    const org = newOrg();
    const pid = profileId(org, 'Standard User');
    const a = org.create('User', validUser(pid, { Username: 'a@acme.example.com' }));
    org.create('User', validUser(pid, { Username: 'b@acme.example.com' }));
    org.update('User', a, { Username: 'a2@acme.example.com' });
    expect(org.retrieve('User', a, ['Username'])['Username']).toBe('a2@acme.example.com');
    expect(err(() => org.update('User', a, { Username: 'b@acme.example.com' })).errorCode).toBe('DUPLICATE_USERNAME');
    org.update('User', a, { Username: 'A2@acme.example.com' }); // its own name in another case is fine
  });

  it('seats: LICENSE_LIMIT_EXCEEDED when creating or activating beyond the licence', () => {
    const org = newOrg({ seats: { Salesforce: 2 } }); // the admin takes one
    const pid = profileId(org, 'Standard User');
    const a = org.create('User', validUser(pid));
    const e = err(() => org.create('User', validUser(pid)));
    expect(e.errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    org.update('User', a, { IsActive: false });
    const b = org.create('User', validUser(pid)); // the freed seat
    expect(err(() => org.update('User', a, { IsActive: true })).errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    expect(org.query("SELECT UsedLicenses, TotalLicenses FROM UserLicense WHERE Name = 'Salesforce'").records[0]).toMatchObject({ UsedLicenses: 2, TotalLicenses: 2 });
    expect(b).toMatch(/^005/);
    // an inactive user is created without a seat
    expect(org.create('User', validUser(pid, { IsActive: false }))).toMatch(/^005/);
  });

  it('setLicenseSeats changes the seat count of a named licence; unknown licences and bad counts are refused', () => {
    const org = newOrg({ seats: { Salesforce: 1 } }); // the admin takes the only seat
    const pid = profileId(org, 'Standard User');
    expect(err(() => org.create('User', validUser(pid))).errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    org.setLicenseSeats!('Salesforce', 2);
    expect(org.query("SELECT TotalLicenses FROM UserLicense WHERE Name = 'Salesforce'").records[0]).toMatchObject({ TotalLicenses: 2 });
    expect(org.create('User', validUser(pid))).toMatch(/^005/);
    expect(err(() => org.setLicenseSeats!('Nope', 3)).errorCode).toBe('NOT_FOUND');
    expect(err(() => org.setLicenseSeats!('Salesforce', -1)).errorCode).toBe('INVALID_FIELD');
  });

  it('integration seats are counted on their own licence', () => {
    const org = newOrg({ seats: { 'Salesforce Integration': 1 } });
    const pid = profileId(org, 'Minimum Access - API Only Integrations');
    org.create('User', validUser(pid));
    expect(err(() => org.create('User', validUser(pid))).errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
  });

  it('users cannot be deleted; deactivation works', () => {
    const org = newOrg();
    const id = org.create('User', validUser(profileId(org, 'Standard User')));
    const e = err(() => org.delete('User', id));
    expect(e.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    expect(e.message).toBe('entity type cannot be deleted');
    org.update('User', id, { IsActive: false });
    expect(org.query(`SELECT IsActive FROM User WHERE Id = '${id}'`).records[0]).toMatchObject({ IsActive: false });
  });

  it('unknown ids and types answer NOT_FOUND (404)', () => {
    const org = newOrg();
    expect(err(() => org.retrieve('User', '0055A00000000ZZ')).httpStatus).toBe(404);
    expect(err(() => org.update('User', 'garbage', { LastName: 'x' })).errorCode).toBe('NOT_FOUND');
    expect(err(() => org.create('Widget', {})).httpStatus).toBe(404);
  });

  it('resetPassword records an event and returns nothing', () => {
    const org = newOrg();
    const id = org.create('User', validUser(profileId(org, 'Standard User')));
    expect(org.resetPassword(id)).toBeUndefined();
    const state = org.toJSON() as { events: { type: string; userId: string }[] };
    expect(state.events).toEqual([expect.objectContaining({ type: 'resetPassword', userId: id })]);
    expect(err(() => org.resetPassword('0055A00000000ZZ')).errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });
});
