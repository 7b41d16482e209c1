/**
 * Reads an org into a catalogue with a number of calls that grows far slower than its number of objects
 * (permission-model §4): the ObjectPermissions and FieldPermissions describes (the org's own lists of what can carry
 * permissions), the PermissionSet describe (user permission names), the reference profile's record, the licences and
 * the Organization by SOQL (every page followed), and the describes of the objects with permissionable fields, 25 per
 * Composite Batch request (their field properties). Nothing the org does not list is guessed; nothing listed is dropped.
 */
import { OperationError, InputError } from '../errors';
import { objectKindOf } from '../model/catalogue';
import { classifyField, hasViewAllModifyAll, streamingApiOn, type CatalogueLicence, type CatalogueObject, type FieldClass, type OrgCatalogue } from '../model/orgCatalogue';
import { byteOrder } from '../model/userPermissions';
import type { OrgClient } from '../deploy/orgClient';
import { picklistOf, type OrgReader, type SObjectDescribe } from '../deploy/orgReader';
import { soqlString } from '../deploy/soql';

export interface DiscoverPorts {
  readonly client: OrgClient;
  readonly reader: OrgReader;
}

/** Progress of the long read: step lines, then a count of describes. */
export interface DiscoverProgress {
  step(line: string): void;
  describes(done: number, total: number): void;
}

export const ORGANIZATION_QUERY = 'SELECT Id, OrganizationType, IsSandbox FROM Organization';
export const USER_LICENSE_QUERY = 'SELECT Name, MasterLabel, Status, TotalLicenses FROM UserLicense';
export const PSL_QUERY = 'SELECT DeveloperName, MasterLabel, Status, TotalLicenses FROM PermissionSetLicense';

export async function readOrgCatalogue(ports: DiscoverPorts, referenceProfile: string, progress: DiscoverProgress, configFile = 'apionly.config.json'): Promise<OrgCatalogue> {
  const { client, reader } = ports;
  progress.step('Reading the org, its licences and what can carry permissions…');
  const [orgRow, objectTypes, fieldDescribe, permissionNames, userLicenses, permissionSetLicenses] = await Promise.all([
    client.query(ORGANIZATION_QUERY).then((rows) => rows[0]),
    reader.describe('ObjectPermissions').then((d) => requiredPicklist(d, 'SobjectType')),
    reader.describe('FieldPermissions'),
    reader.describe('PermissionSet').then(userPermissionNames),
    client.query(USER_LICENSE_QUERY).then((rows) => licences(rows, 'Name')),
    client.query(PSL_QUERY).then((rows) => licences(rows, 'DeveloperName')),
  ]);
  if (!orgRow) throw new OperationError('OrgUnreadable', 'The org returned no Organization record.');
  const fieldTypes = requiredPicklist(fieldDescribe, 'SobjectType');
  const fieldNames = requiredPicklist(fieldDescribe, 'Field');
  const reference = await readReferenceProfile(ports, referenceProfile, new Set(permissionNames), configFile);

  // Fields by object, from FieldPermissions.Field ("Object.Field").
  const fieldsOf = new Map<string, string[]>();
  for (const full of fieldNames) {
    const dot = full.indexOf('.');
    if (dot <= 0) continue;
    const object = full.slice(0, dot);
    let list = fieldsOf.get(object);
    if (!list) fieldsOf.set(object, (list = []));
    list.push(full.slice(dot + 1));
  }
  const toDescribe = [...fieldsOf.keys()].sort(byteOrder);
  progress.step(`Describing the ${toDescribe.length} objects whose fields take permissions (${Math.ceil(toDescribe.length / 25)} batched requests)…`);
  progress.describes(0, toDescribe.length);
  const describes = await reader.describeMany(toDescribe, (done, total) => progress.describes(done, total));

  const objectSet = new Set(objectTypes);
  const objects: Record<string, CatalogueObject> = {};
  for (const name of [...new Set([...objectTypes, ...fieldTypes, ...fieldsOf.keys()])].sort(byteOrder)) {
    const describe = describes.get(name);
    const kind = describe?.customSetting ? 'customSetting' : objectKindOf(name);
    objects[name] = {
      kind,
      objectPermissions: objectSet.has(name),
      viewAllModifyAll: hasViewAllModifyAll(name, kind),
      fields: fieldClasses(fieldsOf.get(name) ?? [], describe),
    };
  }
  return {
    format: 'apionly-catalogue',
    version: 1,
    org: { id: String(orgRow['Id'] ?? ''), edition: String(orgRow['OrganizationType'] ?? ''), sandbox: orgRow['IsSandbox'] === true, apiVersion: reader.apiVersion },
    features: { streamingApi: streamingApiOn(objectSet) },
    userLicenses,
    permissionSetLicenses,
    userPermissions: permissionNames,
    referenceProfile: { name: referenceProfile, userPermissions: reference },
    objects,
  };
}

function requiredPicklist(describe: SObjectDescribe, field: string): string[] {
  const values = picklistOf(describe, field);
  if (values === undefined) {
    throw new OperationError('UnexpectedDescribe', `The org's describe of ${describe.name} has no ${field} field, so it cannot say what takes permissions.`, {
      actions: ['Check that the user discover runs as has View Setup and Configuration, and that the org is on API 40.0 or later.'],
    });
  }
  return values;
}

/** PermissionSet's Permissions<Name> boolean fields (Jetstream: boolean, updateable, name starts with Permissions). */
function userPermissionNames(describe: SObjectDescribe): string[] {
  return describe.fields
    .filter((f) => f.type === 'boolean' && f.name.startsWith('Permissions') && f.name.length > 'Permissions'.length)
    .map((f) => f.name.slice('Permissions'.length))
    .sort(byteOrder);
}

function licences(rows: ReadonlyArray<Readonly<Record<string, unknown>>>, key: string): Record<string, CatalogueLicence> {
  const out: Record<string, CatalogueLicence> = {};
  for (const r of rows) {
    const name = r[key];
    if (typeof name !== 'string') continue;
    out[name] = { masterLabel: String(r['MasterLabel'] ?? name), status: String(r['Status'] ?? ''), seats: Number(r['TotalLicenses'] ?? 0) };
  }
  return out;
}

async function readReferenceProfile(ports: DiscoverPorts, name: string, known: ReadonlySet<string>, configFile: string): Promise<string[]> {
  const rows = await ports.client.query(`SELECT Id FROM Profile WHERE Name = ${soqlString(name)}`);
  const id = rows[0]?.['Id'];
  if (typeof id !== 'string') {
    throw new InputError('ReferenceProfileNotFound', [
      { file: configFile, location: '/catalogue/referenceProfile', message: `the org has no profile named "${name}"`, value: name, fix: 'use the profile\'s Name as Setup shows it, e.g. "System Administrator"' },
    ]);
  }
  const record = await ports.reader.record('Profile', id);
  return Object.entries(record)
    .filter(([k, v]) => v === true && k.startsWith('Permissions') && known.has(k.slice('Permissions'.length)))
    .map(([k]) => k.slice('Permissions'.length))
    .sort(byteOrder);
}

/** Each listed field's class; a field the picklist lists but the describe lacks is kept, read-only. */
function fieldClasses(names: readonly string[], describe: SObjectDescribe | undefined): Record<string, FieldClass> {
  const byName = new Map((describe?.fields ?? []).map((f) => [f.name, f]));
  const out: Record<string, FieldClass> = {};
  for (const n of [...names].sort(byteOrder)) {
    const f = byName.get(n);
    out[n] = f ? classifyField(f) : 'readOnly';
  }
  return out;
}
