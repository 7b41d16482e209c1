/**
 * The describe port of the tools that read an org's schema (discover, deploy's object check): one describe, many
 * describes batched 25 to a request through the REST Composite Batch resource (the documented limit), describeGlobal.
 * Production code wraps the jsforce Connection from @salesforce/core; tests pass fakes. Describes are reads, so a
 * transient failure (5xx, dropped connection) is retried once on top of jsforce's own GET retries.
 */
import type { FieldFacts } from '../model/orgCatalogue';
import { OrgCallError, restGet, toOrgCallError, withRetry, type JsforceConnectionLike, type RetryOptions } from './orgClient';

/** A field's describe: the properties the field rules read (model FieldFacts), its name, and what discover adds. */
export interface DescribeField extends FieldFacts {
  readonly name: string;
  readonly permissionable?: boolean;
  readonly picklistValues?: ReadonlyArray<{ readonly value: string; readonly active?: boolean }>;
}

export interface SObjectDescribe {
  readonly name: string;
  readonly custom?: boolean;
  readonly customSetting?: boolean;
  readonly fields: readonly DescribeField[];
}

export interface OrgReader {
  /** The API version the connection speaks (the org's highest, unless pinned). */
  readonly apiVersion: string;
  describe(sobjectType: string): Promise<SObjectDescribe>;
  /**
   * Describes many types, 25 per Composite Batch request; `onBatch` reports progress. Types the org answers 404 for are
   * left out of the result (they vanished between two reads); any other refused subrequest fails the whole call.
   */
  describeMany(types: readonly string[], onBatch?: (done: number, total: number) => void): Promise<Map<string, SObjectDescribe>>;
  /** Names of every sObject type the org has (describeGlobal). */
  describeGlobal(): Promise<string[]>;
  /** One record with every field (GET /sobjects/{type}/{id}): a profile's hundreds of Permissions<Name> flags in one call. */
  record(sobjectType: string, id: string): Promise<Readonly<Record<string, unknown>>>;
}

/** Subrequests per Composite Batch request (REST API guide: up to 25). */
export const BATCH_SIZE = 25;

interface BatchResponse {
  readonly hasErrors?: boolean;
  readonly results?: ReadonlyArray<{ readonly statusCode: number; readonly result: unknown }>;
}

export function jsforceOrgReader(conn: JsforceConnectionLike, retry: RetryOptions = { attempts: 2, delayMs: 500 }): OrgReader {
  const base = (): string => `/services/data/v${conn.version}`;
  const get = <T>(path: string): Promise<T> => restGet<T>(conn, path, retry);
  return {
    get apiVersion() {
      return conn.version;
    },
    describe: (type) => get<SObjectDescribe>(`/sobjects/${encodeURIComponent(type)}/describe`),
    record: (type, id) => get<Record<string, unknown>>(`/sobjects/${encodeURIComponent(type)}/${encodeURIComponent(id)}`),
    async describeGlobal() {
      const body = await get<{ sobjects?: Array<{ name?: unknown }> }>('/sobjects');
      return (body.sobjects ?? []).map((s) => s.name).filter((n): n is string => typeof n === 'string');
    },
    async describeMany(types, onBatch) {
      const out = new Map<string, SObjectDescribe>();
      for (let start = 0; start < types.length; start += BATCH_SIZE) {
        const chunk = types.slice(start, start + BATCH_SIZE);
        const body = JSON.stringify({
          batchRequests: chunk.map((t) => ({ method: 'GET', url: `v${conn.version}/sobjects/${encodeURIComponent(t)}/describe` })),
        });
        const response = (await withRetry(
          async () => (await conn.request({ method: 'POST', url: `${base()}/composite/batch`, body, headers: { 'Content-Type': 'application/json' } })) as BatchResponse,
          retry,
        ).catch((err: unknown) => {
          throw toOrgCallError(err);
        })) as BatchResponse;
        const results = response.results ?? [];
        if (results.length !== chunk.length) {
          throw new OrgCallError('UNEXPECTED_RESPONSE', `the Composite Batch answer has ${results.length} results for ${chunk.length} describes`, true);
        }
        chunk.forEach((type, i) => {
          const r = results[i] as { statusCode: number; result: unknown };
          if (r.statusCode === 404) return;
          if (r.statusCode >= 400) {
            const first = Array.isArray(r.result) ? (r.result[0] as { errorCode?: string; message?: string } | undefined) : undefined;
            throw new OrgCallError(first?.errorCode ?? `ERROR_HTTP_${r.statusCode}`, `describe of ${type} was refused: ${first?.message ?? `HTTP ${r.statusCode}`}`, r.statusCode >= 500);
          }
          out.set(type, r.result as SObjectDescribe);
        });
        onBatch?.(Math.min(start + BATCH_SIZE, types.length), types.length);
      }
      return out;
    },
  };
}

/** The active values of a picklist field of a describe, in the org's order; undefined when the field is absent. */
export function picklistOf(describe: SObjectDescribe, field: string): string[] | undefined {
  const f = describe.fields.find((x) => x.name === field);
  if (!f) return undefined;
  return (f.picklistValues ?? []).filter((v) => v.active !== false).map((v) => v.value);
}
