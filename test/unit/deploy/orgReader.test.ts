/** The describe port over a jsforce-like connection: Composite Batch requests of 25, 404s left out, refusals and retries. */
import { OrgCallError, type JsforceConnectionLike } from '../../../src/deploy/orgClient';
import { jsforceOrgReader, picklistOf } from '../../../src/deploy/orgReader';

function fakeConn(answer: (info: { method: string; url: string; body?: string }) => unknown): JsforceConnectionLike & { calls: Array<{ method: string; url: string; body?: string }> } {
  const calls: Array<{ method: string; url: string; body?: string }> = [];
  return {
    calls,
    version: '66.0',
    query: async () => ({ records: [], done: true }),
    queryMore: async () => ({ records: [], done: true }),
    sobject: () => ({ create: async () => ({}), update: async () => ({}) }),
    async request(info) {
      calls.push(info);
      const r = answer(info);
      if (r instanceof Error) throw r;
      return r;
    },
  };
}

const batchAnswer = (info: { body?: string }): unknown => {
  const reqs = (JSON.parse(info.body ?? '{}') as { batchRequests: Array<{ url: string }> }).batchRequests;
  return {
    hasErrors: false,
    results: reqs.map((r) => {
      const type = r.url.split('/')[2] as string;
      return type === 'Gone__c' ? { statusCode: 404, result: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] } : { statusCode: 200, result: { name: type, fields: [] } };
    }),
  };
};

describe('jsforceOrgReader', () => {
  it('Given 60 types, When describing many, Then three Composite Batch requests of at most 25, progress after each, a 404 left out', async () => {
    const conn = fakeConn(batchAnswer);
    const types = [...Array.from({ length: 59 }, (_, i) => `T${i}__c`), 'Gone__c'];
    const progress: string[] = [];
    const out = await jsforceOrgReader(conn).describeMany(types, (done, total) => progress.push(`${done}/${total}`));
    expect(conn.calls.map((c) => `${c.method} ${c.url}`)).toEqual(Array.from({ length: 3 }, () => 'POST /services/data/v66.0/composite/batch'));
    expect(conn.calls.map((c) => (JSON.parse(c.body ?? '{}') as { batchRequests: unknown[] }).batchRequests.length)).toEqual([25, 25, 10]);
    expect(JSON.parse(conn.calls[0]?.body ?? '{}').batchRequests[0]).toEqual({ method: 'GET', url: 'v66.0/sobjects/T0__c/describe' });
    expect(progress).toEqual(['25/60', '50/60', '60/60']);
    expect(out.size).toBe(59);
    expect(out.has('Gone__c')).toBe(false);
  });

  it('Given a subrequest the org refuses (403), Then the whole call fails with its error code', async () => {
    const conn = fakeConn(() => ({ hasErrors: true, results: [{ statusCode: 403, result: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no access' }] }] }));
    await expect(jsforceOrgReader(conn).describeMany(['Secret__c'])).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS', message: expect.stringMatching(/describe of Secret__c was refused: no access/) });
  });

  it('Given one transient failure of a batch (a POST jsforce never retries), Then it is retried once; a second failure is final', async () => {
    let n = 0;
    const flaky = fakeConn((info) => (info.method === 'POST' && n++ === 0 ? Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' }) : batchAnswer(info)));
    expect((await jsforceOrgReader(flaky, { attempts: 2, delayMs: 1 }).describeMany(['A__c'])).size).toBe(1);
    const down = fakeConn(() => Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' }));
    const err = await jsforceOrgReader(down, { attempts: 2, delayMs: 1 }).describeMany(['A__c']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgCallError);
    expect(down.calls).toHaveLength(2);
  });

  it('Given a batch answer with a missing result, Then it is an error, never a silently shorter catalogue', async () => {
    const conn = fakeConn(() => ({ hasErrors: false, results: [] }));
    await expect(jsforceOrgReader(conn).describeMany(['A__c'])).rejects.toMatchObject({ errorCode: 'UNEXPECTED_RESPONSE' });
  });

  it('picklistOf keeps active values in the org\'s order and says undefined for a missing field', () => {
    const d = { name: 'X', fields: [{ name: 'F', type: 'picklist', nillable: false, createable: true, updateable: true, picklistValues: [{ value: 'b', active: true }, { value: 'a', active: false }, { value: 'c' }] }] };
    expect(picklistOf(d, 'F')).toEqual(['b', 'c']);
    expect(picklistOf(d, 'G')).toBeUndefined();
  });
});
