/**
 * The types of `apionly check`: options in, one readonly report out, and the context every check group gets.
 * See ./index.ts for how to add a group.
 */
import type { LoadedConfig } from '../config/types';
import type { CheckResult as DeployCheckResult, OrgFacts, UserSpec } from '../deploy/types';
import type { OrgClient } from '../deploy/orgClient';
import type { OrgSession } from '../deploy/targetOrg';

/** One check's outcome: the deploy's CheckResult, whose optional `fix` says what to do when it failed. */
export type CheckResult = DeployCheckResult;

/** What `apionly check` flags turn into. */
export interface CheckOptions {
  /** Project root (where apionly.config.json is). */
  readonly cwd: string;
  readonly configPath?: string;
  /** Alias, username or access token (with SF_ORG_INSTANCE_URL) of an admin of the org. */
  readonly targetOrg?: string;
  /** Which `orgs.<key>` entry of the config applies (as for deploy). */
  readonly orgKey?: string;
}

/** Where the integration user's client id and secret came from. */
export type CredentialSource = 'env' | 'api';

/** A session as the integration user, obtained through the External Client App's client-credentials flow. */
export interface IntegrationSession {
  /** Never printed: it is in CheckContext.secrets. */
  readonly accessToken: string;
  readonly instanceUrl: string;
  /** The token response's identity URL (`…/id/<orgId>/<userId>`). */
  readonly idUrl: string;
  readonly orgId: string;
  readonly userId: string;
  readonly credentialSource: CredentialSource;
  /** Queries as the integration user. */
  readonly client: OrgClient;
  /** The @salesforce/core connection as the integration user (REST, streaming clients). */
  readonly connection: import('@salesforce/core').Connection;
}

/** The integration user's login: a session, or the failed check that explains why there is none. */
export type IntegrationLogin =
  | { readonly ok: true; readonly session: IntegrationSession; readonly result: CheckResult }
  | { readonly ok: false; readonly result: CheckResult };

export interface CheckContext {
  /** The admin's session on the target org (queries, metadata, and the raw connection for REST). */
  readonly admin: OrgSession;
  readonly org: OrgFacts;
  readonly config: LoadedConfig;
  /** The `orgs.<key>` entry that applies, if any. */
  readonly orgKey: string | undefined;
  /** The integration user as the config declares it for this org (username included). */
  readonly user: UserSpec;
  /** The API version calls use (the project's sourceApiVersion, else the connection's). */
  readonly apiVersion: string;
  readonly env: NodeJS.ProcessEnv;
  /** One line of progress (stderr). */
  progress(line: string): void;
  /**
   * Logs in as the integration user once (client id and secret from APIONLY_CLIENT_ID / APIONLY_CLIENT_SECRET,
   * else fetched in memory through the admin's Connect REST API); later calls get the same answer.
   */
  integration(): Promise<IntegrationLogin>;
  /** Adds a value that must never be printed (tokens, secrets); the report is scrubbed of all of them. */
  addSecret(value: string): void;
}

/** A named group of checks. `run` never throws for a failed check: it returns it, with its fix. */
export interface CheckGroup {
  /** Stable id, used in --json (`admin`, `integration`, `streaming`). */
  readonly id: string;
  /** Heading in the human report. */
  readonly title: string;
  readonly run: (ctx: CheckContext) => Promise<CheckResult[]>;
}

export interface CheckGroupReport {
  readonly id: string;
  readonly title: string;
  readonly results: readonly CheckResult[];
}

export interface CheckReport {
  readonly passed: boolean;
  /** 0 every check passed; CHECK_FAILED_EXIT_CODE (5) at least one failed. */
  readonly exitCode: 0 | 5;
  readonly org: OrgFacts;
  readonly orgKey?: string;
  /** The integration user's username in this org. */
  readonly integrationUser: string;
  readonly groups: readonly CheckGroupReport[];
  readonly warnings: readonly string[];
}
