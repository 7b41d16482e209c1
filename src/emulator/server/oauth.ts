/**
 * OAuth 2.0 as the emulated org speaks it (oauth-eca.md §2, §5) and the Connect REST resources for External Client
 * App credentials (§2 "Getting the key and secret after deploy"):
 *   POST /services/oauth2/token        grant_type=client_credentials (form body, or a Basic header): a token whose
 *                                      requests run as the app's run-as user; Salesforce's documented errors
 *   GET  /services/oauth2/userinfo     the session's user (admin token or OAuth session)
 *   GET  /services/data/vXX/apps/oauth/usage
 *   GET  /services/data/vXX/apps/oauth/credentials/{appId}[/{consumerId}?part=key|secret|keyandsecret]
 * Other grants (password, refresh, JWT, authorization code) are refused as Salesforce refuses a bad grant.
 */
import { createHmac } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { OAuthError, type EmulatedOrg } from '../model/api';
import { invalidSession, json, notFound, orgForBearer, restError, type Reply, type Request, type ServerContext } from './http';
import type { Route } from './rest';

/** The org (as that user) behind an OAuth session token; undefined for anything else. */
export function sessionOrgForBearer(ctx: ServerContext, req: Request): EmulatedOrg | undefined {
  const header = req.raw.headers['authorization'];
  if (typeof header !== 'string') return undefined;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  const session = m?.[1] ? ctx.world.sessionForToken?.(m[1].trim()) : undefined;
  return session?.org.asUser?.(session.userId);
}

function oauthError(err: OAuthError): Reply {
  return json(err.httpStatus, { error: err.error, error_description: err.description });
}

/** The origin the client used (scheme from the socket, host from the Host header). */
function originOf(req: Request): string {
  const encrypted = (req.raw.socket as TLSSocket).encrypted === true;
  return `${encrypted ? 'https' : 'http'}://${req.raw.headers.host ?? '127.0.0.1'}`;
}

function readForm(req: Request): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

async function token(ctx: ServerContext, req: Request): Promise<Reply> {
  if (req.method !== 'POST') return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST`);
  const host = (req.raw.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const form = readForm(req);
  const grant = form.get('grant_type') ?? '';
  if (grant !== 'client_credentials') {
    if (['password', 'refresh_token', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:device_code'].includes(grant)) {
      // The emulated org hands out its admin token at start and supports no other flow: refuse as a bad grant.
      return json(400, { error: 'invalid_grant', error_description: 'authentication failure' });
    }
    return json(400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  }
  // Client credentials work on My Domain only (plugin-auth messages/client.credentials.md).
  if (host === 'login.salesforce.com' || host === 'test.salesforce.com') return json(400, { error: 'invalid_grant', error_description: 'request not supported on this domain' });
  let clientId = form.get('client_id') ?? '';
  let clientSecret = form.get('client_secret') ?? '';
  const basic = /^Basic\s+(.+)$/i.exec(String(req.raw.headers['authorization'] ?? ''));
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      try {
        clientId ||= decodeURIComponent(decoded.slice(0, colon));
        clientSecret ||= decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        return json(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      }
    }
  }
  const org = ctx.world.orgs.find((o) => o.hasConsumerKey?.(clientId));
  if (!org?.clientCredentialsGrant) return json(400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
  try {
    const grantResult = org.clientCredentialsGrant(clientId, clientSecret);
    ctx.markDirty();
    const id = `https://login.salesforce.com/id/${grantResult.orgId}/${grantResult.userId}`;
    const origin = originOf(req);
    return json(200, {
      access_token: grantResult.accessToken,
      signature: createHmac('sha256', clientSecret).update(id + grantResult.issuedAt).digest('base64'),
      scope: grantResult.scope,
      instance_url: origin,
      api_instance_url: origin,
      id,
      token_type: 'Bearer',
      issued_at: grantResult.issuedAt,
      token_format: 'opaque',
    });
  } catch (err) {
    if (err instanceof OAuthError) return oauthError(err);
    throw err;
  }
}

function userinfo(ctx: ServerContext, req: Request): Reply {
  const admin = orgForBearer(ctx, req);
  if (admin) {
    return json(200, {
      sub: `https://login.salesforce.com/id/${admin.identity.orgId}/${admin.identity.userId}`,
      user_id: admin.identity.userId,
      organization_id: admin.identity.orgId,
      preferred_username: admin.identity.username,
      email: admin.identity.username,
      active: true,
      user_type: 'STANDARD',
    });
  }
  const header = String(req.raw.headers['authorization'] ?? '');
  const t = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim())?.[1]?.trim();
  const session = t ? ctx.world.sessionForToken?.(t) : undefined;
  if (!session?.org.userInfo) return invalidSession();
  const info = session.org.userInfo(session.userId);
  // A deactivated user's sessions end (Salesforce revokes them).
  if (info['active'] !== true) return invalidSession();
  return json(200, info);
}

/** Matches the two OAuth paths; undefined for anything else. */
export function matchOAuth(path: string): Route | undefined {
  if (path === '/services/oauth2/token') return { call: { route: 'oauth-token' }, handle: token };
  if (path === '/services/oauth2/userinfo') return { call: { route: 'userinfo' }, handle: async (ctx, req) => userinfo(ctx, req) };
  return undefined;
}

/**
 * Connect REST `apps/oauth/…` (API 60+), admin sessions only. Secrets need ExternalClientAppSettings
 * enableClientSecretInRestApiAccess; `usage` lists only apps that have issued a token ("OAuth usage data").
 */
export function matchConnectApps(method: string, version: string, segs: readonly string[], url: URL): Route | undefined {
  // segs: ['apps', 'oauth', 'usage'] or ['apps', 'oauth', 'credentials', appId[, consumerId]]
  if (segs[1] !== 'oauth' || method !== 'GET' || segs.length > 5) return undefined;
  const what = segs[2];
  return {
    call: { route: 'connect-apps-oauth' },
    handle: async (ctx, req) => {
      const org = orgForBearer(ctx, req);
      if (!org) return sessionOrgForBearer(ctx, req) ? restError(403, 'INSUFFICIENT_ACCESS', 'You do not have access to External Client App credentials (emulator-invented message)') : invalidSession();
      if (Number.parseFloat(version) < 60) return notFound();
      const consumers = org.ecaConsumers?.() ?? [];
      if (what === 'usage' && segs.length === 3) {
        const used = new Set(org.ecaAppsWithUsage?.() ?? []);
        return json(200, { apps: consumers.filter((c) => used.has(c.app)).map((c) => ({ developerName: c.app, identifier: c.appId, name: c.app })) });
      }
      if (what !== 'credentials') return notFound();
      const id = segs[3];
      const consumerOf = consumers.filter((c) => c.appId === id || c.appId.slice(0, 15) === (id ?? '').slice(0, 15));
      if (!id || consumerOf.length === 0) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
      if (segs.length === 4) return json(200, { consumers: consumerOf.map((c) => ({ id: c.consumerId, key: c.key, name: c.app })) });
      const consumer = consumerOf.find((c) => c.consumerId === segs[4] || c.consumerId.slice(0, 15) === (segs[4] ?? '').slice(0, 15));
      if (!consumer || segs.length !== 5) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const part = url.searchParams.get('part') ?? 'key';
      if (!['key', 'secret', 'keyandsecret'].includes(part)) return restError(400, 'INVALID_INPUT', `part must be key, secret or keyandsecret (got ${part}) (emulator-invented message)`);
      if (part !== 'key' && !org.ecaSecretsViaRestApi?.()) {
        return restError(403, 'INSUFFICIENT_ACCESS', 'Access to consumer secrets through the REST API is turned off: enable "Allow access to External Client App consumer secrets via REST API" (emulator-invented message)');
      }
      return json(200, { ...(part !== 'secret' ? { key: consumer.key } : {}), ...(part !== 'key' ? { secret: consumer.secret } : {}) });
    },
  };
}

