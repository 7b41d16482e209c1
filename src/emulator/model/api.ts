/**
 * The seam between the emulated org's Salesforce model (src/emulator/model) and its wire layer
 * (src/emulator/server). The model is synchronous and knows nothing of HTTP, SOAP, zips or timers;
 * the server knows nothing of Salesforce's rules. Neither imports anything outside src/emulator.
 *
 * Owners: model/** implements these interfaces; server/** consumes them. Change this file only
 * by adding members (both sides build against it).
 */

/** A platform error with Salesforce's own status code, e.g. DUPLICATE_USERNAME, MALFORMED_QUERY. */
export class SalesforceError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    /** HTTP status the REST API answers with (400 unless said otherwise; 404 NOT_FOUND, 401 INVALID_SESSION_ID). */
    readonly httpStatus: number = 400,
    /** Fields the error is about (REST `fields`). */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
    this.name = errorCode;
  }
}

/**
 * A Streaming API refusal as CometD reports it (streaming.md §1 Errors): `error` is the Bayeux error string,
 * e.g. '403::User not enabled for streaming'; `failureReason` goes to ext.sfdc.failureReason (handshake).
 */
export class StreamingRefusal extends Error {
  constructor(
    readonly bayeuxError: string,
    readonly failureReason?: string,
  ) {
    super(bayeuxError);
    this.name = 'StreamingRefusal';
  }
}

/** One event the org publishes for the Streaming API (streaming.md §2); the server adds event.replayId and delivers it. */
export interface StreamEvent {
  /** The event's own channel: '/data/AccountChangeEvent', '/topic/OpenCases'. CDC events also go to '/data/ChangeEvents'. */
  readonly channel: string;
  readonly entityName: string;
  readonly kind: 'cdc' | 'topic';
  /** Epoch ms of the commit. */
  readonly createdAt: number;
  /** Retention: 72 h for change events, 24 h for PushTopic events (streaming.md §1 Replay). */
  readonly retentionHours: number;
  /** The `data` of the delivered message without `event.replayId`: {schema, payload} for CDC, {event, sobject} for a topic. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Who made a DML and through what, for change event headers (changeOrigin, commitUser). */
export interface DmlOptions {
  /** e.g. 'com/salesforce/api/rest/66.0;client=sfdx toolbelt:' */
  readonly origin?: string;
}

/** A refusal of the OAuth token endpoint, as Salesforce answers it: HTTP 400 `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly httpStatus: number = 400,
  ) {
    super(description);
    this.name = error;
  }
}

/** A token the org issued through an OAuth flow; its requests run as `userId`. */
export interface TokenGrant {
  readonly accessToken: string;
  readonly userId: string;
  readonly orgId: string;
  /** Space-separated OAuth scopes, e.g. 'api'. */
  readonly scope: string;
  /** Milliseconds since the epoch, as text (Salesforce's `issued_at`). */
  readonly issuedAt: string;
}

/** An External Client App's consumer as the admin sees it (Setup's "Consumer Key and Secret", Connect REST). */
export interface EcaConsumerInfo {
  /** The app's developer name. */
  readonly app: string;
  /** The app record's id (the Connect API's appId). */
  readonly appId: string;
  /** The consumer's id (888…). */
  readonly consumerId: string;
  readonly key: string;
  readonly secret: string;
}

export type OrgKind = 'production' | 'sandbox';

export interface OrgOptions {
  readonly kind?: OrgKind; // default 'production'
  readonly edition?: string; // Organization.OrganizationType, default 'Enterprise Edition'
  readonly name?: string; // Organization.Name
  /** Seats per user licence name, e.g. { Salesforce: 10, 'Salesforce Integration': 5 }. */
  readonly seats?: Readonly<Record<string, number>>;
  /** Fixed ids/token for reproducible tests; generated when absent. */
  readonly orgId?: string;
  readonly accessToken?: string;
  readonly adminUsername?: string;
  /**
   * Optional org features switched on or off, e.g. { Orders: true, Quotes: true, StreamingApi: false }. Defaults: Orders,
   * Quotes, WorkOrders, EntitlementManagement, ChatterAnswers, DevHub off; StreamingApi, Ideas, QuickText on.
   */
  readonly features?: Readonly<Record<string, boolean>>;
  /** Entities that may be selected for Change Data Capture; default 5 (streaming.md §4; the add-on lifts it). */
  readonly cdcEntityLimit?: number;
  /** Synthetic custom objects for scale (`org start --custom-objects N --fields-per-object M`). */
  readonly customObjects?: { readonly count: number; readonly fieldsPerObject: number };
}

export interface OrgIdentity {
  readonly orgId: string; // 18-char 00D…
  readonly accessToken: string; // 00D…!… (never JWT-shaped)
  readonly username: string; // the admin user behind the token
  readonly userId: string; // 005…
}

export type SObjectRecord = Record<string, unknown>;

export interface QueryResult {
  readonly totalSize: number;
  readonly done: true;
  readonly records: readonly SObjectRecord[]; // each with attributes {type, url}
}

/** `sf data query` asks for this with &columns=true. */
export interface ColumnMetadata {
  readonly columnName: string;
  readonly displayName: string;
  readonly aggregate: boolean;
  readonly joinColumns: readonly ColumnMetadata[];
}

export interface DeployRequestOptions {
  readonly checkOnly: boolean;
  readonly rollbackOnError: boolean;
  readonly testLevel?: string;
  readonly runTests?: readonly string[];
  readonly ignoreWarnings?: boolean;
}

/** One DeployMessage, as in checkDeployStatus details. The server adds createdDate. */
export interface DeployMessage {
  readonly componentType: string; // '' for package.xml
  readonly fullName: string;
  readonly fileName: string; // e.g. 'profiles/API Only.profile', 'package.xml'
  readonly success: boolean;
  readonly changed: boolean;
  readonly created: boolean;
  readonly deleted: boolean;
  readonly problemType?: 'Error' | 'Warning';
  readonly problem?: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

export interface DeployOutcome {
  /** Succeeded, Failed (SucceededPartial only when rollbackOnError is false and some failed). */
  readonly status: 'Succeeded' | 'Failed' | 'SucceededPartial';
  readonly successes: readonly DeployMessage[];
  readonly failures: readonly DeployMessage[];
  /** Set when the whole request is refused (e.g. NoTestRun in production): status Failed, no component ran. */
  readonly errorStatusCode?: string;
  readonly errorMessage?: string;
  readonly numberComponentsTotal: number;
}

export interface RetrieveTypeMembers {
  readonly name: string; // metadata type, e.g. 'Profile', 'CustomObject', 'PermissionSet'
  readonly members: readonly string[]; // '*' allowed
}

export interface RetrieveOutcome {
  /** Paths relative to the package root, e.g. 'package.xml', 'profiles/API Only.profile', 'objects/Account.object'. */
  readonly files: ReadonlyMap<string, string>;
  readonly fileProperties: readonly FileProperties[];
  /** e.g. { fileName: 'package.xml', problem: "Entity of type 'CustomObject' named 'Nope__c' cannot be found" } */
  readonly messages: ReadonlyArray<{ fileName: string; problem: string }>;
}

export interface FileProperties {
  readonly createdById: string;
  readonly createdByName: string;
  readonly createdDate: string;
  readonly fileName: string; // 'profiles/API Only.profile' (the server prefixes 'unpackaged/' in a retrieve when needed)
  readonly fullName: string;
  readonly id: string;
  readonly lastModifiedById: string;
  readonly lastModifiedByName: string;
  readonly lastModifiedDate: string;
  readonly manageableState: string;
  readonly type: string;
}

export interface MetadataTypeDescription {
  readonly xmlName: string;
  readonly directoryName: string;
  readonly suffix: string;
  readonly inFolder: boolean;
  readonly metaFile: boolean;
  readonly childXmlNames: readonly string[];
}

/** One org. All methods are synchronous and throw SalesforceError for platform errors. */
export interface EmulatedOrg {
  readonly identity: OrgIdentity;
  readonly kind: OrgKind;
  /** Highest API version the org serves, e.g. '66.0'. */
  readonly maxApiVersion: string;

  query(soql: string): QueryResult;
  queryColumns(soql: string): readonly ColumnMetadata[];
  /** GET /sobjects/{type}/describe. Throws NOT_FOUND (404) for unknown types. */
  describe(sobjectType: string): Record<string, unknown>;
  /** GET /sobjects (describeGlobal), with the `sobjects` array. */
  describeGlobal(): Record<string, unknown>;
  /** POST /sobjects/{type}: returns the new 18-char id. */
  create(sobjectType: string, fields: Readonly<Record<string, unknown>>, options?: DmlOptions): string;
  /** PATCH /sobjects/{type}/{id}. */
  update(sobjectType: string, id: string, fields: Readonly<Record<string, unknown>>, options?: DmlOptions): void;
  /** GET /sobjects/{type}/{id}[?fields=…]. */
  retrieve(sobjectType: string, id: string, fields?: readonly string[]): SObjectRecord;
  /** DELETE /sobjects/{type}/{id}: User refuses with Salesforce's error; other types as Salesforce allows. */
  delete(sobjectType: string, id: string, options?: DmlOptions): void;
  /** POST /services/Soap/u-ish and REST resetPassword: records that a reset email was sent (no password is ever returned). */
  resetPassword(userId: string): void;

  /** Validates and (unless checkOnly or failing with rollback) applies a deploy. Files are the zip's entries, root-relative, '-meta.xml'-less mdapi paths. */
  deploy(files: ReadonlyMap<string, Buffer>, options: DeployRequestOptions): DeployOutcome;
  retrieve(types: readonly RetrieveTypeMembers[], apiVersion: string): RetrieveOutcome;
  listMetadata(type: string): readonly FileProperties[];
  describeMetadata(): readonly MetadataTypeDescription[];

  /** Serializable state for --state files. */
  toJSON(): unknown;

  /**
   * Test/admin hook (not a Salesforce API): sets the total seats of a user licence, e.g. ('Salesforce', 3),
   * so tests can reach LICENSE_LIMIT_EXCEEDED. Throws SalesforceError for an unknown licence name.
   * Optional so the model can add it later; the server's admin endpoint answers 400 while it is missing.
   */
  setLicenseSeats?(licenseName: string, total: number): void;

  // --- Streaming API (streaming.md). Optional so another model need not implement them. ---
  /** Registers a listener for the events each committed DML publishes (change events, PushTopic events); returns an unsubscribe. */
  onStreamEvents?(listener: (events: readonly StreamEvent[]) => void): () => void;
  /** The active user with this username (case-insensitive), for sessions opened as another user; undefined when none. */
  activeUserId?(username: string): string | undefined;
  /** A CometD handshake as this user: throws StreamingRefusal when the org's Streaming API is off or the user may not use the API. */
  streamingHandshake?(userId: string): void;
  /** A subscribe as this user: throws StreamingRefusal for an unknown channel or one the user may not subscribe to. */
  streamingSubscribe?(userId: string, channel: string): void;
  /** What a subscriber of `subscription` receives of an event: the filtered `data`, or undefined (not on that channel, or dropped). */
  streamingDeliver?(userId: string, subscription: string, event: StreamEvent): Record<string, unknown> | undefined;
  /** GET /tooling/query: PlatformEventChannelMember (streaming.md §4 readiness queries). */
  toolingQuery?(soql: string): QueryResult;
  // OAuth and External Client Apps (model/oauth). Optional so other models may leave them out.
  /** readMetadata (ECA types, EventSettings, PlatformEventChannelMember): one record per name, `{}` (no fullName) for a name the org does not have. */
  readMetadata?(type: string, fullNames: readonly string[]): ReadonlyArray<Record<string, unknown>>;
  /** Whether a consumer key belongs to this org (the token endpoint's routing). */
  hasConsumerKey?(clientId: string): boolean;
  /** POST /services/oauth2/token grant_type=client_credentials. Throws OAuthError with Salesforce's error codes. */
  clientCredentialsGrant?(clientId: string, clientSecret: string): TokenGrant;
  /** The user a token issued by an OAuth flow (or opened by openSession) runs as; undefined for any other token. */
  sessionUserId?(token: string): string | undefined;
  /** Test/admin hook (POST /__emulator/sessions): a session as one of the org's users, as an OAuth flow would issue. */
  openSession?(userId: string): string;
  /** Ends a session of this org; false when the token is not one. */
  revokeSession?(token: string): boolean;
  /** This org as one user sees it: that user's object permissions are enforced (OAuth sessions). */
  asUser?(userId: string): EmulatedOrg;
  /** GET /services/oauth2/userinfo for a user. */
  userInfo?(userId: string): Record<string, unknown>;
  /** Every app's consumer key and secret (the admin's view). */
  ecaConsumers?(): readonly EcaConsumerInfo[];
  /** Developer names of apps with OAuth usage (a token issued), as Connect `/apps/oauth/usage` lists them. */
  ecaAppsWithUsage?(): readonly string[];
  /** ExternalClientAppSettings.enableClientSecretInRestApiAccess (Connect REST may return secrets). */
  ecaSecretsViaRestApi?(): boolean;
  /** Admin hook: ExternalClientAppSettings, as Setup would change them. */
  setEcaSettings?(settings: { readonly enableClientSecretInRestApiAccess: boolean }): void;
  /** Admin hook: changes elements of a deployed ECA component as Setup would (e.g. turn a flow off). */
  setEcaFields?(type: string, fullName: string, fields: Readonly<Record<string, string>>): void;
  /** Test/admin hook (no API sets it): marks a user's UserLogin password-locked, as failed logins would. */
  lockPassword?(userId: string): void;

  /**
   * Test/admin hook (not a Salesforce API): adds custom objects and fields, as a metadata deploy of them would
   * (`POST /__emulator/schema`). Specs: {fullName, label?, fields?: [{fullName, type, required?, formula?, referenceTo?}]}.
   */
  addCustomSchema?(objects: readonly unknown[]): void;
}

/** Everything one server hosts: several orgs (a production and its sandbox), one username namespace. */
export interface EmulatedWorld {
  readonly orgs: readonly EmulatedOrg[];
  /** Finds the org whose access token this is; undefined for a bad token (INVALID_SESSION_ID). */
  orgForToken(token: string): EmulatedOrg | undefined;
  /** The org and user of a token issued through OAuth (client credentials); undefined otherwise. */
  sessionForToken?(token: string): { readonly org: EmulatedOrg; readonly userId: string } | undefined;
  addOrg(options: OrgOptions): EmulatedOrg;
  toJSON(): unknown;
}

/** Implemented in model/index.ts. */
export type CreateWorld = (options: { readonly orgs: readonly OrgOptions[] } | { readonly state: unknown }) => EmulatedWorld;
