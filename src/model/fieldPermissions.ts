import type { FieldAccessLevel } from '../config/types';
import type { FieldPermission, SourceField } from './types';

/** Field-level security rules (standard-objects §3c). Pure. */

/** Why a field can never be in a profile, or undefined. */
export function whyNoFieldPermission(field: SourceField): string | undefined {
  if (field.type === 'MasterDetail') return 'master-detail fields are required on the detail object; a deploy rejects them ("You cannot deploy to a required field")';
  if (field.required) return 'required fields are always readable and editable; a deploy rejects them ("You cannot deploy to a required field")';
  return undefined;
}

/** Fields whose value the platform computes: readable only. */
export function isReadOnlyField(field: SourceField): boolean {
  return field.formula || field.type === 'Summary' || field.type === 'AutoNumber';
}

/** The entry for a field at an access level, or undefined when the field must not appear. */
export function fieldPermissionFor(field: SourceField, level: FieldAccessLevel): FieldPermission | undefined {
  if (whyNoFieldPermission(field)) return undefined;
  const fullName = `${field.object}.${field.name}`;
  if (level === 'none') return { field: fullName, editable: false, readable: false };
  const editable = level === 'edit' && !isReadOnlyField(field);
  return { field: fullName, editable, readable: true };
}
