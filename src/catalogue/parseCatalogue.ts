import { parseJsonFile } from '../config/parseJson';
import { InputError, type InputProblem } from '../errors';
import { objectKindOf } from '../model/catalogue';
import { FIELD_CLASSES, type CatalogueLicence, type CatalogueObject, type FieldClass, type OrgCatalogue } from '../model/orgCatalogue';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CLASSES: ReadonlySet<string> = new Set(FIELD_CLASSES);
const KINDS: ReadonlySet<string> = new Set(['standard', 'custom', 'customSetting', 'customMetadata', 'platformEvent', 'externalObject', 'bigObject', 'knowledge', 'other']);
const FIX = 'run `npm run discover -- --target-org <org>` to write it again (never edit it by hand)';

/**
 * Pure: the text of a catalogue file -> the catalogue, or one InputError listing every problem with its JSON path.
 * Only shape is checked; the content is the org's.
 */
export function parseCatalogue(text: string, file: string): OrgCatalogue {
  const raw = parseJsonFile(text, file);
  const problems: InputProblem[] = [];
  const bad = (location: string, message: string, value?: unknown): void => {
    problems.push({ file, location, message, ...(value === undefined ? {} : { value }), fix: FIX });
  };
  if (!isObject(raw)) {
    bad('', 'a catalogue is a JSON object');
    throw new InputError('InvalidCatalogue', problems);
  }
  if (raw['format'] !== 'apionly-catalogue') bad('/format', 'must be "apionly-catalogue"', raw['format']);
  if (raw['version'] !== 1) bad('/version', 'this apionly reads catalogue version 1', raw['version']);
  const org = isObject(raw['org']) ? raw['org'] : (bad('/org', 'must be an object'), {});
  for (const k of ['id', 'edition', 'apiVersion']) if (typeof org[k] !== 'string') bad(`/org/${k}`, 'must be a string', org[k]);
  if (typeof org['sandbox'] !== 'boolean') bad('/org/sandbox', 'must be true or false', org['sandbox']);
  const features = isObject(raw['features']) ? raw['features'] : (bad('/features', 'must be an object'), {});
  if (typeof features['streamingApi'] !== 'boolean') bad('/features/streamingApi', 'must be true or false', features['streamingApi']);
  const licences = (key: string): Record<string, CatalogueLicence> => {
    const v = raw[key];
    if (!isObject(v)) {
      bad(`/${key}`, 'must be an object');
      return {};
    }
    for (const [name, l] of Object.entries(v)) {
      if (!isObject(l) || typeof l['masterLabel'] !== 'string' || typeof l['status'] !== 'string' || typeof l['seats'] !== 'number') {
        bad(`/${key}/${name}`, 'must be {masterLabel, status, seats}', l);
      }
    }
    return v as Record<string, CatalogueLicence>;
  };
  const strings = (location: string, v: unknown): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      bad(location, 'must be a list of names', v);
      return [];
    }
    return v as string[];
  };
  const userLicenses = licences('userLicenses');
  const permissionSetLicenses = licences('permissionSetLicenses');
  const userPermissions = strings('/userPermissions', raw['userPermissions']);
  const ref = isObject(raw['referenceProfile']) ? raw['referenceProfile'] : (bad('/referenceProfile', 'must be an object'), {});
  if (typeof ref['name'] !== 'string') bad('/referenceProfile/name', 'must be a string', ref['name']);
  const refPerms = strings('/referenceProfile/userPermissions', ref['userPermissions']);
  const objects: Record<string, CatalogueObject> = {};
  const rawObjects = isObject(raw['objects']) ? raw['objects'] : (bad('/objects', 'must be an object'), {});
  for (const [name, o] of Object.entries(rawObjects)) {
    if (!isObject(o) || typeof o['objectPermissions'] !== 'boolean' || typeof o['viewAllModifyAll'] !== 'boolean' || typeof o['kind'] !== 'string' || !isObject(o['fields'])) {
      bad(`/objects/${name}`, 'must be {kind, objectPermissions, viewAllModifyAll, fields}', undefined);
      continue;
    }
    const fields = o['fields'];
    for (const [f, c] of Object.entries(fields)) {
      if (typeof c !== 'string' || !CLASSES.has(c)) bad(`/objects/${name}/fields/${f}`, `must be one of ${FIELD_CLASSES.join(', ')}`, c);
    }
    objects[name] = {
      kind: KINDS.has(o['kind']) ? (o['kind'] as CatalogueObject['kind']) : objectKindOf(name),
      objectPermissions: o['objectPermissions'],
      viewAllModifyAll: o['viewAllModifyAll'],
      fields: fields as Record<string, FieldClass>,
    };
  }
  if (problems.length) throw new InputError('InvalidCatalogue', problems);
  return {
    format: 'apionly-catalogue',
    version: 1,
    org: { id: org['id'] as string, edition: org['edition'] as string, sandbox: org['sandbox'] as boolean, apiVersion: org['apiVersion'] as string },
    features: { streamingApi: features['streamingApi'] as boolean },
    userLicenses,
    permissionSetLicenses,
    userPermissions,
    referenceProfile: { name: ref['name'] as string, userPermissions: refPerms },
    objects,
  };
}
