import type { ProfilePermissions } from '../../../src/deploy/profilePermissions';
import { NO_OBJECT_ACCESS, type OrgObjectFlags } from '../../../src/model';
import type { ProfileSnapshot } from '../../../src/orgState';
import { diffProfile } from '../../../src/plan';

const ALL: OrgObjectFlags = { allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: true, modifyAllRecords: true, viewAllFields: false };
const READ: OrgObjectFlags = { ...NO_OBJECT_ACCESS, allowRead: true };
const EDIT: OrgObjectFlags = { ...READ, allowCreate: true, allowEdit: true, allowDelete: true };

function fileFlags(f: OrgObjectFlags): Record<string, boolean> {
  return { ...f };
}

function committed(parts: Partial<{ objects: Record<string, OrgObjectFlags | Record<string, boolean>>; fields: Record<string, { readable: boolean; editable: boolean }>; perms: Record<string, boolean> }>): ProfilePermissions {
  return {
    objects: new Map(Object.entries(parts.objects ?? {}).map(([k, v]) => [k, { ...v } as Record<string, boolean>])),
    fields: new Map(Object.entries(parts.fields ?? {})),
    userPermissions: new Map(Object.entries(parts.perms ?? {})),
  };
}

function org(parts: Partial<{ objects: Record<string, OrgObjectFlags>; fields: Record<string, { readable: boolean; editable: boolean }>; perms: Record<string, boolean>; viewAllFieldsRead: boolean }>): ProfileSnapshot {
  return {
    profileId: '00e000000000001AAA', name: 'API Only', userLicense: 'Salesforce', permissionSetId: '0PS000000000001AAA',
    objects: new Map(Object.entries(parts.objects ?? {})), fields: new Map(Object.entries(parts.fields ?? {})), userPermissions: new Map(Object.entries(parts.perms ?? {})),
    placeholderRows: 0, viewAllFieldsRead: parts.viewAllFieldsRead ?? true,
  };
}

describe('diffProfile', () => {
  it.each([
    ['no row in the org (missing row = no access)', undefined, fileFlags(EDIT), 'added'],
    ['read in the org, edit committed', READ, fileFlags(EDIT), 'raised'],
    ['modify all in the org, read committed', ALL, fileFlags(READ), 'lowered'],
    ['edit in the org, nothing committed (all false)', EDIT, fileFlags(NO_OBJECT_ACCESS), 'revoked'],
  ])('Given %s, When diffed, Then the object change is %s', (_name, inOrg, file, kind) => {
    const d = diffProfile(committed({ objects: { Lead: file } }), org({ objects: inOrg ? { Lead: inOrg } : {} }));
    expect(d.changes).toEqual([expect.objectContaining({ kind: 'object', object: 'Lead', change: kind })]);
  });

  it('Given the same flags, When diffed, Then no change and no extras', () => {
    const d = diffProfile(committed({ objects: { Account: fileFlags(ALL) }, perms: { ApiEnabled: true } }), org({ objects: { Account: ALL }, perms: { ApiEnabled: true } }));
    expect(d).toMatchObject({ exists: true, changes: [], extras: [], readBackFalse: [] });
  });

  it.each([
    ['none', { readable: true, editable: false }, undefined, 'added', 'none', 'read'],
    ['read', { readable: true, editable: true }, { readable: true, editable: false }, 'raised', 'read', 'edit'],
    ['edit', { readable: true, editable: false }, { readable: true, editable: true }, 'lowered', 'edit', 'read'],
    ['read', { readable: false, editable: false }, { readable: true, editable: false }, 'revoked', 'read', 'none'],
  ])('Given field access %s in the org, When diffed, Then %p %p', (_n, file, inOrg, kind, from, to) => {
    const d = diffProfile(committed({ fields: { 'Account.Region__c': file } }), org({ fields: inOrg ? { 'Account.Region__c': inOrg } : {} }));
    expect(d.changes).toEqual([{ kind: 'field', field: 'Account.Region__c', change: kind, from, to }]);
  });

  it('Given user permissions that differ, When diffed, Then added and revoked', () => {
    const d = diffProfile(committed({ perms: { ApiUserOnly: true, ModifyAllData: false } }), org({ perms: { ApiUserOnly: false, ModifyAllData: true } }));
    expect(d.changes).toEqual([
      { kind: 'userPermission', name: 'ApiUserOnly', change: 'added' },
      { kind: 'userPermission', name: 'ModifyAllData', change: 'revoked' },
    ]);
  });

  it('Given View All / Modify All committed on Product2 (reads back false), When the org reads false, Then no change, but noted', () => {
    const file = fileFlags(ALL);
    const d = diffProfile(committed({ objects: { Product2: file } }), org({ objects: { Product2: EDIT } }));
    expect(d.changes).toEqual([]);
    expect(d.readBackFalse).toEqual(['Product2']);
  });

  it('Given an org below API 63 (no ViewAllFields column), When the file has viewAllFields true, Then it is not compared', () => {
    const d = diffProfile(committed({ objects: { Account: { ...fileFlags(ALL), viewAllFields: true } } }), org({ objects: { Account: ALL }, viewAllFieldsRead: false }));
    expect(d.changes).toEqual([]);
  });

  it('Given grants the file does not mention, When diffed, Then they are overlay extras (left in place), not changes', () => {
    const d = diffProfile(
      committed({ objects: { Account: { allowRead: true } }, perms: { ApiEnabled: true } }),
      org({ objects: { Account: ALL, Document: READ }, fields: { 'Account.Secret__c': { readable: true, editable: true } }, perms: { ApiEnabled: true, ViewSetup: true, RunReports: false } }),
    );
    expect(d.changes).toEqual([]);
    expect(d.extras).toEqual([
      { kind: 'object', object: 'Account', flags: ['allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'] },
      { kind: 'object', object: 'Document', flags: ['allowRead'] },
      { kind: 'field', field: 'Account.Secret__c', access: 'edit' },
      { kind: 'userPermission', name: 'ViewSetup' },
    ]);
  });

  it('Given no profile in the org, When diffed, Then it does not exist and every grant is added', () => {
    const d = diffProfile(committed({ objects: { Account: fileFlags(READ) }, perms: { ApiEnabled: true } }), undefined);
    expect(d.exists).toBe(false);
    expect(d.changes.map((c) => c.change)).toEqual(['added', 'added']);
  });
});
