/**
 * The data-API port of the deploy: queries, record writes, the password-reset email. Production code wraps a
 * jsforce Connection (from @salesforce/core); tests pass fakes.
 *
 * Reads ride out transient errors (jsforce already retries GETs on 5xx and socket errors; we add one bounded retry
 * on top for what gets through). Writes that create records are never retried: on an ambiguous failure the caller
 * re-reads before doing anything else.
 */
import type { SObjectRow } from './userPlan';

export interface OrgClient {
  query(soql: string): Promise<SObjectRow[]>;
  /** Inserts one record; resolves to its Id. Never retried. */
  create(sobject: string, fields: Readonly<Record<string, unknown>>): Promise<string>;
  /** Updates one record (idempotent, so a transient failure is retried once). */
  update(sobject: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<void>;
  /** Asks Salesforce to reset the user's password and email them; whatever the API answers is discarded. */
  resetPassword(userId: string): Promise<void>;
  /** The fields of an sObject's describe (`GET …/sobjects/<type>/describe`): name and type. */
  describeFields(sobject: string): Promise<ReadonlyArray<{ readonly name: string; readonly type: string }>>;
}

/** A platform error with Salesforce's errorCode (REST array shape or jsforce error). */
export class OrgCallError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    /** True when we cannot tell whether the write happened (network error, 5xx, no answer). */
    readonly ambiguous: boolean,
  ) {
    super(message);
    this.name = errorCode;
  }
}

const TRANSIENT = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR',
  'socket hang up',
  'fetch failed',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'Unexpected end of JSON',
];

/** Whether an error is a network or server hiccup rather than a platform answer. */
export function isTransient(err: unknown): boolean {
  const e = err as { message?: unknown; errorCode?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  const text = [e?.message, e?.errorCode, e?.code, e?.name].filter((v) => typeof v === 'string').join(' ');
  if (TRANSIENT.some((t) => text.includes(t))) return true;
  return e?.cause !== undefined && e.cause !== err ? isTransient(e.cause) : false;
}

export interface RetryOptions {
  readonly attempts: number;
  readonly delayMs: number;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.attempts || !isTransient(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, opts.delayMs * attempt));
    }
  }
}

/** The parts of jsforce's Connection we use (typed loosely: jsforce's own types are heavy generics). */
export interface JsforceConnectionLike {
  readonly version: string;
  query(soql: string, options?: Record<string, unknown>): PromiseLike<{ records: SObjectRow[]; done: boolean; totalSize?: number; nextRecordsUrl?: string }>;
  queryMore(locator: string): PromiseLike<{ records: SObjectRow[]; done: boolean; nextRecordsUrl?: string }>;
  sobject(type: string): {
    create(record: Record<string, unknown>): Promise<unknown>;
    update(record: Record<string, unknown>): Promise<unknown>;
  };
  request(info: { method: string; url: string; body?: string; headers?: Record<string, string> }): Promise<unknown>;
}

/** A REST GET under `/services/data/v<version>` (a read: a transient failure is retried), failing as an OrgCallError. */
export function restGet<T>(conn: JsforceConnectionLike, path: string, retry: RetryOptions): Promise<T> {
  return withRetry(async () => (await conn.request({ method: 'GET', url: `/services/data/v${conn.version}${path}` })) as T, retry).catch((err: unknown) => {
    throw toOrgCallError(err);
  });
}

export function jsforceOrgClient(conn: JsforceConnectionLike, retry: RetryOptions = { attempts: 2, delayMs: 500 }): OrgClient {
  return {
    async query(soql) {
      return withRetry(async () => {
        // Page by page (each jsforce Query fetches one batch, so its maxFetch of 10,000 never truncates); every
        // nextRecordsUrl is followed, and a result shorter than the org's totalSize is an error, never a silent cut.
        let page = await conn.query(soql);
        const totalSize = page.totalSize;
        const records = [...page.records];
        while (!page.done && page.nextRecordsUrl) {
          const locator = page.nextRecordsUrl;
          page = await conn.queryMore(locator);
          records.push(...page.records);
        }
        if (typeof totalSize === 'number' && records.length < totalSize && !/^\s*SELECT\s+COUNT\(\s*\)/i.test(soql)) {
          throw new OrgCallError('QUERY_INCOMPLETE', `the org reported ${totalSize} rows but only ${records.length} came back (query: ${soql.slice(0, 200)})`, true);
        }
        return records.map(stripAttributes);
      }, retry).catch((err: unknown) => {
        throw toOrgCallError(err);
      });
    },
    async create(sobject, fields) {
      let result: unknown;
      try {
        result = await conn.sobject(sobject).create({ ...fields });
      } catch (err) {
        throw toOrgCallError(err);
      }
      return savedId(result, true);
    },
    async update(sobject, id, fields) {
      await withRetry(async () => {
        const result = await conn.sobject(sobject).update({ Id: id, ...fields });
        savedId(result, false);
      }, retry).catch((err: unknown) => {
        throw toOrgCallError(err);
      });
    },
    async describeFields(sobject) {
      const d = await restGet<{ fields?: unknown }>(conn, `/sobjects/${encodeURIComponent(sobject)}/describe`, retry);
      const fields = Array.isArray(d?.fields) ? (d.fields as Array<{ name?: unknown; type?: unknown }>) : [];
      return fields.filter((f) => typeof f.name === 'string').map((f) => ({ name: String(f.name), type: String(f.type ?? '') }));
    },
    async resetPassword(userId) {
      try {
        // REST: DELETE /sobjects/User/{id}/password resets the password and emails the user. The body (which can
        // hold a generated password on some orgs) is ignored and never stored or printed.
        await conn.request({ method: 'DELETE', url: `/services/data/v${conn.version}/sobjects/User/${encodeURIComponent(userId)}/password` });
      } catch (err) {
        throw toOrgCallError(err);
      }
    },
  };
}

function stripAttributes(row: SObjectRow): SObjectRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'attributes') out[k] = v;
  return out;
}

/** Reads a SaveResult; throws OrgCallError when it reports errors. */
function savedId(result: unknown, isCreate: boolean): string {
  const r = result as { id?: unknown; success?: unknown; errors?: unknown } | undefined;
  if (r && r.success === false) {
    const errors = Array.isArray(r.errors) ? (r.errors as Array<{ statusCode?: string; errorCode?: string; message?: string }>) : [];
    const first = errors[0];
    throw new OrgCallError(first?.statusCode ?? first?.errorCode ?? 'UNKNOWN_ERROR', first?.message ?? 'the record was not saved', false);
  }
  if (isCreate && (!r || typeof r.id !== 'string')) {
    throw new OrgCallError('NO_ID_RETURNED', 'the org answered the insert without an Id', true);
  }
  return r && typeof r.id === 'string' ? r.id : '';
}

/** Normalises jsforce/core errors to OrgCallError with Salesforce's errorCode. */
export function toOrgCallError(err: unknown): OrgCallError {
  if (err instanceof OrgCallError) return err;
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown; data?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  let code = typeof e?.errorCode === 'string' ? e.errorCode : undefined;
  if (!code && Array.isArray(e?.data)) {
    const first = (e.data as Array<{ errorCode?: unknown }>)[0];
    if (typeof first?.errorCode === 'string') code = first.errorCode;
  }
  if (!code && typeof e?.name === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.name)) code = e.name;
  const transient = isTransient(err);
  const ambiguous = transient || !code || /^ERROR_HTTP_5/.test(code);
  return new OrgCallError(code ?? 'UNKNOWN_ERROR', message, ambiguous);
}
