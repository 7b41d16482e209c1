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

async function bayeux(messages: unknown[], path = '/cometd/66.0'): Promise<{ status: number; type: string | null; body: unknown }> {
  const res = await fetch(`${org.instanceUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `OAuth ${org.orgs[0]?.accessToken as string}` },
    body: JSON.stringify(messages),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(await res.text()) };
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
    const clientId = (hs.body as Array<{ clientId: string; successful: boolean }>)[0]?.clientId as string;
    expect((hs.body as Array<{ successful: boolean }>)[0]?.successful).toBe(true);
    // The session needs its BAYEUX_BROWSER cookie for anything but an unknown-client answer; disconnect without it is refused.
    const refusedDisconnect = await bayeux([{ channel: '/meta/disconnect', clientId, id: '2' }]);
    expect((refusedDisconnect.body as Array<{ error: string }>)[0]?.error).toBe(`400::Client ${clientId} has established a session, but no BAYEUX_BROWSER cookie present`);
  });
});
