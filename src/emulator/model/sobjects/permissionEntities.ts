/**
 * ObjectPermissions and FieldPermissions as sObject types: their describes carry the org's authoritative lists of what
 * can take permissions, the restricted picklists `ObjectPermissions.SobjectType` and `FieldPermissions.SobjectType` /
 * `FieldPermissions.Field` (permission-model §2, §3, §4: Jetstream reads them this way; a value outside them fails
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). The lists follow the org: features switched on, custom objects and fields.
 */
import { featureOn, permissionableObjects } from '../orgCatalog';
import { FIELD_ONLY_OBJECTS } from '../seed/objects';
import type { OrgState } from '../state';
import { businessObject, type SFieldDef, type SObjectDef } from './schema';

/** Every object that takes object permissions in this org (ObjectPermissions.SobjectType), byte order. */
export function objectPermissionTypes(state: OrgState): string[] {
  return permissionableObjects(state);
}

/** Objects whose fields take field permissions: the object-permissionable ones and the field-only ones (OpportunityLineItem, Task, …). */
export function fieldPermissionTypes(state: OrgState): string[] {
  const names = [...permissionableObjects(state), ...FIELD_ONLY_OBJECTS.filter((o) => featureOn(state, o.feature)).map((o) => o.name)];
  return [...new Set(names)].sort(byteOrder);
}

/** Every field that takes field permissions (FieldPermissions.Field, `Object.Field`), byte order: describe `permissionable`. */
export function fieldPermissionFields(state: OrgState): string[] {
  const out: string[] = [];
  for (const object of fieldPermissionTypes(state)) {
    const def = businessObject(state, object);
    for (const f of def?.fields ?? []) if (isPermissionable(f)) out.push(`${object}.${f.name}`);
  }
  return out.sort(byteOrder);
}

/** The describe's `permissionable` (the same rule describeSObject writes). */
export function isPermissionable(f: SFieldDef): boolean {
  return f.permissionable ?? (f.nillable && (f.createable || f.updateable) && f.type !== 'id');
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ro = (name: string, type: string, label: string, extra: Partial<SFieldDef> = {}): SFieldDef => ({ name, label, type, nillable: true, createable: false, updateable: false, ...extra });
const rw = (name: string, type: string, label: string, extra: Partial<SFieldDef> = {}): SFieldDef => ({ name, label, type, nillable: true, createable: true, updateable: true, ...extra });
const AUDIT: readonly SFieldDef[] = [
  ro('CreatedDate', 'datetime', 'Created Date', { nillable: false, defaultedOnCreate: true }),
  ro('CreatedById', 'reference', 'Created By ID', { nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'CreatedBy' }),
  ro('LastModifiedDate', 'datetime', 'Last Modified Date', { nillable: false, defaultedOnCreate: true }),
  ro('LastModifiedById', 'reference', 'Last Modified By ID', { nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
  ro('SystemModstamp', 'datetime', 'System Modstamp', { nillable: false, defaultedOnCreate: true }),
];
const boolField = (name: string, label: string): SFieldDef => rw(name, 'boolean', label, { nillable: false, defaultedOnCreate: true });

/** A restricted picklist field whose values are computed only when read (a FieldPermissions.Field list can hold 40,000 values). */
function lazyPicklist(name: string, label: string, values: () => readonly string[]): SFieldDef {
  const field = rw(name, 'picklist', label, { nillable: false, length: name === 'Field' ? 255 : 40 }) as SFieldDef & { picklist?: readonly (readonly [string, string])[] };
  let cached: ReadonlyArray<readonly [string, string]> | undefined;
  Object.defineProperty(field, 'picklist', {
    enumerable: true,
    get: () => (cached ??= values().map((v) => [v, v] as const)),
  });
  return field;
}

const PARENT = (): SFieldDef =>
  ({ ...rw('ParentId', 'reference', 'Parent ID', { nillable: false, referenceTo: ['PermissionSet'], relationshipName: 'Parent' }), updateable: false });

/** The describe of ObjectPermissions or FieldPermissions for this org, or undefined for any other type. */
export function permissionEntityDef(state: OrgState, name: string): SObjectDef | undefined {
  const lower = name.toLowerCase();
  if (lower === 'objectpermissions') {
    return {
      name: 'ObjectPermissions', label: 'Object Permissions', labelPlural: 'Object Permissions', keyPrefix: '110',
      createable: true, updateable: true, deletable: true, custom: false,
      fields: [
        ro('Id', 'id', 'Object Permission ID', { nillable: false, defaultedOnCreate: true, length: 18 }), PARENT(),
        lazyPicklist('SobjectType', 'Sobject Type Name', () => objectPermissionTypes(state)),
        boolField('PermissionsCreate', 'Create Records'), boolField('PermissionsRead', 'Read Records'), boolField('PermissionsEdit', 'Edit Records'),
        boolField('PermissionsDelete', 'Delete Records'), boolField('PermissionsViewAllRecords', 'View All Records'),
        boolField('PermissionsModifyAllRecords', 'Modify All Records'), boolField('PermissionsViewAllFields', 'View All Fields'), ...AUDIT,
      ],
    };
  }
  if (lower === 'fieldpermissions') {
    return {
      name: 'FieldPermissions', label: 'Field Permissions', labelPlural: 'Field Permissions', keyPrefix: '01k',
      createable: true, updateable: true, deletable: true, custom: false,
      fields: [
        ro('Id', 'id', 'Field Permissions ID', { nillable: false, defaultedOnCreate: true, length: 18 }), PARENT(),
        lazyPicklist('SobjectType', 'Sobject Type Name', () => fieldPermissionTypes(state)),
        lazyPicklist('Field', 'Field Name', () => fieldPermissionFields(state)),
        boolField('PermissionsRead', 'Read'), boolField('PermissionsEdit', 'Edit'), ...AUDIT,
      ],
    };
  }
  return undefined;
}
