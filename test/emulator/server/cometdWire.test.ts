/**
 * The CometD endpoint's answer to an unknown clientId, checked byte for byte with plain fetch: `403::Unknown client`
 * with `advice.reconnect:"handshake"` (streaming.md §1 Errors), on /meta/connect and on /meta/subscribe.
 */
import type { RunningEmulatedOrg } from '../../../src/emulator';
import { useEmulatedOrg } from '../../helpers/emulator';

const emu = useEmulatedOrg({ cometd: { timeoutMs: 500 } });
let org: RunningEmulatedOrg;

beforeAll(() => {
  org = emu.get();
});

async function bayeux(messages: unknown[], path = '/cometd/66.0', cookie?: string): Promise<{ status: number; type: string | null; body: unknown; cookies: string[] }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `OAuth ${org.orgs[0]?.accessToken as string}` };
  if (cookie) headers['Cookie'] = cookie;
  const res = await fetch(`${org.instanceUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(messages) });
  return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(await res.text()), cookies: res.headers.getSetCookie() };
}

describe('CometD unknown client', () => {
  it('Given a clientId the server never issued, when it connects, then the reply is 403::Unknown client with reconnect handshake in an HTTP 200', async () => {
    const r = await bayeux([{ channel: '/meta/connect', clientId: 'neverIssued123', connectionType: 'long-polling', id: '7' }], '/cometd/66.0/connect');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json;charset=UTF-8');
    expect(r.body).toEqual([{ id: '7', channel: '/meta/connect', successful: false, clientId: 'neverIssued123', error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } }]);
  });

  it('Given a clientId the server never issued, when it subscribes, then the reply is 403::Unknown client with reconnect handshake', async () => {
    const r = await bayeux([{ channel: '/meta/subscribe', clientId: 'neverIssued123', subscription: '/data/ChangeEvents', id: '8' }]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([{ id: '8', channel: '/meta/subscribe', successful: false, clientId: 'neverIssued123', error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } }]);
  });

  it('Given a session ended by /meta/disconnect, when its clientId connects again, then it is an unknown client', async () => {
    const hs = await bayeux([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' }]);
    const [handshake] = hs.body as Array<{ clientId: string; successful: boolean }>;
    expect(handshake?.successful).toBe(true);
    const clientId = handshake?.clientId as string;
    const cookie = hs.cookies.map((c) => c.split(';')[0]).join('; ');
    expect(cookie).toMatch(/BAYEUX_BROWSER=\w+/);
    expect((await bayeux([{ channel: '/meta/disconnect', clientId, id: '2' }], '/cometd/66.0', cookie)).body).toEqual([{ clientId, channel: '/meta/disconnect', id: '2', successful: true }]);
    const again = await bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '3' }], '/cometd/66.0', cookie);
    expect(again.body).toEqual([{ id: '3', channel: '/meta/connect', successful: false, clientId, error: '403::Unknown client', advice: { interval: 0, reconnect: 'handshake' } }]);
  });
});
