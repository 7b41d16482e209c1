/**
 * Streaming checks (reference/streaming.md): what the vendor's sync needs from the org and from the integration user.
 *
 * As the admin: the Streaming API is on (EventSettings.enableStreamingApi, readMetadata), the org's Change Data Capture
 * selections (Tooling API PlatformEventChannelMember) are within the allocation together with the committed ones, and
 * every committed selection is present.
 *
 * As the integration user (client-credentials session): a CometD handshake on /cometd/<apiVersion>, then a subscribe to
 * /data/ChangeEvents, to each selected object's channel and, with streaming.pushTopics, to each active PushTopic,
 * through jsforce's streaming client (faye). Subscribing writes nothing to the org; every client is disconnected.
 */
import { describeError } from '../deploy/scrub';
import { changeEventChannel, changeEventName, CHANGE_EVENTS_CHANNEL } from '../model/streaming';
import { byteOrder } from '../model/userPermissions';
import type { CheckContext, CheckGroup, CheckResult, IntegrationSession } from './types';

export const STREAMING_CHECK_NAMES = {
  setting: 'Streaming API on (EventSettings)',
  limit: 'Change Data Capture selections within the limit',
  present: 'Committed Change Data Capture selections present',
  handshake: 'CometD handshake as the integration user',
} as const;

/** How long one handshake or subscribe may take before it counts as failed (ms); APIONLY_STREAMING_TIMEOUT_MS overrides. */
const DEFAULT_TIMEOUT_MS = 30_000;

function deployFix(ctx: CheckContext): string {
  return `Run \`npm run deploy -- --target-org ${ctx.org.target}\` (it deploys the committed platformEventChannelMembers/ with the rest).`;
}

// ---------------------------------------------------------------- admin side

async function settingCheck(ctx: CheckContext): Promise<CheckResult> {
  const name = STREAMING_CHECK_NAMES.setting;
  const conn = ctx.admin.connection;
  if (!conn) return { name, passed: false, detail: 'no admin connection to read EventSettings with', fix: 'Run the check with --target-org naming an admin of the org.' };
  try {
    const read = conn.metadata.read.bind(conn.metadata) as unknown as (type: string, names: string[]) => Promise<unknown>;
    const result = await read('EventSettings', ['Event']);
    const record = (Array.isArray(result) ? result[0] : result) as Record<string, unknown> | undefined;
    if (!record || typeof record['fullName'] !== 'string') {
      return { name, passed: false, detail: 'readMetadata(EventSettings, Event) returned no record', fix: 'Check the admin may read setup (Customize Application); the setting lives in Setup > Platform Events/Streaming API.' };
    }
    const on = record['enableStreamingApi'] === true || record['enableStreamingApi'] === 'true';
    return on
      ? { name, passed: true, detail: 'EventSettings.enableStreamingApi = true' }
      : {
          name, passed: false, detail: 'EventSettings.enableStreamingApi = false: every CometD handshake is refused',
          fix: 'Turn on "Enable Streaming API" in Setup > User Interface (or deploy settings/Event.settings-meta.xml with <enableStreamingApi>true</enableStreamingApi>).',
        };
  } catch (err) {
    const { code, message } = describeError(err, ctx.admin.secrets);
    return { name, passed: false, detail: `readMetadata(EventSettings, Event) failed: ${code}: ${message}`, fix: 'Check the admin has Customize Application or Modify Metadata.' };
  }
}

interface Selection {
  readonly developerName: string;
  readonly channel: string;
  readonly selectedEntity: string;
}

async function orgSelections(ctx: CheckContext): Promise<Selection[]> {
  const conn = ctx.admin.connection;
  if (!conn) throw new Error('no admin connection for the Tooling API');
  const result = (await conn.tooling.query('SELECT DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember')) as { records?: Array<Record<string, unknown>> };
  return (result.records ?? []).map((r) => ({ developerName: String(r['DeveloperName'] ?? ''), channel: String(r['EventChannel'] ?? ''), selectedEntity: String(r['SelectedEntity'] ?? '') }));
}

async function selectionChecks(ctx: CheckContext, limit: number): Promise<CheckResult[]> {
  const committed = ctx.config.config.streaming.changeDataCapture;
  let selections: Selection[];
  try {
    selections = await orgSelections(ctx);
  } catch (err) {
    const { code, message } = describeError(err, ctx.admin.secrets);
    return [{ name: STREAMING_CHECK_NAMES.limit, passed: false, detail: `Tooling API query of PlatformEventChannelMember failed: ${code}: ${message}`, fix: 'Check the admin has API access to the Tooling API (View Setup and Configuration).' }];
  }
  const inOrg = [...new Set(selections.map((s) => s.selectedEntity))].sort(byteOrder);
  const wanted = committed.map(changeEventName);
  const after = [...new Set([...inOrg, ...wanted])].sort(byteOrder);
  const results: CheckResult[] = [];
  const over = after.length > limit;
  results.push(
    over
      ? {
          name: STREAMING_CHECK_NAMES.limit,
          passed: false,
          detail: `the org selects ${inOrg.length} (${inOrg.join(', ') || 'none'}); with the committed ones that is ${after.length}, over the allocation of ${limit} entities across all channels`,
          fix: `Deselect entities the vendor does not need (Setup > Change Data Capture, or a destructive deploy of their PlatformEventChannelMember), or keep at most ${limit} in streaming.changeDataCapture; the add-on raises the limit.`,
        }
      : { name: STREAMING_CHECK_NAMES.limit, passed: true, detail: `${after.length} of ${limit} entities selected with the committed ones (in the org now: ${inOrg.join(', ') || 'none'})` },
  );
  if (committed.length > 0) {
    const present = new Set(selections.filter((s) => s.channel === CHANGE_EVENTS_CHANNEL || s.channel === '').map((s) => s.selectedEntity));
    const missing = committed.filter((o) => !present.has(changeEventName(o)));
    results.push(
      missing.length === 0
        ? { name: STREAMING_CHECK_NAMES.present, passed: true, detail: `${committed.map(changeEventName).join(', ')} on the ${CHANGE_EVENTS_CHANNEL} channel` }
        : { name: STREAMING_CHECK_NAMES.present, passed: false, detail: `not selected in the org: ${missing.map(changeEventName).join(', ')}`, fix: deployFix(ctx) },
    );
  }
  return results;
}

// ---------------------------------------------------------------- integration side

type FayeMessage = Record<string, any>;
interface FayeClient {
  subscribe(channel: string, listener: (m: unknown) => void): { callback(fn: () => void): unknown; errback(fn: (e: unknown) => void): unknown; cancel(): void };
  disconnect(): void;
}

/** Salesforce's 'code::text' error string from faye's parsed error ({code, params, message}). */
function bayeuxText(e: unknown): string {
  const f = e as { code?: number; params?: string[]; message?: string };
  if (f && typeof f === 'object' && f.code !== undefined) return `${f.code}:${(f.params ?? []).join(',')}:${f.message ?? ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** What to do about a refused subscribe, by Salesforce's error string (streaming.md §1 Errors, §3). */
export function subscribeFix(ctx: CheckContext, channel: string, error: string): string {
  const object = channel.startsWith('/data/') ? channel.slice('/data/'.length) : channel;
  if (/View All Data|Restricted channel/.test(error)) {
    return `The integration user lacks View All on ${object.replace(/ChangeEvent$/, '')} (View All Users for User, View All Data for Task and Event): list it in streaming.changeDataCapture, run \`npm run generate\`, commit, and ${deployFix(ctx).charAt(0).toLowerCase()}${deployFix(ctx).slice(1)}`;
  }
  if (/does not exist|doesn't exist/.test(error)) {
    return channel.startsWith('/topic/') ? `The PushTopic ${channel.slice(7)} is gone: the vendor must create it again (it writes PushTopic records).` : `${object} is not a change event this org publishes: check the object exists and supports Change Data Capture.`;
  }
  if (/User not enabled for streaming/.test(error)) return `The integration user lacks Read on PushTopic: set "streaming": {"pushTopics": true}, run \`npm run generate\`, commit, and deploy.`;
  if (/access to the entity in this topic|fields referenced in the where clause/.test(error)) return `The integration user cannot read the topic's object or the fields of its WHERE clause: grant Read on them in profile.objects and deploy.`;
  if (/concurrent user limit|concurrent client/.test(error)) return 'Too many CometD clients are connected to the org: stop unused subscribers (the allocation counts every client across all event types).';
  if (/Authentication invalid|Unknown client|Handshake denied/.test(error)) return 'The session was refused: rerun the check; if it persists, check the integration user is active and the External Client App session policies.';
  return 'See the error text; rerun the check once it is fixed.';
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); })]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Active PushTopics the integration user can see (empty when it may not query PushTopic). */
async function activeTopics(session: IntegrationSession): Promise<{ names: string[]; error?: string }> {
  try {
    const rows = await session.client.query('SELECT Name FROM PushTopic WHERE IsActive = true');
    return { names: rows.map((r) => String(r['Name'])).sort(byteOrder) };
  } catch (err) {
    const { code, message } = describeError(err, [session.accessToken]);
    return { names: [], error: `${code}: ${message}` };
  }
}

/** A jsforce streaming client on the session, with extensions that record the handshake reply and an auth failure. */
function streamingClient(session: IntegrationSession): { client: FayeClient; handshake: Promise<FayeMessage> } {
  const { Streaming } = require('@jsforce/jsforce-node/lib/api/streaming') as { Streaming: new (conn: unknown) => { createClient(ext: unknown[]): FayeClient } };
  let settle: (m: FayeMessage) => void = () => undefined;
  const handshake = new Promise<FayeMessage>((resolve) => {
    settle = resolve;
  });
  const recorder = {
    incoming(message: FayeMessage, callback: (m: FayeMessage) => void): void {
      if (message['channel'] === '/meta/handshake') settle(message);
      if (message['channel'] === '/meta/connect' && message['advice']?.reconnect === 'none') settle(message);
      callback(message);
    },
  };
  const client = new Streaming(session.connection).createClient([recorder]);
  return { client, handshake };
}

async function integrationStreamingChecks(ctx: CheckContext, session: IntegrationSession): Promise<CheckResult[]> {
  const { streaming } = ctx.config.config;
  const timeoutMs = Number(ctx.env['APIONLY_STREAMING_TIMEOUT_MS'] ?? '') || DEFAULT_TIMEOUT_MS;
  const endpoint = `/cometd/${session.connection.version}`;
  const channels = [`/data/ChangeEvents`, ...streaming.changeDataCapture.map(changeEventChannel)];
  const results: CheckResult[] = [];
  let topicsNote: CheckResult | undefined;
  if (streaming.pushTopics) {
    const topics = await activeTopics(session);
    if (topics.error) {
      topicsNote = { name: 'Read PushTopics', passed: false, detail: `SELECT Name FROM PushTopic as the integration user failed: ${topics.error}`, fix: 'The integration user needs Read on PushTopic: set streaming.pushTopics to true, generate, commit, and deploy.' };
    } else {
      topicsNote = { name: 'Read PushTopics', passed: true, detail: topics.names.length ? `active: ${topics.names.join(', ')}` : 'no active PushTopic in the org yet (the vendor creates them)' };
      channels.push(...topics.names.map((n) => `/topic/${n}`));
    }
  }

  const { client, handshake } = streamingClient(session);
  try {
    // The first subscribe makes faye handshake; its reply tells whether the session may stream at all.
    const first = channels[0] as string;
    const firstSub = client.subscribe(first, () => undefined);
    const firstResult = new Promise<void>((resolve, reject) => {
      firstSub.callback(() => resolve());
      firstSub.errback((e) => reject(new Error(bayeuxText(e))));
    });
    let hs: FayeMessage;
    try {
      hs = await withTimeout(handshake, timeoutMs, `handshake on ${endpoint}`);
    } catch (err) {
      return [{ name: STREAMING_CHECK_NAMES.handshake, passed: false, detail: (err as Error).message, fix: `Check ${ctx.org.instanceUrl}${endpoint} is reachable from here (proxies must allow long-polling POSTs) and the API version is 37.0 or later.` }];
    }
    if (hs['successful'] !== true) {
      const reason = String(hs['ext']?.sfdc?.failureReason ?? hs['error'] ?? 'refused');
      const fix = /not enabled for this organization|Streaming API is not enabled/i.test(reason)
        ? 'Turn on "Enable Streaming API" in Setup > User Interface (EventSettings.enableStreamingApi).'
        : /API is not enabled|ApiEnabled/i.test(reason)
          ? 'The integration user lacks API Enabled: keep "ApiEnabled": true in profile.userPermissions and deploy.'
          : subscribeFix(ctx, first, String(hs['error'] ?? reason));
      return [{ name: STREAMING_CHECK_NAMES.handshake, passed: false, detail: `${endpoint}: ${String(hs['error'] ?? '')} (${reason})`, fix }];
    }
    results.push({ name: STREAMING_CHECK_NAMES.handshake, passed: true, detail: `${endpoint}: clientId issued, replay extension ${hs['ext']?.replay === true ? 'on' : 'off'}` });
    if (topicsNote) results.push(topicsNote);

    const subscribeOne = async (channel: string, pending?: Promise<void>): Promise<CheckResult> => {
      const name = `Subscribe ${channel}`;
      try {
        await withTimeout(pending ?? new Promise<void>((resolve, reject) => {
          const sub = client.subscribe(channel, () => undefined);
          sub.callback(() => resolve());
          sub.errback((e) => reject(new Error(bayeuxText(e))));
        }), timeoutMs, `subscribe to ${channel}`);
        return { name, passed: true, detail: `subscribed as the integration user${channel === '/data/ChangeEvents' ? ' (events it may not see are dropped silently)' : ''}` };
      } catch (err) {
        const text = (err as Error).message;
        return { name, passed: false, detail: text, fix: subscribeFix(ctx, channel, text) };
      }
    };
    results.push(await subscribeOne(first, firstResult));
    for (const channel of channels.slice(1)) results.push(await subscribeOne(channel));
    return results;
  } finally {
    await disconnected(client);
  }
}

/**
 * Disconnects a faye client and waits for the org's reply (at most `timeoutMs`), so that no retry or long poll keeps
 * the process alive after the checks (a disconnect the org never answers would make faye retry forever).
 */
export function disconnected(client: { disconnect(): unknown }, timeoutMs = 2000): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    // faye answers with a deferrable; jsforce types it as void.
    const reply = client.disconnect() as { callback?: (fn: () => void) => unknown } | undefined;
    if (reply && typeof reply.callback === 'function') reply.callback(done);
    else done();
  });
}

export const streamingChecks: CheckGroup = {
  id: 'streaming',
  title: 'Streaming (CometD, Change Data Capture, PushTopics)',
  run: async (ctx) => {
    const { streaming } = ctx.config.config;
    if (streaming.changeDataCapture.length === 0 && !streaming.pushTopics) {
      return [{ name: 'Streaming configured', passed: true, detail: 'apionly.config.json has no "streaming" selections: nothing to check (add streaming.changeDataCapture or pushTopics when the vendor streams)' }];
    }
    const admin = [await settingCheck(ctx), ...(await selectionChecks(ctx, streaming.entityLimit))];
    const login = await ctx.integration();
    if (!login.ok) {
      return [...admin, { name: STREAMING_CHECK_NAMES.handshake, passed: false, detail: `not tried: the integration user has no session (${login.result.name} failed above)`, fix: login.result.fix ?? 'Fix the integration login first.' }];
    }
    return [...admin, ...(await integrationStreamingChecks(ctx, login.session))];
  },
};
