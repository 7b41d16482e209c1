import { USER_PERMISSION_NAMES } from '../seed/userPermissions';
import type { OrgState } from '../state';

export type Row = Record<string, unknown>;

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
      return state.permissionSets.map((ps) => {
        const psl = state.permissionSetLicenses.find((l) => l.developerName === ps.license || l.masterLabel === ps.license);
        const ul = state.licenses.find((l) => l.name === ps.license);
        return {
          Id: ps.id, Name: ps.name, Label: ps.label, Description: ps.description, IsOwnedByProfile: false, IsCustom: true, NamespacePrefix: null,
          Type: 'Regular', HasActivationRequired: ps.hasActivationRequired, LicenseId: psl?.id ?? ul?.id ?? null, ProfileId: null,
          ...permissionFields(ps.userPermissions), CreatedDate: ps.createdDate, CreatedById: ps.createdById, LastModifiedDate: ps.lastModifiedDate,
          LastModifiedById: ps.lastModifiedById, SystemModstamp: ps.lastModifiedDate,
        };
      });
    case 'PermissionSetAssignment':
      return state.permissionSetAssignments.map((a) => ({
        Id: a.id, AssigneeId: a.assigneeId, PermissionSetId: a.targetId, PermissionSetGroupId: null, IsActive: true, SystemModstamp: a.createdDate,
      }));
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
    default:
      return []; // business objects: the emulator stores no data records
  }
}

/** The type whose record has this id (by key prefix), for polymorphic references such as PermissionSet.LicenseId. */
export function typeOfId(id: string): string | undefined {
  const prefix = id.slice(0, 3);
  return ({ '00D': 'Organization', '005': 'User', '00e': 'Profile', '0PS': 'PermissionSet', '0Pa': 'PermissionSetAssignment', '0PL': 'PermissionSetLicense', '2LA': 'PermissionSetLicenseAssign', '100': 'UserLicense' } as Record<string, string>)[prefix];
}
