/**
 * The wire layer with plain fetch: status codes, content types, SOAP envelopes and faults, zip layouts,
 * admin endpoints. The world is the in-test fake, so what is checked is the server, not Salesforce's rules.
 */
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
import { startEmulatedOrg, type RunningEmulatedOrg } from '../../../src/emulator';
import { fakeWorld, type FakeOrg } from './fakeWorld';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (n) => ['componentSuccesses', 'componentFailures', 'result', 'fileProperties', 'messages'].includes(n) });

function envelope(token: string | undefined, body: string): string {
  const header = token ? `<soapenv:Header xmlns="${NS}"><SessionHeader><sessionId>${token}</sessionId></SessionHeader></soapenv:Header>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${header}<soapenv:Body xmlns="${NS}">${body}</soapenv:Body></soapenv:Envelope>`;
}

let org: RunningEmulatedOrg;
let world: ReturnType<typeof fakeWorld>;
let fake: FakeOrg;
let token: string;

async function soap(body: string, tok: string | null = token, version = '66.0'): Promise<{ status: number; type: string | null; text: string; result: any; results: any[] }> {
  const res = await fetch(`${org.instanceUrl}/services/Soap/m/${version}`, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: envelope(tok ?? undefined, body) });
  const text = await res.text();
  const doc = parser.parse(text) as any;
  const bodyEl = doc?.Envelope?.Body ?? {};
  const first = Object.values(bodyEl)[0] as any;
  const results = (first?.result ?? []) as any[];
  return { status: res.status, type: res.headers.get('content-type'), text, result: results[0] ?? first, results };
}

async function rest(path: string, init: RequestInit = {}, tok: string | null = token): Promise<{ status: number; type: string | null; body: any }> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  if (tok) headers['Authorization'] = `Bearer ${tok}`;
  const res = await fetch(`${org.instanceUrl}${path}`, { ...init, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // an HTML fault body stays text
  }
  return { status: res.status, type: res.headers.get('content-type'), body };
}

async function zipOf(entries: Record<string, string>): Promise<string> {
  const zip = new JSZip();
  for (const [k, v] of Object.entries(entries)) zip.file(k, v);
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
}

const PKG = `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="${NS}"><types><members>API Only</members><name>Profile</name></types><version>66.0</version></Package>`;
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n</Profile>\n`;

async function deployAndWait(zipB64: string, options = '<checkOnly>false</checkOnly><rollbackOnError>true</rollbackOnError>'): Promise<any> {
  const started = await soap(`<deploy><ZipFile>${zipB64}</ZipFile><DeployOptions>${options}</DeployOptions></deploy>`);
  expect(started.result).toEqual({ done: 'false', id: expect.stringMatching(/^0Af\w{15}$/), state: 'Queued' });
  for (let i = 0; i < 10; i++) {
    const r = await soap(`<checkDeployStatus><asyncProcessId>${started.result.id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`);
    if (r.result.done === 'true') return r.result;
  }
  throw new Error('deploy never finished');
}

beforeEach(async () => {
  world = fakeWorld([{}, { kind: 'sandbox' }]);
  fake = world.orgs[0] as FakeOrg;
  token = fake.identity.accessToken;
  org = await startEmulatedOrg({ world, deployTiming: { queuedPolls: 1, inProgressPolls: 1 } });
});
afterEach(async () => {
  await org.close();
});

describe('REST basics', () => {
  it('GET /services/data lists versions up to the org maximum, as JSON with charset', async () => {
    const r = await rest('/services/data', {}, null);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json;charset=UTF-8');
    expect(r.body.at(-1)).toEqual({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    expect(r.body[0].version).toBe('31.0');
  });

  it.each([
    ['GET', '/nope'],
    ['POST', '/services/data/v66.0/nothing/here'],
    ['GET', '/services/data/v66.0/sobjects/User/005000000000001AAA/nope'],
    ['PUT', '/services/data/v66.0/sobjects/User'],
  ])('%s %s -> 404 NOT_FOUND JSON, never 5xx', async (method, path) => {
    const r = await rest(path, { method });
    expect(r.status).toBe(404);
    expect(r.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('a doubled leading slash (instanceUrl saved with a trailing /) is served like the plain path', async () => {
    const r = await rest('//services/data/v66.0/query?q=SELECT+Id+FROM+User');
    expect(r.status).toBe(200);
    expect(r.body.totalSize).toBe(1);
  });

  it('the OAuth token endpoint refuses every grant like Salesforce (no OAuth flows in the emulator)', async () => {
    const r = await rest('/services/oauth2/token', { method: 'POST', body: 'grant_type=refresh_token&refresh_token=x' }, null);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
  });

  it('a missing or bad token -> 401 INVALID_SESSION_ID', async () => {
    for (const tok of [null, '00D000000000000!nope']) {
      const r = await rest('/services/data/v66.0/query?q=SELECT+Id+FROM+User', {}, tok);
      expect(r.status).toBe(401);
      expect(r.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
  });

  it('a version above the org maximum -> 404', async () => {
    expect((await rest('/services/data/v67.0/query?q=SELECT+Id+FROM+User')).status).toBe(404);
    expect((await rest('/services/data/v51.0/query?q=SELECT+Id+FROM+User')).status).toBe(200);
  });

  it('the tooling SourceMember describe -> the exact 404 that turns source tracking off', async () => {
    const r = await rest('/services/data/v66.0/tooling/sobjects/SourceMember/describe');
    expect(r.status).toBe(404);
    expect(r.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('userinfo names the user and org behind the token; each token reaches its own org', async () => {
    const sandbox = world.orgs[1] as FakeOrg;
    const a = await rest('/services/oauth2/userinfo');
    const b = await rest('/services/oauth2/userinfo', {}, sandbox.identity.accessToken);
    expect(a.body).toEqual(expect.objectContaining({ user_id: fake.identity.userId, organization_id: fake.identity.orgId }));
    expect(b.body).toEqual(expect.objectContaining({ user_id: sandbox.identity.userId, organization_id: sandbox.identity.orgId }));
  });

  it('query, columns, describe and describeGlobal pass through', async () => {
    const q = await rest(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Username FROM User')}`);
    expect(q.body).toEqual(expect.objectContaining({ totalSize: 1, done: true }));
    const cols = await rest(`/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Username FROM User')}&columns=true`);
    expect(cols.body.columnMetadata.map((c: { columnName: string }) => c.columnName)).toEqual(['Id', 'Username']);
    expect((await rest('/services/data/v66.0/sobjects/User/describe')).body.name).toBe('User');
    expect((await rest('/services/data/v66.0/sobjects')).body.sobjects).toBeInstanceOf(Array);
    expect((await rest('/services/data/v66.0/sobjects/Nope__c/describe')).status).toBe(404);
  });

  it('a model error becomes [{message, errorCode, fields}] with its status; bad JSON is JSON_PARSER_ERROR', async () => {
    const body = JSON.stringify({ Username: fake.identity.username });
    const dup = await rest('/services/data/v66.0/sobjects/User', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual([{ message: 'Duplicate Username.', errorCode: 'DUPLICATE_USERNAME', fields: ['Username'] }]);
    const bad = await rest('/services/data/v66.0/sobjects/User', { method: 'POST', body: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body[0].errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('create 201, PATCH 204, GET with ?fields, DELETE of a User refused', async () => {
    const created = await rest('/services/data/v66.0/sobjects/User', { method: 'POST', body: JSON.stringify({ Username: 'x@y.z', LastName: 'X' }) });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^005/), success: true, errors: [] });
    const id = created.body.id as string;
    expect((await rest(`/services/data/v66.0/sobjects/User/${id}`, { method: 'PATCH', body: JSON.stringify({ IsActive: false }) })).status).toBe(204);
    const got = await rest(`/services/data/v66.0/sobjects/User/${id}?fields=Id,IsActive`);
    expect(got.body).toEqual({ attributes: expect.anything(), Id: id, IsActive: false });
    const del = await rest(`/services/data/v66.0/sobjects/User/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(400);
    expect(del.body[0].errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
  });

  it('the User password resource: GET isExpired, DELETE resets and returns a generated password', async () => {
    const path = `/services/data/v66.0/sobjects/User/${fake.identity.userId}/password`;
    expect((await rest(path)).body).toEqual({ isExpired: false });
    const reset = await rest(path, { method: 'DELETE' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ NewPassword: expect.any(String) });
    expect(fake.resets).toEqual([fake.identity.userId]);
    expect((await rest(path, { method: 'POST', body: JSON.stringify({ NewPassword: 'S3cret!pass' }) })).status).toBe(204);
    expect((await rest('/services/data/v66.0/sobjects/User/005000000000999AAA/password', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('SOAP Metadata API', () => {
  it('answers text/xml with prefixed Envelope/Body; no session -> 500 sf:INVALID_SESSION_ID', async () => {
    const r = await soap('<describeMetadata><asOfVersion>66.0</asOfVersion></describeMetadata>', null);
    expect(r.status).toBe(500);
    expect(r.type).toMatch(/^text\/xml/);
    expect(r.text).toContain('<soapenv:Envelope');
    expect(r.text).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>');
  });

  it('an unknown operation is a soapenv:Client fault; a version above the org max is refused', async () => {
    const r = await soap('<frobnicate/>');
    expect(r.status).toBe(500);
    expect(r.text).toContain('<faultcode>soapenv:Client</faultcode>');
    const v = await soap('<describeMetadata/>', token, '67.0');
    expect(v.text).toContain('sf:UNSUPPORTED_API_VERSION');
  });

  it('deploy -> Queued, then Pending, InProgress, Succeeded with details shaped for SDR', async () => {
    const started = await soap(`<deploy><ZipFile>${await zipOf({ 'package.xml': PKG, 'profiles/API Only.profile': PROFILE })}</ZipFile><DeployOptions><checkOnly>false</checkOnly></DeployOptions></deploy>`);
    const id = started.result.id as string;
    const check = async (): Promise<any> => (await soap(`<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`)).result;
    expect((await check()).status).toBe('Pending');
    const inProgress = await check();
    expect(inProgress).toEqual(expect.objectContaining({ status: 'InProgress', done: 'false', numberComponentsTotal: '1' }));
    const done = await check();
    expect(done).toEqual(expect.objectContaining({ status: 'Succeeded', done: 'true', success: 'true', checkOnly: 'false', numberComponentsDeployed: '1', numberComponentErrors: '0' }));
    const successes = done.details.componentSuccesses as Array<Record<string, string>>;
    expect(successes.map((m) => [m['componentType'], m['fullName']])).toEqual([
      ['', 'package.xml'],
      ['Profile', 'API Only'],
    ]);
    expect(successes[0]).toHaveProperty('componentType', ''); // gotcha 1: present even when empty
    expect(fake.deploys[0]?.files).toEqual(['package.xml', 'profiles/API Only.profile']);
  });

  it.each(['zip/', 'unpackaged/'])('a deploy zip under a root folder %s reaches the model root-relative', async (prefix) => {
    const result = await deployAndWait(await zipOf({ [`${prefix}package.xml`]: PKG, [`${prefix}profiles/API Only.profile`]: PROFILE }));
    expect(result.status).toBe('Succeeded');
    expect(fake.deploys[0]?.files).toEqual(['package.xml', 'profiles/API Only.profile']);
  });

  it('a zip without package.xml fails on package.xml with "No package.xml found"', async () => {
    const result = await deployAndWait(await zipOf({ 'profiles/API Only.profile': PROFILE }));
    expect(result.status).toBe('Failed');
    expect(result.details.componentFailures[0]).toEqual(
      expect.objectContaining({ componentType: '', fullName: 'package.xml', problem: 'No package.xml found', success: 'false', changed: 'false', created: 'false' }),
    );
    expect(fake.deploys).toEqual([]);
  });

  it('a refused request (NoTestRun in production) carries errorStatusCode and errorMessage', async () => {
    const result = await deployAndWait(await zipOf({ 'package.xml': PKG, 'profiles/API Only.profile': PROFILE }), '<testLevel>NoTestRun</testLevel>');
    expect(result).toEqual(expect.objectContaining({ status: 'Failed', errorStatusCode: 'INVALID_OPERATION', success: 'false' }));
  });

  it('deployRecentValidation runs a successful validation for real under a new id', async () => {
    const zip = await zipOf({ 'package.xml': PKG, 'profiles/API Only.profile': PROFILE });
    const started = await soap(`<deploy><ZipFile>${zip}</ZipFile><DeployOptions><checkOnly>true</checkOnly></DeployOptions></deploy>`);
    for (let i = 0; i < 3; i++) await soap(`<checkDeployStatus><asyncProcessId>${started.result.id}</asyncProcessId></checkDeployStatus>`);
    expect(fake.profiles.has('API Only')).toBe(false);
    const quick = await soap(`<deployRecentValidation><validationId>${started.result.id}</validationId></deployRecentValidation>`);
    expect(quick.status).toBe(200);
    const quickId = quick.result as string;
    expect(quickId).toMatch(/^0Af\w{15}$/);
    expect(quickId).not.toBe(started.result.id);
    let done: any;
    for (let i = 0; i < 3; i++) done = (await soap(`<checkDeployStatus><asyncProcessId>${quickId}</asyncProcessId></checkDeployStatus>`)).result;
    expect(done).toEqual(expect.objectContaining({ status: 'Succeeded', checkOnly: 'false' }));
    expect(fake.profiles.get('API Only')).toBe(PROFILE);
    const again = await soap(`<deployRecentValidation><validationId>${quickId}</validationId></deployRecentValidation>`);
    expect(again.text).toContain('sf:INVALID_ID_FIELD');
  });

  it('a quick deploy has its own timing: the validation\'s deploy-stuck polls stay with it, a deploy-stuck fault on deployRecentValidation applies', async () => {
    const zip = await zipOf({ 'package.xml': PKG, 'profiles/Quick.profile': PROFILE });
    const statuses = async (id: string, polls: number): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < polls; i++) out.push((await soap(`<checkDeployStatus><asyncProcessId>${id}</asyncProcessId></checkDeployStatus>`)).result.status);
      return out;
    };
    org.faults.add({ kind: 'deploy-stuck', polls: 2, match: { soapMethod: 'deploy' } });
    const validation = await soap(`<deploy><ZipFile>${zip}</ZipFile><DeployOptions><checkOnly>true</checkOnly></DeployOptions></deploy>`);
    expect(await statuses(validation.result.id, 5)).toEqual(['Pending', 'InProgress', 'InProgress', 'InProgress', 'Succeeded']);
    const first = await soap(`<deployRecentValidation><validationId>${validation.result.id}</validationId></deployRecentValidation>`);
    expect(await statuses(first.result as string, 3)).toEqual(['Pending', 'InProgress', 'Succeeded']);

    const second = await soap(`<deploy><ZipFile>${zip}</ZipFile><DeployOptions><checkOnly>true</checkOnly></DeployOptions></deploy>`);
    expect(await statuses(second.result.id, 3)).toEqual(['Pending', 'InProgress', 'Succeeded']);
    org.faults.add({ kind: 'deploy-stuck', polls: 1, match: { soapMethod: 'deployRecentValidation' } });
    const quick = await soap(`<deployRecentValidation><validationId>${second.result.id}</validationId></deployRecentValidation>`);
    expect(await statuses(quick.result as string, 4)).toEqual(['Pending', 'InProgress', 'InProgress', 'Succeeded']);
    expect(org.faults.list()).toEqual([]);
  });

  it('checkDeployStatus of an unknown id is a fault', async () => {
    const r = await soap('<checkDeployStatus><asyncProcessId>0Af000000000000AAA</asyncProcessId></checkDeployStatus>');
    expect(r.status).toBe(500);
    expect(r.text).toContain('sf:INVALID_CROSS_REFERENCE_KEY');
  });

  it.each([
    [false, ['unpackaged/package.xml', 'unpackaged/profiles/Admin.profile']],
    [true, ['package.xml', 'profiles/Admin.profile']],
  ])('retrieve with singlePackage=%s lays the zip out as %j', async (single, entries) => {
    const req = `<retrieve><request><apiVersion>66.0</apiVersion><unpackaged><types><members>Admin</members><name>Profile</name></types><version>66.0</version></unpackaged>${single ? '<singlePackage>true</singlePackage>' : ''}</request></retrieve>`;
    const started = await soap(req);
    expect(started.result.state).toBe('Queued');
    let result: any;
    for (let i = 0; i < 5; i++) {
      result = (await soap(`<checkRetrieveStatus><asyncProcessId>${started.result.id}</asyncProcessId></checkRetrieveStatus>`)).result;
      if (result.done === 'true') break;
      expect(result.zipFile).toBeUndefined();
    }
    expect(result).toEqual(expect.objectContaining({ status: 'Succeeded', success: 'true' }));
    const zip = await JSZip.loadAsync(Buffer.from(result.zipFile as string, 'base64'));
    expect(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name).sort()).toEqual(entries);
    expect(result.fileProperties[0].fileName).toBe(entries[1]);
  });

  it('listMetadata returns one result per component; describeMetadata lists types', async () => {
    const list = await soap('<listMetadata><queries><type>Profile</type></queries><asOfVersion>66.0</asOfVersion></listMetadata>');
    expect(list.results).toEqual([expect.objectContaining({ fullName: 'Admin', type: 'Profile', fileName: 'profiles/Admin.profile' })]);
    const empty = await soap('<listMetadata><queries><type>ApexClass</type></queries></listMetadata>');
    expect(empty.text).toContain('<listMetadataResponse></listMetadataResponse>');
    const d = await soap('<describeMetadata><asOfVersion>66.0</asOfVersion></describeMetadata>');
    expect(d.result).toEqual(expect.objectContaining({ organizationNamespace: '', partialSaveAllowed: 'true', testRequired: 'true' }));
  });
});

describe('faults and admin endpoints', () => {
  it('POST /__emulator/faults adds faults; GET lists; a bad spec is 400; DELETE clears', async () => {
    const add = await rest('/__emulator/faults', { method: 'POST', body: JSON.stringify([{ kind: 'http-503', count: 2, match: { route: 'query' } }]) }, null);
    expect(add.status).toBe(201);
    expect(add.body.ids).toHaveLength(1);
    expect((await rest('/__emulator/faults', {}, null)).body).toEqual([expect.objectContaining({ kind: 'http-503', remaining: 2 })]);
    expect((await rest('/services/data/v66.0/query?q=SELECT+Id+FROM+User')).status).toBe(503);
    expect((await rest('/services/data/v66.0/sobjects/User/describe')).status).toBe(200); // another route: untouched
    expect((await rest('/services/data/v66.0/query?q=SELECT+Id+FROM+User')).status).toBe(503);
    expect((await rest('/services/data/v66.0/query?q=SELECT+Id+FROM+User')).status).toBe(200);
    const bad = await rest('/__emulator/faults', { method: 'POST', body: JSON.stringify({ kind: 'http-503', count: 0 }) }, null);
    expect(bad.status).toBe(400);
    expect(bad.body[0].message).toContain('"count" must be at least 1');
    await rest('/__emulator/faults', { method: 'POST', body: JSON.stringify({ kind: 'drop' }) }, null);
    expect((await rest('/__emulator/faults', { method: 'DELETE' }, null)).status).toBe(204);
    expect(org.faults.list()).toEqual([]);
  });

  it('a soap-fault never fires on REST calls, and matches by SOAP method', async () => {
    org.faults.add({ kind: 'soap-fault', faultcode: 'sf:REQUEST_LIMIT_EXCEEDED', match: { soapMethod: 'listMetadata' } });
    expect((await rest('/services/data/v66.0/query?q=SELECT+Id+FROM+User')).status).toBe(200);
    expect((await soap('<describeMetadata/>')).status).toBe(200);
    const r = await soap('<listMetadata><queries><type>Profile</type></queries></listMetadata>');
    expect(r.status).toBe(500);
    expect(r.text).toContain('<faultcode>sf:REQUEST_LIMIT_EXCEEDED</faultcode>');
  });

  it('a component-failure reports the named component failed and validates only', async () => {
    org.faults.add({ kind: 'component-failure', component: 'Profile:API Only', problem: 'boom' });
    const result = await deployAndWait(await zipOf({ 'package.xml': PKG, 'profiles/API Only.profile': PROFILE }));
    expect(result.status).toBe('Failed');
    expect(result.details.componentFailures).toEqual([expect.objectContaining({ componentType: 'Profile', fullName: 'API Only', problem: 'boom', fileName: 'profiles/API Only.profile' })]);
    expect(fake.deploys[0]?.options.checkOnly).toBe(true);
    expect(fake.profiles.has('API Only')).toBe(false);
  });

  it('deactivate a user and change seats through the admin endpoints', async () => {
    const created = await rest('/services/data/v66.0/sobjects/User', { method: 'POST', body: JSON.stringify({ Username: 'd@y.z' }) });
    const deact = await rest(`/__emulator/users/${created.body.id}/deactivate`, { method: 'POST' }, null);
    expect(deact.status).toBe(200);
    expect(fake.users.get(created.body.id)?.['IsActive']).toBe(false);
    const seats = await rest('/__emulator/seats', { method: 'POST', body: JSON.stringify({ seats: { Salesforce: 1 } }) }, null);
    expect(seats.status).toBe(200);
    expect(fake.seats).toBe(1);
    const full = await rest('/services/data/v66.0/sobjects/User', { method: 'POST', body: JSON.stringify({ Username: 'e@y.z' }) });
    expect(full.body[0].errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    expect((await rest('/__emulator/seats', { method: 'POST', body: JSON.stringify({ seats: { Salesforce: -1 } }) }, null)).status).toBe(400);
    expect((await rest('/__emulator/state', {}, null)).body.orgs).toHaveLength(2);
    expect((await rest('/__emulator/orgs', {}, null)).body[1]).toEqual(expect.objectContaining({ kind: 'sandbox' }));
  });
});

describe('start options', () => {
  it('APIONLY_EMULATOR_FAULTS faults are active from the start; a bad one refuses to start', async () => {
    const w = fakeWorld();
    const started = await startEmulatedOrg({ world: w, env: { APIONLY_EMULATOR_FAULTS: '{"kind":"http-500","match":{"route":"versions"}}' } });
    try {
      expect((await fetch(`${started.instanceUrl}/services/data`)).status).toBe(500);
      expect((await fetch(`${started.instanceUrl}/services/data`)).status).toBe(200);
    } finally {
      await started.close();
    }
    await expect(startEmulatedOrg({ world: fakeWorld(), env: { APIONLY_EMULATOR_FAULTS: '[{"kind":"slow","delayMs":-1}]' } })).rejects.toThrow(
      /APIONLY_EMULATOR_FAULTS\[0\]: "delayMs" must be a whole number/,
    );
  });

  it('a port in use is a clear error', async () => {
    await expect(startEmulatedOrg({ world: fakeWorld(), port: org.port })).rejects.toThrow(/already in use/);
  });
});
