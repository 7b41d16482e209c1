import { featureOn } from '../orgCatalog';
import { USER_PICKLISTS } from '../seed/picklists';
import { FIELD_ONLY_OBJECTS, STANDARD_OBJECTS, standardObject } from '../seed/objects';
import { permissionEntityDef } from './permissionEntities';
import { OBSERVED_STANDARD_FIELDS } from '../seed/standardFields';
import { USER_PERMISSION_NAMES } from '../seed/userPermissions';
import type { CustomFieldState, OrgState } from '../state';
import type { StandardFieldDef } from '../seed/objectDefs';

export interface SFieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: string; // id, string, boolean, reference, picklist, datetime, email, textarea, int, date, …
  readonly length?: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate?: boolean;
  readonly referenceTo?: readonly string[];
  readonly relationshipName?: string;
  readonly picklist?: readonly (readonly [string, string])[];
  readonly custom?: boolean;
  /** Formula or roll-up summary (describe `calculated`). */
  readonly calculated?: boolean;
  readonly autoNumber?: boolean;
  /** The detail side of a master-detail relationship (describe `relationshipOrder` 0, `cascadeDelete`). */
  readonly masterDetail?: boolean;
  /** Whether the field takes field permissions (describe `permissionable`); derived from the other flags when absent. */
  readonly permissionable?: boolean;
}

export interface SObjectDef {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string | null;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  readonly custom: boolean;
  readonly fields: readonly SFieldDef[];
}

const ro = (name: string, type: string, label = name, extra: Partial<SFieldDef> = {}): SFieldDef => ({ name, label, type, nillable: true, createable: false, updateable: false, ...extra });
const rw = (name: string, type: string, label = name, extra: Partial<SFieldDef> = {}): SFieldDef => ({ name, label, type, nillable: true, createable: true, updateable: true, ...extra });
const ref = (name: string, to: string, relationshipName: string, label: string, extra: Partial<SFieldDef> = {}): SFieldDef =>
  ({ name, label, type: 'reference', nillable: true, createable: false, updateable: false, referenceTo: [to], relationshipName, ...extra });

const AUDIT: readonly SFieldDef[] = [
  ro('CreatedDate', 'datetime', 'Created Date', { nillable: false, defaultedOnCreate: true }),
  ref('CreatedById', 'User', 'CreatedBy', 'Created By ID', { nillable: false, defaultedOnCreate: true }),
  ro('LastModifiedDate', 'datetime', 'Last Modified Date', { nillable: false, defaultedOnCreate: true }),
  ref('LastModifiedById', 'User', 'LastModifiedBy', 'Last Modified By ID', { nillable: false, defaultedOnCreate: true }),
  ro('SystemModstamp', 'datetime', 'System Modstamp', { nillable: false, defaultedOnCreate: true }),
];
const ID = ro('Id', 'id', 'Record ID', { nillable: false, defaultedOnCreate: true, length: 18 });

/** Permissions<Name> boolean fields, one per valid user permission (facts b.1). */
export const PERMISSION_FIELDS: readonly SFieldDef[] = USER_PERMISSION_NAMES.map((n) =>
  rw(`Permissions${n}`, 'boolean', n.replace(/([a-z])([A-Z])/g, '$1 $2'), { nillable: false, defaultedOnCreate: true }),
);

const str = (name: string, label: string, length: number, extra: Partial<SFieldDef> = {}): SFieldDef => rw(name, 'string', label, { length, ...extra });
const picklist = (name: string): SFieldDef => {
  const p = USER_PICKLISTS[name] as { values: readonly (readonly [string, string])[]; label: string };
  return rw(name, 'picklist', p.label, { nillable: false, picklist: p.values, length: 40 });
};

export const USER: SObjectDef = {
  name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005', createable: true, updateable: true, deletable: false, custom: false,
  fields: [
    ID,
    str('Username', 'Username', 80, { nillable: false }),
    str('LastName', 'Last Name', 80, { nillable: false }),
    str('FirstName', 'First Name', 40),
    ro('Name', 'string', 'Full Name', { nillable: false, length: 121 }),
    rw('Email', 'email', 'Email', { nillable: false, length: 80 }),
    str('Alias', 'Alias', 8, { nillable: false }),
    str('CommunityNickname', 'Nickname', 40, { defaultedOnCreate: true }),
    str('Title', 'Title', 80),
    str('Department', 'Department', 80),
    str('CompanyName', 'Company Name', 80),
    rw('Phone', 'phone', 'Phone', { length: 40 }),
    str('FederationIdentifier', 'SAML Federation ID', 512),
    picklist('TimeZoneSidKey'),
    picklist('LocaleSidKey'),
    picklist('EmailEncodingKey'),
    picklist('LanguageLocaleKey'),
    { ...ref('ProfileId', 'Profile', 'Profile', 'Profile ID', { nillable: false }), createable: true, updateable: true },
    rw('IsActive', 'boolean', 'Active', { nillable: false, defaultedOnCreate: true }),
    ro('UserType', 'picklist', 'User Type', { defaultedOnCreate: true, picklist: [['Standard', 'Standard']] }),
    rw('UserPermissionsMarketingUser', 'boolean', 'Marketing User', { nillable: false, defaultedOnCreate: true }),
    ro('LastLoginDate', 'datetime', 'Last Login'),
    ...AUDIT,
  ],
};

export const PROFILE: SObjectDef = {
  name: 'Profile', label: 'Profile', labelPlural: 'Profiles', keyPrefix: '00e', createable: true, updateable: true, deletable: true, custom: false,
  fields: [
    ID, rw('Name', 'string', 'Name', { nillable: false, length: 255 }), rw('Description', 'string', 'Description', { length: 255 }),
    { ...ref('UserLicenseId', 'UserLicense', 'UserLicense', 'User License ID', { nillable: false }), createable: true },
    ro('UserType', 'picklist', 'User Type', { picklist: [['Standard', 'Standard']] }),
    ...PERMISSION_FIELDS, ...AUDIT,
  ],
};

export const PERMISSION_SET: SObjectDef = {
  name: 'PermissionSet', label: 'Permission Set', labelPlural: 'Permission Sets', keyPrefix: '0PS', createable: true, updateable: true, deletable: true, custom: false,
  fields: [
    ID, rw('Name', 'string', 'Name', { nillable: false, length: 80 }), rw('Label', 'string', 'Label', { nillable: false, length: 80 }),
    rw('Description', 'textarea', 'Description', { length: 255 }), ro('IsOwnedByProfile', 'boolean', 'Is Owned By Profile'),
    ro('IsCustom', 'boolean', 'Custom'), ro('NamespacePrefix', 'string', 'Namespace Prefix'), ro('Type', 'picklist', 'Permission Set Type'),
    ro('HasActivationRequired', 'boolean', 'Session Activation Required'),
    { ...ref('LicenseId', 'PermissionSetLicense', 'License', 'License ID'), referenceTo: ['PermissionSetLicense', 'UserLicense'] },
    ref('ProfileId', 'Profile', 'Profile', 'Profile ID'), ref('PermissionSetGroupId', 'PermissionSetGroup', 'PermissionSetGroup', 'Permission Set Group ID'),
    ...PERMISSION_FIELDS, ...AUDIT,
  ],
};

export const PERMISSION_SET_ASSIGNMENT: SObjectDef = {
  name: 'PermissionSetAssignment', label: 'Permission Set Assignment', labelPlural: 'Permission Set Assignments', keyPrefix: '0Pa',
  createable: true, updateable: false, deletable: true, custom: false,
  fields: [
    ID, { ...ref('AssigneeId', 'User', 'Assignee', 'Assignee ID', { nillable: false }), createable: true },
    { ...ref('PermissionSetId', 'PermissionSet', 'PermissionSet', 'Permission Set ID', { nillable: false }), createable: true },
    ref('PermissionSetGroupId', 'PermissionSetGroup', 'PermissionSetGroup', 'Permission Set Group ID'),
    ro('IsActive', 'boolean', 'Is Active'), ro('SystemModstamp', 'datetime', 'System Modstamp'),
  ],
};

export const PERMISSION_SET_LICENSE: SObjectDef = {
  name: 'PermissionSetLicense', label: 'Permission Set License', labelPlural: 'Permission Set Licenses', keyPrefix: '0PL',
  createable: false, updateable: false, deletable: false, custom: false,
  fields: [
    ID, ro('DeveloperName', 'string', 'Permission Set License Name'), ro('MasterLabel', 'string', 'Label'), ro('TotalLicenses', 'int', 'Total Licenses'),
    ro('UsedLicenses', 'int', 'Used Licenses'), ro('Status', 'picklist', 'Status'), ro('ExpirationDate', 'date', 'Expiration Date'), ...AUDIT,
  ],
};

export const PERMISSION_SET_LICENSE_ASSIGN: SObjectDef = {
  name: 'PermissionSetLicenseAssign', label: 'Permission Set License Assignment', labelPlural: 'Permission Set License Assignments', keyPrefix: '2LA',
  createable: true, updateable: false, deletable: true, custom: false,
  fields: [
    ID, { ...ref('AssigneeId', 'User', 'Assignee', 'Assignee ID', { nillable: false }), createable: true },
    { ...ref('PermissionSetLicenseId', 'PermissionSetLicense', 'PermissionSetLicense', 'Permission Set License ID', { nillable: false }), createable: true },
    ...AUDIT,
  ],
};

export const USER_LICENSE: SObjectDef = {
  name: 'UserLicense', label: 'User License', labelPlural: 'User Licenses', keyPrefix: '100', createable: false, updateable: false, deletable: false, custom: false,
  fields: [
    ID, ro('Name', 'string', 'Name'), ro('MasterLabel', 'string', 'Master Label'), ro('LicenseDefinitionKey', 'string', 'License Definition Key'),
    ro('TotalLicenses', 'int', 'Total Licenses'), ro('UsedLicenses', 'int', 'Used Licenses'), ro('Status', 'picklist', 'Status'), ...AUDIT,
  ],
};

export const ORGANIZATION: SObjectDef = {
  name: 'Organization', label: 'Organization', labelPlural: 'Organizations', keyPrefix: '00D', createable: false, updateable: false, deletable: false, custom: false,
  fields: [
    ID, ro('Name', 'string', 'Name'), ro('InstanceName', 'string', 'Instance Name'), ro('IsSandbox', 'boolean', 'Is Sandbox'),
    ro('OrganizationType', 'picklist', 'Edition'), ro('NamespacePrefix', 'string', 'Namespace Prefix'), ro('TrialExpirationDate', 'datetime', 'Trial Expiration Date'),
    ro('DefaultLocaleSidKey', 'picklist', 'Locale'), ro('LanguageLocaleKey', 'picklist', 'Language'), ro('TimeZoneSidKey', 'picklist', 'Time Zone'), ...AUDIT,
  ],
};

/** Tooling API only (streaming.md §4 readiness queries). */
export const PLATFORM_EVENT_CHANNEL_MEMBER: SObjectDef = {
  name: 'PlatformEventChannelMember', label: 'Platform Event Channel Member', labelPlural: 'Platform Event Channel Members', keyPrefix: '0v8',
  createable: false, updateable: false, deletable: false, custom: false,
  fields: [
    ID, ro('DeveloperName', 'string', 'Developer Name'), ro('MasterLabel', 'string', 'Label'), ro('FullName', 'string', 'Full Name'),
    ro('NamespacePrefix', 'string', 'Namespace Prefix'), ro('EventChannel', 'string', 'Event Channel'), ro('SelectedEntity', 'string', 'Selected Entity'),
    ro('FilterExpression', 'textarea', 'Filter Expression'), ...AUDIT,
  ],
};

/** The Tooling API's sObject definition for a name (case-insensitive); only what the emulated org serves there. */
export function toolingObjectDef(name: string): SObjectDef | undefined {
  return name.toLowerCase() === 'platformeventchannelmember' ? PLATFORM_EVENT_CHANNEL_MEMBER : undefined;
}

// ObjectPermissions and FieldPermissions: permissionEntities.ts (their describes carry the org's picklists).

/** A user's login state (API 29+): query and update only; IsPasswordLocked may only be set to false (§6). */
export const USER_LOGIN: SObjectDef = {
  name: 'UserLogin', label: 'User Login', labelPlural: 'User Logins', keyPrefix: '060', createable: false, updateable: true, deletable: false, custom: false,
  fields: [
    ID, ref('UserId', 'User', 'User', 'User ID', { nillable: false }),
    { ...rw('IsFrozen', 'boolean', 'Is Frozen', { nillable: false }), createable: false }, { ...rw('IsPasswordLocked', 'boolean', 'Is Password Locked', { nillable: false }), createable: false },
    ro('LastModifiedDate', 'datetime', 'Last Modified Date'), ref('LastModifiedById', 'User', 'LastModifiedBy', 'Last Modified By ID'),
  ],
};

/** Permission set groups: queryable; the emulator hosts none (a group's aggregate set is a PermissionSet of Type 'Group'). */
export const PERMISSION_SET_GROUP: SObjectDef = {
  name: 'PermissionSetGroup', label: 'Permission Set Group', labelPlural: 'Permission Set Groups', keyPrefix: '0PG', createable: false, updateable: false, deletable: false, custom: false,
  fields: [ID, ro('DeveloperName', 'string', 'Developer Name'), ro('MasterLabel', 'string', 'Label'), ro('Status', 'picklist', 'Status'), ...AUDIT],
};

export const SYSTEM_OBJECTS: readonly SObjectDef[] = [
  ORGANIZATION, PERMISSION_SET, PERMISSION_SET_ASSIGNMENT, PERMISSION_SET_GROUP, PERMISSION_SET_LICENSE,
  PERMISSION_SET_LICENSE_ASSIGN, PROFILE, USER, USER_LICENSE, USER_LOGIN,
];

const DESCRIBE_TYPE: Readonly<Record<string, string>> = { address: 'address', int: 'int', double: 'double', percent: 'percent' };

/** Describes for the business objects (Account, custom objects, …): no records are stored for them. */
export function businessObject(state: OrgState, name: string): SObjectDef | undefined {
  const lower = name.toLowerCase();
  const std = standardObject(STANDARD_NAMES.get(lower) ?? '');
  const custom = state.customObjects.find((o) => o.fullName.toLowerCase() === lower);
  if (std && featureOn(state, std.feature)) {
    const fields: SFieldDef[] = std.fields.map((f) => standardFieldDef(f));
    for (const name of OBSERVED_STANDARD_FIELDS[std.name] ?? []) {
      if (!fields.some((f) => f.name === name)) fields.push(rw(name, name.endsWith('Id') ? 'reference' : 'string'));
    }
    for (const cf of custom?.fields ?? []) fields.push(customFieldDef(cf));
    return { name: std.name, label: std.label, labelPlural: `${std.label}s`, keyPrefix: std.keyPrefix, createable: true, updateable: true, deletable: true, custom: false, fields };
  }
  if (custom && custom.fullName.endsWith('__c')) {
    const label = typeof custom.xml['label'] === 'string' ? (custom.xml['label'] as string) : custom.fullName;
    const plural = typeof custom.xml['pluralLabel'] === 'string' ? (custom.xml['pluralLabel'] as string) : label;
    return {
      name: custom.fullName, label, labelPlural: plural, keyPrefix: 'a00', createable: true, updateable: true, deletable: true, custom: true,
      fields: [ID, rw('Name', 'string', 'Name', { nillable: false, length: 80 }), ref('OwnerId', 'User', 'Owner', 'Owner ID'), ...AUDIT,
        ...custom.fields.map((cf) => customFieldDef(cf))],
    };
  }
  return undefined;
}

/** A standard field's describe: system fields read-only, computed ones (formula, roll-up, auto-number) read-only, master-detail required. */
function standardFieldDef(f: StandardFieldDef): SFieldDef {
  const type = DESCRIBE_TYPE[f.type] ?? f.type;
  const computed = f.calculated === true || f.autoNumber === true;
  const writable = f.permissionable !== false && !computed;
  const base: SFieldDef = f.type === 'id' ? ID : f.type === 'reference'
    ? { ...ref(f.name, f.referenceTo ?? 'User', f.name.replace(/Id$/, ''), f.name), createable: writable, updateable: writable && f.masterDetail !== true }
    : (writable ? rw(f.name, type) : ro(f.name, type));
  return {
    ...base,
    nillable: f.required || f.masterDetail ? false : computed ? true : base.nillable,
    ...(f.calculated ? { calculated: true } : {}),
    ...(f.autoNumber ? { autoNumber: true, nillable: false, defaultedOnCreate: true } : {}),
    ...(f.masterDetail ? { masterDetail: true } : {}),
    ...(f.defaulted ? { nillable: false, defaultedOnCreate: true } : {}),
    permissionable: f.type !== 'id' && f.permissionable !== false && f.required !== true && f.masterDetail !== true && f.defaulted !== true,
  };
}

const CUSTOM_TYPES: Readonly<Record<string, string>> = {
  Text: 'string', TextArea: 'textarea', LongTextArea: 'textarea', Html: 'textarea', Number: 'double', Checkbox: 'boolean', Date: 'date', DateTime: 'datetime',
  Email: 'email', Phone: 'phone', Url: 'url', Picklist: 'picklist', MultiselectPicklist: 'multipicklist', Currency: 'currency', Percent: 'percent',
  Lookup: 'reference', MasterDetail: 'reference', AutoNumber: 'string', Summary: 'double',
};

/** A custom field's describe from its deployed definition: formula (a <formula>) and roll-up (Summary) are calculated. */
function customFieldDef(cf: CustomFieldState): SFieldDef {
  const t = CUSTOM_TYPES[cf.type] ?? 'string';
  const calculated = cf.xml['formula'] !== undefined || cf.type === 'Summary';
  const autoNumber = cf.type === 'AutoNumber';
  const masterDetail = cf.type === 'MasterDetail';
  const required = cf.required || masterDetail;
  const computed = calculated || autoNumber;
  const base: SFieldDef = computed
    ? ro(cf.fullName, t, cf.label, { custom: true, ...(calculated ? { calculated: true } : { autoNumber: true, nillable: false, defaultedOnCreate: true }) })
    : rw(cf.fullName, t, cf.label, {
      custom: true, nillable: !required && cf.type !== 'Checkbox', ...(cf.type === 'Checkbox' ? { defaultedOnCreate: true } : {}),
      ...(masterDetail ? { masterDetail: true, updateable: false } : {}),
    });
  const withRef = cf.referenceTo ? { ...base, referenceTo: [cf.referenceTo], relationshipName: cf.fullName.replace(/__c$/, '__r') } : base;
  return { ...withRef, permissionable: !required };
}

const STANDARD_NAMES = new Map([...STANDARD_OBJECTS, ...FIELD_ONLY_OBJECTS].map((o) => [o.name.toLowerCase(), o.name]));

/** The sObject definition for a name (case-insensitive), or undefined when the org has no such type. */
export function sobjectDef(state: OrgState, name: string): SObjectDef | undefined {
  const lower = name.toLowerCase();
  return permissionEntityDef(state, name) ?? SYSTEM_OBJECTS.find((o) => o.name.toLowerCase() === lower) ?? businessObject(state, name);
}

export function fieldDef(def: SObjectDef, name: string): SFieldDef | undefined {
  const lower = name.toLowerCase();
  return def.fields.find((f) => f.name.toLowerCase() === lower);
}

export function relationshipDef(def: SObjectDef, rel: string): SFieldDef | undefined {
  const lower = rel.toLowerCase();
  return def.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}
