import { createHash } from 'node:crypto';
import { caseSafeSuffix, KEY_PREFIX } from '../ids';
import { hasModifyAllData, permissionSetLicenseNamed } from '../orgCatalog';
import { USER_PERMISSION_NAMES } from '../seed/userPermissions';
import { channelMemberRows } from '../streaming/channelMembers';
import type { FieldPermissionFlags, ObjectPermissionFlags, OrgState, UserState } from '../state';

export type Row = Record<string, unknown>;

/**
 * Ids of the rows Salesforce keeps per profile (its owned permission set) and per user (the assignment of it):
 * derived from the profile's / user's own sequence number, which no other record of the org uses.
 */
export function profileOwnedPermissionSetId(profileId: string): string {
  const id15 = KEY_PREFIX.PermissionSet + profileId.slice(3, 15);
  return id15 + caseSafeSuffix(id15);
}
export function profileAssignmentId(userId: string): string {
  const id15 = KEY_PREFIX.PermissionSetAssignment + userId.slice(3, 15);
  return id15 + caseSafeSuffix(id15);
}

/** Active users per user licence (UserLicense.UsedLicenses). */
export function usedSeats(state: OrgState, license: string): number {
  return state.users.filter((u) => u.fields['IsActive'] === true && state.profiles.find((p) => p.id === u.fields['ProfileId'])?.userLicense === license).length;
}

function permissionFields(perms: Record<string, boolean>): Row {
  const out: Row = {};
  for (const n of USER_PERMISSION_NAMES) out[`Permissions${n}`] = perms[n] === true;
  return out;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A stable 18-char id for a derived row (ObjectPermissions, FieldPermissions): prefix + 12 chars of sha1(key). */
export function derivedId(prefix: string, key: string): string {
  const digest = createHash('sha1').update(key).digest();
  let body = '';
  for (let i = 0; i < 12; i++) body += BASE62[(digest[i] as number) % 62];
  const id15 = prefix + body;
  return id15 + caseSafeSuffix(id15);
}

export function userLoginId(userId: string): string {
  const id15 = KEY_PREFIX.UserLogin + userId.slice(3, 15);
  return id15 + caseSafeSuffix(id15);
}

/**
 * Objects whose View All / Modify All are dropped silently and read back false from ObjectPermissions
 * (permission-model.md §2, Jetstream's object-permission-support.ts).
 */
export const VIEW_ALL_READS_BACK_FALSE: ReadonlySet<string> = new Set(['Idea', 'Pricebook2', 'Product2', 'PushTopic', 'PendingOrdSumProcEvent']);

/** Every permission-set-like parent: each profile's owned set, then the permission sets. */
function permissionParents(state: OrgState): Array<{ parentId: string; userPermissions: Record<string, boolean>; objectPermissions: Record<string, ObjectPermissionFlags>; fieldPermissions: Record<string, FieldPermissionFlags> }> {
  return [
    ...state.profiles.map((p) => ({ parentId: profileOwnedPermissionSetId(p.id), userPermissions: p.userPermissions, objectPermissions: p.objectPermissions, fieldPermissions: p.fieldPermissions })),
    ...state.permissionSets.map((ps) => ({ parentId: ps.id, userPermissions: ps.userPermissions, objectPermissions: ps.objectPermissions, fieldPermissions: ps.fieldPermissions })),
  ];
}

/**
 * ObjectPermissions: one row per parent and object with at least one flag on (no row = no access). A profile
 * with Modify All Data also answers a `000…` placeholder row beside the real one for objects it fully holds, as
 * System Administrator does on real orgs (permission-model.md §2: same ParentId and SobjectType, Id `000…`).
 */
function objectPermissionRows(state: OrgState): Row[] {
  const rows: Row[] = [];
  const audit = { CreatedDate: state.profiles[0]?.createdDate ?? null, CreatedById: state.identity.userId, LastModifiedDate: state.profiles[0]?.createdDate ?? null, LastModifiedById: state.identity.userId, SystemModstamp: state.profiles[0]?.createdDate ?? null };
  for (const parent of permissionParents(state)) {
    const mad = hasModifyAllData(parent);
    for (const [object, f] of Object.entries(parent.objectPermissions)) {
      const dropViewAll = VIEW_ALL_READS_BACK_FALSE.has(object);
      const flags = {
        PermissionsRead: f.allowRead, PermissionsCreate: f.allowCreate, PermissionsEdit: f.allowEdit, PermissionsDelete: f.allowDelete,
        PermissionsViewAllRecords: f.viewAllRecords && !dropViewAll, PermissionsModifyAllRecords: f.modifyAllRecords && !dropViewAll, PermissionsViewAllFields: f.viewAllFields === true,
      };
      if (!Object.values(flags).some(Boolean)) continue;
      rows.push({ Id: derivedId(KEY_PREFIX.ObjectPermissions, `${parent.parentId}|${object}`), ParentId: parent.parentId, SobjectType: object, ...flags, ...audit });
      if (mad && Object.values(flags).slice(0, 6).every(Boolean)) {
        rows.push({ Id: derivedId('000', `${parent.parentId}|${object}`), ParentId: parent.parentId, SobjectType: object, ...flags, ...audit });
      }
    }
  }
  return rows;
}

/** FieldPermissions: one row per parent and field that is at least readable (a row without Read is deleted, §3). */
function fieldPermissionRows(state: OrgState): Row[] {
  const rows: Row[] = [];
  const audit = { CreatedDate: state.profiles[0]?.createdDate ?? null, CreatedById: state.identity.userId, LastModifiedDate: state.profiles[0]?.createdDate ?? null, LastModifiedById: state.identity.userId, SystemModstamp: state.profiles[0]?.createdDate ?? null };
  for (const parent of permissionParents(state)) {
    for (const [field, f] of Object.entries(parent.fieldPermissions)) {
      if (!f.readable) continue;
      rows.push({ Id: derivedId(KEY_PREFIX.FieldPermissions, `${parent.parentId}|${field}`), ParentId: parent.parentId, SobjectType: field.split('.')[0] ?? field, Field: field, PermissionsRead: true, PermissionsEdit: f.editable, ...audit });
    }
  }
  return rows;
}

function userLoginRow(state: OrgState, u: UserState): Row {
  return {
    Id: userLoginId(u.id), UserId: u.id, IsFrozen: u.login?.isFrozen === true, IsPasswordLocked: u.login?.isPasswordLocked === true,
    LastModifiedDate: u.login?.lastModifiedDate ?? u.fields['CreatedDate'] ?? null, LastModifiedById: state.identity.userId,
  };
}

/** The records of a queryable type, with every field the describe lists (references as 18-char ids). */
export function rowsOf(state: OrgState, type: string): Row[] {
  const orgCreated = state.profiles[0]?.createdDate ?? null;
  const adminId = state.identity.userId;
  switch (type) {
    case 'Organization':
      return [{
        Id: state.identity.orgId, Name: state.name, InstanceName: state.instanceName, IsSandbox: state.kind === 'sandbox', OrganizationType: state.edition,
        NamespacePrefix: null, TrialExpirationDate: null, DefaultLocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US', TimeZoneSidKey: 'America/Los_Angeles',
        CreatedDate: orgCreated, CreatedById: adminId, LastModifiedDate: orgCreated, LastModifiedById: adminId, SystemModstamp: orgCreated,
      }];
    case 'User':
      return state.users.map((u) => ({
        Id: u.id, ...u.fields, Name: [u.fields['FirstName'], u.fields['LastName']].filter((x) => typeof x === 'string' && x !== '').join(' '),
        SystemModstamp: u.fields['LastModifiedDate'] ?? null,
      }));
    case 'Profile':
      return state.profiles.map((p) => ({
        Id: p.id, Name: p.name, Description: p.description, UserLicenseId: state.licenses.find((l) => l.name === p.userLicense)?.id ?? null, UserType: 'Standard',
        ...permissionFields(p.userPermissions), CreatedDate: p.createdDate, CreatedById: p.createdById, LastModifiedDate: p.lastModifiedDate,
        LastModifiedById: p.lastModifiedById, SystemModstamp: p.lastModifiedDate,
      }));
    case 'PermissionSet':
      return state.permissionSets.map((ps): Row => {
        const psl = permissionSetLicenseNamed(state, ps.license);
        const ul = state.licenses.find((l) => l.name === ps.license);
        return {
          Id: ps.id, Name: ps.name, Label: ps.label, Description: ps.description, IsOwnedByProfile: false, IsCustom: true, NamespacePrefix: null,
          Type: 'Regular', HasActivationRequired: ps.hasActivationRequired, LicenseId: psl?.id ?? ul?.id ?? null, ProfileId: null, PermissionSetGroupId: null,
          ...permissionFields(ps.userPermissions), CreatedDate: ps.createdDate, CreatedById: ps.createdById, LastModifiedDate: ps.lastModifiedDate,
          LastModifiedById: ps.lastModifiedById, SystemModstamp: ps.lastModifiedDate,
        };
      }).concat(state.profiles.map((p): Row => ({
        // Every profile owns a permission set that carries its permissions (IsOwnedByProfile = true).
        Id: profileOwnedPermissionSetId(p.id), Name: `X${p.id.slice(0, 15)}`, Label: p.id.slice(0, 15), Description: null, IsOwnedByProfile: true,
        IsCustom: p.custom, NamespacePrefix: null, Type: 'Profile', HasActivationRequired: false,
        LicenseId: state.licenses.find((l) => l.name === p.userLicense)?.id ?? null, ProfileId: p.id, PermissionSetGroupId: null,
        ...permissionFields(p.userPermissions), CreatedDate: p.createdDate, CreatedById: p.createdById, LastModifiedDate: p.lastModifiedDate,
        LastModifiedById: p.lastModifiedById, SystemModstamp: p.lastModifiedDate,
      })));
    case 'PermissionSetAssignment':
      return state.users.map((u) => ({
        // each user's assignment of its profile's permission set
        Id: profileAssignmentId(u.id), AssigneeId: u.id, PermissionSetId: profileOwnedPermissionSetId(String(u.fields['ProfileId'])), PermissionSetGroupId: null,
        IsActive: true, SystemModstamp: u.fields['LastModifiedDate'] ?? null,
      } as Row)).concat(state.permissionSetAssignments.map((a) => ({
        Id: a.id, AssigneeId: a.assigneeId, PermissionSetId: a.targetId, PermissionSetGroupId: null, IsActive: true, SystemModstamp: a.createdDate,
      })));
    case 'PermissionSetLicense':
      return state.permissionSetLicenses.map((l) => ({
        Id: l.id, DeveloperName: l.developerName, MasterLabel: l.masterLabel, TotalLicenses: l.totalLicenses,
        UsedLicenses: state.permissionSetLicenseAssigns.filter((a) => a.targetId === l.id).length, Status: 'Active', ExpirationDate: null,
        CreatedDate: orgCreated, CreatedById: adminId, LastModifiedDate: orgCreated, LastModifiedById: adminId, SystemModstamp: orgCreated,
      }));
    case 'PermissionSetLicenseAssign':
      return state.permissionSetLicenseAssigns.map((a) => ({
        Id: a.id, AssigneeId: a.assigneeId, PermissionSetLicenseId: a.targetId, CreatedDate: a.createdDate, CreatedById: adminId,
        LastModifiedDate: a.createdDate, LastModifiedById: adminId, SystemModstamp: a.createdDate,
      }));
    case 'UserLicense':
      return state.licenses.map((l) => ({
        Id: l.id, Name: l.name, MasterLabel: l.masterLabel, LicenseDefinitionKey: l.licenseDefinitionKey, TotalLicenses: l.totalLicenses,
        UsedLicenses: usedSeats(state, l.name), Status: 'Active', CreatedDate: orgCreated, CreatedById: adminId, LastModifiedDate: orgCreated,
        LastModifiedById: adminId, SystemModstamp: orgCreated,
      }));
    case 'PlatformEventChannelMember':
      return channelMemberRows(state);
    case 'ObjectPermissions':
      return objectPermissionRows(state);
    case 'FieldPermissions':
      return fieldPermissionRows(state);
    case 'UserLogin':
      return state.users.map((u) => userLoginRow(state, u));
    case 'PermissionSetGroup':
      return []; // the emulated org hosts no permission set groups
    default:
      // business objects and PushTopic: the records created through REST
      return (state.records?.[type] ?? []).map((r) => ({ Id: r.id, ...r.fields }));
  }
}
