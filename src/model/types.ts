import type { ObjectKind } from './catalogue';

/** A custom field found in the project's package directories. */
export interface SourceField {
  /** Object API name, e.g. Account or Invoice__c. */
  readonly object: string;
  /** Field API name, e.g. Amount__c. */
  readonly name: string;
  /** The field's <type>, e.g. Text, Formula-less Number, MasterDetail, Summary, AutoNumber; '' if absent. */
  readonly type: string;
  readonly required: boolean;
  /** Whether the field has a <formula> (formula fields keep their result type in <type>). */
  readonly formula: boolean;
  /** Project-relative file it came from. */
  readonly file: string;
}

/** An object found in the project's package directories (a folder under objects/, or an mdapi .object file). */
export interface SourceObject {
  readonly name: string;
  readonly kind: ObjectKind;
  /** Whether the project holds the object's own definition (not just fields of a standard object). */
  readonly defined: boolean;
  readonly fields: readonly SourceField[];
  readonly file: string;
}

/** What generation knows of the Salesforce DX project. */
export interface ProjectInfo {
  /** sourceApiVersion of sfdx-project.json. */
  readonly apiVersion: string;
  /** Package directory paths, project-relative; the default one first. */
  readonly packageDirectories: readonly string[];
  readonly objects: readonly SourceObject[];
}

export interface ObjectFlags {
  readonly allowCreate: boolean;
  readonly allowDelete: boolean;
  readonly allowEdit: boolean;
  readonly allowRead: boolean;
  readonly modifyAllRecords: boolean;
  readonly viewAllRecords: boolean;
}

export interface ObjectPermission extends ObjectFlags {
  readonly object: string;
  /** Written only from API 63.0; always false (what retrieves show). */
  readonly viewAllFields?: boolean;
}

export interface FieldPermission {
  readonly field: string;
  readonly editable: boolean;
  readonly readable: boolean;
}

export interface UserPermission {
  readonly name: string;
  readonly enabled: boolean;
}

/** What both generated holders carry (the Profile, the integration route's permission set): the grants and the generator's warnings. */
export interface GeneratedGrants {
  /** API name (fullName). */
  readonly name: string;
  /** Source-format file name, e.g. 'API Only.profile-meta.xml'. */
  readonly fileName: string;
  readonly description?: string;
  readonly apiVersion: string;
  readonly objectPermissions: readonly ObjectPermission[];
  readonly fieldPermissions: readonly FieldPermission[];
  readonly userPermissions: readonly UserPermission[];
  readonly warnings: readonly string[];
}

/** Everything the generator owns in the Profile, in canonical order (lists sorted by key, byte order). */
export interface ProfileModel extends GeneratedGrants {
  readonly custom: true;
  readonly userLicense: string;
}

/**
 * The permission set of the integration route, in canonical order (lists sorted by key, byte order). Only granted
 * entries: a permission set deploy replaces the set's content, so what is absent is off.
 */
export interface PermissionSetModel extends GeneratedGrants {
  readonly label: string;
  /** The `<license>` element: a permission set licence, never 'Salesforce'. */
  readonly license: string;
}

/** The User to create, for one org (or the base user). */
export interface UserSpec {
  /** UpperCamel User fields, Username included, with the org's overrides applied. */
  readonly fields: Record<string, string | boolean>;
  readonly profileName: string;
  readonly permissionSets: string[];
  /** Permission set licences (DeveloperName) to assign before the permission sets: the integration route's. */
  readonly permissionSetLicenses?: string[];
}
