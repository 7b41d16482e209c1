/**
 * Resolves the target org the way the Salesforce CLI does (@salesforce/core, its auth store, its config):
 * an alias, a username, or an access token with SF_ORG_INSTANCE_URL; without --target-org, the configured
 * default (`sf config set target-org …`, or SF_TARGET_ORG). Core is required lazily.
 */
import { OperationError, UsageError } from '../errors';
import { noTargetOrgActions } from './messages';
import { jsforceOrgClient, type JsforceConnectionLike, type OrgClient } from './orgClient';
import { sdrMetadataClient, type MetadataClient } from './metadataClient';
import { jsforceOrgReader, type OrgReader } from './orgReader';
import { looksLikeAccessToken, scrubText } from './scrub';

export interface OrgSession {
  readonly client: OrgClient;
  readonly metadata: MetadataClient;
  readonly instanceUrl: string;
  /** The deploying user (undefined when the target is a bare access token). */
  readonly username: string | undefined;
  /** Aliases of that username in the CLI's alias store. */
  readonly aliases: readonly string[];
  /** How to name the target in printed commands: alias or username, never a token. */
  readonly displayName: string;
  /** Values that must never be printed (the access token). */
  readonly secrets: readonly string[];
  /** Describes (discover, the deploy's check that the org has every object of the profile). */
  readonly reader: OrgReader;
  /** The @salesforce/core connection itself, for REST calls beyond OrgClient (absent in tests' fakes). */
  readonly connection?: import('@salesforce/core').Connection;
}

type Core = typeof import('@salesforce/core');

function loadCore(): Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@salesforce/core') as Core;
}

/** The value of --target-org, or the CLI's configured default. Undefined when neither is set. */
export async function defaultTargetOrg(): Promise<string | undefined> {
  const core = loadCore();
  const aggregator = await core.ConfigAggregator.create();
  await aggregator.reload();
  const value = aggregator.getPropertyValue('target-org');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * @salesforce/core 9 derives the project's OAuth login URL from SF_ORG_INSTANCE_URL when sfdx-project.json has
 * no sfdcLoginUrl, and then rejects any host that is not Salesforce's. SDR resolves the project config during a
 * deploy (replacements), so a token target on a loopback instance (the emulated org, `apionly org start`) failed
 * with InvalidProjectLoginUrlError inside any project. We log in with a token, never through OAuth, so for a
 * loopback instance URL only we point the legacy FORCE_SFDC_LOGIN_URL override at the standard login host.
 */
export function allowLoopbackInstance(env: NodeJS.ProcessEnv = process.env): void {
  const instance = env['SF_ORG_INSTANCE_URL'];
  if (!instance || env['FORCE_SFDC_LOGIN_URL']) return;
  let host: string;
  try {
    host = new URL(instance).hostname;
  } catch {
    return;
  }
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1') env['FORCE_SFDC_LOGIN_URL'] = 'https://login.salesforce.com';
}

export async function connectOrg(targetOrg: string | undefined): Promise<OrgSession> {
  allowLoopbackInstance();
  const core = loadCore();
  const aliasOrUsername = targetOrg ?? (await defaultTargetOrg());
  if (!aliasOrUsername) {
    throw new UsageError('NoTargetOrg', 'No target org: --target-org was not given and no default target org is configured.', {
      actions: noTargetOrgActions(),
    });
  }
  const typedSecret = looksLikeAccessToken(aliasOrUsername) ? [aliasOrUsername] : [];
  let org: import('@salesforce/core').Org;
  try {
    org = await core.Org.create({ aliasOrUsername });
  } catch (err) {
    const e = err as { name?: string; message?: string };
    const shown = typedSecret.length ? 'the access token given' : aliasOrUsername;
    const message = scrubText(String(e?.message ?? err), typedSecret);
    if (e?.name === 'NamedOrgNotFoundError' || e?.name === 'NoAuthInfoFound' || /No authorization information found/i.test(message)) {
      throw new UsageError('TargetOrgNotFound', `No authorised org found for --target-org ${shown}: ${message}`, {
        actions: [
          `Authorise it with the Salesforce CLI: \`sf org login web --alias ${typedSecret.length ? 'prod' : aliasOrUsername}\`, or check \`sf org list\`.`,
          'An access token works too: --target-org <token> with SF_ORG_INSTANCE_URL=https://<your domain>.my.salesforce.com.',
        ],
      });
    }
    const tokenWithoutUrl = typedSecret.length > 0 && !process.env['SF_ORG_INSTANCE_URL'];
    throw new OperationError('TargetOrgUnavailable', `Could not connect to ${shown}: ${message}`, {
      actions: tokenWithoutUrl
        ? ['An access token needs the org\'s instance URL: set SF_ORG_INSTANCE_URL=https://<your domain>.my.salesforce.com (for the emulated org, the instanceUrl `apionly org start` printed).']
        : ['Check the org is reachable and the authorisation is still valid (`sf org display --target-org <alias>`).'],
    });
  }
  const conn = org.getConnection();
  const secrets = [...typedSecret];
  if (conn.accessToken) secrets.push(conn.accessToken);
  const username = org.getUsername();
  const usernameIsToken = username !== undefined && looksLikeAccessToken(username);
  let aliases: string[] = [];
  if (username && !usernameIsToken) {
    const state = await core.StateAggregator.getInstance();
    aliases = state.aliases.getAll(username);
  }
  let shownUsername = usernameIsToken ? undefined : username;
  if (shownUsername === undefined) {
    // A bare token names no user: ask the org who it is (OAuth userinfo), for the report only.
    try {
      const info = (await conn.request({ method: 'GET', url: '/services/oauth2/userinfo' })) as { preferred_username?: unknown };
      if (typeof info?.preferred_username === 'string') shownUsername = info.preferred_username;
    } catch {
      // not needed to deploy; the report says "<access token user>"
    }
  }
  const displayName = typedSecret.length
    ? '<alias or username>'
    : (aliases.includes(aliasOrUsername) ? aliasOrUsername : (aliases[0] ?? username ?? aliasOrUsername));
  return {
    client: jsforceOrgClient(conn as unknown as JsforceConnectionLike),
    metadata: sdrMetadataClient(conn),
    reader: jsforceOrgReader(conn as unknown as JsforceConnectionLike),
    instanceUrl: conn.instanceUrl,
    username: shownUsername,
    aliases,
    displayName,
    secrets,
    connection: conn,
  };
}
