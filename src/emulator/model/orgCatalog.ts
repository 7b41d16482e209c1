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
  return objectInfo(state, name, (n) => state.customObjects.find((o) => o.fullName === n));
}

function objectInfo(state: OrgState, name: string, customObject: (name: string) => CustomObjectState | undefined): ObjectInfo | undefined {
  const std = standardObject(name);
  if (std && featureOn(state, std.feature)) {
    const customState = customObject(name);
    return { name, custom: false, viewAll: std.viewAll, permissionable: std.objectPermissions !== false, standard: std, ...(customState ? { customState } : {}) };
  }
  if (NON_PERMISSIONABLE_OBJECTS.includes(name)) return { name, custom: false, viewAll: false, permissionable: false };
  const c = name.endsWith('__c') ? customObject(name) : undefined;
  if (c) return { name, custom: true, viewAll: true, permissionable: true, customState: c };
  return undefined;
}

/**
 * findObject and findField for many lookups in one state that does not change meanwhile (a deploy reading a
 * profile's ~40,000 entries): the custom objects are indexed once, and each object is looked up once, where
 * findObject scans every custom object per call (entries × objects).
 */
export function catalogLookup(state: OrgState): { object(name: string): ObjectInfo | undefined; field(objectName: string, fieldName: string): FieldInfo | undefined } {
  const customByName = new Map<string, CustomObjectState>();
  for (const o of state.customObjects) if (!customByName.has(o.fullName)) customByName.set(o.fullName, o);
  const objects = new Map<string, ObjectInfo | undefined>();
  const object = (name: string): ObjectInfo | undefined => {
    if (!objects.has(name)) objects.set(name, objectInfo(state, name, (n) => customByName.get(n)));
    return objects.get(name);
  };
  return { object, field: (objectName, fieldName) => fieldOf(object(objectName), objectName, fieldName) };
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
  return fieldOf(findObject(state, objectName), objectName, fieldName);
}

function fieldOf(obj: ObjectInfo | undefined, objectName: string, fieldName: string): FieldInfo | undefined {
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
