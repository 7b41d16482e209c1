import type { OrgCatalogue } from '../model/orgCatalogue';
import { byteOrder } from '../model/userPermissions';
import { renderCatalogue, stableStringify } from './renderCatalogue';

/** What changed between the committed catalogue and the org as read now. Lists in byte order. */
export interface CatalogueDiff {
  readonly objectsAdded: readonly string[];
  readonly objectsRemoved: readonly string[];
  /** `Object.Field` of objects on both sides. */
  readonly fieldsAdded: readonly string[];
  readonly fieldsRemoved: readonly string[];
  /** `Object.Field: old -> new` where a field's class changed (e.g. editable -> required). */
  readonly fieldsChanged: readonly string[];
  readonly userPermissionsAdded: readonly string[];
  readonly userPermissionsRemoved: readonly string[];
  /** The reference profile's enabled user permissions. */
  readonly referencePermissionsAdded: readonly string[];
  readonly referencePermissionsRemoved: readonly string[];
  /** Other top-level parts that differ: org, features, userLicenses, permissionSetLicenses, referenceProfile name. */
  readonly other: readonly string[];
  /** Whether the two catalogues differ at all (their bytes). */
  readonly changed: boolean;
}

function minus(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => !set.has(x)).sort(byteOrder);
}

/** Pure: the differences that matter for generation, and whether anything at all differs. */
export function diffCatalogues(before: OrgCatalogue, after: OrgCatalogue): CatalogueDiff {
  const oldObjects = Object.keys(before.objects);
  const newObjects = Object.keys(after.objects);
  const fieldsAdded: string[] = [];
  const fieldsRemoved: string[] = [];
  const fieldsChanged: string[] = [];
  for (const name of newObjects) {
    const o = before.objects[name];
    const n = after.objects[name];
    if (!o || !n) continue;
    for (const f of Object.keys(n.fields)) {
      const was = o.fields[f];
      if (was === undefined) fieldsAdded.push(`${name}.${f}`);
      else if (was !== n.fields[f]) fieldsChanged.push(`${name}.${f}: ${was} -> ${n.fields[f]}`);
    }
    for (const f of Object.keys(o.fields)) if (n.fields[f] === undefined) fieldsRemoved.push(`${name}.${f}`);
  }
  const other: string[] = [];
  const same = (a: unknown, b: unknown): boolean => stableStringify(a) === stableStringify(b);
  if (!same(before.org, after.org)) other.push('org');
  if (!same(before.features, after.features)) other.push('features');
  if (!same(before.userLicenses, after.userLicenses)) other.push('userLicenses');
  if (!same(before.permissionSetLicenses, after.permissionSetLicenses)) other.push('permissionSetLicenses');
  if (before.referenceProfile.name !== after.referenceProfile.name) other.push('referenceProfile.name');
  for (const name of newObjects) {
    const o = before.objects[name];
    const n = after.objects[name];
    if (o && n && (o.kind !== n.kind || o.objectPermissions !== n.objectPermissions || o.viewAllModifyAll !== n.viewAllModifyAll)) other.push(`objects.${name}`);
  }
  return {
    objectsAdded: minus(newObjects, oldObjects),
    objectsRemoved: minus(oldObjects, newObjects),
    fieldsAdded: fieldsAdded.sort(byteOrder),
    fieldsRemoved: fieldsRemoved.sort(byteOrder),
    fieldsChanged: fieldsChanged.sort(byteOrder),
    userPermissionsAdded: minus(after.userPermissions, before.userPermissions),
    userPermissionsRemoved: minus(before.userPermissions, after.userPermissions),
    referencePermissionsAdded: minus(after.referenceProfile.userPermissions, before.referenceProfile.userPermissions),
    referencePermissionsRemoved: minus(before.referenceProfile.userPermissions, after.referenceProfile.userPermissions),
    other,
    changed: renderCatalogue(before) !== renderCatalogue(after),
  };
}
