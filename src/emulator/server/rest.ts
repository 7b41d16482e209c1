/**
 * REST API: the version list, OAuth userinfo, query, describe, sObject CRUD, the user password resource,
 * the tooling probe the sf CLI makes, and the metadata deployRequest variant (wire-protocol §1, §4, §5, §12).
 */
import { randomBytes } from 'node:crypto';
import type { DeployRequestOptions, EmulatedOrg } from '../model/api';
import { SalesforceError } from '../model/api';
import type { CallDescriptor } from './faults';
import { compareVersions, invalidSession, json, noContent, notFound, orgForBearer, restError } from './http';
import type { Reply, Request, ServerContext } from './http';
import { deployResult } from './jobs';
import { matchConnectApps, matchOAuth, sessionOrgForBearer } from './oauth';
import { batchSizeOf } from './queryCursors';

export interface Route {
  readonly call: CallDescriptor;
  readonly handle: (ctx: ServerContext, req: Request) => Promise<Reply>;
}

/** The release name of an API version (63.0 = Spring '25; three releases a year). */
export function releaseLabel(version: number): string {
  const k = Math.round(version) - 63;
  const seasons = ['Spring', 'Summer', 'Winter'] as const;
  const season = seasons[((k % 3) + 3) % 3] ?? 'Spring';
  const year = 25 + Math.floor(k / 3) + (season === 'Winter' ? 1 : 0);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** GET /services/data: every version from 31.0 up to the highest any hosted org serves. */
export function versionList(maxVersion: string): unknown[] {
  const max = Math.floor(Number.parseFloat(maxVersion));
  const out = [];
  for (let v = 31; v <= max; v++) {
    out.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

function fromType(soql: string): string | undefined {
  return /\bfrom\s+([A-Za-z0-9_]+)/i.exec(soql)?.[1];
}

function parseJsonBody(req: Request): Record<string, unknown> {
  const text = req.body.toString('utf8');
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    // Salesforce's code for an unparseable body; message shape emulator-invented.
    throw new SalesforceError('JSON_PARSER_ERROR', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SalesforceError('JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Errors from the model as REST answers; DML routes always carry `fields`. */
export function salesforceErrorReply(err: SalesforceError, withFields: boolean): Reply {
  return restError(err.httpStatus, err.errorCode, err.message, withFields || err.fields.length ? err.fields : undefined);
}

/** An authenticated, versioned route: checks the token and that the org serves that version. */
function authed(
  call: CallDescriptor,
  version: string | undefined,
  run: (org: EmulatedOrg, ctx: ServerContext, req: Request) => Reply | Promise<Reply>,
  dml = false,
): Route {
  return {
    call,
    handle: async (ctx, req) => {
      // An admin token, or a session issued through OAuth (which runs as its user: see model/oauth/userView).
      const org = orgForBearer(ctx, req) ?? sessionOrgForBearer(ctx, req);
      if (!org) return invalidSession();
      if (version !== undefined && compareVersions(version, org.maxApiVersion) > 0) return notFound();
      try {
        return await run(org, ctx, req);
      } catch (err) {
        if (err instanceof SalesforceError) return salesforceErrorReply(err, dml);
        throw err;
      }
    },
  };
}

/** A change event's changeOrigin for a REST DML: the API and version, and the client named in Sforce-Call-Options. */
function changeOrigin(req: Request, version: string): string {
  const options = req.raw.headers['sforce-call-options'];
  const client = typeof options === 'string' ? /client=([^,]*)/.exec(options)?.[1] : undefined;
  return `com/salesforce/api/rest/${version}${client ? `;client=${client}` : ''}`;
}

function simple(route: string, handle: Route['handle']): Route {
  return { call: { route }, handle };
}

/** Matches a REST path; undefined when it is not a REST path at all. */
export function matchRest(method: string, path: string, url: URL): Route | undefined {
  if (path === '/services/data' || path === '/services/data/') {
    return simple('versions', async (ctx) => {
      if (method !== 'GET') return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET`);
      const max = ctx.world.orgs.map((o) => o.maxApiVersion).sort(compareVersions).pop() ?? '66.0';
      return json(200, versionList(max));
    });
  }
  const oauth = matchOAuth(path);
  if (oauth) return oauth;
  const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
  if (!m) return undefined;
  const version = m[1] ?? '';
  const rest = (m[2] ?? '').replace(/\/$/, '');
  const base = `/services/data/v${version}`;
  const segs = rest.split('/').filter(Boolean).map(decodeURIComponent);

  if (segs.length === 0) {
    return authed({ route: 'resources' }, version, () =>
      json(200, {
        tooling: `${base}/tooling`,
        metadata: `${base}/metadata`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        sobjects: `${base}/sobjects`,
        limits: `${base}/limits`,
      }),
    );
  }
  const [head, type, id, sub, ...extra] = segs;

  if ((head === 'query' || head === 'queryAll') && segs.length === 1 && method === 'GET') {
    const q = url.searchParams.get('q') ?? '';
    const from = fromType(q);
    return authed({ route: 'query', ...(from ? { sobject: from } : {}) }, version, (org, ctx, req) => {
      if (q.trim() === '') throw new SalesforceError('MALFORMED_QUERY', 'A query string has to be specified');
      if (url.searchParams.get('columns') === 'true') {
        const columns = org.queryColumns(q);
        return json(200, {
          columnMetadata: columns,
          entityName: from ?? null,
          groupBy: false,
          idSelected: columns.some((c) => c.columnName === 'Id'),
          keyPrefix: null,
        });
      }
      return json(200, ctx.queries.firstPage(org.identity.orgId, org.query(q), batchSizeOf(req.raw.headers['sforce-query-options']), version));
    });
  }
  if ((head === 'query' || head === 'queryAll') && segs.length === 2 && method === 'GET') {
    const segment = type ?? '';
    return authed({ route: 'queryMore' }, version, (org, ctx) => {
      const page = ctx.queries.nextPage(org.identity.orgId, segment, version);
      return page ? json(200, page) : restError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    });
  }

  if (head === 'sobjects') {
    if (type === undefined) {
      if (method !== 'GET') return undefined;
      return authed({ route: 'describeGlobal' }, version, (org) => json(200, org.describeGlobal()));
    }
    const sobject = type;
    if (id === undefined) {
      if (method === 'GET') {
        return authed({ route: 'sobject-info', sobject }, version, (org) => {
          const d = org.describe(sobject);
          const { fields: _fields, childRelationships: _cr, recordTypeInfos: _rti, ...objectDescribe } = d;
          return json(200, { objectDescribe, recentItems: [] });
        });
      }
      if (method === 'POST') {
        return authed(
          { route: 'sobject-create', sobject },
          version,
          (org, _ctx, req) => {
            const id18 = org.create(sobject, parseJsonBody(req), { origin: changeOrigin(req, version) });
            _ctx.markDirty();
            return json(201, { id: id18, success: true, errors: [] });
          },
          true,
        );
      }
      return undefined;
    }
    if (id === 'describe' && sub === undefined && method === 'GET') {
      return authed({ route: 'describe', sobject }, version, (org) => json(200, org.describe(sobject)));
    }
    if (sub === undefined) {
      if (method === 'GET') {
        const fieldsParam = url.searchParams.get('fields');
        const fields = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
        return authed({ route: 'sobject-retrieve', sobject }, version, (org) => json(200, org.retrieve(sobject, id, fields)));
      }
      if (method === 'PATCH') {
        return authed(
          { route: 'sobject-update', sobject },
          version,
          (org, ctx, req) => {
            org.update(sobject, id, parseJsonBody(req), { origin: changeOrigin(req, version) });
            ctx.markDirty();
            return noContent();
          },
          true,
        );
      }
      if (method === 'DELETE') {
        return authed(
          { route: 'sobject-delete', sobject },
          version,
          (org, ctx, req) => {
            org.delete(sobject, id, { origin: changeOrigin(req, version) });
            ctx.markDirty();
            return noContent();
          },
          true,
        );
      }
      return undefined;
    }
    if (sub === 'password' && extra.length === 0 && (sobject === 'User' || sobject === 'SelfServiceUser')) {
      // sObject User Password resource (REST API guide, "Manage User Passwords", API 24.0+):
      // GET -> {isExpired}, POST {NewPassword} -> 204, DELETE (reset) -> the generated password in the body.
      return authed({ route: 'password', sobject: 'User' }, version, (org, ctx, req) => {
        org.retrieve('User', id, ['Id']); // NOT_FOUND / INVALID_ID_FIELD for a bad id
        if (method === 'GET') return json(200, { isExpired: false });
        if (method === 'POST') {
          const body = parseJsonBody(req);
          if (typeof body['NewPassword'] !== 'string' || body['NewPassword'] === '') {
            throw new SalesforceError('INVALID_NEW_PASSWORD', 'Your password must have a value.'); // emulator wording
          }
          return noContent();
        }
        if (method === 'DELETE') {
          org.resetPassword(id);
          ctx.markDirty();
          return json(200, { NewPassword: randomBytes(9).toString('base64url') });
        }
        return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are HEAD,GET,POST,DELETE`);
      });
    }
    return undefined;
  }

  if (head === 'tooling' && type === 'query' && id === undefined && method === 'GET') {
    // Tooling API query: PlatformEventChannelMember (streaming.md §4 readiness queries).
    const q = url.searchParams.get('q') ?? '';
    const from = fromType(q);
    return authed({ route: 'tooling-query', ...(from ? { sobject: from } : {}) }, version, (org) => {
      if (q.trim() === '') throw new SalesforceError('MALFORMED_QUERY', 'A query string has to be specified');
      if (!org.toolingQuery) return notFound();
      return json(200, org.toolingQuery(q));
    });
  }
  if (head === 'apps') return matchConnectApps(method, version, segs, url);
  if (head === 'composite' && type === 'batch' && id === undefined && method === 'POST') {
    return authed({ route: 'composite-batch' }, version, (_org, ctx, req) => compositeBatch(ctx, req, version));
  }

  if (head === 'tooling') {
    // The emulated org has no source tracking: the sf CLI's SourceMember describe probe must get exactly
    // this 404 to turn tracking off (wire-protocol §12.6); everything else under tooling is absent too.
    return authed({ route: 'tooling', ...(id !== undefined ? { sobject: id } : {}) }, version, () => notFound());
  }

  if (head === 'metadata' && type === 'deployRequest') {
    if (id === undefined && method === 'POST') {
      return authed({ route: 'deployRequest' }, version, (org, ctx, req) => restDeploy(org, ctx, req));
    }
    if (id !== undefined && sub === undefined) {
      if (method === 'GET') {
        const includeDetails = url.searchParams.get('includeDetails') === 'true';
        return authed({ route: 'deployRequestStatus' }, version, (org, ctx) => {
          const job = ctx.jobs.deploy(org, id, true);
          return json(200, { id: job.id, validatedDeployRequestId: null, deployOptions: job.requestOptions, deployResult: deployResult(job, includeDetails, { json: true }) });
        });
      }
      if (method === 'PATCH') {
        // REST cancel: PATCH {"deployResult":{"status":"Canceling"}} (Metadata REST API guide).
        return authed({ route: 'deployRequestCancel' }, version, (org, ctx, req) => {
          const body = parseJsonBody(req);
          const status = (body['deployResult'] as Record<string, unknown> | undefined)?.['status'];
          if (status !== 'Canceling') throw new SalesforceError('INVALID_FIELD', 'Only {"deployResult":{"status":"Canceling"}} can be patched.');
          const job = ctx.jobs.cancelDeploy(org, id);
          return json(202, { id: job.id, deployOptions: job.requestOptions, deployResult: deployResult(job, false, { json: true }) });
        });
      }
    }
  }
  return undefined;
}

/** Subrequests per Composite Batch request (REST API guide, "Composite Batch": up to 25). */
export const COMPOSITE_BATCH_LIMIT = 25;

/**
 * POST /composite/batch: up to 25 independent subrequests (`{method, url: "vXX.X/…"}`), each answered as if sent alone,
 * in one `{hasErrors, results: [{statusCode, result}]}` (REST API guide, "Batch Request Body" / "Batch Response Body").
 * A malformed body is refused whole with 400; with haltOnError the subrequests after a failed one get 412
 * BATCH_PROCESSING_HALTED. Subrequest versions must lie between 34.0 and the batch's own version.
 */
async function compositeBatch(ctx: ServerContext, req: Request, version: string): Promise<Reply> {
  const body = parseJsonBody(req);
  const list = body['batchRequests'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new SalesforceError('INVALID_BATCH_REQUEST', 'batchRequests must be a non-empty array of {method, url} (emulator-invented message)');
  }
  if (list.length > COMPOSITE_BATCH_LIMIT) {
    throw new SalesforceError('INVALID_BATCH_REQUEST', `A batch may hold at most ${COMPOSITE_BATCH_LIMIT} subrequests; this one has ${list.length} (emulator-invented message)`);
  }
  const subs = list.map((raw, i) => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const m = typeof r['method'] === 'string' ? r['method'].toUpperCase() : '';
    const u = typeof r['url'] === 'string' ? r['url'] : '';
    const path = `/services/data/${u.replace(/^\/?(services\/data\/)?/, '')}`;
    const v = /^\/services\/data\/v(\d+\.\d)\//.exec(path)?.[1];
    if (!['GET', 'POST', 'PATCH', 'DELETE'].includes(m) || !v || compareVersions(v, '34.0') < 0 || compareVersions(v, version) > 0) {
      throw new SalesforceError('INVALID_BATCH_REQUEST', `batchRequests[${i}] needs a method and a url "vXX.X/…" with a version from 34.0 to ${version} (emulator-invented message)`);
    }
    return { method: m, path, richInput: r['richInput'] };
  });
  const halt = body['haltOnError'] === true;
  const results: Array<{ statusCode: number; result: unknown }> = [];
  let halted = false;
  for (const sub of subs) {
    if (halted) {
      results.push({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
      continue;
    }
    const url = new URL(sub.path, 'http://emulated.invalid');
    const route = matchRest(sub.method, url.pathname, url);
    const subReq: Request = {
      raw: req.raw, method: sub.method, url, path: url.pathname,
      body: sub.richInput === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(sub.richInput)),
    };
    const reply = route ? await route.handle(ctx, subReq) : notFound();
    const text = reply.body.toString();
    results.push({ statusCode: reply.status, result: text === '' ? null : (JSON.parse(text) as unknown) });
    if (reply.status >= 400 && halt) halted = true;
  }
  return json(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

const BOOL_OPTIONS = ['allowMissingFiles', 'autoUpdatePackage', 'checkOnly', 'ignoreWarnings', 'performRetrieve', 'purgeOnDelete', 'rollbackOnError', 'singlePackage'];

/** Reads REST/SOAP deploy options into the model's shape (SDR defaults where absent, metadata API defaults otherwise). */
export function toDeployOptions(raw: Record<string, unknown>): DeployRequestOptions {
  const bool = (name: string, dflt: boolean): boolean => {
    const v = raw[name];
    if (v === undefined || v === null || v === '') return dflt;
    return v === true || v === 'true';
  };
  const runTests = raw['runTests'];
  const testLevel = raw['testLevel'];
  return {
    checkOnly: bool('checkOnly', false),
    rollbackOnError: bool('rollbackOnError', true),
    ignoreWarnings: bool('ignoreWarnings', false),
    ...(typeof testLevel === 'string' && testLevel !== '' ? { testLevel } : {}),
    ...(Array.isArray(runTests) ? { runTests: runTests.map(String) } : {}),
  };
}

async function restDeploy(org: EmulatedOrg, ctx: ServerContext, req: Request): Promise<Reply> {
  const contentType = req.raw.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    return restError(415, 'UNSUPPORTED_MEDIA_TYPE', 'A deployRequest must be multipart/form-data with a "file" part (the zip) and an "entity_content" part (JSON).');
  }
  // Node's fetch Request parses multipart/form-data for us (undici's FormData parser).
  let form: FormData;
  try {
    form = await new globalThis.Request('http://emulated.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: req.body }).formData();
  } catch (err) {
    return restError(400, 'INVALID_MULTIPART_REQUEST', `The multipart body could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return restError(400, 'INVALID_MULTIPART_REQUEST', 'The deployRequest has no "file" part with the zip.');
  const entity = form.get('entity_content');
  let deployOptions: Record<string, unknown> = {};
  if (entity !== null) {
    const text = typeof entity === 'string' ? entity : await entity.text();
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      deployOptions = (parsed['deployOptions'] as Record<string, unknown> | undefined) ?? {};
    } catch {
      return restError(400, 'JSON_PARSER_ERROR', 'The "entity_content" part is not valid JSON.');
    }
  }
  for (const k of BOOL_OPTIONS) if (typeof deployOptions[k] === 'string') deployOptions[k] = deployOptions[k] === 'true';
  const zip = Buffer.from(await file.arrayBuffer());
  const job = await ctx.jobs.createDeploy(org, zip, toDeployOptions(deployOptions), deployOptions, { route: 'deployRequest' });
  return json(201, { id: job.id, validatedDeployRequestId: null, deployOptions, deployResult: deployResult(job, false, { json: true }) });
}
