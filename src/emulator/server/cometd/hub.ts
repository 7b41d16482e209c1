/**
 * The emulated org's CometD (Bayeux 1.0) endpoint as Salesforce runs it (streaming.md §1): handshake, long-polling
 * connect, subscribe with the replay extension, unsubscribe, disconnect, the session cookies, Salesforce's error strings.
 * The org model decides who may subscribe and what each subscriber receives; this layer assigns replay ids, keeps the
 * retained events, queues deliveries per client and holds the long polls.
 */
import { randomBytes } from 'node:crypto';
import { StreamingRefusal, type EmulatedOrg, type EmulatedWorld, type StreamEvent } from '../../model/api';
import type { Reply, Request } from '../http';
import { tokenOf, UserSessions, type Principal } from './sessions';

export interface CometdOptions {
  /** How long an idle /meta/connect is held, in ms (advice.timeout); Salesforce holds 110 s. */
  readonly timeoutMs?: number;
  /** How long a session lives without a request after a reply, in ms; Salesforce drops it after 40 s. */
  readonly maxIntervalMs?: number;
  /** Events retained per org at most (besides the 24 h / 72 h retention); default 100,000. */
  readonly maxRetained?: number;
}

type Message = Record<string, unknown>;

interface Retained {
  readonly replayId: number;
  readonly event: StreamEvent;
  readonly expiresAt: number;
}

interface OrgLog {
  lastReplayId: number;
  readonly entries: Retained[];
  unsubscribe: () => void;
}

interface Client {
  readonly id: string;
  readonly org: EmulatedOrg;
  readonly userId: string;
  readonly browser: string;
  readonly subscriptions: Set<string>;
  queue: Message[];
  connected: boolean;
  lastSeen: number;
  held: (() => void) | undefined;
}

/** Bodies over this are refused (streaming.md §1). */
export const MAX_REQUEST_BYTES = 32_768;
const MIN_VERSION = 37;

const bayeuxError = (m: Message, extra: Message): Message => ({
  ...(m['id'] !== undefined ? { id: m['id'] } : {}), channel: m['channel'], successful: false, ...extra,
});

function cookiesOf(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export class StreamingHub {
  readonly sessions: UserSessions;
  private readonly logs = new Map<EmulatedOrg, OrgLog>();
  private readonly clients = new Map<string, Client>();
  private readonly timeoutMs: number;
  private readonly maxIntervalMs: number;
  private readonly maxRetained: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(world: EmulatedWorld, options: CometdOptions = {}) {
    this.sessions = new UserSessions(world);
    this.timeoutMs = options.timeoutMs ?? 110_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 40_000;
    this.maxRetained = options.maxRetained ?? 100_000;
    for (const org of world.orgs) this.logFor(org);
    this.sweeper = setInterval(() => this.sweep(), Math.min(5_000, this.maxIntervalMs)).unref();
  }

  /** The org's event log, listening to its DML from the first call on. */
  private logFor(org: EmulatedOrg): OrgLog {
    let log = this.logs.get(org);
    if (!log) {
      const fresh: OrgLog = { lastReplayId: 0, entries: [], unsubscribe: () => undefined };
      fresh.unsubscribe = org.onStreamEvents?.((events) => this.publish(org, fresh, events)) ?? (() => undefined);
      this.logs.set(org, fresh);
      log = fresh;
    }
    return log;
  }

  private publish(org: EmulatedOrg, log: OrgLog, events: readonly StreamEvent[]): void {
    const now = Date.now();
    while (log.entries.length > 0 && ((log.entries[0] as Retained).expiresAt < now || log.entries.length >= this.maxRetained)) log.entries.shift();
    const fresh: Retained[] = [];
    for (const event of events) {
      log.lastReplayId += 1;
      const r = { replayId: log.lastReplayId, event, expiresAt: event.createdAt + event.retentionHours * 3_600_000 };
      log.entries.push(r);
      fresh.push(r);
    }
    for (const c of this.clients.values()) {
      if (c.org !== org) continue;
      let added = false;
      for (const r of fresh) for (const sub of c.subscriptions) added = this.enqueue(c, sub, r) || added;
      if (added) this.wake(c);
    }
  }

  /** Queues what the client receives of one retained event on one subscription; true when something was queued. */
  private enqueue(c: Client, subscription: string, r: Retained): boolean {
    const data = c.org.streamingDeliver?.(c.userId, subscription, r.event);
    if (!data) return false;
    const ev = (typeof data['event'] === 'object' && data['event'] !== null ? data['event'] : {}) as Message;
    // faye hands data only to listeners of message.channel: echo the subscribed channel (streaming.md §1 Clients).
    c.queue.push({ channel: subscription, data: { ...data, event: { ...ev, replayId: r.replayId } } });
    return true;
  }

  private wake(c: Client): void {
    const release = c.held;
    if (!release) return;
    c.held = undefined;
    // Coalesce events published in the same tick into one connect reply.
    setImmediate(release);
  }

  private sweep(): void {
    const now = Date.now();
    for (const c of this.clients.values()) {
      if (!c.held && now - c.lastSeen > this.maxIntervalMs) this.clients.delete(c.id);
    }
  }

  /** Stops the sweeper, releases held polls, stops listening to the orgs. */
  close(): void {
    clearInterval(this.sweeper);
    for (const c of this.clients.values()) c.held?.();
    this.clients.clear();
    for (const log of this.logs.values()) log.unsubscribe();
  }

  /** POST /cometd/{version}[/handshake|/connect|…]: one Bayeux request (a JSON array of messages). */
  async handle(req: Request, version: string): Promise<Reply> {
    if (req.method !== 'POST') return { status: 405, headers: { Allow: 'POST' }, body: '' };
    if (req.body.length > MAX_REQUEST_BYTES) return { status: 413, headers: { 'Content-Type': 'text/plain' }, body: 'Maximum Request Size Exceeded' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body.toString('utf8'));
    } catch {
      return this.reply([{ channel: '/meta/unknown', successful: false, error: '400::Bad request: the body is not JSON (emulator-invented message)' }]);
    }
    const messages = (Array.isArray(parsed) ? parsed : [parsed]).filter((m): m is Message => typeof m === 'object' && m !== null);
    const header = req.raw.headers['authorization'];
    const token = tokenOf(typeof header === 'string' ? header : undefined);
    const principal = token !== undefined ? this.sessions.resolve(token) : undefined;
    const cookies = cookiesOf(req.raw.headers['cookie']);
    const setCookies: string[] = [];
    const out: Message[] = [];
    let connect: Message | undefined;
    for (const m of messages) {
      if (m['channel'] === '/meta/connect' && connect === undefined) {
        connect = m;
        continue;
      }
      out.push(this.message(m, version, token, principal, cookies, setCookies, req));
    }
    if (connect) {
      const [deliveries, reply] = await this.connect(connect, token, principal, cookies);
      out.unshift(...deliveries);
      out.push(reply);
    }
    return this.reply(out, setCookies);
  }

  private reply(messages: Message[], setCookies: string[] = []): Reply {
    // faye ignores the HTTP status and reads the body: errors travel as Bayeux messages in a 200 (streaming.md §1).
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json;charset=UTF-8' };
    if (setCookies.length > 0) headers['Set-Cookie'] = setCookies;
    return { status: 200, headers, body: JSON.stringify(messages) };
  }

  private message(m: Message, version: string, token: string | undefined, principal: Principal | undefined, cookies: Map<string, string>, setCookies: string[], req: Request): Message {
    const channel = m['channel'];
    if (channel === '/meta/handshake') return this.handshake(m, version, token, principal, cookies, setCookies, req);
    const client = this.clientOf(m);
    if (typeof channel !== 'string') return bayeuxError(m, { error: '400::Channel name not specified' });
    if (!client) {
      if (m['clientId'] === undefined) return bayeuxError(m, { error: '403::Client has not completed handshake' });
      return bayeuxError(m, { clientId: m['clientId'], error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } });
    }
    client.lastSeen = Date.now();
    const missingCookie = this.cookieProblem(client, cookies, m);
    if (missingCookie) return missingCookie;
    switch (channel) {
      case '/meta/subscribe':
        return this.subscribe(client, m);
      case '/meta/unsubscribe': {
        const subscription = m['subscription'];
        if (typeof subscription !== 'string' || subscription === '') return bayeuxError(m, { clientId: client.id, error: '400::Channel name not specified' });
        client.subscriptions.delete(subscription);
        client.queue = client.queue.filter((q) => q['channel'] !== subscription);
        return { clientId: client.id, channel, id: m['id'], subscription, successful: true };
      }
      case '/meta/disconnect':
        this.clients.delete(client.id);
        client.held?.();
        return { clientId: client.id, channel, id: m['id'], successful: true };
      default:
        // Clients subscribe; they do not publish over CometD.
        return bayeuxError(m, { clientId: client.id, error: `403::Publish denied on ${channel}: the Streaming API takes no publish requests over CometD (emulator-invented message)` });
    }
  }

  private clientOf(m: Message): Client | undefined {
    const id = m['clientId'];
    return typeof id === 'string' ? this.clients.get(id) : undefined;
  }

  private cookieProblem(client: Client, cookies: Map<string, string>, m: Message): Message | undefined {
    if (cookies.get('BAYEUX_BROWSER') === client.browser) return undefined;
    return bayeuxError(m, { clientId: client.id, error: `400::Client ${client.id} has established a session, but no BAYEUX_BROWSER cookie present` });
  }

  private handshake(m: Message, version: string, token: string | undefined, principal: Principal | undefined, cookies: Map<string, string>, setCookies: string[], req: Request): Message {
    const denied = (failureReason: string): Message => bayeuxError(m, {
      version: '1.0', minimumVersion: '1.0', supportedConnectionTypes: ['long-polling'], error: '403::Handshake denied',
      advice: { reconnect: 'none', interval: 0 }, ext: { sfdc: { failureReason }, replay: true, 'payload.format': true },
    });
    const v = Number.parseFloat(version);
    if (!(v >= MIN_VERSION)) return denied(`400::API version ${version} does not support the Streaming API; use ${MIN_VERSION}.0 or later (emulator-invented message)`);
    if (token === undefined) return denied('401::Request requires authentication');
    if (!principal) return denied('401::Authentication invalid');
    if (v > Number.parseFloat(principal.org.maxApiVersion)) return denied(`400::API version ${version} is above this org's ${principal.org.maxApiVersion} (emulator-invented message)`);
    const types = m['supportedConnectionTypes'];
    if (Array.isArray(types) && !types.includes('long-polling')) {
      return bayeuxError(m, { error: `400::Invalid connection type ${types.join(',')}`, advice: { reconnect: 'none', interval: 0 } });
    }
    try {
      principal.org.streamingHandshake?.(principal.userId);
    } catch (err) {
      if (err instanceof StreamingRefusal) return denied(err.failureReason ?? err.bayeuxError);
      throw err;
    }
    const secure = (req.raw.socket as { encrypted?: boolean }).encrypted === true ? '; Secure' : '';
    let browser = cookies.get('BAYEUX_BROWSER');
    if (browser === undefined || ![...this.clients.values()].some((c) => c.browser === browser)) {
      browser = randomBytes(6).toString('hex');
      // A real handshake sets these four (streaming.md §1 Cookies); no Domain, so tough-cookie keeps them on 127.0.0.1.
      setCookies.push(
        `BrowserId=${randomBytes(11).toString('base64url')}; Path=/; HttpOnly${secure}`,
        `t=!${randomBytes(12).toString('hex')}; Path=/cometd/; HttpOnly${secure}`,
        `BAYEUX_BROWSER=${browser}; Path=/cometd/; HttpOnly${secure}`,
        `force-stream=!${randomBytes(12).toString('hex')}; Path=/; HttpOnly${secure}`,
      );
    }
    const id = randomBytes(16).toString('base64url').replace(/[-_]/g, '').slice(0, 20);
    this.logFor(principal.org);
    this.clients.set(id, { id, org: principal.org, userId: principal.userId, browser, subscriptions: new Set(), queue: [], connected: false, lastSeen: Date.now(), held: undefined });
    return {
      ext: { replay: true, 'payload.format': true }, minimumVersion: '1.0', clientId: id, supportedConnectionTypes: ['long-polling'],
      channel: '/meta/handshake', ...(m['id'] !== undefined ? { id: m['id'] } : {}), version: '1.0', successful: true,
    };
  }

  private subscribe(client: Client, m: Message): Message {
    const subscription = m['subscription'];
    const base = { clientId: client.id, channel: '/meta/subscribe', id: m['id'], subscription };
    if (typeof subscription !== 'string' || subscription === '') return { ...base, successful: false, error: '400::Channel name not specified' };
    if (!subscription.startsWith('/')) return { ...base, successful: false, error: "400::Channel subscriptions must start with a leading '/'" };
    try {
      client.org.streamingSubscribe?.(client.userId, subscription);
    } catch (err) {
      if (err instanceof StreamingRefusal) return { ...base, successful: false, error: err.bayeuxError };
      throw err;
    }
    const log = this.logFor(client.org);
    const ext = (typeof m['ext'] === 'object' && m['ext'] !== null ? m['ext'] : {}) as Message;
    const replayMap = typeof ext['replay'] === 'object' && ext['replay'] !== null ? (ext['replay'] as Message) : undefined;
    let from = -1;
    if (replayMap && Object.keys(replayMap).length > 0) {
      if (!(subscription in replayMap) || replayMap[subscription] === null || replayMap[subscription] === undefined) {
        return { ...base, successful: false, error: `400::The replayId for channel {${subscription}} wasn't found using the provided replay ID map.` };
      }
      const raw = replayMap[subscription];
      const n = typeof raw === 'number' ? raw : Number(raw);
      const oldest = log.entries[0]?.replayId ?? log.lastReplayId + 1;
      const valid = Number.isInteger(n) && (n === -1 || n === -2 || (n >= oldest - 1 && n <= log.lastReplayId));
      if (!valid) {
        return { ...base, successful: false, error: `400::The replayId {${String(raw)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.` };
      }
      from = n;
    }
    client.subscriptions.add(subscription);
    if (from !== -1) {
      let added = false;
      for (const r of log.entries) if (from === -2 || r.replayId > from) added = this.enqueue(client, subscription, r) || added;
      if (added) this.wake(client);
    }
    return { ...base, successful: true };
  }

  private async connect(m: Message, token: string | undefined, principal: Principal | undefined, cookies: Map<string, string>): Promise<[Message[], Message]> {
    const client = this.clientOf(m);
    if (!client) {
      return [[], bayeuxError(m, { clientId: m['clientId'], error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } })];
    }
    client.lastSeen = Date.now();
    const missingCookie = this.cookieProblem(client, cookies, m);
    if (missingCookie) return [[], missingCookie];
    // The token is checked again while connected (streaming.md §1 Timeouts): a revoked one ends the session.
    if (token === undefined || !principal || principal.org !== client.org || principal.userId !== client.userId) {
      this.clients.delete(client.id);
      return [[], bayeuxError(m, { clientId: client.id, error: '401::Authentication invalid', advice: { reconnect: 'none', interval: 0 } })];
    }
    const type = m['connectionType'];
    if (type !== 'long-polling') {
      return [[], bayeuxError(m, { clientId: client.id, error: `400::Invalid connection type ${String(type)}` })];
    }
    const ok = (extra: Message = {}): Message => ({ clientId: client.id, channel: '/meta/connect', id: m['id'], successful: true, ...extra });
    if (!client.connected) {
      client.connected = true;
      return [this.drain(client), ok({ advice: { interval: 0, timeout: this.timeoutMs, reconnect: 'retry' } })];
    }
    if (client.queue.length === 0) {
      client.held?.(); // a newer connect replaces a held one
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (client.held === release) client.held = undefined;
          resolve();
        }, this.timeoutMs);
        const release = (): void => {
          clearTimeout(timer);
          resolve();
        };
        client.held = release;
      });
      client.lastSeen = Date.now();
      if (!this.clients.has(client.id)) return [this.drain(client), ok()];
    }
    return [this.drain(client), ok()];
  }

  private drain(c: Client): Message[] {
    const out = c.queue;
    c.queue = [];
    return out;
  }
}

/** '/cometd/66.0', '/cometd/66.0/', '/cometd/66.0/connect' (cometd-nodejs-client appends the message type). */
export const COMETD_PATH = /^\/cometd\/(\d+\.\d)(?:\/(?:handshake|connect|subscribe|unsubscribe|disconnect))?\/?$/;
