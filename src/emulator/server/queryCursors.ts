/**
 * SOQL paging (REST API guide, "Execute a SOQL Query" and "Retrieve the Remaining SOQL Query Results"): a result
 * larger than one batch answers `done:false` with `nextRecordsUrl: /services/data/vXX.X/query/<locator>-<offset>`;
 * GET on that URL returns the next batch. The batch is 2,000 records, or `Sforce-Query-Options: batchSize=N`
 * (200–2,000; Salesforce may use a different size, so clients must not rely on it). The locator is one path segment,
 * as jsforce keeps only the last segment of nextRecordsUrl (permission-model.md §8).
 *
 * Cursors live in memory for the server's life (a real org keeps them ~15 minutes and at most 10 per user; the
 * emulator keeps the newest 50 per server and answers an unknown or dropped one with INVALID_QUERY_LOCATOR).
 */
import { randomBytes } from 'node:crypto';
import type { QueryResult, SObjectRecord } from '../model/api';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH = 200;
const MAX_CURSORS = 50;

interface Cursor {
  readonly orgId: string;
  readonly records: readonly SObjectRecord[];
  readonly batchSize: number;
}

export interface QueryPage {
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl?: string;
  readonly records: readonly SObjectRecord[];
}

/** The batch size a request asks for: `Sforce-Query-Options: batchSize=N`, clamped to 200–2,000. */
export function batchSizeOf(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const m = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!m) return DEFAULT_BATCH_SIZE;
  const n = Number(m[1]);
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH, n));
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  /** The first page of a full result; stores a cursor when more pages follow. */
  firstPage(orgId: string, result: QueryResult, batchSize: number, apiVersion: string): QueryPage {
    if (result.records.length <= batchSize) return result;
    const locator = `01g${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`;
    this.cursors.set(locator, { orgId, records: result.records, batchSize });
    while (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
    return this.page(locator, 0, apiVersion) as QueryPage;
  }

  /** The page at `<locator>-<offset>`; undefined for an unknown locator, another org's, or a bad offset. */
  nextPage(orgId: string, segment: string, apiVersion: string): QueryPage | undefined {
    const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(segment);
    if (!m) return undefined;
    const cursor = this.cursors.get(m[1] as string);
    if (!cursor || cursor.orgId !== orgId) return undefined;
    const offset = Number(m[2]);
    if (offset <= 0 || offset >= cursor.records.length) return undefined;
    return this.page(m[1] as string, offset, apiVersion);
  }

  private page(locator: string, offset: number, apiVersion: string): QueryPage | undefined {
    const cursor = this.cursors.get(locator);
    if (!cursor) return undefined;
    const end = offset + cursor.batchSize;
    const records = cursor.records.slice(offset, end);
    const done = end >= cursor.records.length;
    return {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${apiVersion}/query/${locator}-${end}` }),
      records,
    };
  }
}
