/**
 * Test/admin endpoints under /__emulator (not Salesforce APIs; loopback only, no token):
 *   GET    /__emulator/state                      the world's JSON
 *   GET    /__emulator/orgs                       identities of the hosted orgs
 *   GET    /__emulator/faults                     active faults
 *   POST   /__emulator/faults                     add one fault or an array (FaultSpec JSON) -> 201 {ids}
 *   DELETE /__emulator/faults[/{id}]              clear all / one
 *   POST   /__emulator/users/{userId}/deactivate  IsActive=false through the model's rules (?org=00D… picks the org)
 *   POST   /__emulator/users/{userId}/lock-password  UserLogin.IsPasswordLocked=true (no API sets it; ?org=00D…)
 *   POST   /__emulator/seats                      {"seats":{"Salesforce":3}[, "orgId":"00D…"]} sets licence seats
 *   POST   /__emulator/sessions                   {"username":"…"[, "orgId":"00D…"]} -> 201 {accessToken, userId, orgId}: a session
 *                                                 as that (active) user, e.g. the integration user for a streaming client; the
 *                                                 token works on REST too, with that user's object permissions, as an OAuth session
 *   DELETE /__emulator/sessions/{token}           revokes it (a connected streaming client then gets 401::Authentication invalid)
 *   GET    /__emulator/eca                        every External Client App's consumer key and secret (?org=00D…), as the
 *                                                 admin reads them in Setup (External Client App Manager > app > Settings >
 *                                                 OAuth Settings > Consumer Key and Secret)
 *   POST   /__emulator/eca/settings               {"enableClientSecretInRestApiAccess":true} (ExternalClientAppSettings)
 *   POST   /__emulator/eca/{type}/{fullName}      {"isClientCredentialsFlowEnabled":"false"}: changes a deployed ECA
 *                                                 component as a Setup edit would (?org=00D…)
 *   POST   /__emulator/schema                     {"objects":[{"fullName":"X__c","fields":[{"fullName":"F__c","type":"Text"}]}][, "orgId"]}
 *                                                 adds custom objects and fields, as a metadata deploy of them would
 */
import type { EmulatedOrg } from '../model/api';
import { SalesforceError } from '../model/api';
import { FaultSpecError, parseFaultSpec } from './faults';
import { json, noContent, notFound, Reply, Request, restError, ServerContext } from './http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function pickOrg(ctx: ServerContext, orgId: string | null | undefined): EmulatedOrg | undefined {
  if (!orgId) return ctx.world.orgs[0];
  return ctx.world.orgs.find((o) => o.identity.orgId === orgId || o.identity.orgId.slice(0, 15) === orgId.slice(0, 15));
}

function body(req: Request): unknown {
  const text = req.body.toString('utf8');
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

export function handleAdmin(ctx: ServerContext, req: Request): Reply {
  if (!LOOPBACK.has(req.raw.socket.remoteAddress ?? '')) return restError(403, 'FORBIDDEN', 'The /__emulator endpoints answer loopback clients only.');
  const segs = req.path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [what, id, action] = segs;
  try {
    if (what === 'state' && segs.length === 1 && req.method === 'GET') return json(200, ctx.world.toJSON());
    if (what === 'orgs' && segs.length === 1 && req.method === 'GET') {
      return json(200, ctx.world.orgs.map((o) => ({ ...o.identity, kind: o.kind, maxApiVersion: o.maxApiVersion })));
    }
    if (what === 'faults') {
      if (segs.length === 1 && req.method === 'GET') return json(200, ctx.faults.list());
      if (segs.length === 1 && req.method === 'POST') {
        const raw = body(req);
        const list = Array.isArray(raw) ? raw : [raw];
        const specs = list.map((item, i) => parseFaultSpec(item, Array.isArray(raw) ? `faults[${i}]` : 'fault'));
        return json(201, { ids: specs.map((s) => ctx.faults.add(s)) });
      }
      if (segs.length === 1 && req.method === 'DELETE') {
        ctx.faults.clear();
        return noContent();
      }
      if (segs.length === 2 && id !== undefined && req.method === 'DELETE') return ctx.faults.remove(id) ? noContent() : notFound();
    }
    if (what === 'users' && id !== undefined && action === 'deactivate' && segs.length === 3 && req.method === 'POST') {
      const org = pickOrg(ctx, req.url.searchParams.get('org'));
      if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${req.url.searchParams.get('org')}`);
      org.update('User', id, { IsActive: false });
      ctx.markDirty();
      return json(200, { id, IsActive: false });
    }
    if (what === 'sessions' && ctx.streaming) {
      if (segs.length === 1 && req.method === 'POST') {
        const b = body(req) as Record<string, unknown>;
        const org = pickOrg(ctx, typeof b['orgId'] === 'string' ? b['orgId'] : undefined);
        if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${String(b['orgId'])}`);
        const username = b['username'];
        if (typeof username !== 'string' || username === '') return restError(400, 'INVALID_INPUT', 'Send {"username":"…"}: the active user to open a session as.');
        const userId = org.activeUserId?.(username);
        if (!userId) return restError(404, 'NOT_FOUND', `No active user ${username} in org ${org.identity.orgId}`);
        return json(201, { accessToken: ctx.streaming.sessions.open(org, userId), userId, orgId: org.identity.orgId, username });
      }
      if (segs.length === 2 && id !== undefined && req.method === 'DELETE') return ctx.streaming.sessions.revoke(id) ? noContent() : notFound();
    }
    if (what === 'eca') {
      const org = pickOrg(ctx, req.url.searchParams.get('org'));
      if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${req.url.searchParams.get('org')}`);
      if (!org.ecaConsumers || !org.setEcaSettings || !org.setEcaFields) return restError(400, 'NOT_SUPPORTED', 'This model has no External Client Apps.');
      if (segs.length === 1 && req.method === 'GET') return json(200, org.ecaConsumers());
      if (segs.length === 2 && id === 'settings' && req.method === 'POST') {
        const b = body(req) as Record<string, unknown>;
        if (typeof b['enableClientSecretInRestApiAccess'] !== 'boolean') return restError(400, 'INVALID_INPUT', 'Send {"enableClientSecretInRestApiAccess": true|false}.');
        org.setEcaSettings({ enableClientSecretInRestApiAccess: b['enableClientSecretInRestApiAccess'] });
        ctx.markDirty();
        return json(200, { enableClientSecretInRestApiAccess: b['enableClientSecretInRestApiAccess'] });
      }
      if (segs.length === 3 && id !== undefined && action !== undefined && req.method === 'POST') {
        const b = body(req) as Record<string, unknown>;
        const fields: Record<string, string> = {};
        for (const [k, v] of Object.entries(b)) fields[k] = String(v);
        org.setEcaFields(id, action, fields);
        ctx.markDirty();
        return json(200, { type: id, fullName: action, fields });
      }
    }
    if (what === 'users' && id !== undefined && action === 'lock-password' && segs.length === 3 && req.method === 'POST') {
      const org = pickOrg(ctx, req.url.searchParams.get('org'));
      if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${req.url.searchParams.get('org')}`);
      if (!org.lockPassword) return restError(400, 'NOT_SUPPORTED', 'This model does not support locking passwords (EmulatedOrg.lockPassword).');
      org.lockPassword(id);
      ctx.markDirty();
      return json(200, { id, IsPasswordLocked: true });
    }
    if (what === 'seats' && segs.length === 1 && req.method === 'POST') {
      const b = body(req) as Record<string, unknown>;
      const org = pickOrg(ctx, typeof b['orgId'] === 'string' ? b['orgId'] : undefined);
      if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${String(b['orgId'])}`);
      const seats = b['seats'];
      if (typeof seats !== 'object' || seats === null || Array.isArray(seats)) {
        return restError(400, 'INVALID_INPUT', 'Send {"seats":{"Salesforce":3}}: licence name to total seats.');
      }
      if (!org.setLicenseSeats) return restError(400, 'NOT_SUPPORTED', 'This model does not support changing seats yet (EmulatedOrg.setLicenseSeats).');
      for (const [name, total] of Object.entries(seats)) {
        if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) {
          return restError(400, 'INVALID_INPUT', `Seats for "${name}" must be a whole number >= 0, got ${JSON.stringify(total)}.`);
        }
        org.setLicenseSeats(name, total);
      }
      ctx.markDirty();
      return json(200, { orgId: org.identity.orgId, seats });
    }
    if (what === 'schema' && segs.length === 1 && req.method === 'POST') {
      const b = body(req) as Record<string, unknown>;
      const org = pickOrg(ctx, typeof b['orgId'] === 'string' ? b['orgId'] : undefined);
      if (!org) return restError(404, 'NOT_FOUND', `No hosted org has id ${String(b['orgId'])}`);
      if (!Array.isArray(b['objects'])) return restError(400, 'INVALID_INPUT', 'Send {"objects":[{"fullName":"Invoice__c","fields":[{"fullName":"Amount__c","type":"Number"}]}]}.');
      if (!org.addCustomSchema) return restError(400, 'NOT_SUPPORTED', 'This model does not support adding schema (EmulatedOrg.addCustomSchema).');
      org.addCustomSchema(b['objects']);
      ctx.markDirty();
      return json(200, { orgId: org.identity.orgId, objects: b['objects'].length });
    }
  } catch (err) {
    if (err instanceof SalesforceError) return restError(err.httpStatus, err.errorCode, err.message, err.fields);
    if (err instanceof FaultSpecError) return restError(400, 'INVALID_FAULT', err.message);
    if (err instanceof SyntaxError) return restError(400, 'JSON_PARSER_ERROR', `The body is not valid JSON: ${err.message}`);
    throw err;
  }
  return notFound();
}
