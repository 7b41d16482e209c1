import type { ApionlyConfig, FieldAccessLevel } from '../config/types';
import { hasViewAllFields } from './apiVersion';
import {
  ALWAYS_ON_OBJECTS,
  DEFAULT_ON_OBJECTS,
  VIEW_ALL_REQUIRES_ACCOUNT,
  catalogueStatus,
  isObjectPermissionable,
  objectKindOf,
  ObjectKind,
} from './catalogue';
import { fieldPermissionFor, whyNoFieldPermission } from './fieldPermissions';
import { applyPlatformRules, closeFlags, flagsForAccess, sameFlags, NO_ACCESS } from './objectPermissions';
import { streamingAccess } from './streaming';
import { profileFileName } from './profileName';
import type { FieldPermission, ObjectFlags, ObjectPermission, ProfileModel, ProjectInfo } from './types';
import { byteOrder, resolveUserPermissions } from './userPermissions';
import { isEditableClass, isManagedPackageObject, takesFieldPermission, type OrgCatalogue } from './orgCatalogue';
import { POWERFUL_PERMISSIONS } from './orgPermissions';

/**
 * config + project -> everything the generator owns in the Profile. Pure: the same inputs always give the
 * same model, lists sorted by key in byte order. Assumes a validated config (see config/validateConfig).
 */
export function buildProfileModel(config: ApionlyConfig, project: ProjectInfo, catalogue?: OrgCatalogue): ProfileModel {
  const warnings: string[] = [];
  const profile = config.profile;
  // Streaming (Change Data Capture, PushTopics) adds the access it needs; the config may not switch it off (streamingProblems).
  const streaming = streamingAccess(config);
  const cloned = profile.cloneReferenceUserPermissions && catalogue ? catalogue.referenceProfile.userPermissions : [];
  const userPermissions = resolveUserPermissions({ ...Object.fromEntries(streaming.userPermissions.map((p) => [p, true])), ...profile.userPermissions }, cloned);
  if (cloned.length && catalogue) {
    const on = new Set(userPermissions.filter((p) => p.enabled).map((p) => p.name));
    const powerful = POWERFUL_PERMISSIONS.map((p) => p.name).filter((p) => on.has(p)).sort(byteOrder);
    warnings.push(
      `profile.cloneReferenceUserPermissions copies the ${cloned.length} user permissions "${catalogue.referenceProfile.name}" has enabled` +
        (powerful.length ? `, among them powerful ones an integration rarely needs: ${powerful.join(', ')}; set any of them to false in profile.userPermissions to leave it out` : ''),
    );
  }
  const enabled = (name: string): boolean => userPermissions.some((p) => p.name === name && p.enabled);
  const ctx = { modifyAllData: enabled('ModifyAllData'), viewAllData: enabled('ViewAllData') };

  const projectKinds = new Map<string, ObjectKind>();
  for (const o of project.objects) if (o.defined) projectKinds.set(o.name, o.kind);
  const kindOf = (name: string): ObjectKind => projectKinds.get(name) ?? catalogue?.objects[name]?.kind ?? objectKindOf(name);

  // Which objects: the org's (catalogue) or the built-in always-on and default-on ones, includes, overrides, project
  // custom objects; minus excludes.
  const exclude = new Set(profile.objects.exclude);
  const managed: string[] = [];
  const orgObjects = catalogue
    ? Object.entries(catalogue.objects)
      .filter(([, o]) => o.objectPermissions && (o.kind !== 'custom' || profile.objects.customObjects))
      .map(([name]) => name)
      .filter((name) => !(isManagedPackageObject(name) && managed.push(name)))
    : [...ALWAYS_ON_OBJECTS, ...DEFAULT_ON_OBJECTS];
  if (managed.length) {
    warnings.push(
      `${managed.length} managed-package object${managed.length === 1 ? '' : 's'} of the catalogue (${managed.slice(0, 5).join(', ')}${managed.length > 5 ? ', …' : ''}) ` +
        'get no access: a profile cannot grant licensed managed objects ("Read on X can\'t be granted"); list one in profile.objects.include to grant it',
    );
  }
  const chosen = new Set<string>([...orgObjects, ...profile.objects.include]);
  for (const name of Object.keys(profile.objects.overrides)) {
    if (exclude.has(name)) warnings.push(`profile.objects.overrides lists ${name}, which profile.objects.exclude leaves out; the override is ignored`);
    chosen.add(name);
  }
  if (profile.objects.customObjects) {
    for (const o of project.objects) {
      if (o.defined && o.kind !== 'standard' && isObjectPermissionable(o.kind)) chosen.add(o.name);
    }
  }
  for (const name of catalogue ? [] : profile.objects.include) {
    const kind = kindOf(name);
    if (kind === 'standard' && catalogueStatus(name) === 'unknown') {
      warnings.push(`profile.objects.include lists ${name}, which is not in apionly's catalogue of standard objects; the deploy fails with "no CustomObject named ${name} found" if the org lacks it`);
    } else if (kind !== 'standard' && !projectKinds.has(name)) {
      warnings.push(`profile.objects.include lists ${name}, which is not in the project's package directories; make sure the target org has it`);
    }
  }
  for (const name of exclude) {
    if (!chosen.has(name)) warnings.push(`profile.objects.exclude lists ${name}, which the profile would not include anyway`);
    chosen.delete(name);
  }
  for (const name of [...streaming.viewAll, ...streaming.read]) chosen.add(name);
  // Custom settings found in the project have no object permissions, even when listed.
  for (const name of [...chosen]) {
    const kind = kindOf(name);
    if (!isObjectPermissionable(kind)) {
      chosen.delete(name);
      warnings.push(`${name} is a ${kind === 'customSetting' ? 'custom setting' : kind}; it gets no objectPermissions entry`);
    }
  }

  const flagsOf = new Map<string, ObjectFlags>();
  for (const name of [...chosen].sort(byteOrder)) {
    const access = profile.objects.overrides[name] ?? profile.objectAccess;
    const { flags, note } = applyPlatformRules(name, kindOf(name), flagsForAccess(access), ctx, catalogue?.objects[name]?.viewAllModifyAll);
    if (note && profile.objects.overrides[name] !== undefined) warnings.push(note);
    flagsOf.set(name, flags);
  }
  for (const name of streaming.read) {
    const flags = flagsOf.get(name);
    if (flags && !flags.allowRead) flagsOf.set(name, { ...flags, allowRead: true });
  }
  for (const name of streaming.viewAll) {
    const flags = flagsOf.get(name);
    if (flags && !flags.viewAllRecords) {
      flagsOf.set(name, closeFlags({ ...flags, viewAllRecords: true }));
      warnings.push(`${name}: View All is given because streaming.changeDataCapture selects it (its change events go only to users who can see every record)`);
    }
  }
  // View All on Asset and Contract depends on View All on Account.
  const account = flagsOf.get('Account');
  for (const name of VIEW_ALL_REQUIRES_ACCOUNT) {
    const flags = flagsOf.get(name);
    if (flags?.viewAllRecords && !account?.viewAllRecords) {
      flagsOf.set(name, { ...flags, viewAllRecords: false, modifyAllRecords: false });
      warnings.push(`${name}: View All and Modify All depend on View All on Account, which the profile does not give; they are written as false`);
    }
  }

  const viewAllFields = hasViewAllFields(project.apiVersion);
  const objectPermissions: ObjectPermission[] = [...flagsOf.entries()].map(([object, flags]) =>
    viewAllFields ? { ...flags, object, viewAllFields: false } : { ...flags, object },
  );

  const fieldPermissions = buildFieldPermissions(config, project, flagsOf, warnings, catalogue);

  const model: ProfileModel = {
    name: profile.name,
    fileName: profileFileName(profile.name),
    custom: true,
    userLicense: profile.userLicense,
    apiVersion: project.apiVersion,
    objectPermissions,
    fieldPermissions,
    userPermissions,
    warnings,
    ...(profile.description !== undefined && profile.description !== '' ? { description: profile.description } : {}),
  };
  return model;
}

function buildFieldPermissions(
  config: ApionlyConfig,
  project: ProjectInfo,
  flagsOf: ReadonlyMap<string, ObjectFlags>,
  warnings: string[],
  catalogue?: OrgCatalogue,
): FieldPermission[] {
  const profile = config.profile;
  const exclude = new Set(profile.objects.exclude);
  const seen = new Set<string>();
  const hasOverrides = Object.keys(profile.fieldOverrides).length > 0;
  const out = new Map<string, FieldPermission>();
  const projectFields = new Set<string>();
  for (const object of project.objects) {
    if (exclude.has(object.name)) continue;
    if (object.kind === 'customSetting' || object.kind === 'customMetadata' || object.kind === 'platformEvent' || object.kind === 'other') continue;
    const objectFlags = flagsOf.get(object.name);
    const objectRevoked = objectFlags !== undefined && sameFlags(objectFlags, NO_ACCESS);
    for (const field of object.fields) {
      if (!field.name.endsWith('__c')) continue;
      const fullName = `${field.object}.${field.name}`;
      if (catalogue) projectFields.add(fullName);
      // Only needed to warn about overrides of unknown fields; a project can hold 200,000 fields.
      if (hasOverrides) seen.add(fullName);
      const override = profile.fieldOverrides[fullName];
      const level: FieldAccessLevel = objectRevoked ? 'none' : (override ?? profile.fieldAccess);
      const why = whyNoFieldPermission(field);
      if (why && override !== undefined) warnings.push(`profile.fieldOverrides.${fullName} is ignored: ${why}`);
      const entry = fieldPermissionFor(field, level);
      if (entry) out.set(fullName, entry);
    }
  }
  // The org's fields (catalogue), standard and custom, where the project does not define them.
  for (const [objectName, object] of Object.entries(catalogue?.objects ?? {})) {
    if (exclude.has(objectName)) continue;
    if (object.kind === 'customSetting' || object.kind === 'customMetadata' || object.kind === 'platformEvent' || object.kind === 'other') continue;
    // Fields of an object left out of the profile get no access; field-only objects (OpportunityLineItem, Task, …) follow fieldAccess.
    const objectFlags = flagsOf.get(objectName);
    if (object.objectPermissions && objectFlags === undefined) continue;
    const objectRevoked = objectFlags !== undefined && sameFlags(objectFlags, NO_ACCESS);
    for (const [fieldName, fieldClass] of Object.entries(object.fields)) {
      const fullName = `${objectName}.${fieldName}`;
      if (out.has(fullName) || projectFields.has(fullName)) continue;
      if (hasOverrides) seen.add(fullName);
      const override = profile.fieldOverrides[fullName];
      if (!takesFieldPermission(fieldClass)) {
        if (override !== undefined) warnings.push(`profile.fieldOverrides.${fullName} is ignored: the org reports the field as ${fieldClass === 'masterDetail' ? 'master-detail' : 'required'}, and a deploy rejects field permissions on it`);
        continue;
      }
      const level: FieldAccessLevel = objectRevoked ? 'none' : (override ?? profile.fieldAccess);
      out.set(fullName, level === 'none'
        ? { field: fullName, editable: false, readable: false }
        : { field: fullName, editable: level === 'edit' && isEditableClass(fieldClass), readable: true });
    }
  }
  for (const name of Object.keys(profile.fieldOverrides)) {
    if (!seen.has(name)) warnings.push(`profile.fieldOverrides lists ${name}, which is not a ${catalogue ? 'field of the catalogue or a custom field of the project' : "custom field in the project's package directories"}; it is ignored`);
  }
  return [...out.values()].sort((a, b) => byteOrder(a.field, b.field));
}
