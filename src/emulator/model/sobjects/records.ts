import { caseSafeSuffix, KEY_PREFIX } from '../ids';
import { permissionSetLicenseNamed } from '../orgCatalog';
import { USER_PERMISSION_NAMES } from '../seed/userPermissions';
import type { OrgState } from '../state';
import { channelMemberRows } from '../streaming/channelMembers';

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
          Type: 'Regular', HasActivationRequired: ps.hasActivationRequired, LicenseId: psl?.id ?? ul?.id ?? null, ProfileId: null,
          ...permissionFields(ps.userPermissions), CreatedDate: ps.createdDate, CreatedById: ps.createdById, LastModifiedDate: ps.lastModifiedDate,
          LastModifiedById: ps.lastModifiedById, SystemModstamp: ps.lastModifiedDate,
        };
      }).concat(state.profiles.map((p): Row => ({
        // Every profile owns a permission set that carries its permissions (IsOwnedByProfile = true).
        Id: profileOwnedPermissionSetId(p.id), Name: `X${p.id.slice(0, 15)}`, Label: p.id.slice(0, 15), Description: null, IsOwnedByProfile: true,
        IsCustom: p.custom, NamespacePrefix: null, Type: 'Profile', HasActivationRequired: false,
        LicenseId: state.licenses.find((l) => l.name === p.userLicense)?.id ?? null, ProfileId: p.id,
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
    default:
      // business objects and PushTopic: the records created through REST
      return (state.records?.[type] ?? []).map((r) => ({ Id: r.id, ...r.fields }));
  }
}
