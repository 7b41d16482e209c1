/**
 * Logging in as the integration user through the External Client App's client-credentials flow, the way the
 * vendor will: `POST <My Domain>/services/oauth2/token` with grant_type=client_credentials (jsforce's OAuth2).
 *
 * The client id and secret come from APIONLY_CLIENT_ID / APIONLY_CLIENT_SECRET, or, when those are unset, are
 * fetched in memory through the admin's Connect REST API (`/apps/oauth/usage`, `/apps/oauth/credentials/…`,
 * which the org allows only with "Allow access to External Client App consumer secrets via REST API"). The
 * secret is kept in memory only: never written, printed, logged or put in --json (it is registered as a secret
 * and every report is scrubbed of it).
 */
import type { OrgSession } from '../deploy/targetOrg';
import { jsforceOrgClient, type JsforceConnectionLike } from '../deploy/orgClient';
import { describeError } from '../deploy/scrub';
import type { CheckResult, CredentialSource, IntegrationLogin } from './types';

export const CLIENT_ID_ENV = 'APIONLY_CLIENT_ID';
export const CLIENT_SECRET_ENV = 'APIONLY_CLIENT_SECRET';
export const LOGIN_CHECK = 'Client-credentials login';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly source: CredentialSource;
}

export interface LoginInput {
  readonly admin: OrgSession;
  /** The External Client App's developer name (to find its credentials through the API); undefined without one. */
  readonly appName: string | undefined;
  readonly apiVersion: string;
  readonly env: NodeJS.ProcessEnv;
  readonly addSecret: (value: string) => void;
}

type Core = typeof import('@salesforce/core');
type Jsforce = typeof import('@jsforce/jsforce-node');

/** Client id and secret: from the environment, or fetched through the Connect REST API (in memory). */
export async function findCredentials(input: LoginInput): Promise<ClientCredentials | CheckResult> {
  const id = input.env[CLIENT_ID_ENV];
  const secret = input.env[CLIENT_SECRET_ENV];
  if (id && secret) {
    input.addSecret(secret);
    return { clientId: id, clientSecret: secret, source: 'env' };
  }
  if (id || secret) {
    return fail(`only ${id ? CLIENT_ID_ENV : CLIENT_SECRET_ENV} is set`, `Set both ${CLIENT_ID_ENV} (the consumer key) and ${CLIENT_SECRET_ENV} (the consumer secret), or neither to fetch them through the API.`);
  }
  const setupPath = input.appName
    ? `Setup > External Client App Manager > ${input.appName} > Settings > OAuth Settings > Consumer Key and Secret`
    : 'Setup > External Client App Manager > <app> > Settings > OAuth Settings > Consumer Key and Secret';
  const envFix = `Copy them from ${setupPath} and run with ${CLIENT_ID_ENV}=<key> ${CLIENT_SECRET_ENV}=<secret> in the environment`;
  if (!input.appName) return fail('no client id and secret: the config has no externalClientApp and the environment has no credentials', `${envFix}, or add "externalClientApp" to apionly.config.json and deploy it.`);
  const conn = input.admin.connection;
  if (!conn) return fail('no client id and secret in the environment, and no admin connection to fetch them with', `${envFix}.`);
  const base = `/services/data/v${input.apiVersion}/apps/oauth`;
  try {
    const usage = (await conn.request({ method: 'GET', url: `${base}/usage` })) as { apps?: Array<{ developerName?: string; identifier?: string }> };
    const app = (usage.apps ?? []).find((a) => a.developerName === input.appName);
    if (!app?.identifier) {
      return fail(`no client id and secret in the environment, and the Connect API lists no app ${input.appName} under /apps/oauth/usage (a new app may be missing there)`, `${envFix}.`);
    }
    const list = (await conn.request({ method: 'GET', url: `${base}/credentials/${encodeURIComponent(app.identifier)}` })) as { consumers?: Array<{ id?: string }> };
    const consumer = (list.consumers ?? [])[0];
    if (!consumer?.id) return fail(`the Connect API lists no consumer for ${input.appName}`, `${envFix}.`);
    const both = (await conn.request({ method: 'GET', url: `${base}/credentials/${encodeURIComponent(app.identifier)}/${encodeURIComponent(consumer.id)}?part=keyandsecret` })) as { key?: string; secret?: string };
    if (!both.key || !both.secret) return fail(`the Connect API returned no key and secret for ${input.appName}`, `${envFix}.`);
    input.addSecret(both.secret);
    return { clientId: both.key, clientSecret: both.secret, source: 'api' };
  } catch (err) {
    const { code, message } = describeError(err);
    return fail(
      `no client id and secret in the environment, and fetching them through the Connect REST API failed (${code}: ${message})`,
      `${envFix}; or let the check fetch them: turn on "Allow access to External Client App consumer secrets via REST API" (ExternalClientAppSettings.enableClientSecretInRestApiAccess) and give the admin "View Client Secret".`,
    );
  }
}

/** Requests a token with the client-credentials grant and opens a connection as the user it runs as. */
export async function loginWithClientCredentials(input: LoginInput): Promise<IntegrationLogin> {
  const creds = await findCredentials(input);
  if (!('clientId' in creds)) return { ok: false, result: creds };
  const instanceUrl = input.admin.instanceUrl;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OAuth2 } = require('@jsforce/jsforce-node') as Jsforce;
  const oauth2 = new OAuth2({ loginUrl: instanceUrl, clientId: creds.clientId, clientSecret: creds.clientSecret });
  let token: { access_token?: string; instance_url?: string; id?: string };
  try {
    token = (await oauth2.requestToken({ grant_type: 'client_credentials' })) as typeof token;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return { ok: false, result: fail(`${instanceUrl}/services/oauth2/token refused the ${creds.source === 'env' ? 'client id and secret from the environment' : 'app\'s client id and secret'}: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`, tokenErrorFix(e.name, e.message, creds.source)) };
  }
  if (!token.access_token || !token.id) return { ok: false, result: fail('the token endpoint answered without access_token or id', 'Check the instance URL is the org\'s My Domain.') };
  input.addSecret(token.access_token);
  const match = /\/id\/(00D\w+)\/(005\w+)\/?$/.exec(token.id);
  if (!match) return { ok: false, result: fail(`the token's identity URL ${token.id} names no org and user`, 'Report this: the org answered an unexpected identity URL.') };
  const core = require('@salesforce/core') as Core; // eslint-disable-line @typescript-eslint/no-require-imports
  const sessionUrl = token.instance_url ?? instanceUrl;
  const authInfo = await core.AuthInfo.create({ username: token.access_token, accessTokenOptions: { accessToken: token.access_token, instanceUrl: sessionUrl, loginUrl: sessionUrl } });
  const connection = await core.Connection.create({ authInfo });
  connection.setApiVersion(input.apiVersion);
  return {
    ok: true,
    result: { name: LOGIN_CHECK, passed: true, detail: `token issued (client id and secret from ${creds.source === 'env' ? `${CLIENT_ID_ENV}/${CLIENT_SECRET_ENV}` : 'the Connect REST API, in memory'})` },
    session: {
      accessToken: token.access_token,
      instanceUrl: sessionUrl,
      idUrl: token.id,
      orgId: match[1] as string,
      userId: match[2] as string,
      credentialSource: creds.source,
      client: jsforceOrgClient(connection as unknown as JsforceConnectionLike),
      connection,
    },
  };
}

/** The fix for each documented token error (reference: oauth-eca.md §2). */
export function tokenErrorFix(error: string | undefined, description: string | undefined, source: CredentialSource): string {
  const where = source === 'env' ? `${CLIENT_ID_ENV}/${CLIENT_SECRET_ENV}` : 'the fetched credentials';
  if (error === 'invalid_client') return `The consumer secret is wrong: copy it again (Setup > External Client App Manager > <app> > Settings > OAuth Settings > Consumer Key and Secret) into ${where}.`;
  if (error === 'invalid_client_id') return `The consumer key is unknown to this org (or only minutes old): check ${where} names this org's app, or wait a few minutes and rerun.`;
  if (error === 'invalid_grant' && /no client credentials user/i.test(description ?? '')) return 'The app has no run-as user: set clientCredentialsFlowUser in its OAuth policies (apionly deploy does, from the config\'s user) and deploy.';
  if (error === 'invalid_grant' && /domain/i.test(description ?? '')) return 'Use the org\'s My Domain URL (https://<domain>.my.salesforce.com), not login.salesforce.com or test.salesforce.com.';
  if (error === 'invalid_grant' && /inactive|frozen|locked/i.test(description ?? '')) return 'The run-as user is inactive, frozen or locked: reactivate it (apionly deploy) and rerun.';
  if (error === 'unsupported_grant_type' || /client credentials/i.test(description ?? '')) return 'Turn the client-credentials flow on in both the global OAuth settings and the OAuth policies (apionly generate writes both) and deploy.';
  return 'Check the app\'s OAuth settings and policies in Setup > External Client App Manager, and that the run-as user is active and API enabled.';
}

function fail(detail: string, fix: string): CheckResult {
  return { name: LOGIN_CHECK, passed: false, detail, fix };
}
