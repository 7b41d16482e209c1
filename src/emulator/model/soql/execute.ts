import type { ColumnMetadata, QueryResult, SObjectRecord } from '../api';
import { toId18 } from '../ids';
import type { OrgState } from '../state';
import { rowsOf, type Row } from '../sobjects/records';
import { fieldDef, relationshipDef, sobjectDef, toolingObjectDef, type SFieldDef, type SObjectDef } from '../sobjects/schema';
import { parseSoql, soqlError, type Condition, type FieldRef, type Literal, type SoqlQuery } from './parse';

/** A field path resolved against the schema: relationship hops, then the field. */
interface Resolved {
  readonly hops: readonly { rel: string; field: SFieldDef; target: SObjectDef }[];
  readonly field: SFieldDef;
  readonly owner: SObjectDef;
}

const NO_COLUMN = (name: string, entity: string): string =>
  `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_RELATIONSHIP = (rel: string): string =>
  `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;

function resolve(state: OrgState, q: SoqlQuery, root: SObjectDef, ref: FieldRef): Resolved {
  let def = root;
  const hops: { rel: string; field: SFieldDef; target: SObjectDef }[] = [];
  const path = [...ref.path];
  // A leading 'Type.' prefix naming the FROM object is allowed (SELECT User.Id FROM User).
  if (path.length > 1 && (path[0] as string).toLowerCase() === root.name.toLowerCase()) path.shift();
  for (let i = 0; i < path.length - 1; i++) {
    const rel = relationshipDef(def, path[i] as string);
    const targetName = rel?.referenceTo?.[0];
    const target = targetName ? sobjectDef(state, targetName) : undefined;
    if (!rel || !target) throw soqlError('INVALID_FIELD', q.text, ref.pos, NO_RELATIONSHIP(path[i] as string));
    hops.push({ rel: rel.relationshipName as string, field: rel, target });
    def = target;
  }
  const last = path[path.length - 1] as string;
  const field = fieldDef(def, last);
  if (!field) throw soqlError('INVALID_FIELD', q.text, ref.pos, NO_COLUMN(last, def.name));
  return { hops, field, owner: def };
}

function attributes(type: string, id: unknown, apiVersion: string): { type: string; url: string } {
  return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${String(id)}` };
}

class Executor {
  private readonly cache = new Map<string, Map<string, Row>>();
  constructor(private readonly state: OrgState) {}
  row(type: string, id: unknown): Row | undefined {
    if (typeof id !== 'string') return undefined;
    let byId = this.cache.get(type);
    if (!byId) {
      byId = new Map(rowsOf(this.state, type).map((r) => [String(r['Id']), r]));
      this.cache.set(type, byId);
    }
    return byId.get(id);
  }
  value(row: Row, r: Resolved): unknown {
    let cur: Row | undefined = row;
    for (const hop of r.hops) {
      if (!cur) return null;
      cur = this.row(hop.target.name, cur[hop.field.name]);
    }
    return cur ? (cur[r.field.name] ?? null) : null;
  }
}

function compare(a: unknown, b: Literal, field: SFieldDef): number | undefined {
  if (a === null || a === undefined || b === null) return undefined;
  if (typeof b === 'object') {
    const x = String(a);
    const y = field.type === 'date' ? b.date.slice(0, 10) : b.date;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (field.type === 'id' || field.type === 'reference') {
    const x = toId18(String(a));
    const y = toId18(String(b));
    return x === y ? 0 : String(x) < String(y) ? -1 : 1;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean') return a === b ? 0 : 1;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x === y ? 0 : x < y ? -1 : 1;
}

/** ORDER BY: numbers numerically, everything else as case-insensitive text (ISO dates sort as text). */
function orderValue(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x === y ? 0 : x < y ? -1 : 1;
}

function like(a: unknown, pattern: Literal): boolean {
  if (typeof a !== 'string' || typeof pattern !== 'string') return false;
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, (m) => `\\${m}`).replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'is').test(a);
}

function checkLiteral(q: SoqlQuery, r: Resolved, value: Literal, pos: number): void {
  const t = r.field.type;
  if (value === null) return;
  if ((t === 'id' || t === 'reference') && (typeof value !== 'string' || toId18(value) === undefined)) {
    throw soqlError('INVALID_QUERY_FILTER_OPERATOR', q.text, pos, `invalid ID field: ${String(value)}`);
  }
  if ((t === 'datetime' || t === 'date') !== (typeof value === 'object')) {
    throw soqlError('INVALID_QUERY_FILTER_OPERATOR', q.text, pos, t === 'datetime' || t === 'date'
      ? `value of filter criterion for field '${r.field.name}' must be of type ${t === 'date' ? 'date' : 'dateTime'} and should not be enclosed in quotes`
      : `value of filter criterion for field '${r.field.name}' must be of type ${t} and should not be a date literal`);
  }
  if (t === 'boolean' && typeof value !== 'boolean') {
    throw soqlError('INVALID_QUERY_FILTER_OPERATOR', q.text, pos, `value of filter criterion for field '${r.field.name}' must be of type boolean and should not be enclosed in quotes`);
  }
  if (['string', 'picklist', 'email', 'textarea', 'phone', 'url'].includes(t) && typeof value !== 'string') {
    throw soqlError('INVALID_QUERY_FILTER_OPERATOR', q.text, pos, `value of filter criterion for field '${r.field.name}' must be of type ${t === 'string' ? 'string' : t} and should be enclosed in quotes`);
  }
}

type Compiled = (row: Row) => boolean;

function compile(state: OrgState, q: SoqlQuery, root: SObjectDef, c: Condition, ex: Executor): Compiled {
  switch (c.kind) {
    case 'and': {
      const l = compile(state, q, root, c.left, ex);
      const r = compile(state, q, root, c.right, ex);
      return (row) => l(row) && r(row);
    }
    case 'or': {
      const l = compile(state, q, root, c.left, ex);
      const r = compile(state, q, root, c.right, ex);
      return (row) => l(row) || r(row);
    }
    case 'not': {
      const inner = compile(state, q, root, c.inner, ex);
      return (row) => !inner(row);
    }
    case 'cmp': {
      const r = resolve(state, q, root, c.field);
      if (c.op !== 'like') checkLiteral(q, r, c.value, c.valuePos);
      return (row) => {
        const v = ex.value(row, r);
        if (c.op === 'like') return like(v, c.value);
        if (c.value === null) return c.op === '=' ? v === null : c.op === '!=' ? v !== null : false;
        const cmp = compare(v, c.value, r.field);
        if (cmp === undefined) return c.op === '!=';
        switch (c.op) {
          case '=': return cmp === 0;
          case '!=': return cmp !== 0;
          case '<': return cmp < 0;
          case '>': return cmp > 0;
          case '<=': return cmp <= 0;
          default: return cmp >= 0;
        }
      };
    }
    case 'in': {
      const r = resolve(state, q, root, c.field);
      for (const v of c.values) checkLiteral(q, r, v, c.valuePos);
      return (row) => {
        const v = ex.value(row, r);
        const hit = c.values.some((x) => x !== null && compare(v, x, r.field) === 0) || (v === null && c.values.includes(null));
        return c.negated ? !hit : hit;
      };
    }
  }
}

/** `tooling`: the Tooling API's objects (PlatformEventChannelMember) instead of the data API's. */
export interface QueryOptions {
  readonly tooling?: boolean;
}

function prepare(state: OrgState, soql: string, options: QueryOptions = {}): { q: SoqlQuery; def: SObjectDef } {
  const q = parseSoql(soql);
  const def = options.tooling ? toolingObjectDef(q.from) : sobjectDef(state, q.from);
  if (!def) {
    throw soqlError('INVALID_TYPE', q.text, q.fromPos,
      `sObject type '${q.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return { q, def };
}

/** Runs a query. Records carry attributes {type, url}; parent paths become nested records (null when the parent is absent). */
export function executeQuery(state: OrgState, soql: string, apiVersion: string, options: QueryOptions = {}): QueryResult {
  const { q, def } = prepare(state, soql, options);
  const ex = new Executor(state);
  const selected = q.fields.map((f) => resolve(state, q, def, f));
  const where = q.where ? compile(state, q, def, q.where, ex) : () => true;
  let rows = rowsOf(state, def.name).filter(where);
  if (q.orderBy.length > 0) {
    const keys = q.orderBy.map((o) => ({ r: resolve(state, q, def, o.field), desc: o.desc, nullsLast: o.nullsLast }));
    rows = [...rows].sort((a, b) => {
      for (const k of keys) {
        const va = ex.value(a, k.r);
        const vb = ex.value(b, k.r);
        if (va === null && vb === null) continue;
        if (va === null) return k.nullsLast ? 1 : -1;
        if (vb === null) return k.nullsLast ? -1 : 1;
        const c = orderValue(va, vb);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  if (q.offset !== undefined) rows = rows.slice(q.offset);
  if (q.limit !== undefined) rows = rows.slice(0, q.limit);
  if (q.count) return { totalSize: rows.length, done: true, records: [] };
  const records: SObjectRecord[] = rows.map((row) => {
    const rec: Record<string, unknown> = { attributes: attributes(def.name, row['Id'], apiVersion) };
    for (const r of selected) {
      let target = rec;
      let cur: Row | undefined = row;
      let broken = false;
      for (const hop of r.hops) {
        const parent: Row | undefined = cur ? ex.row(hop.target.name, cur[hop.field.name]) : undefined;
        if (!parent) {
          if (!(hop.rel in target)) target[hop.rel] = null;
          broken = true;
          break;
        }
        const existing = target[hop.rel];
        const nested = (existing && typeof existing === 'object' ? existing : { attributes: attributes(hop.target.name, parent['Id'], apiVersion) }) as Record<string, unknown>;
        target[hop.rel] = nested;
        target = nested;
        cur = parent;
      }
      if (!broken) target[r.field.name] = cur ? (cur[r.field.name] ?? null) : null;
    }
    return rec;
  });
  return { totalSize: records.length, done: true, records };
}

/** columnMetadata for `sf data query` (&columns=true): one column per selected path, parents as joinColumns. */
export function queryColumnsOf(state: OrgState, soql: string): ColumnMetadata[] {
  const { q, def } = prepare(state, soql);
  if (q.count) return [{ columnName: 'expr0', displayName: 'COUNT()', aggregate: true, joinColumns: [] }];
  const out: { columnName: string; displayName: string; aggregate: boolean; joinColumns: ColumnMetadata[] }[] = [];
  for (const f of q.fields) {
    const r = resolve(state, q, def, f);
    let list = out;
    let display = '';
    for (const hop of r.hops) {
      display = display ? `${display}.${hop.rel}` : hop.rel;
      let col = list.find((c) => c.columnName === hop.rel);
      if (!col) {
        col = { columnName: hop.rel, displayName: display, aggregate: false, joinColumns: [] };
        list.push(col);
      }
      list = col.joinColumns as typeof out;
    }
    if (!list.some((c) => c.columnName === r.field.name)) {
      list.push({ columnName: r.field.name, displayName: display ? `${display}.${r.field.name}` : r.field.name, aggregate: false, joinColumns: [] });
    }
  }
  return out;
}
