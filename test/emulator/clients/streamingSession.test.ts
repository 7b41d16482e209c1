/**
 * CometD session expiry with a real client: jsforce's streaming client (faye 1.4 underneath). A subscriber that stays
 * away longer than maxInterval loses its session; its next connect gets `403::Unknown client` with
 * `reconnect:"handshake"`, and faye re-handshakes, resubscribes and goes on receiving events (streaming.md §1 Timeouts,
 * Errors). The client is only slowed down through faye's own extension hook; every Bayeux message is faye's.
 */
import type { Connection } from '@salesforce/core';
import type { RunningEmulatedOrg } from '../../../src/emulator';
import { connectionFor, useEmulatedOrg } from '../../helpers/emulator';
import { collector, disconnected, subscribed } from '../../helpers/streaming';

const MAX_INTERVAL_MS = 800;
const emu = useEmulatedOrg({ cometd: { timeoutMs: 600, maxIntervalMs: MAX_INTERVAL_MS } });

let org: RunningEmulatedOrg;
let admin: Connection;

beforeAll(async () => {
  org = emu.get();
  admin = await connectionFor(org);
});

type Message = Record<string, any>;

/**
 * A faye extension that records every incoming message and, once armed, holds back the client's next /meta/connect for
 * `delayMs` before faye sends it, as a client whose process stalls or whose network drops for a while would.
 */
function stallingRecorder(delayMs: number): { seen: Message[]; arm(): Promise<void>; incoming(m: Message, cb: (m: Message) => void): void; outgoing(m: Message, cb: (m: Message) => void): void } {
  let armed = false;
  let released: (() => void) | undefined;
  const seen: Message[] = [];
  return {
    seen,
    arm: () => {
      armed = true;
      return new Promise<void>((resolve) => {
        released = resolve;
      });
    },
    incoming(m, cb) {
      seen.push(m);
      cb(m);
    },
    outgoing(m, cb) {
      if (!armed || m['channel'] !== '/meta/connect') return cb(m);
      armed = false;
      setTimeout(() => {
        cb(m);
        released?.();
      }, delayMs);
    },
  };
}

describe('CometD session expiry with jsforce', () => {
  it('Given a subscriber that stays away past maxInterval, when it connects again, then it gets 403::Unknown client, re-handshakes, resubscribes and receives the next REST event', async () => {
    await admin.sobject('PushTopic').create({ Name: 'ExpiryAccounts', Query: 'SELECT Id, Name FROM Account', ApiVersion: 66.0 });
    const got = collector();
    const recorder = stallingRecorder(MAX_INTERVAL_MS * 4);
    const client = admin.streaming.createClient([recorder]) as any;
    // Disconnect while the org still runs: a disconnect sent to a closed org would make faye retry forever.
    try {
      await expired(client, recorder, got);
    } finally {
      await disconnected(client);
    }
  });
});

async function expired(client: any, recorder: ReturnType<typeof stallingRecorder>, got: ReturnType<typeof collector>): Promise<void> {
  await subscribed(client.subscribe('/topic/ExpiryAccounts', got.listener));

  // Held long polls keep the session: after several timeouts the first session is still the only one.
  await new Promise((resolve) => setTimeout(resolve, MAX_INTERVAL_MS * 2));
  expect(recorder.seen.filter((m) => m['channel'] === '/meta/handshake')).toHaveLength(1);

  // Stall the next connect past maxInterval: the server drops the session meanwhile.
  await recorder.arm();
  const rehandshaken = (): boolean => recorder.seen.filter((m) => m['channel'] === '/meta/subscribe' && m['successful'] === true).length >= 2;
  while (!rehandshaken()) await new Promise((resolve) => setTimeout(resolve, 20));

  const account = (await admin.sobject('Account').create({ Name: 'After expiry' })) as { id: string };
  const [event] = await got.waitFor(1);
  expect(event?.['event']).toMatchObject({ type: 'created' });
  expect(event?.['sobject']).toEqual({ Id: account.id, Name: 'After expiry' });

  const handshakes = recorder.seen.filter((m) => m['channel'] === '/meta/handshake');
  expect(handshakes.map((m) => m['successful'])).toEqual([true, true]);
  const [first, second] = handshakes.map((m) => m['clientId'] as string);
  expect(second).not.toBe(first);
  const refused = recorder.seen.filter((m) => m['channel'] === '/meta/connect' && m['successful'] === false);
  expect(refused).toEqual([{ id: expect.any(String), channel: '/meta/connect', successful: false, clientId: first, error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } }]);
  // The refusal came before the second handshake, and the resubscribe ran on the new session.
  expect(recorder.seen.indexOf(refused[0] as Message)).toBeLessThan(recorder.seen.indexOf(handshakes[1] as Message));
  const subscribes = recorder.seen.filter((m) => m['channel'] === '/meta/subscribe');
  expect(subscribes.map((m) => [m['clientId'], m['subscription'], m['successful']])).toEqual([
    [first, '/topic/ExpiryAccounts', true],
    [second, '/topic/ExpiryAccounts', true],
  ]);
  expect(got.messages).toHaveLength(1);
}
