/**
 * SOQL paging through real clients: jsforce (via a @salesforce/core Connection) follows nextRecordsUrl, keeping
 * only its last path segment; the project's OrgClient reads every page, past jsforce's maxFetch of 10,000.
 */
import { jsforceOrgClient, type JsforceConnectionLike } from '../../../src/deploy/orgClient';
import type { QueryResult, SObjectRecord } from '../../../src/emulator/model/api';
import { connectionFor, withEmulatedOrg } from '../../helpers/emulator';
import { fakeWorld } from '../server/fakeWorld';

/** A world whose org answers `SELECT Id FROM Account` with `n` rows (the wire layer pages them). */
function worldWithRows(n: number): ReturnType<typeof fakeWorld> {
  const world = fakeWorld();
  const org = world.orgs[0] as (typeof world.orgs)[number];
  const base = org.query.bind(org);
  org.query = (soql: string): QueryResult => {
    if (soql !== 'SELECT Id FROM Account') return base(soql);
    const records: SObjectRecord[] = Array.from({ length: n }, (_, i) => {
      const id = `001${String(i).padStart(12, '0')}AAA`;
      return { attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${id}` }, Id: id };
    });
    return { totalSize: n, done: true, records };
  };
  return world;
}

describe('SOQL paging against the emulated org', () => {
  it('Given 4,500 rows, When jsforce queries, Then the first batch is 2,000 with a one-segment nextRecordsUrl and queryMore returns the rest', async () => {
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const first = await conn.query('SELECT Id FROM Account');
        expect(first.totalSize).toBe(4500);
        expect(first.done).toBe(false);
        expect(first.records).toHaveLength(2000);
        expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v66\.0\/query\/01g[A-Za-z0-9]+-2000$/) // jsforce prefixes the instance URL;
        const second = await conn.queryMore(first.nextRecordsUrl as string);
        expect(second.records).toHaveLength(2000);
        expect(second.done).toBe(false);
        const third = await conn.queryMore(second.nextRecordsUrl as string);
        expect(third.records).toHaveLength(500);
        expect(third.done).toBe(true);
        expect(third.nextRecordsUrl).toBeUndefined();
        const ids = new Set([...first.records, ...second.records, ...third.records].map((r) => r.Id));
        expect(ids.size).toBe(4500);
      },
      { world: worldWithRows(4500) },
    );
  });

  it('Given Sforce-Query-Options batchSize=200, When querying 450 rows, Then batches are 200', async () => {
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const first = await conn.request<{ records: unknown[]; done: boolean; nextRecordsUrl: string }>({
          method: 'GET',
          url: `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
          headers: { 'Sforce-Query-Options': 'batchSize=200' },
        });
        expect(first.records).toHaveLength(200);
        expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g[A-Za-z0-9]+-200$/); // the wire: a path, one segment
      },
      { world: worldWithRows(450) },
    );
  });

  it('Given an unknown locator, When jsforce asks for it, Then INVALID_QUERY_LOCATOR', async () => {
    await withEmulatedOrg(async (org) => {
      const conn = await connectionFor(org);
      await expect(conn.queryMore('01gNOSUCHLOCATOR1-2000')).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    });
  });

  it('Given 12,345 rows (above jsforce maxFetch 10,000), When the OrgClient queries, Then every row comes back', async () => {
    await withEmulatedOrg(
      async (org) => {
        const conn = await connectionFor(org);
        const client = jsforceOrgClient(conn as unknown as JsforceConnectionLike);
        const rows = await client.query('SELECT Id FROM Account');
        expect(rows).toHaveLength(12345);
        expect(new Set(rows.map((r) => r['Id'])).size).toBe(12345);
        expect(rows[0]).not.toHaveProperty('attributes');
      },
      { world: worldWithRows(12345) },
    );
  });
});
