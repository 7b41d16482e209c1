/**
 * Salesforce rules for reading permission state back from an org (permission-model.md). Pure; the org-state
 * reader (src/orgState) applies them to query rows, and plan/status/verify compare through them.
 */

/** The flags of one ObjectPermissions row (or Profile objectPermissions entry), viewAllFields included (API 63+). */
export interface OrgObjectFlags {
  readonly allowRead: boolean;
  readonly allowCreate: boolean;
  readonly allowEdit: boolean;
  readonly allowDelete: boolean;
  readonly viewAllRecords: boolean;
  readonly modifyAllRecords: boolean;
  readonly viewAllFields: boolean;
}

export interface OrgFieldFlags {
  readonly readable: boolean;
  readonly editable: boolean;
}

/** No row = no access (§2, §3): a missing ObjectPermissions row reads as six (seven) false flags. */
export const NO_OBJECT_ACCESS: OrgObjectFlags = {
  allowRead: false, allowCreate: false, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false, viewAllFields: false,
};
export const NO_FIELD_ACCESS: OrgFieldFlags = { readable: false, editable: false };

/** Flag name (metadata) → ObjectPermissions field; the order is the display order, weakest first. */
export const OBJECT_FLAG_FIELDS: ReadonlyArray<readonly [keyof OrgObjectFlags, string]> = [
  ['allowRead', 'PermissionsRead'],
  ['allowCreate', 'PermissionsCreate'],
  ['allowEdit', 'PermissionsEdit'],
  ['allowDelete', 'PermissionsDelete'],
  ['viewAllRecords', 'PermissionsViewAllRecords'],
  ['modifyAllRecords', 'PermissionsModifyAllRecords'],
  ['viewAllFields', 'PermissionsViewAllFields'],
];

/** PermissionsViewAllFields exists from API 63.0 (§2). */
export const VIEW_ALL_FIELDS_MIN_API = 63;

/**
 * Objects whose View All / Modify All are accepted but dropped: they always read back false (§2, Jetstream
 * object-permission-support.ts). A committed `true` there is not drift and not a pending change.
 */
export const VIEW_ALL_READS_BACK_FALSE: ReadonlySet<string> = new Set(['Idea', 'Pricebook2', 'Product2', 'PushTopic', 'PendingOrdSumProcEvent']);

export function readsBackFalse(object: string, flag: keyof OrgObjectFlags): boolean {
  return (flag === 'viewAllRecords' || flag === 'modifyAllRecords') && VIEW_ALL_READS_BACK_FALSE.has(object);
}

/** Placeholder rows (Object- and FieldPermissions) carry ids starting `000`; they cannot be modified (§2). */
export function isPlaceholderId(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith('000');
}

/**
 * Keeps one row per key (ParentId + SobjectType, or ParentId + Field), preferring the real row over a `000`
 * placeholder (System Administrator returns both for one object, §2). Returns the rows kept and how many were dropped.
 */
export function dedupePermissionRows<T extends Readonly<Record<string, unknown>>>(rows: readonly T[], keyOf: (row: T) => string): { rows: T[]; placeholders: number } {
  const kept = new Map<string, T>();
  let placeholders = 0;
  for (const row of rows) {
    const key = keyOf(row);
    const prev = kept.get(key);
    if (!prev) {
      kept.set(key, row);
      continue;
    }
    placeholders++;
    if (isPlaceholderId(prev['Id']) && !isPlaceholderId(row['Id'])) kept.set(key, row);
  }
  return { rows: [...kept.values()], placeholders };
}

/** An ObjectPermissions row's flags (absent fields, e.g. ViewAllFields below API 63, read as false). */
export function objectFlagsOfRow(row: Readonly<Record<string, unknown>>): OrgObjectFlags {
  const out: Record<string, boolean> = {};
  for (const [flag, field] of OBJECT_FLAG_FIELDS) out[flag] = row[field] === true;
  return out as unknown as OrgObjectFlags;
}

/** A flag "rank" for lowered/raised: read 1, create/edit 2, delete 3, view all 4, modify all 5 (viewAllFields 4). */
export const FLAG_RANK: Readonly<Record<keyof OrgObjectFlags, number>> = {
  allowRead: 1, allowCreate: 2, allowEdit: 2, allowDelete: 3, viewAllRecords: 4, viewAllFields: 4, modifyAllRecords: 5,
};

export interface PowerfulPermission {
  /** User permission name (field minus `Permissions`). */
  readonly name: string;
  readonly label: string;
  /** Why it matters for an integration user. */
  readonly risk: string;
}

/**
 * User permissions that make an integration user an org-wide risk when they reach it by any route (profile,
 * permission set, permission set group): the `status` command flags each one the config does not grant, and
 * `generate` names each one a clone of the reference profile (cloneReferenceUserPermissions) brings along.
 */
export const POWERFUL_PERMISSIONS: readonly PowerfulPermission[] = [
  { name: 'ModifyAllData', label: 'Modify All Data', risk: 'read, change and delete every record, ignoring sharing' },
  { name: 'ViewAllData', label: 'View All Data', risk: 'read every record, ignoring sharing' },
  { name: 'ManageUsers', label: 'Manage Users', risk: 'create, change and deactivate users, reset passwords' },
  { name: 'CustomizeApplication', label: 'Customize Application', risk: 'change the org\'s configuration and metadata' },
  { name: 'AuthorApex', label: 'Author Apex', risk: 'write and run Apex code as system' },
  { name: 'ModifyMetadata', label: 'Modify Metadata Through Metadata API Functions', risk: 'deploy metadata' },
  { name: 'ManageProfilesPermissionsets', label: 'Manage Profiles and Permission Sets', risk: 'grant itself any permission' },
  { name: 'AssignPermissionSets', label: 'Assign Permission Sets', risk: 'assign itself any permission set' },
  { name: 'ManageInternalUsers', label: 'Manage Internal Users', risk: 'create and change internal users' },
  { name: 'ResetPasswords', label: 'Reset User Passwords and Unlock Users', risk: 'take over other users' },
  { name: 'ManageSharing', label: 'Manage Sharing', risk: 'change org-wide sharing' },
  { name: 'ManageRoles', label: 'Manage Roles', risk: 'change the role hierarchy' },
  { name: 'ViewAllUsers', label: 'View All Users', risk: 'read every user record' },
  { name: 'ManageRemoteAccess', label: 'Manage Connected Apps', risk: 'change OAuth apps' },
  { name: 'ManageAuthProviders', label: 'Manage Auth. Providers', risk: 'change login providers' },
  { name: 'ManageCertificates', label: 'Manage Certificates', risk: 'change signing certificates' },
  { name: 'ManageEncryptionKeys', label: 'Manage Encryption Keys', risk: 'change encryption keys' },
  { name: 'DataExport', label: 'Weekly Data Export', risk: 'export every record of the org' },
  { name: 'FreezeUsers', label: 'Freeze Users', risk: 'lock other users out' },
  { name: 'ManageIpAddresses', label: 'Manage IP Addresses', risk: 'change the network access the org trusts' },
  { name: 'ManageLoginAccessPolicies', label: 'Manage Login Access Policies', risk: 'let administrators log in as any user' },
  { name: 'ManagePasswordPolicies', label: 'Manage Password Policies', risk: 'weaken password rules' },
  // Setup's label for this one is not confirmed here, so its API name stands in for it.
  { name: 'ViewClientSecret', label: 'ViewClientSecret', risk: 'read OAuth apps\' consumer secrets' },
  { name: 'ViewEventLogFiles', label: 'View Event Log Files', risk: 'read the org\'s event logs' },
];

export const POWERFUL_PERMISSION_NAMES: ReadonlySet<string> = new Set(POWERFUL_PERMISSIONS.map((p) => p.name));

export function powerfulPermission(name: string): PowerfulPermission | undefined {
  return POWERFUL_PERMISSIONS.find((p) => p.name === name);
}

/** User permission fields of a describe: boolean `Permissions<Name>` fields (Jetstream keeps the same). */
export function userPermissionNamesOf(fieldNames: readonly string[]): string[] {
  return fieldNames.filter((n) => /^Permissions[A-Z]\w*$/.test(n)).map((n) => n.slice('Permissions'.length));
}
