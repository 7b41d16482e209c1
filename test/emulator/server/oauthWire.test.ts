/**
 * The token endpoint on the wire (node:http, so the Host header can be set): My Domain only, a Basic header as
 * well as form fields, refused grants, and the JSON error shape `{error, error_description}`.
 */
import { request } from 'node:http';
import { useEmulatedOrg } from '../../helpers/emulator';
import { setUpEcaOrg, type EcaOrg } from '../clients/ecaSetup';

const emu = useEmulatedOrg({ orgs: [{ kind: 'sandbox' }] });
let eca: EcaOrg;

beforeAll(() => {
  eca = setUpEcaOrg(emu.get().world.orgs[0] as never);
});

function post(body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; type: string; json: Record<string, string> }> {
  const url = new URL('/services/oauth2/token', emu.get().instanceUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), json: JSON.parse(text) as Record<string, string> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (o: Record<string, string>): string => new URLSearchParams(o).toString();

describe('POST /services/oauth2/token', () => {
  it('Given the client id and secret in a Basic header, When posted, Then a token is issued', async () => {
    const r = await post(form({ grant_type: 'client_credentials' }), { Authorization: `Basic ${Buffer.from(`${eca.key}:${eca.secret}`).toString('base64')}` });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json;charset=UTF-8');
    expect(r.json['access_token']).toMatch(/^00D/);
  });

  it.each(['login.salesforce.com', 'test.salesforce.com'])('Given the Host %s, When posted, Then invalid_grant "request not supported on this domain"', async (host) => {
    const r = await post(form({ grant_type: 'client_credentials', client_id: eca.key, client_secret: eca.secret }), { Host: host });
    expect([r.status, r.json]).toEqual([400, { error: 'invalid_grant', error_description: 'request not supported on this domain' }]);
  });

  it('Given an unknown grant type, When posted, Then unsupported_grant_type', async () => {
    const r = await post(form({ grant_type: 'magic' }));
    expect([r.status, r.json]).toEqual([400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' }]);
  });

  it('Given a malformed Basic header, When posted, Then invalid_client, never a server error', async () => {
    const r = await post(form({ grant_type: 'client_credentials' }), { Authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}` });
    expect(r.status).toBe(400);
    expect(r.json['error']).toMatch(/^invalid_client/);
  });
});
