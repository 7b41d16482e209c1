import type { ProfilePermissions } from '../../../src/deploy/profilePermissions';
import type { OrgFacts, UserSpec } from '../../../src/deploy/types';
import { NO_OBJECT_ACCESS } from '../../../src/model';
import type { OrgStateSnapshot, ProfileSnapshot, UserSnapshot } from '../../../src/orgState';
import { planReport, statusReport } from '../../../src/plan';

const FACTS: OrgFacts = { id: '00D000000000001AAA', name: 'Acme', edition: 'Enterprise Edition', isSandbox: true, instanceUrl: 'https://acme.example', target: 'uat', username: 'admin@acme.example' };
const SPEC: UserSpec = { fields: { Username: 'api@acme.example', LastName: 'Integration', Email: 'a@acme.example' }, profileName: 'API Only', permissionSets: ['Vendor_Access'] };
const FILE: ProfilePermissions = {
  objects: new Map([['Account', { allowRead: true, allowEdit: true }]]),
  fields: new Map([['Account.Region__c', { readable: true, editable: true }]]),
  userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', true], ['ViewAllUsers', true]]),
};
const PROFILE: ProfileSnapshot = {
  profileId: '00e000000000001AAA', name: 'API Only', userLicense: 'Salesforce', permissionSetId: '0PS000000000001AAA', placeholderRows: 0, viewAllFieldsRead: true,
  objects: new Map([['Account', { ...NO_OBJECT_ACCESS, allowRead: true, allowEdit: true }]]),
  fields: new Map([['Account.Region__c', { readable: true, editable: true }]]),
  userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', true], ['ViewAllUsers', true]]),
};
const USER: UserSnapshot = {
  id: '005000000000001AAA', username: 'api@acme.example', isActive: true, profileId: '00e000000000001AAA', profileName: 'API Only', userLicense: 'Salesforce',
  lastLoginDate: undefined, fields: { Username: 'api@acme.example', LastName: 'Integration', Email: 'a@acme.example' }, isFrozen: false, isPasswordLocked: false,
  permissionSetAssignments: [
    { id: '0Pa1', permissionSetId: '0PS000000000001AAA', name: 'API Only', route: 'profile', permissionSetGroupId: undefined, powerful: ['ViewAllUsers'] },
    { id: '0Pa2', permissionSetId: '0PS000000000002AAA', name: 'Vendor_Access', route: 'permissionSet', permissionSetGroupId: undefined, powerful: [] },
  ],
  permissionSetLicenseAssignments: [],
  powerful: [{ permission: 'ViewAllUsers', via: [{ route: 'profile', name: 'API Only' }] }],
};
const VENDOR = { ...PROFILE, name: 'Vendor_Access', label: 'Vendor', licenseId: undefined, permissionSetId: '0PS000000000002AAA' };

function state(over: Partial<{ profile: ProfileSnapshot | undefined; user: UserSnapshot | undefined }> = {}): OrgStateSnapshot {
  return { profile: 'profile' in over ? over.profile : PROFILE, user: 'user' in over ? over.user : USER, permissionSets: new Map([['Vendor_Access', VENDOR]]), permissionSetLicenses: new Map(), apiCalls: 9 };
}
const input = (s: OrgStateSnapshot) => ({ org: FACTS, spec: SPEC, committed: FILE, state: s, readMs: 5 });

describe('statusReport', () => {
  it('Given an org that matches, When assessed, Then healthy (exit 0) with the informational never-used line', () => {
    const r = statusReport(input(state()));
    expect(r).toMatchObject({ healthy: true, exitCode: 0 });
    expect(r.findings.map((f) => f.code)).toEqual(['NeverUsed']);
  });

  it.each<[string, Partial<{ profile: ProfileSnapshot | undefined; user: UserSnapshot | undefined }>, string]>([
    ['no user', { user: undefined }, 'UserMissing'],
    ['no profile', { profile: undefined }, 'ProfileMissing'],
    ['an inactive user', { user: { ...USER, isActive: false } }, 'UserInactive'],
    ['a frozen user', { user: { ...USER, isFrozen: true } }, 'UserFrozen'],
    ['a locked user', { user: { ...USER, isPasswordLocked: true } }, 'UserPasswordLocked'],
    ['a user on another profile', { user: { ...USER, profileId: '00e000000000009AAA', profileName: 'Standard User' } }, 'UserOnOtherProfile'],
    ['the profile not API only', { profile: { ...PROFILE, userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', false], ['ViewAllUsers', true]]) } }, 'ProfileNotApiOnly'],
    ['the profile API disabled', { profile: { ...PROFILE, userPermissions: new Map([['ApiEnabled', false], ['ApiUserOnly', true], ['ViewAllUsers', true]]) } }, 'ProfileApiDisabled'],
    ['a committed user permission off', { profile: { ...PROFILE, userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', true]]) } }, 'UserPermissionRevoked'],
    ['an object permission lowered', { profile: { ...PROFILE, objects: new Map([['Account', { ...NO_OBJECT_ACCESS, allowRead: true }]]) } }, 'ObjectPermissionLowered'],
    ['an object row gone', { profile: { ...PROFILE, objects: new Map() } }, 'ObjectPermissionLowered'],
    ['a field lowered', { profile: { ...PROFILE, fields: new Map([['Account.Region__c', { readable: true, editable: false }]]) } }, 'FieldPermissionLowered'],
    ['its permission set unassigned', { user: { ...USER, permissionSetAssignments: [USER.permissionSetAssignments[0] as UserSnapshot['permissionSetAssignments'][number]] } }, 'PermissionSetUnassigned'],
    ['Modify All Data through a group', { user: { ...USER, powerful: [{ permission: 'ModifyAllData', via: [{ route: 'permissionSetGroup', name: 'Admins' }] }] } }, 'PowerfulPermission'],
    ['Author Apex on the profile, not committed', { user: { ...USER, powerful: [{ permission: 'AuthorApex', via: [{ route: 'profile', name: 'API Only' }] }] } }, 'PowerfulPermission'],
  ])('Given %s, When assessed, Then drift %s (exit 4) with an action', (_n, over, code) => {
    const r = statusReport(input(state(over)));
    expect(r.exitCode).toBe(4);
    const f = r.findings.find((x) => x.code === code);
    expect(f).toMatchObject({ severity: 'drift' });
    expect(f?.action).toBeTruthy();
  });

  it('Given a powerful permission through a set the config names, When assessed, Then it is not drift', () => {
    const r = statusReport(input(state({ user: { ...USER, powerful: [{ permission: 'ViewAllData', via: [{ route: 'permissionSet', name: 'Vendor_Access' }] }] } })));
    expect(r.healthy).toBe(true);
  });

  it('Given a last login, When assessed, Then it is reported as information', () => {
    const r = statusReport(input(state({ user: { ...USER, lastLoginDate: '2026-12-01T10:00:00.000Z' } })));
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'info', code: 'LastLogin', message: expect.stringContaining('2026-12-01') })]);
  });
});

describe('planReport', () => {
  it('Given a matching org, When planned, Then nothing pending (exit 0)', () => {
    expect(planReport(input(state()))).toMatchObject({ pending: false, exitCode: 0 });
  });

  it('Given no user, When planned, Then create (exit 3)', () => {
    const r = planReport(input(state({ user: undefined })));
    expect(r).toMatchObject({ pending: true, exitCode: 3, user: { action: 'create' } });
  });

  it('Given an inactive user on another profile, missing its set, with another email, When planned, Then reactivation, profile move, field diff and assignment', () => {
    const r = planReport(input(state({ user: { ...USER, isActive: false, profileId: '00e000000000009AAA', profileName: 'Standard User', fields: { ...USER.fields, Email: 'old@acme.example' }, permissionSetAssignments: [] } })));
    expect(r.user).toMatchObject({ action: 'update', reactivate: true, profileMove: { from: 'Standard User', to: 'API Only' }, permissionSetsToAssign: ['Vendor_Access'] });
    expect(r.user.changes.map((c) => c.field).sort()).toEqual(['Email', 'IsActive', 'ProfileId']);
    expect(r.counts.user).toBe(4);
  });
});

describe('the integration route (permission set on the Minimum Access profile)', () => {
  const SET = { ...VENDOR, name: 'API_Only_Integration', permissionSetId: '0PS000000000003AAA' };
  const ISPEC: UserSpec = { ...SPEC, profileName: 'Minimum Access - API Only Integrations', permissionSets: ['API_Only_Integration'], permissionSetLicenses: ['SalesforceAPIIntegrationPsl'] };
  const IUSER: UserSnapshot = {
    ...USER, powerful: [],
    permissionSetAssignments: [{ id: '0Pa3', permissionSetId: '0PS000000000003AAA', name: 'API_Only_Integration', route: 'permissionSet', permissionSetGroupId: undefined, powerful: [] }],
    permissionSetLicenseAssignments: [{ id: '2LA1', permissionSetLicenseId: '0PL000000000001AAA', developerName: 'SalesforceAPIIntegrationPsl', label: 'Salesforce API Integration' }],
  };
  const istate = (over: Partial<OrgStateSnapshot> = {}): OrgStateSnapshot => ({ profile: PROFILE, user: IUSER, permissionSets: new Map([['API_Only_Integration', SET]]), permissionSetLicenses: new Map(), apiCalls: 9, ...over });
  const iinput = (s: OrgStateSnapshot) => ({ org: FACTS, spec: ISPEC, committed: FILE, state: s, readMs: 5, integration: { permissionSetName: 'API_Only_Integration' } });

  it('Given the set matching and its licence assigned, When assessed, Then healthy and nothing to plan', () => {
    expect(statusReport(iinput(istate())).healthy).toBe(true);
    expect(planReport(iinput(istate()))).toMatchObject({ pending: false, profile: { holder: { kind: 'permissionSet', name: 'API_Only_Integration' } } });
  });

  it('Given the licence unassigned and the set lowered, When assessed, Then both are drift, and plan assigns the licence and raises the object', () => {
    const lowered = { ...SET, objects: new Map([['Account', { ...NO_OBJECT_ACCESS, allowRead: true }]]) };
    const s = istate({ user: { ...IUSER, permissionSetLicenseAssignments: [] }, permissionSets: new Map([['API_Only_Integration', lowered]]) });
    expect(statusReport(iinput(s)).findings.filter((f) => f.severity === 'drift').map((f) => f.code).sort()).toEqual(['ObjectPermissionLowered', 'PermissionSetLicenseUnassigned']);
    const p = planReport(iinput(s));
    expect(p.user.permissionSetLicensesToAssign).toEqual(['SalesforceAPIIntegrationPsl']);
    expect(p.profile.changes).toEqual([expect.objectContaining({ object: 'Account', change: 'raised' })]);
  });

  it('Given the set missing, When assessed, Then one PermissionSetMissing finding', () => {
    const r = statusReport(iinput(istate({ permissionSets: new Map() })));
    expect(r.findings.filter((f) => f.code === 'PermissionSetMissing')).toHaveLength(1);
  });
});
