import { CorruptStateError, createWorld, type EmulatedOrg } from '../../../src/emulator/model';
import { deployProfile, newWorld, profileId, userPerm, validUser } from './helpers';

describe('world state', () => {
  it('toJSON → createWorld({state}) round-trips orgs, tokens, profiles and users', () => {
    const world = newWorld({ kind: 'production', name: 'Prod' }, { kind: 'sandbox', name: 'UAT', seats: { Salesforce: 3 } });
    const prod = world.orgs[0] as EmulatedOrg;
    deployProfile(prod, 'API Only', userPerm('ApiUserOnly'));
    const uid = prod.create('User', validUser(profileId(prod, 'API Only'), { Username: 'api@acme.example.com' }));
    const saved = JSON.parse(JSON.stringify(world.toJSON())) as unknown;
    const again = createWorld({ state: saved });
    expect(again.orgs.map((o) => o.identity)).toEqual(world.orgs.map((o) => o.identity));
    const prod2 = again.orgForToken(prod.identity.accessToken) as EmulatedOrg;
    expect(prod2.retrieve('User', uid, ['Username'])['Username']).toBe('api@acme.example.com');
    expect(prod2.query("SELECT PermissionsApiUserOnly FROM Profile WHERE Name = 'API Only'").records[0]).toMatchObject({ PermissionsApiUserOnly: true });
    expect(again.orgs[1]?.kind).toBe('sandbox');
    // username uniqueness survives the restore
    expect(() => (again.orgs[1] as EmulatedOrg).create('User', validUser(profileId(again.orgs[1] as EmulatedOrg, 'Standard User'), { Username: 'api@acme.example.com' }))).toThrow('Duplicate Username');
    // ids keep counting after a restore
    const next = prod2.create('User', validUser(profileId(prod2, 'Standard User')));
    expect(next).not.toBe(uid);
    expect(JSON.stringify(again.toJSON())).not.toBe(JSON.stringify(saved));
  });

  it.each([
    ['not an object', 'hello', '$'],
    ['wrong format marker', { format: 'x', version: 1, orgs: [] }, '$.format'],
    ['no orgs', { format: 'apionly-emulated-world', version: 1, orgs: [] }, '$.orgs'],
    ['org missing identity', { format: 'apionly-emulated-world', version: 1, orgs: [{}] }, '$.orgs[0].identity'],
  ])('a corrupt state is a clear error (%s)', (_, state, path) => {
    expect(() => createWorld({ state })).toThrow(CorruptStateError);
    expect(() => createWorld({ state })).toThrow(`at ${path}:`);
  });

  it('a damaged user record inside an otherwise valid state is caught', () => {
    const saved = JSON.parse(JSON.stringify(newWorld().toJSON())) as { orgs: { users: { fields: Record<string, unknown> }[] }[] };
    delete saved.orgs[0]?.users[0]?.fields['Username'];
    expect(() => createWorld({ state: saved })).toThrow('at $.orgs[0].users[0].fields.Username: expected a string');
  });

  it('fixed ids and tokens for reproducible tests; tokens find their org, bad tokens find none', () => {
    const world = newWorld({ orgId: '00D000000000001', accessToken: '00D000000000001!FAKE.token', adminUsername: 'admin@fake.example.com' });
    const org = world.orgs[0] as EmulatedOrg;
    expect(org.identity).toMatchObject({ orgId: '00D000000000001EAA', accessToken: '00D000000000001!FAKE.token', username: 'admin@fake.example.com' });
    expect(org.identity.accessToken).toMatch(/^(00D\w{12,15})![.\w]*$/); // core's accessTokenRegex
    expect(world.orgForToken('00D000000000001!FAKE.token')).toBe(org);
    expect(world.orgForToken('nope')).toBeUndefined();
    expect(() => world.addOrg({ adminUsername: 'admin@fake.example.com' })).toThrow('Duplicate Username');
  });

  it('orgs can be created with features on or off; an unknown feature name is an error', () => {
    const org = newWorld({ features: { Orders: true, StreamingApi: false } }).orgs[0] as EmulatedOrg;
    expect(org.query('SELECT COUNT() FROM Order').totalSize).toBe(0);
    expect(() => org.query('SELECT Id FROM StreamingChannel')).toThrow("sObject type 'StreamingChannel' is not supported.");
    expect(() => newWorld({ features: { Odrers: true } })).toThrow("Unknown org feature 'Odrers'");
  });

  it('generated tokens match core\'s access token pattern and the admin sits on System Administrator', () => {
    const org = newWorld().orgs[0] as EmulatedOrg;
    expect(org.identity.accessToken).toMatch(/^(00D\w{12,15})![.\w]*$/);
    expect(org.query(`SELECT Profile.Name FROM User WHERE Id = '${org.identity.userId}'`).records[0]).toMatchObject({ Profile: { Name: 'System Administrator' } });
  });
});
