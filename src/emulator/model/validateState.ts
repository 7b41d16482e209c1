import type { OrgState, WorldState } from './state';

/** Thrown for a state object that is not a saved world (never silently reset). */
export class CorruptStateError extends Error {
  constructor(readonly path: string, problem: string) {
    super(`Emulated org state is corrupt at ${path}: ${problem}. Delete or fix the state file to start fresh.`);
    this.name = 'CorruptStateError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(cond: boolean, path: string, problem: string): void {
  if (!cond) throw new CorruptStateError(path, problem);
}

function arrayOf(o: Record<string, unknown>, key: string, path: string, check: (item: Record<string, unknown>, p: string) => void): void {
  const v = o[key];
  need(Array.isArray(v), `${path}.${key}`, 'expected an array');
  (v as unknown[]).forEach((item, i) => {
    need(isObj(item), `${path}.${key}[${i}]`, 'expected an object');
    check(item as Record<string, unknown>, `${path}.${key}[${i}]`);
  });
}

const str = (o: Record<string, unknown>, k: string, p: string): void => need(typeof o[k] === 'string', `${p}.${k}`, 'expected a string');
const obj = (o: Record<string, unknown>, k: string, p: string): void => need(isObj(o[k]), `${p}.${k}`, 'expected an object');

function validateOrg(o: Record<string, unknown>, p: string): void {
  obj(o, 'identity', p);
  const id = o['identity'] as Record<string, unknown>;
  for (const k of ['orgId', 'accessToken', 'username', 'userId']) str(id, k, `${p}.identity`);
  need(o['kind'] === 'production' || o['kind'] === 'sandbox', `${p}.kind`, "expected 'production' or 'sandbox'");
  for (const k of ['edition', 'name', 'instanceName', 'podTag']) str(o, k, p);
  need(typeof o['seq'] === 'number', `${p}.seq`, 'expected a number');
  obj(o, 'features', p);
  arrayOf(o, 'licenses', p, (l, lp) => { str(l, 'id', lp); str(l, 'name', lp); need(typeof l['totalLicenses'] === 'number', `${lp}.totalLicenses`, 'expected a number'); });
  arrayOf(o, 'permissionSetLicenses', p, (l, lp) => { str(l, 'id', lp); str(l, 'developerName', lp); need(Array.isArray(l['allowedUserLicenses']), `${lp}.allowedUserLicenses`, 'expected an array'); });
  const perms = (x: Record<string, unknown>, xp: string): void => { for (const k of ['userPermissions', 'objectPermissions', 'fieldPermissions', 'extras']) obj(x, k, xp); };
  arrayOf(o, 'profiles', p, (x, xp) => { for (const k of ['id', 'fullName', 'name', 'userLicense', 'createdDate', 'lastModifiedDate']) str(x, k, xp); perms(x, xp); });
  arrayOf(o, 'permissionSets', p, (x, xp) => { for (const k of ['id', 'name', 'label', 'createdDate', 'lastModifiedDate']) str(x, k, xp); perms(x, xp); });
  arrayOf(o, 'customObjects', p, (x, xp) => { str(x, 'fullName', xp); str(x, 'id', xp); obj(x, 'xml', xp); arrayOf(x, 'fields', xp, (f, fp) => { str(f, 'fullName', fp); str(f, 'type', fp); str(f, 'id', fp); }); });
  arrayOf(o, 'users', p, (x, xp) => { str(x, 'id', xp); obj(x, 'fields', xp); str(x['fields'] as Record<string, unknown>, 'Username', `${xp}.fields`); });
  for (const k of ['permissionSetAssignments', 'permissionSetLicenseAssigns']) arrayOf(o, k, p, (x, xp) => { str(x, 'id', xp); str(x, 'assigneeId', xp); str(x, 'targetId', xp); });
  arrayOf(o, 'events', p, (x, xp) => { str(x, 'type', xp); str(x, 'userId', xp); });
  if (o['records'] !== undefined) {
    obj(o, 'records', p);
    for (const type of Object.keys(o['records'] as object)) arrayOf(o['records'] as Record<string, unknown>, type, `${p}.records`, (x, xp) => { str(x, 'id', xp); obj(x, 'fields', xp); });
  }
  if (o['channelMembers'] !== undefined) {
    arrayOf(o, 'channelMembers', p, (x, xp) => { for (const k of ['id', 'fullName', 'eventChannel', 'selectedEntity']) str(x, k, xp); });
  }
  if (o['cdcEntityLimit'] !== undefined) need(typeof o['cdcEntityLimit'] === 'number', `${p}.cdcEntityLimit`, 'expected a number');
  // External Client Apps: optional (states saved before they were modelled have none).
  if (o['ecaComponents'] !== undefined) arrayOf(o, 'ecaComponents', p, (x, xp) => { for (const k of ['type', 'fullName', 'id', 'app']) str(x, k, xp); obj(x, 'fields', xp); });
  if (o['ecaConsumers'] !== undefined) arrayOf(o, 'ecaConsumers', p, (x, xp) => { for (const k of ['app', 'id', 'key', 'secret']) str(x, k, xp); });
  if (o['ecaUsage'] !== undefined) need(Array.isArray(o['ecaUsage']) && (o['ecaUsage'] as unknown[]).every((x) => typeof x === 'string'), `${p}.ecaUsage`, 'expected an array of strings');
}

/** Checks a saved world's shape; throws CorruptStateError naming the first bad path. */
export function validateWorldState(state: unknown): WorldState {
  need(isObj(state), '$', 'expected an object');
  const s = state as Record<string, unknown>;
  need(s['format'] === 'apionly-emulated-world', '$.format', "expected 'apionly-emulated-world'");
  need(s['version'] === 1, '$.version', 'expected 1');
  arrayOf(s, 'orgs', '$', validateOrg);
  need((s['orgs'] as unknown[]).length > 0, '$.orgs', 'expected at least one org');
  return structuredClone(state) as WorldState;
}

export type { OrgState };
