/**
 * Reads the parts of a Profile file that verification compares: object permissions and user permissions.
 * Pure; fast-xml-parser with values kept as text. Every other Profile element is a stop node (kept as raw text,
 * never built into objects): at org scale the file holds ~200,000 fieldPermissions entries, and building them
 * took most of the time and memory of a parse (5,000 objects × 40 fields, 35 MB: ~5 s, ~410 MB peak → ~2 s, ~220 MB).
 */
import { XMLParser } from 'fast-xml-parser';
import { PERMISSION_SET, PROFILE } from '../xml/orderTables';

export type PermissionFlags = Readonly<Record<string, boolean>>;

export interface ProfilePermissions {
  /** object API name → its flags (allowCreate, …, viewAllRecords), as written in the file. */
  readonly objects: ReadonlyMap<string, PermissionFlags>;
  /** user permission name → enabled. */
  readonly userPermissions: ReadonlyMap<string, boolean>;
  /** `Object.Field` → flags; read only when asked for ({ fields: true }), else empty. */
  readonly fields: ReadonlyMap<string, { readonly readable: boolean; readonly editable: boolean }>;
}

const READ = new Set(['objectPermissions', 'userPermissions']);
const READ_WITH_FIELDS = new Set([...READ, 'fieldPermissions']);

function parserFor(read: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    processEntities: true,
    removeNSPrefix: true,
    isArray: (name) => read.has(name),
    stopNodes: [
      ...PROFILE.order.filter((name) => !read.has(name)).map((name) => `Profile.${name}`),
      ...PERMISSION_SET.order.filter((name) => !read.has(name)).map((name) => `PermissionSet.${name}`),
    ],
  });
}

const parser = parserFor(READ);
const fieldsParser = parserFor(READ_WITH_FIELDS);

export function parseProfilePermissions(xml: string, options: { readonly fields?: boolean } = {}): ProfilePermissions {
  const doc = (options.fields ? fieldsParser : parser).parse(xml) as { Profile?: Record<string, unknown>; PermissionSet?: Record<string, unknown> };
  // A PermissionSet (integration route) holds the same entries with the same children.
  const profile = doc.Profile ?? doc.PermissionSet;
  if (!profile || typeof profile !== 'object') throw new TypeError('not a Profile or PermissionSet file (no <Profile> or <PermissionSet> root element)');
  const objects = new Map<string, PermissionFlags>();
  for (const entry of asArray(profile['objectPermissions'])) {
    const object = entry['object'];
    if (typeof object !== 'string') continue;
    const flags: Record<string, boolean> = {};
    for (const [k, v] of Object.entries(entry)) if (k !== 'object' && typeof v === 'string') flags[k] = v.trim() === 'true';
    objects.set(object, flags);
  }
  const userPermissions = new Map<string, boolean>();
  for (const entry of asArray(profile['userPermissions'])) {
    const name = entry['name'];
    if (typeof name === 'string') userPermissions.set(name, String(entry['enabled']).trim() === 'true');
  }
  const fields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const entry of asArray(profile['fieldPermissions'])) {
    const field = entry['field'];
    if (typeof field === 'string') fields.set(field, { readable: String(entry['readable']).trim() === 'true', editable: String(entry['editable']).trim() === 'true' });
  }
  return { objects, userPermissions, fields };
}

function asArray(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === 'object');
  return [];
}

export interface PermissionMismatch {
  readonly object: string;
  readonly flag: string;
  readonly expected: boolean;
  readonly actual: boolean | undefined;
}

/**
 * Every flag the committed file sets must read back the same from the org. A flag the org leaves out of the
 * retrieved file counts as false (a retrieve omits what is off); an object missing entirely counts as all false.
 */
export function compareObjectPermissions(
  committed: ReadonlyMap<string, PermissionFlags>,
  deployed: ReadonlyMap<string, PermissionFlags>,
): PermissionMismatch[] {
  const mismatches: PermissionMismatch[] = [];
  for (const [object, flags] of committed) {
    const actualFlags = deployed.get(object);
    for (const [flag, expected] of Object.entries(flags)) {
      const actual = actualFlags?.[flag];
      if ((actual ?? false) !== expected) mismatches.push({ object, flag, expected, actual });
    }
  }
  return mismatches;
}
