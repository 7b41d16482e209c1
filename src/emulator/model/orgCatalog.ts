import type { CustomFieldState, CustomObjectState, OrgState, PermissionSetLicenseState } from './state';
import { OBSERVED_STANDARD_FIELDS } from './seed/standardFields';
import { NON_PERMISSIONABLE_OBJECTS, STANDARD_OBJECTS, standardObject, type StandardObjectDef } from './seed/objects';

/** What the org knows about an object that permissions can name. */
export interface ObjectInfo {
  readonly name: string;
  readonly custom: boolean;
  readonly viewAll: boolean;
  readonly permissionable: boolean;
  readonly standard?: StandardObjectDef;
  readonly customState?: CustomObjectState;
}

export interface FieldInfo {
  readonly object: string;
  readonly name: string;
  readonly required: boolean;
  readonly permissionable: boolean;
  readonly custom: boolean;
}

export function featureOn(state: OrgState, feature: string | undefined): boolean {
  return feature === undefined || state.features[feature] === true;
}

/** Looks up an object by its exact API name (names are case-sensitive in metadata). */
export function findObject(state: OrgState, name: string): ObjectInfo | undefined {
  const std = standardObject(name);
  if (std && featureOn(state, std.feature)) {
    const customState = state.customObjects.find((o) => o.fullName === name);
    return { name, custom: false, viewAll: std.viewAll, permissionable: std.objectPermissions !== false, standard: std, ...(customState ? { customState } : {}) };
  }
  if (NON_PERMISSIONABLE_OBJECTS.includes(name)) return { name, custom: false, viewAll: false, permissionable: false };
  const c = state.customObjects.find((o) => o.fullName === name && name.endsWith('__c'));
  if (c) return { name, custom: true, viewAll: true, permissionable: true, customState: c };
  return undefined;
}

/** Every object that takes object permissions in this org, sorted by name. */
export function permissionableObjects(state: OrgState): string[] {
  const names = STANDARD_OBJECTS.filter((o) => featureOn(state, o.feature)).map((o) => o.name);
  for (const c of state.customObjects) if (c.fullName.endsWith('__c')) names.push(c.fullName);
  return [...new Set(names)].sort();
}

export function customFieldRequired(f: CustomFieldState): boolean {
  return f.required || f.type === 'MasterDetail';
}

export function findField(state: OrgState, objectName: string, fieldName: string): FieldInfo | undefined {
  const obj = findObject(state, objectName);
  if (!obj) return undefined;
  const cf = obj.customState?.fields.find((f) => f.fullName === fieldName);
  if (cf) return { object: objectName, name: fieldName, required: customFieldRequired(cf), permissionable: true, custom: true };
  const sf = obj.standard?.fields.find((f) => f.name === fieldName);
  if (sf) return { object: objectName, name: fieldName, required: sf.required === true || sf.masterDetail === true, permissionable: sf.permissionable !== false, custom: false };
  if (obj.standard && OBSERVED_STANDARD_FIELDS[objectName]?.includes(fieldName)) {
    return { object: objectName, name: fieldName, required: false, permissionable: true, custom: false };
  }
  return undefined;
}

export function hasModifyAllData(p: { userPermissions: Record<string, boolean> }): boolean {
  return p.userPermissions['ModifyAllData'] === true;
}

/** The permission set licence a permission set's <license> names (by DeveloperName or MasterLabel); undefined for a user licence or none. */
export function permissionSetLicenseNamed(state: OrgState, license: string | null): PermissionSetLicenseState | undefined {
  return license === null ? undefined : state.permissionSetLicenses.find((l) => l.developerName === license || l.masterLabel === license);
}

/** Profile.Name of a deployed profile: the fullName with %XX escapes decoded (facts a.7). */
export function profileLabelFromFullName(fullName: string): string {
  try {
    return decodeURIComponent(fullName);
  } catch {
    return fullName;
  }
}
