/** The org-state snapshot: plain readonly data, one read of the org; plan, status and verify are views of it. */
import type { OrgFieldFlags, OrgObjectFlags } from '../model';

/** Permissions held by one permission set (a profile's are those of the set it owns). */
export interface PermissionHolding {
  /** The PermissionSet Id (`0PS…`); for a profile, its profile-owned set. */
  readonly permissionSetId: string;
  /** Every user permission the org has (from describe): name (without `Permissions`) → enabled. */
  readonly userPermissions: ReadonlyMap<string, boolean>;
  /** Object → flags, one entry per ObjectPermissions row (placeholders folded in); no entry = no access. */
  readonly objects: ReadonlyMap<string, OrgObjectFlags>;
  /** `Object.Field` → flags, one entry per FieldPermissions row; no entry = no access. */
  readonly fields: ReadonlyMap<string, OrgFieldFlags>;
  /** `000…` placeholder rows dropped in favour of the real row for the same object or field. */
  readonly placeholderRows: number;
  /** Whether PermissionsViewAllFields was read (API 63.0+); when false, viewAllFields reads false everywhere. */
  readonly viewAllFieldsRead: boolean;
}

export interface ProfileSnapshot extends PermissionHolding {
  readonly profileId: string;
  /** Profile.Name (the UI name, e.g. "System Administrator"), as queried. */
  readonly name: string;
  /** UserLicense.Name of the profile, e.g. "Salesforce". */
  readonly userLicense: string | undefined;
}

export interface PermissionSetSnapshot extends PermissionHolding {
  readonly name: string;
  readonly label: string;
  /** License.Name (PermissionSetLicense MasterLabel or UserLicense Name) or undefined when none. */
  readonly licenseId: string | undefined;
}

/** How a permission set reaches a user. */
export type GrantRoute = 'profile' | 'permissionSet' | 'permissionSetGroup';

export interface PermissionSetAssignmentSnapshot {
  readonly id: string;
  readonly permissionSetId: string;
  /** PermissionSet.Name; for a group's aggregate set, the group's DeveloperName. */
  readonly name: string;
  readonly route: GrantRoute;
  readonly permissionSetGroupId: string | undefined;
  /** The powerful permissions (model POWERFUL_PERMISSIONS) this assignment carries. */
  readonly powerful: readonly string[];
}

export interface PermissionSetLicenseAssignmentSnapshot {
  readonly id: string;
  readonly permissionSetLicenseId: string;
  readonly developerName: string;
  readonly label: string;
}

/** One powerful permission the user holds, with every route it comes by. */
export interface PowerfulGrant {
  readonly permission: string;
  readonly via: ReadonlyArray<{ readonly route: GrantRoute; readonly name: string }>;
}

export interface UserSnapshot {
  readonly id: string;
  readonly username: string;
  readonly isActive: boolean;
  readonly profileId: string;
  readonly profileName: string | undefined;
  readonly userLicense: string | undefined;
  readonly lastLoginDate: string | undefined;
  /** Every field the read asked for, as the org answered (strings, booleans, null). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** UserLogin: undefined when the org has no UserLogin row for the user (or the reader may not see it). */
  readonly isFrozen: boolean | undefined;
  readonly isPasswordLocked: boolean | undefined;
  /** Every assignment, the profile's own set included (route 'profile'). */
  readonly permissionSetAssignments: readonly PermissionSetAssignmentSnapshot[];
  readonly permissionSetLicenseAssignments: readonly PermissionSetLicenseAssignmentSnapshot[];
  readonly powerful: readonly PowerfulGrant[];
}

export interface OrgStateSnapshot {
  /** Undefined when the org has no profile of that name. */
  readonly profile: ProfileSnapshot | undefined;
  /** Undefined when no user has that username (or none was asked for). */
  readonly user: UserSnapshot | undefined;
  /** The permission sets the config names, by Name; a name missing from the map does not exist in the org. */
  readonly permissionSets: ReadonlyMap<string, PermissionSetSnapshot>;
  /** Permission set licences by DeveloperName (only those the config names). */
  readonly permissionSetLicenses: ReadonlyMap<string, { readonly id: string; readonly label: string }>;
  /** Calls made (queries, pages and describes), for reports and the bench. */
  readonly apiCalls: number;
}
