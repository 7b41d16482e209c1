import {
  SalesforceError, type ColumnMetadata, type DmlOptions, type StreamEvent, type EcaConsumerInfo, type TokenGrant, type DeployOutcome, type DeployRequestOptions, type EmulatedOrg, type FileProperties,
  type MetadataTypeDescription, type OrgIdentity, type OrgKind, type QueryResult, type RetrieveOutcome, type RetrieveTypeMembers, type SObjectRecord,
} from './api';
import { runDeploy } from './deploy';
import { makeId, toId18 } from './ids';
import { lazyDraft } from './lazyDraft';
import { listMetadataOf, METADATA_TYPES, runRetrieve } from './retrieve';
import { executeQuery, queryColumnsOf } from './soql/execute';
import { createRecord, deleteRecord, describeGlobalOf, describeSObject, retrieveRecord, updateRecord, type DmlEnv } from './sobjects/dml';
import type { OrgState } from './state';
import { rowsOf } from './sobjects/records';
import { sobjectDef } from './sobjects/schema';
import { changeBody, changeEventsFor, type ChangeType, type RecordChange } from './streaming/changeEvents';
import { readStreamingMetadata } from './streaming/channelMembers';
import { DEFAULT_CDC_ENTITY_LIMIT } from './streaming/names';
import { topicEventsFor } from './streaming/pushTopics';
import { checkHandshake, checkSubscribe, deliverTo } from './streaming/subscribers';
import { randomBytes } from 'node:crypto';
import { grantClientCredentials, scopeOf } from './oauth/clientCredentials';
import { isEcaType, readEca } from './oauth/ecaRetrieve';
import { ECA_TYPE_SPECS } from './oauth/types';
import { grantsOf } from './oauth/userAccess';
import { userView } from './oauth/userView';
import { lockPassword } from './sobjects/permissionDml';
import { addCustomSchema, type CustomFieldSpec, type CustomObjectSpec } from './seed/customSchema';

function toCustomObjectSpec(raw: unknown, i: number): CustomObjectSpec {
  const bad = (what: string): never => {
    throw new SalesforceError('INVALID_INPUT', `objects[${i}]: ${what} (emulator-invented message)`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('not an object');
  const o = raw as Record<string, unknown>;
  if (typeof o['fullName'] !== 'string') return bad('fullName must be a string such as "Invoice__c"');
  const fields = o['fields'] === undefined ? [] : o['fields'];
  if (!Array.isArray(fields)) return bad('fields must be an array');
  const fieldSpecs: CustomFieldSpec[] = fields.map((f, j) => {
    const x = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof x['fullName'] !== 'string' || typeof x['type'] !== 'string') return bad(`fields[${j}] needs a fullName and a type`);
    return {
      fullName: x['fullName'], type: x['type'],
      ...(typeof x['label'] === 'string' ? { label: x['label'] } : {}),
      ...(x['required'] === true ? { required: true } : {}),
      ...(typeof x['formula'] === 'string' ? { formula: x['formula'] } : {}),
      ...(typeof x['referenceTo'] === 'string' ? { referenceTo: x['referenceTo'] } : {}),
    };
  });
  return { fullName: o['fullName'], ...(typeof o['label'] === 'string' ? { label: o['label'] } : {}), fields: fieldSpecs };
}

export const MAX_API_VERSION = '66.0';

/** What an org needs from its world: the username namespace shared by every org. */
export interface WorldHooks {
  usernameTaken(username: string, exceptUserId?: string): boolean;
  now(): string;
}

/** One emulated org over its serializable state. Every call is synchronous; a failing call changes nothing. */
export class Org implements EmulatedOrg {
  readonly maxApiVersion = MAX_API_VERSION;

  private readonly streamListeners = new Set<(events: readonly StreamEvent[]) => void>();
  private commitNumber = 0;

  constructor(private state: OrgState, private readonly hooks: WorldHooks) {}

  get identity(): OrgIdentity {
    return { ...this.state.identity };
  }
  get kind(): OrgKind {
    return this.state.kind;
  }

  /** Turns an optional feature (Orders, Quotes, StreamingApi, Ideas, …) on or off, as a Setup change would. */
  setFeature(feature: string, on: boolean): void {
    this.state.features[feature] = on;
  }
  /**
   * Sets a user licence's (by Name) or a permission set licence's (by DeveloperName) seat count, as buying or
   * returning licences would. Used seats stay as they are.
   */
  setLicenseSeats(licenseName: string, total: number): void {
    if (!Number.isInteger(total) || total < 0) {
      throw new SalesforceError('INVALID_FIELD', `Seats for licence '${licenseName}' must be a whole number of 0 or more, not ${total} (emulator-invented message)`);
    }
    const licence = this.state.licenses.find((l) => l.name === licenseName) ?? this.state.permissionSetLicenses.find((l) => l.developerName === licenseName);
    if (!licence) {
      const known = [...this.state.licenses.map((l) => l.name), ...this.state.permissionSetLicenses.map((l) => l.developerName)].join(', ');
      throw new SalesforceError('NOT_FOUND', `No user licence named '${licenseName}'; this org has: ${known} (emulator-invented message)`, 404);
    }
    licence.totalLicenses = total;
  }

  /** Marks a user's login password-locked (too many failed logins); no API can set it. */
  lockPassword(userId: string): void {
    const id = toId18(userId);
    this.transact((draft, env) => lockPassword(draft, env.now, id ?? userId));
  }

  /** Adds custom objects and fields (admin hook; see EmulatedOrg.addCustomSchema). */
  addCustomSchema(objects: readonly unknown[]): void {
    const specs = objects.map((o, i) => toCustomObjectSpec(o, i));
    this.transact((draft, env) => addCustomSchema(draft, specs, env.nextId, env.now));
  }

  private nextId(state: OrgState, prefix: string): string {
    state.seq += 1;
    return makeId(prefix, state.podTag, state.seq);
  }

  /** Runs a mutation on a copy (of the parts it reaches: lazyDraft) and keeps it only when it did not throw. */
  private transact<T>(fn: (draft: OrgState, env: DmlEnv) => T): T {
    const { draft, result: next } = lazyDraft(this.state);
    const env: DmlEnv = {
      now: this.hooks.now(),
      nextId: (prefix) => this.nextId(draft, prefix),
      usernameTaken: (u, except) => this.hooks.usernameTaken(u, except) || draft.users.some((x) => x.id !== except && String(x.fields['Username']).toLowerCase() === u.toLowerCase()),
    };
    const result = fn(draft, env);
    this.state = next();
    return result;
  }

  query(soql: string): QueryResult {
    return executeQuery(this.state, soql, MAX_API_VERSION);
  }
  queryColumns(soql: string): readonly ColumnMetadata[] {
    return queryColumnsOf(this.state, soql);
  }
  describe(sobjectType: string): Record<string, unknown> {
    return describeSObject(this.state, sobjectType, MAX_API_VERSION);
  }
  describeGlobal(): Record<string, unknown> {
    return describeGlobalOf(this.state, MAX_API_VERSION);
  }
  create(sobjectType: string, fields: Readonly<Record<string, unknown>>, options?: DmlOptions): string {
    const before = this.state;
    const id = this.transact((draft, env) => createRecord(draft, env, sobjectType, fields));
    this.publish(before, 'CREATE', sobjectType, id, options);
    return id;
  }
  update(sobjectType: string, id: string, fields: Readonly<Record<string, unknown>>, options?: DmlOptions): void {
    const before = this.state;
    this.transact((draft, env) => updateRecord(draft, env, sobjectType, id, fields));
    this.publish(before, 'UPDATE', sobjectType, id, options);
  }
  retrieve(sobjectType: string, id: string, fields?: readonly string[]): SObjectRecord;
  retrieve(types: readonly RetrieveTypeMembers[], apiVersion: string): RetrieveOutcome;
  retrieve(a: string | readonly RetrieveTypeMembers[], b: string, c?: readonly string[]): SObjectRecord | RetrieveOutcome {
    if (typeof a === 'string') return retrieveRecord(this.state, a, b, c, MAX_API_VERSION);
    return runRetrieve(this.state, a, b);
  }
  delete(sobjectType: string, id: string, options?: DmlOptions): void {
    const before = this.state;
    this.transact((draft, env) => deleteRecord(draft, sobjectType, id, env.now));
    this.publish(before, 'DELETE', sobjectType, id, options);
  }

  /** After a committed DML: the change event (selected entities) and PushTopic events it makes, to every listener. */
  private publish(before: OrgState, changeType: ChangeType, sobjectType: string, id: string, options: DmlOptions | undefined): void {
    if (this.streamListeners.size === 0) return;
    const def = sobjectDef(this.state, sobjectType);
    if (!def) return;
    const id18 = toId18(id) ?? id;
    const find = (s: OrgState): Record<string, unknown> | undefined => rowsOf(s, def.name).find((r) => r['Id'] === id18);
    const beforeRow = changeType === 'CREATE' ? undefined : find(before);
    const afterRow = changeType === 'DELETE' ? undefined : find(this.state);
    const change: RecordChange = {
      entityName: def.name, changeType, recordId: id18, ...(beforeRow ? { before: beforeRow } : {}), ...(afterRow ? { after: afterRow } : {}),
      commitUser: this.state.identity.userId, commitTimestamp: Date.now(), origin: options?.origin ?? `com/salesforce/api/rest/${MAX_API_VERSION}`,
    };
    this.commitNumber += 1;
    const changed = changeType === 'UPDATE' ? changeBody(change).changedFields : [];
    const events = [...changeEventsFor(this.state, change, this.commitNumber), ...topicEventsFor(before, this.state, change, changed)];
    if (events.length === 0) return;
    for (const l of this.streamListeners) l(events);
  }

  onStreamEvents(listener: (events: readonly StreamEvent[]) => void): () => void {
    this.streamListeners.add(listener);
    return () => {
      this.streamListeners.delete(listener);
    };
  }
  activeUserId(username: string): string | undefined {
    const lower = username.toLowerCase();
    return this.state.users.find((u) => String(u.fields['Username']).toLowerCase() === lower && u.fields['IsActive'] === true)?.id;
  }
  streamingHandshake(userId: string): void {
    checkHandshake(this.state, userId);
  }
  streamingSubscribe(userId: string, channel: string): void {
    checkSubscribe(this.state, userId, channel);
  }
  streamingDeliver(userId: string, subscription: string, event: StreamEvent): Record<string, unknown> | undefined {
    return deliverTo(this.state, userId, subscription, event);
  }
  toolingQuery(soql: string): QueryResult {
    return executeQuery(this.state, soql, MAX_API_VERSION, { tooling: true });
  }
  /** How many entities Change Data Capture may select (admin hook: the add-on). */
  setCdcEntityLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 0) throw new SalesforceError('INVALID_FIELD', `The Change Data Capture entity limit must be a whole number of 0 or more, not ${limit} (emulator-invented message)`);
    if (limit === DEFAULT_CDC_ENTITY_LIMIT) delete this.state.cdcEntityLimit;
    else this.state.cdcEntityLimit = limit;
  }
  resetPassword(userId: string): void {
    const id = toId18(userId);
    const user = id ? this.state.users.find((u) => u.id === id) : undefined;
    if (!user) throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400);
    if (user.fields['IsActive'] !== true) throw new SalesforceError('INACTIVE_OWNER_OR_USER', 'operation performed with inactive user', 400);
    this.transact((draft) => {
      draft.events.push({ type: 'resetPassword', userId: user.id, at: this.hooks.now() });
    });
  }

  deploy(files: ReadonlyMap<string, Buffer>, options: DeployRequestOptions): DeployOutcome {
    const { outcome, next } = runDeploy(this.state, files, options, { now: this.hooks.now(), nextId: (s, prefix) => this.nextId(s, prefix) });
    if (next) this.state = next;
    return outcome;
  }
  listMetadata(type: string): readonly FileProperties[] {
    return listMetadataOf(this.state, type);
  }
  describeMetadata(): readonly MetadataTypeDescription[] {
    return METADATA_TYPES;
  }

  // ---- OAuth and External Client Apps (model/oauth) ----

  /** Tokens issued through OAuth flows → the user they run as. In memory only: a restart ends the sessions. */
  private readonly oauthSessions = new Map<string, string>();

  readMetadata(type: string, fullNames: readonly string[]): ReadonlyArray<Record<string, unknown>> {
    if (type === 'EventSettings' || type === 'PlatformEventChannelMember') return readStreamingMetadata(this.state, type, fullNames);
    if (!isEcaType(type)) throw new SalesforceError('INVALID_TYPE', `readMetadata of ${type} is not supported by the emulated org (emulator-invented message)`);
    return readEca(this.state, type, fullNames);
  }
  hasConsumerKey(clientId: string): boolean {
    return (this.state.ecaConsumers ?? []).some((c) => c.key === clientId);
  }
  clientCredentialsGrant(clientId: string, clientSecret: string): TokenGrant {
    const { user, app } = grantClientCredentials(this.state, clientId, clientSecret);
    const accessToken = this.openSession(user.id);
    if (!(this.state.ecaUsage ?? []).includes(app)) this.transact((draft) => void (draft.ecaUsage ??= []).push(app));
    return { accessToken, userId: user.id, orgId: this.state.identity.orgId, scope: scopeOf(this.state, app), issuedAt: String(Date.parse(this.hooks.now())) };
  }
  sessionUserId(token: string): string | undefined {
    return this.oauthSessions.get(token);
  }
  openSession(userId: string): string {
    const accessToken = `${this.state.identity.orgId.slice(0, 15)}!AQ${randomBytes(24).toString('hex')}`;
    this.oauthSessions.set(accessToken, userId);
    return accessToken;
  }
  revokeSession(token: string): boolean {
    return this.oauthSessions.delete(token);
  }
  asUser(userId: string): EmulatedOrg {
    return userView(this, () => this.state, userId);
  }
  userInfo(userId: string): Record<string, unknown> {
    const user = this.state.users.find((u) => u.id === userId);
    if (!user) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
    const { profile } = grantsOf(this.state, user);
    const f = user.fields;
    const orgId = this.state.identity.orgId;
    return {
      sub: `https://login.salesforce.com/id/${orgId}/${user.id}`,
      user_id: user.id,
      organization_id: orgId,
      preferred_username: f['Username'],
      nickname: f['CommunityNickname'] ?? f['Alias'] ?? null,
      name: [f['FirstName'], f['LastName']].filter((x) => typeof x === 'string' && x !== '').join(' '),
      email: f['Email'] ?? null,
      email_verified: true,
      given_name: f['FirstName'] ?? null,
      family_name: f['LastName'] ?? null,
      zoneinfo: f['TimeZoneSidKey'] ?? null,
      locale: f['LocaleSidKey'] ?? null,
      active: f['IsActive'] === true,
      user_type: 'STANDARD',
      language: f['LanguageLocaleKey'] ?? null,
      is_salesforce_integration_user: profile?.userLicense === 'Salesforce Integration',
      utcOffset: 0,
      updated_at: this.hooks.now(),
    };
  }
  ecaConsumers(): readonly EcaConsumerInfo[] {
    return (this.state.ecaConsumers ?? []).map((c) => ({
      app: c.app,
      appId: (this.state.ecaComponents ?? []).find((x) => x.type === 'ExternalClientApplication' && x.fullName === c.app)?.id ?? '',
      consumerId: c.id,
      key: c.key,
      secret: c.secret,
    }));
  }
  ecaAppsWithUsage(): readonly string[] {
    return [...(this.state.ecaUsage ?? [])];
  }
  ecaSecretsViaRestApi(): boolean {
    return this.state.ecaSettings?.enableClientSecretInRestApiAccess === true;
  }
  setEcaSettings(settings: { readonly enableClientSecretInRestApiAccess: boolean }): void {
    this.transact((draft) => {
      draft.ecaSettings = { enableClientSecretInRestApiAccess: settings.enableClientSecretInRestApiAccess };
    });
  }
  setEcaFields(type: string, fullName: string, fields: Readonly<Record<string, string>>): void {
    const spec = ECA_TYPE_SPECS[type];
    if (!spec) throw new SalesforceError('INVALID_TYPE', `Not an External Client App type: ${type} (emulator-invented message)`);
    for (const k of Object.keys(fields)) {
      if (!spec.elements.includes(k) || k === 'consumerKey' || k === 'consumerSecret') throw new SalesforceError('INVALID_FIELD', `${type} has no settable element ${k} (emulator-invented message)`);
    }
    this.transact((draft) => {
      const c = (draft.ecaComponents ?? []).find((x) => x.type === type && x.fullName === fullName);
      if (!c) throw new SalesforceError('NOT_FOUND', `No ${type} named ${fullName} (emulator-invented message)`, 404);
      Object.assign(c.fields, fields);
      c.lastModifiedDate = this.hooks.now();
    });
  }

  /** Internal: the state for toJSON and world-wide username checks. */
  get stateForWorld(): OrgState {
    return this.state;
  }
  toJSON(): unknown {
    return structuredClone(this.state);
  }
}
