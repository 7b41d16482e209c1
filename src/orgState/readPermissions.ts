/**
 * Reads what one permission set holds (a profile's through the set it owns): user permissions from the
 * PermissionSet row, object and field permissions from ObjectPermissions / FieldPermissions filtered by parent.
 * Four queries in parallel (user permissions split in chunks of 100 fields), each read to its last page; the count
 * does not grow with the number of objects.
 */
import type { OrgClient } from '../deploy/orgClient';
import { soqlString } from '../deploy/soql';
import {
  dedupePermissionRows, OBJECT_FLAG_FIELDS, objectFlagsOfRow, userPermissionNamesOf,
  type OrgFieldFlags, type OrgObjectFlags,
} from '../model';
import type { PermissionHolding, PermissionSetSnapshot, ProfileSnapshot } from './types';

type Row = Readonly<Record<string, unknown>>;

/** Describes once per reader: PermissionSet's user permission fields and whether ObjectPermissions has ViewAllFields. */
export interface PermissionFieldCatalog {
  readonly userPermissions: readonly string[];
  readonly viewAllFields: boolean;
}

export async function describePermissionFields(client: OrgClient, count: () => void): Promise<PermissionFieldCatalog> {
  count();
  count();
  const [ps, op] = await Promise.all([client.describeFields('PermissionSet'), client.describeFields('ObjectPermissions')]);
  return {
    userPermissions: userPermissionNamesOf(ps.filter((f) => f.type === 'boolean').map((f) => f.name)),
    viewAllFields: op.some((f) => f.name === 'PermissionsViewAllFields'),
  };
}

/** How the permission set is found: the one a profile owns (by Profile.Name), or a set by Name. */
export type Holder = { readonly profileName: string } | { readonly permissionSetName: string };

function parentFilter(holder: Holder, prefix: string): string {
  return 'profileName' in holder
    ? `${prefix}IsOwnedByProfile = true AND ${prefix}Profile.Name = ${soqlString(holder.profileName)}`
    : `${prefix}IsOwnedByProfile = false AND ${prefix}Name = ${soqlString(holder.permissionSetName)}`;
}

const CHUNK = 100;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

/** Reads one holder; undefined when the org has no such profile or permission set. */
export async function readHolding(
  client: OrgClient,
  holder: Holder,
  catalog: PermissionFieldCatalog,
  count: () => void,
): Promise<ProfileSnapshot | PermissionSetSnapshot | undefined> {
  const head = 'profileName' in holder
    ? ['Id', 'Name', 'Label', 'ProfileId', 'Profile.Name', 'Profile.UserLicense.Name']
    : ['Id', 'Name', 'Label', 'LicenseId'];
  const permissionChunks = chunks(catalog.userPermissions, CHUNK);
  const objectFields = ['Id', 'ParentId', 'SobjectType', ...OBJECT_FLAG_FIELDS.filter(([flag]) => flag !== 'viewAllFields' || catalog.viewAllFields).map(([, f]) => f)];
  const queries = [
    ...permissionChunks.map((names, i) => `SELECT ${[...(i === 0 ? head : ['Id']), ...names.map((n) => `Permissions${n}`)].join(', ')} FROM PermissionSet WHERE ${parentFilter(holder, '')}`),
    `SELECT ${objectFields.join(', ')} FROM ObjectPermissions WHERE ${parentFilter(holder, 'Parent.')}`,
    `SELECT Id, ParentId, SobjectType, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ${parentFilter(holder, 'Parent.')}`,
  ];
  for (let i = 0; i < queries.length; i++) count();
  const results = await Promise.all(queries.map((q) => client.query(q)));
  const setRows = results.slice(0, permissionChunks.length);
  const objectRows = results[permissionChunks.length] as Row[];
  const fieldRows = results[permissionChunks.length + 1] as Row[];
  const first = setRows[0]?.[0];
  if (!first) return undefined;
  const permissionSetId = String(first['Id']);
  const userPermissions = new Map<string, boolean>();
  for (const rows of setRows) {
    const row = rows.find((r) => r['Id'] === permissionSetId);
    if (!row) continue;
    for (const [k, v] of Object.entries(row)) if (k.startsWith('Permissions')) userPermissions.set(k.slice('Permissions'.length), v === true);
  }
  const own = (r: Row): boolean => r['ParentId'] === permissionSetId;
  const objects = dedupePermissionRows(objectRows.filter(own), (r) => String(r['SobjectType']));
  const fields = dedupePermissionRows(fieldRows.filter(own), (r) => String(r['Field']));
  const objectMap = new Map<string, OrgObjectFlags>();
  for (const r of objects.rows) {
    // Duplicate rows (a placeholder beside the real one) agree in practice; the union keeps every grant visible.
    objectMap.set(String(r['SobjectType']), objectFlagsOfRow(r));
  }
  const fieldMap = new Map<string, OrgFieldFlags>();
  for (const r of fields.rows) fieldMap.set(String(r['Field']), { readable: r['PermissionsRead'] === true, editable: r['PermissionsEdit'] === true });
  const holding: PermissionHolding = {
    permissionSetId,
    userPermissions,
    objects: objectMap,
    fields: fieldMap,
    placeholderRows: objects.placeholders + fields.placeholders,
    viewAllFieldsRead: catalog.viewAllFields,
  };
  if ('profileName' in holder) {
    const profile = first['Profile'] as Row | null | undefined;
    const licence = profile?.['UserLicense'] as Row | null | undefined;
    return {
      ...holding,
      profileId: String(first['ProfileId'] ?? ''),
      name: typeof profile?.['Name'] === 'string' ? profile['Name'] : holder.profileName,
      userLicense: typeof licence?.['Name'] === 'string' ? licence['Name'] : undefined,
    };
  }
  return {
    ...holding,
    name: String(first['Name']),
    label: String(first['Label'] ?? first['Name']),
    licenseId: typeof first['LicenseId'] === 'string' ? first['LicenseId'] : undefined,
  };
}

