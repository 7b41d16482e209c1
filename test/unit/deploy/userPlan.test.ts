import { normalizeId } from '../../../src/deploy/soql';
import { planUser, profileQuery, userQuery, writableFields, sameValue, type UserPlanInput } from '../../../src/deploy/userPlan';
import type { UserSpec } from '../../../src/deploy/types';

const spec: UserSpec = {
  fields: {
    Username: 'api.user@example.com',
    LastName: 'Integration',
    Email: 'ops@example.com',
    Alias: 'apiuser',
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    UserPermissionsMarketingUser: false,
  },
  profileName: 'API Only',
  permissionSets: ['Reports_Read', 'Api_Extra'],
};
const PROFILE_ID = '00e000000000001AAA';

function input(overrides: Partial<UserPlanInput> = {}): UserPlanInput {
  return {
    spec,
    existing: undefined,
    profileId: PROFILE_ID,
    permissionSetIds: new Map([
      ['Reports_Read', normalizeId('0PS000000000001')],
      ['Api_Extra', '0PS000000000002AAA'],
    ]),
    assignedPermissionSetIds: [],
    resetPassword: 'never',
    ...overrides,
  };
}

const existingUser = {
  Id: '005000000000001AAA',
  Username: 'api.user@example.com',
  IsActive: true,
  ProfileId: PROFILE_ID,
  LastName: 'Integration',
  Email: 'ops@example.com',
  Alias: 'apiuser',
  TimeZoneSidKey: 'America/Los_Angeles',
  LocaleSidKey: 'en_US',
  EmailEncodingKey: 'UTF-8',
  LanguageLocaleKey: 'en_US',
  UserPermissionsMarketingUser: false,
};

describe('planUser', () => {
  it('Given no user in the org, When planned, Then it creates with every field and the profile id', () => {
    const plan = planUser(input());
    expect(plan.action).toBe('create');
    expect(plan.write).toEqual({ ...spec.fields, ProfileId: PROFILE_ID });
    expect(plan.permissionSets.map((p) => p.action)).toEqual(['assign', 'assign']);
    expect(plan.reactivate).toBe(false);
  });

  it('Given the user exactly as declared, When planned, Then nothing changes', () => {
    const plan = planUser(input({ existing: existingUser, assignedPermissionSetIds: ['0PS000000000001', '0PS000000000002AAA'] }));
    expect(plan.action).toBe('none');
    expect(plan.write).toEqual({});
    expect(plan.changes).toEqual([]);
    // 15-character assignment ids compare equal to the 18-character set ids
    expect(plan.permissionSets.map((p) => p.action)).toEqual(['already-assigned', 'already-assigned']);
  });

  it('Given differing fields, When planned, Then only those are updated, with the diff', () => {
    const plan = planUser(input({ existing: { ...existingUser, Email: 'old@example.com', Alias: 'old' } }));
    expect(plan.action).toBe('update');
    expect(plan.write).toEqual({ Email: 'ops@example.com', Alias: 'apiuser' });
    expect(plan.changes).toEqual([
      { field: 'Email', from: 'old@example.com', to: 'ops@example.com' },
      { field: 'Alias', from: 'old', to: 'apiuser' },
    ]);
  });

  it('Given a Username differing in case in the org, When planned, Then Username is never updated', () => {
    const plan = planUser(input({ existing: { ...existingUser, Username: 'API.User@Example.com' } }));
    expect(plan.write).not.toHaveProperty('Username');
    expect(plan.action).toBe('none');
  });

  it('Given an inactive user, When planned, Then it is reactivated and the report says so', () => {
    const plan = planUser(input({ existing: { ...existingUser, IsActive: false } }));
    expect(plan.action).toBe('update');
    expect(plan.reactivate).toBe(true);
    expect(plan.write).toEqual({ IsActive: true });
    expect(plan.changes).toContainEqual({ field: 'IsActive', from: false, to: true });
  });

  it('Given the user on another profile (15-char id), When planned, Then ProfileId is updated to the 18-char id', () => {
    const plan = planUser(input({ existing: { ...existingUser, ProfileId: '00e000000000009' } }));
    expect(plan.write).toEqual({ ProfileId: PROFILE_ID });
  });

  it('Given the same profile as a 15-char id, When planned, Then no ProfileId change', () => {
    const plan = planUser(input({ existing: { ...existingUser, ProfileId: '00e000000000001' } }));
    expect(plan.action).toBe('none');
  });

  it('Given a profile not deployed yet (dry run), When planned, Then the plan names it instead of an id', () => {
    const plan = planUser(input({ profileId: undefined }));
    expect(plan.write).not.toHaveProperty('ProfileId');
    expect(plan.changes).toContainEqual({ field: 'ProfileId', from: null, to: '(API Only, created by this deploy)' });
  });

  it('Given a permission set the org lacks, When planned, Then it is listed as missing', () => {
    const plan = planUser(input({ permissionSetIds: new Map([['Reports_Read', '0PS000000000001AAA']]) }));
    expect(plan.missingPermissionSets).toEqual(['Api_Extra']);
  });

  it.each([
    ['never', 'create', false],
    ['new', 'create', true],
    ['always', 'create', true],
  ] as const)('Given reset mode %s and a %s, When planned, Then reset=%s', (mode, _action, expected) => {
    expect(planUser(input({ resetPassword: mode })).resetPassword).toBe(expected);
  });

  it('Given reset mode new and an existing active user, When planned, Then no reset and a warning says why', () => {
    const plan = planUser(input({ existing: existingUser, resetPassword: 'new' }));
    expect(plan.resetPassword).toBe(false);
    expect(plan.warnings.join(' ')).toMatch(/--reset-password=always/);
  });

  it('Given reset mode new and a reactivated user, When planned, Then the reset fires (a transition)', () => {
    expect(planUser(input({ existing: { ...existingUser, IsActive: false }, resetPassword: 'new' })).resetPassword).toBe(true);
  });

  it('Given a password among the config fields, When planned, Then it is never written', () => {
    const withPassword: UserSpec = { ...spec, fields: { ...spec.fields, Password: 'hunter2' } };
    const plan = planUser(input({ spec: withPassword }));
    expect(JSON.stringify(plan.write)).not.toContain('hunter2');
    expect(plan.warnings.join(' ')).toMatch(/never writes a password/);
  });
});

describe('queries', () => {
  it('Given a profile name with a quote, When the query is built, Then the name is escaped', () => {
    expect(profileQuery("O'Brien API")).toBe(
      "SELECT Id, Name, PermissionsApiEnabled, PermissionsApiUserOnly FROM Profile WHERE Name = 'O\\'Brien API'",
    );
  });
  it('Given a user spec, When the user query is built, Then it selects every compared field and escapes the username', () => {
    const q = userQuery({ ...spec, fields: { ...spec.fields, Username: "x'y@example.com" } });
    expect(q).toMatch(/^SELECT Id, Username, IsActive, ProfileId, LastName, Email, .* FROM User WHERE Username = 'x\\'y@example.com'$/);
  });
  it('Given managed fields in the config, When filtered, Then ProfileId/IsActive/Id are left to apionly', () => {
    const { fields } = writableFields({ ...spec, fields: { ...spec.fields, ProfileId: 'x', IsActive: false, Id: 'y' } });
    expect(Object.keys(fields)).not.toEqual(expect.arrayContaining(['ProfileId']));
    expect(fields).not.toHaveProperty('IsActive');
    expect(fields).not.toHaveProperty('Id');
  });
  it.each([
    [null, '', true],
    [null, false, true],
    ['true', true, true],
    [true, 'true', true],
    ['a', 'b', false],
    [false, true, false],
  ] as const)('sameValue(%j, %j) is %s', (current, desired, expected) => {
    expect(sameValue(current, desired)).toBe(expected);
  });
});
