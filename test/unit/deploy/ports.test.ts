import { OrgCallError, isTransient, jsforceOrgClient, toOrgCallError, type JsforceConnectionLike } from '../../../src/deploy/orgClient';
import { allowLoopbackInstance } from '../../../src/deploy/targetOrg';
import { lineProgress } from '../../../src/deploy/progress';
import { compareObjectPermissions, parseProfilePermissions } from '../../../src/deploy/profilePermissions';
import { PROFILE_XML } from './fakeOrg';

function fakeConnection(overrides: Partial<JsforceConnectionLike> = {}): JsforceConnectionLike & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    version: '66.0',
    requests,
    query: async () => ({ records: [{ attributes: { type: 'User' }, Id: '005A' }], done: false, nextRecordsUrl: '/next' }),
    queryMore: async () => ({ records: [{ attributes: { type: 'User' }, Id: '005B' }], done: true }),
    sobject: () => ({ create: async () => ({ id: '005C', success: true, errors: [] }), update: async () => ({ id: '005C', success: true, errors: [] }) }),
    request: async (info) => {
      requests.push(info);
      return { NewPassword: 'generated-secret' };
    },
    ...overrides,
  };
}

describe('jsforceOrgClient', () => {
  it('Given a paged query, When read, Then every page is returned without attributes', async () => {
    const client = jsforceOrgClient(fakeConnection());
    expect(await client.query('SELECT Id FROM User')).toEqual([{ Id: '005A' }, { Id: '005B' }]);
  });

  it('Given pages that end before the reported totalSize, When read, Then QUERY_INCOMPLETE (nothing silently dropped)', async () => {
    const client = jsforceOrgClient(
      fakeConnection({ query: async () => ({ records: [{ Id: '005A' }], totalSize: 3, done: false, nextRecordsUrl: '/next' }) }),
      { attempts: 1, delayMs: 1 },
    );
    await expect(client.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'QUERY_INCOMPLETE' });
  });

  it('Given a transient read error, When queried, Then it is retried once and succeeds', async () => {
    let calls = 0;
    const client = jsforceOrgClient(
      fakeConnection({
        query: async () => {
          calls++;
          if (calls === 1) throw Object.assign(new Error('socket hang up'), { errorCode: 'ECONNRESET' });
          return { records: [], done: true };
        },
      }),
      { attempts: 2, delayMs: 1 },
    );
    expect(await client.query('SELECT Id FROM User')).toEqual([]);
    expect(calls).toBe(2);
  });

  it('Given a platform error on create, When inserting, Then it is not retried and keeps the errorCode', async () => {
    let calls = 0;
    const client = jsforceOrgClient(
      fakeConnection({
        sobject: () => ({
          create: async () => {
            calls++;
            throw Object.assign(new Error('Duplicate Username.'), { errorCode: 'DUPLICATE_USERNAME' });
          },
          update: async () => ({}),
        }),
      }),
    );
    const err = (await client.create('User', {}).catch((e: unknown) => e)) as OrgCallError;
    expect(err).toBeInstanceOf(OrgCallError);
    expect(err).toMatchObject({ errorCode: 'DUPLICATE_USERNAME', ambiguous: false });
    expect(calls).toBe(1);
  });

  it('Given a network error on create, When inserting, Then it is not retried and is marked ambiguous', async () => {
    let calls = 0;
    const client = jsforceOrgClient(
      fakeConnection({
        sobject: () => ({
          create: async () => {
            calls++;
            throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
          },
          update: async () => ({}),
        }),
      }),
    );
    const err = (await client.create('User', {}).catch((e: unknown) => e)) as OrgCallError;
    expect(err.ambiguous).toBe(true);
    expect(calls).toBe(1);
  });

  it('Given a password reset, When asked, Then the REST reset is called and whatever it returns is dropped', async () => {
    const conn = fakeConnection();
    const client = jsforceOrgClient(conn);
    await expect(client.resetPassword('005C')).resolves.toBeUndefined();
    expect(conn.requests).toEqual([{ method: 'DELETE', url: '/services/data/v66.0/sobjects/User/005C/password' }]);
  });

  it.each([
    [{ message: 'x', errorCode: 'ERROR_HTTP_503' }, true],
    [{ message: 'socket hang up' }, true],
    [{ message: 'bad', errorCode: 'MALFORMED_QUERY' }, false],
    [{ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } }, true],
  ])('isTransient(%j) is %s', (err, expected) => {
    expect(isTransient(err)).toBe(expected);
  });

  it('Given a REST error array, When normalised, Then its errorCode is used', () => {
    expect(toOrgCallError({ message: 'x', data: [{ errorCode: 'LICENSE_LIMIT_EXCEEDED' }] })).toMatchObject({ errorCode: 'LICENSE_LIMIT_EXCEEDED', ambiguous: false });
  });
});

describe('allowLoopbackInstance', () => {
  it.each([
    ['http://127.0.0.1:1234', 'https://login.salesforce.com'],
    ['http://localhost:1234', 'https://login.salesforce.com'],
    ['https://acme.my.salesforce.com', undefined],
  ])('Given SF_ORG_INSTANCE_URL=%s, Then FORCE_SFDC_LOGIN_URL is %s', (url, expected) => {
    const env: NodeJS.ProcessEnv = { SF_ORG_INSTANCE_URL: url };
    allowLoopbackInstance(env);
    expect(env['FORCE_SFDC_LOGIN_URL']).toBe(expected);
  });
  it('Given FORCE_SFDC_LOGIN_URL already set, Then it is left alone', () => {
    const env: NodeJS.ProcessEnv = { SF_ORG_INSTANCE_URL: 'http://127.0.0.1:1', FORCE_SFDC_LOGIN_URL: 'https://test.salesforce.com' };
    allowLoopbackInstance(env);
    expect(env['FORCE_SFDC_LOGIN_URL']).toBe('https://test.salesforce.com');
  });
});

describe('lineProgress', () => {
  it('Given repeated identical updates, When written, Then each state is one line (CI logs stay short)', () => {
    const lines: string[] = [];
    const p = lineProgress({ write: (t: string) => lines.push(t) });
    p.deployStarted('0Af1', 1);
    p.deployUpdate({ status: 'InProgress', deployed: 0, total: 1, errors: 0 });
    p.deployUpdate({ status: 'InProgress', deployed: 0, total: 1, errors: 0 });
    p.deployUpdate({ status: 'InProgress', deployed: 1, total: 1, errors: 0 });
    p.deployDone('Succeeded');
    expect(lines.join('')).toBe(
      'Deploy 0Af1 started (1 component).\nDeploy InProgress: 0/1 components\nDeploy InProgress: 1/1 components\nDeploy Succeeded.\n',
    );
  });
});

describe('profile permissions', () => {
  it('Given the committed profile, When parsed, Then object flags and user permissions are read', () => {
    const p = parseProfilePermissions(PROFILE_XML);
    expect(p.objects.get('Account')).toEqual({
      allowCreate: true,
      allowDelete: true,
      allowEdit: true,
      allowRead: true,
      modifyAllRecords: true,
      viewAllFields: false,
      viewAllRecords: true,
    });
    expect(p.userPermissions.get('ApiUserOnly')).toBe(true);
  });

  it('Given a retrieved profile with the other sections around them, When parsed, Then only its object flags and user permissions are read', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <custom>true</custom>',
      '    <fieldPermissions>',
      '        <editable>true</editable>',
      '        <field>Account.Name</field>',
      '        <readable>true</readable>',
      '    </fieldPermissions>',
      '    <layoutAssignments>',
      '        <layout>Account-Account Layout</layout>',
      '    </layoutAssignments>',
      '    <objectPermissions>',
      '        <allowCreate>false</allowCreate>',
      '        <allowRead>true</allowRead>',
      '        <object>Account</object>',
      '    </objectPermissions>',
      '    <tabVisibilities>',
      '        <tab>standard-Account</tab>',
      '        <visibility>DefaultOn</visibility>',
      '    </tabVisibilities>',
      '    <userLicense>Salesforce</userLicense>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ApiEnabled</name>',
      '    </userPermissions>',
      '</Profile>',
      '',
    ].join('\n');
    const p = parseProfilePermissions(xml);
    expect([...p.objects]).toEqual([['Account', { allowCreate: false, allowRead: true }]]);
    expect([...p.userPermissions]).toEqual([['ApiEnabled', true]]);
    expect(() => parseProfilePermissions('<Layout><label>x</label></Layout>')).toThrow(/no <Profile> or <PermissionSet> root/);
    // A PermissionSet (integration route) carries the same entries.
    const ps = parseProfilePermissions(
      '<PermissionSet><label>x</label><objectPermissions><allowRead>true</allowRead><object>Account</object></objectPermissions><userPermissions><enabled>true</enabled><name>ApiEnabled</name></userPermissions></PermissionSet>',
    );
    expect([[...ps.objects], [...ps.userPermissions]]).toEqual([[['Account', { allowRead: true }]], [['ApiEnabled', true]]]);
  });

  it('Given a retrieve that omits all-false entries and false flags, When compared, Then absence counts as false', () => {
    const committed = new Map([
      ['Account', { allowRead: true, allowCreate: false }],
      ['Idea', { allowRead: false }],
    ]);
    const deployed = new Map([['Account', { allowRead: true }]]);
    expect(compareObjectPermissions(committed, deployed)).toEqual([]);
  });

  it('Given a flag that differs, When compared, Then the mismatch names object, flag and both values', () => {
    const mismatches = compareObjectPermissions(new Map([['Case', { allowEdit: true }]]), new Map([['Case', { allowEdit: false }]]));
    expect(mismatches).toEqual([{ object: 'Case', flag: 'allowEdit', expected: true, actual: false }]);
  });

  it('Given a file that is not a profile, When parsed, Then it throws', () => {
    expect(() => parseProfilePermissions('<PermissionSet/>')).toThrow(/not a Profile/);
  });
});
