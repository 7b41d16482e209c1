import type { FieldPermissionFlags, ObjectPermissionFlags, OrgState } from '../state';
import { catalogLookup, findObject, hasModifyAllData } from '../orgCatalog';
import { isKnownUserPermission, licenseAllowsPermission } from '../seed/userPermissions';
import { asList, childText, locate, METADATA_NS, type XmlNode } from '../xml/parseMetadataXml';
import { INVENTED, type Problem } from './types';

/** Parsed object permission: only the flags the file states. */
export type ObjectFlagsPatch = Partial<ObjectPermissionFlags>;
export type FieldFlagsPatch = Partial<FieldPermissionFlags>;

export interface PermissionEntries {
  readonly userPermissions: Map<string, boolean>;
  readonly objectPermissions: Map<string, ObjectFlagsPatch>;
  readonly fieldPermissions: Map<string, FieldFlagsPatch>;
}

const OBJECT_FLAGS = ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'viewAllRecords', 'viewAllFields'] as const;
/** ProfileObjectPermissions children per WSDL; customizeSetup/deleteSetup/viewSetup exist from 59.0, viewAllFields from 63.0 (facts a.3). */
function objectChildren(apiVersion: number): Set<string> {
  const s = new Set<string>(['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'object', 'viewAllRecords']);
  if (apiVersion >= 59) for (const k of ['customizeSetup', 'deleteSetup', 'viewSetup']) s.add(k);
  if (apiVersion >= 63) s.add('viewAllFields');
  return s;
}

function bool(v: string | undefined): boolean | undefined | 'bad' {
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return 'bad';
}

type Position = { lineNumber?: number; columnNumber?: number };

/**
 * Where an entry is in the file. Called only when a problem is reported: each call scans the text, and a profile at
 * org scale holds ~40,000 entries (eager positions made a deploy of one quadratic in the file's size).
 */
function pos(text: string, element: string, keyTag?: string, key?: string): Position {
  return locate(text, element, keyTag, key) ?? {};
}

/**
 * Reads userPermissions / objectPermissions / fieldPermissions entries and checks each one alone: known names,
 * existing objects and fields, booleans, elements allowed at the package's API version.
 */
export function readPermissionEntries(
  root: XmlNode,
  text: string,
  typeName: 'Profile' | 'PermissionSet',
  apiVersion: number,
  state: OrgState,
  license: string | null,
  problems: Problem[],
): PermissionEntries {
  const userPermissions = new Map<string, boolean>();
  const objectPermissions = new Map<string, ObjectFlagsPatch>();
  const fieldPermissions = new Map<string, FieldFlagsPatch>();
  const catalog = catalogLookup(state);
  const invalidChild = (child: string, type: string, at: { lineNumber?: number; columnNumber?: number }): void => {
    // Schema validation text, as Salesforce reports an element its WSDL does not have.
    problems.push({ problem: `Error parsing file: Element {${METADATA_NS}}${child} invalid at this location in type ${type}`, ...at });
  };

  for (const entry of asList(root['userPermissions'])) {
    const name = childText(entry, 'name');
    const at = (): Position => pos(text, 'userPermissions', 'name', name);
    const enabled = bool(childText(entry, 'enabled'));
    if (!name) {
      problems.push({ problem: 'Required field is missing: name' + INVENTED, ...at() });
      continue;
    }
    if (enabled === 'bad' || enabled === undefined) {
      problems.push({ problem: `Error parsing file: '${childText(entry, 'enabled') ?? ''}' is not a valid value for the type xsd:boolean in userPermissions ${name}` + INVENTED, ...at() });
      continue;
    }
    if (!isKnownUserPermission(name)) {
      problems.push({ problem: `Unknown user permission: ${name}`, ...at() }); // forcedotcom/cli#1529
      continue;
    }
    if (enabled && license !== null && !licenseAllowsPermission(license, name)) {
      problems.push({ problem: `The user license doesn't allow the permission: ${name}`, ...at() }); // devops-center-feedback#290
      continue;
    }
    userPermissions.set(name, enabled);
  }

  const objectType = typeName === 'Profile' ? 'ProfileObjectPermissions' : 'PermissionSetObjectPermissions';
  const allowed = objectChildren(apiVersion);
  for (const entry of asList(root['objectPermissions'])) {
    const object = childText(entry, 'object');
    const at = (): Position => pos(text, 'objectPermissions', 'object', object);
    if (typeof entry === 'string' || !object) {
      problems.push({ problem: 'Required field is missing: object' + INVENTED, ...at() });
      continue;
    }
    let bad = false;
    for (const child of Object.keys(entry)) {
      if (!allowed.has(child)) {
        invalidChild(child, objectType, pos(text, child, undefined, undefined));
        bad = true;
      }
    }
    const patch: ObjectFlagsPatch = {};
    for (const flag of OBJECT_FLAGS) {
      const b = bool(childText(entry, flag));
      if (b === 'bad') {
        problems.push({ problem: `Error parsing file: '${childText(entry, flag)}' is not a valid value for the type xsd:boolean (${flag} of ${object})` + INVENTED, ...at() });
        bad = true;
      } else if (b !== undefined) patch[flag] = b;
    }
    if (typeName === 'PermissionSet') {
      // PermissionSetObjectPermissions: the six classic booleans are required (WSDL66, facts a.3).
      const missing = OBJECT_FLAGS.filter((f) => f !== 'viewAllFields' && patch[f] === undefined);
      if (missing.length > 0 && !bad) {
        problems.push({ problem: `Required field is missing: ${missing.join(', ')} (objectPermissions ${object})` + INVENTED, ...at() });
        bad = true;
      }
    }
    const info = catalog.object(object);
    if (!info) {
      problems.push({ problem: `In field: object - no CustomObject named ${object} found`, ...at() }); // standard-objects §3b
      continue;
    }
    if (!info.permissionable) {
      problems.push({ problem: `Object ${object} does not take object permissions` + INVENTED, ...at() });
      continue;
    }
    if (!bad) objectPermissions.set(object, patch);
  }

  for (const entry of asList(root['fieldPermissions'])) {
    const field = childText(entry, 'field');
    const at = (): Position => pos(text, 'fieldPermissions', 'field', field);
    if (!field) {
      problems.push({ problem: 'Required field is missing: field' + INVENTED, ...at() });
      continue;
    }
    const dot = field.indexOf('.');
    const objectName = dot > 0 ? field.slice(0, dot) : field;
    const fieldName = dot > 0 ? field.slice(dot + 1) : '';
    if (!catalog.object(objectName)) {
      problems.push({ problem: `In field: field - no CustomObject named ${objectName} found`, ...at() }); // sfdx-hardis regex
      continue;
    }
    const info = catalog.field(objectName, fieldName);
    if (!info) {
      problems.push({ problem: `In field: field - no CustomField named ${field} found`, ...at() }); // ebikes-lwc#391
      continue;
    }
    if (info.required) {
      problems.push({ problem: `You cannot deploy to a required field: ${field}`, ...at() }); // standard-objects §3c
      continue;
    }
    if (!info.permissionable) {
      problems.push({ problem: `Field ${field} does not take field permissions` + INVENTED, ...at() });
      continue;
    }
    const editable = bool(childText(entry, 'editable'));
    const readable = bool(childText(entry, 'readable'));
    if (editable === 'bad' || readable === 'bad') {
      problems.push({ problem: `Error parsing file: not a valid value for the type xsd:boolean (fieldPermissions ${field})` + INVENTED, ...at() });
      continue;
    }
    const patch: FieldFlagsPatch = {};
    if (editable !== undefined) patch.editable = editable;
    if (readable !== undefined) patch.readable = readable;
    fieldPermissions.set(field, patch);
  }
  return { userPermissions, objectPermissions, fieldPermissions };
}

const LABEL: Record<string, string> = {
  allowCreate: 'Create', allowRead: 'Read', allowEdit: 'Edit', allowDelete: 'Delete', viewAllRecords: 'View All', modifyAllRecords: 'Modify All',
};
/** Object-permission dependencies (ObjectPermissions object reference; facts b.2). Checked from the strongest down. */
const DEPENDS: readonly (readonly [keyof ObjectPermissionFlags, readonly (keyof ObjectPermissionFlags)[]])[] = [
  ['modifyAllRecords', ['allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords']],
  ['viewAllRecords', ['allowRead']],
  ['allowDelete', ['allowRead', 'allowEdit']],
  ['allowEdit', ['allowRead']],
  ['allowCreate', ['allowRead']],
];

/**
 * Checks the effective (after overlay) permissions: object dependencies, View All / Modify All where the object has
 * none, cross-object and user-permission dependencies, FLS edit-needs-read.
 */
export function checkEffectivePermissions(
  eff: { userPermissions: Record<string, boolean>; objectPermissions: Record<string, ObjectPermissionFlags>; fieldPermissions: Record<string, FieldPermissionFlags> },
  state: OrgState,
  text: string,
  problems: Problem[],
): void {
  const mad = hasModifyAllData(eff);
  for (const [object, flags] of Object.entries(eff.objectPermissions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = (): Position => locate(text, 'objectPermissions', 'object', object) ?? {};
    const info = findObject(state, object);
    if (info && !info.viewAll && !mad && (flags.viewAllRecords || flags.modifyAllRecords)) {
      // standard-objects §3a: no View All / Modify All on Idea, Pricebook2, Product2, PushTopic, Question (text unknown).
      problems.push({ problem: `Permission View All / Modify All is not available for ${object}` + INVENTED, ...at() });
      continue;
    }
    for (const [perm, needs] of DEPENDS) {
      if (!flags[perm]) continue;
      if (needs.some((n) => !flags[n])) {
        // Shape: "Permission Create ID_Search__c depends on permission(s): Read ID_Search__c" (facts b.4).
        problems.push({ problem: `Permission ${LABEL[perm]} ${object} depends on permission(s): ${needs.map((n) => `${LABEL[n]} ${object}`).join(', ')}`, ...at() });
        break;
      }
    }
  }
  // Cross-object rules quoted in standard-objects §3a (wiki.sfxd.org): "Read All" = View All.
  for (const child of ['Asset', 'Contract']) {
    if (eff.objectPermissions[child]?.viewAllRecords && !eff.objectPermissions['Account']?.viewAllRecords) {
      problems.push({ problem: `Permission Read All ${child} depends on permission(s): Read All Account`, ...(locate(text, 'objectPermissions', 'object', child) ?? {}) });
    }
  }
  if (eff.userPermissions['ConvertLeads'] && !eff.objectPermissions['Account']?.allowCreate) {
    problems.push({ problem: 'Permission Convert Leads depends on permission(s): Create Account', ...(locate(text, 'userPermissions', 'name', 'ConvertLeads') ?? {}) });
  }
  for (const [field, f] of Object.entries(eff.fieldPermissions)) {
    if (f.editable && !f.readable) {
      problems.push({ problem: `Permission Edit ${field} depends on permission(s): Read ${field}` + INVENTED, ...(locate(text, 'fieldPermissions', 'field', field) ?? {}) });
    }
  }
}

/** Modify All Data switches on every object permission on every object (Help KA 000321298, facts b.3). */
export function applyModifyAllData(
  p: { userPermissions: Record<string, boolean>; objectPermissions: Record<string, ObjectPermissionFlags> },
  objects: readonly string[],
): void {
  if (!hasModifyAllData(p)) return;
  for (const o of objects) {
    const cur = p.objectPermissions[o];
    p.objectPermissions[o] = {
      allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: true, viewAllRecords: true, viewAllFields: cur?.viewAllFields ?? false,
    };
  }
}
