/**
 * Real clients against the emulated org's OAuth endpoints (plain HTTP, in process): jsforce's OAuth2 requests a
 * client-credentials token, a @salesforce/core Connection then runs as the run-as user (its object permissions
 * enforced on queries), userinfo and the identity URL name that user; the documented errors reach jsforce as its
 * error names. The Connect REST credentials resources through core's connection.request.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2 } from '@jsforce/jsforce-node';
import { connectionFor, useEmulatedOrg } from '../../helpers/emulator';
import { setUpEcaOrg, type EcaOrg } from './ecaSetup';

const emu = useEmulatedOrg({ orgs: [{ kind: 'sandbox' }] });
let eca: EcaOrg;

beforeAll(() => {
  eca = setUpEcaOrg(emu.get().world.orgs[0] as never);
});

function oauth2(clientId = eca.key, clientSecret = eca.secret): OAuth2 {
  return new OAuth2({ loginUrl: emu.get().instanceUrl, clientId, clientSecret });
}

async function connectionWith(accessToken: string): Promise<import('@salesforce/core').Connection> {
  const { AuthInfo, Connection } = require('@salesforce/core') as typeof import('@salesforce/core');
  const authInfo = await AuthInfo.create({ username: accessToken, accessTokenOptions: { accessToken, instanceUrl: emu.get().instanceUrl } });
  return Connection.create({ authInfo });
}

describe('client credentials with jsforce and @salesforce/core', () => {
  it('Given the right key and secret, When jsforce requests a token, Then the answer has Salesforce\'s fields and the id URL names the run-as user', async () => {
    const t = (await oauth2().requestToken({ grant_type: 'client_credentials' })) as Record<string, string>;
    const org = emu.get().orgs[0];
    expect(t).toMatchObject({ token_type: 'Bearer', scope: 'api', instance_url: emu.get().instanceUrl, token_format: 'opaque', id: `https://login.salesforce.com/id/${org?.orgId}/${eca.userId}` });
    expect(t['access_token']).toMatch(/^00D\w{12}!/);
    expect(t['issued_at']).toMatch(/^\d{13}$/);
    expect(t['signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('Given that token, When core queries, Then Account is readable and Contact is INVALID_TYPE for this user; userinfo names the user', async () => {
    const t = (await oauth2().requestToken({ grant_type: 'client_credentials' })) as Record<string, string>;
    const conn = await connectionWith(t['access_token'] as string);
    expect((await conn.query('SELECT Id FROM Account LIMIT 1')).done).toBe(true);
    await expect(conn.query('SELECT Id FROM Contact LIMIT 1')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    const info = (await conn.request({ method: 'GET', url: '/services/oauth2/userinfo' })) as Record<string, unknown>;
    expect(info).toMatchObject({ user_id: eca.userId, preferred_username: eca.username, active: true, is_salesforce_integration_user: false });
    const me = (await conn.request({ method: 'GET', url: `/services/data/v51.0/sobjects/User/${eca.userId}` })) as Record<string, unknown>;
    expect(me['Username']).toBe(eca.username);
  });

  it.each([
    ['a wrong secret', 'invalid_client', 'invalid client credentials', () => oauth2(eca.key, 'wrong')],
    ['an unknown key', 'invalid_client_id', 'client identifier invalid', () => oauth2('3MVG9unknown', 'x')],
  ])('Given %s, When jsforce requests a token, Then it throws %s (%s)', async (_why, name, message, client) => {
    await expect(client().requestToken({ grant_type: 'client_credentials' })).rejects.toMatchObject({ name, message });
  });

  it('Given the password grant, When jsforce authenticates, Then invalid_grant (the emulated org supports no password login)', async () => {
    await expect(oauth2().authenticate('someone@example.com', 'pw')).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('Given the admin session, When jsforce lists and reads the app\'s metadata, Then the policies name the run-as user and a missing name reads as {}', async () => {
    const admin = await connectionFor(emu.get());
    const listed = (await admin.metadata.list([{ type: 'ExtlClntAppOauthConfigurablePolicies' }])) as unknown;
    expect([listed].flat()).toEqual([expect.objectContaining({ fullName: 'Vendor_X_oauthPlcy', type: 'ExtlClntAppOauthConfigurablePolicies' })]);
    const read = admin.metadata.read.bind(admin.metadata) as unknown as (type: string, names: string[]) => Promise<Array<Record<string, unknown>>>;
    expect(await read('ExtlClntAppOauthConfigurablePolicies', ['Vendor_X_oauthPlcy', 'Nope'])).toEqual([
      expect.objectContaining({ fullName: 'Vendor_X_oauthPlcy', clientCredentialsFlowUser: eca.username, isClientCredentialsFlowEnabled: 'true' }),
      {},
    ]);
    const global = (await read('ExtlClntAppGlobalOauthSettings', ['Vendor_X_glbl']))[0];
    expect(global?.['consumerKey']).toBe(eca.key);
    expect(JSON.stringify(global)).not.toContain(eca.secret);
  });

  it('Given the deployed app, When SDR retrieves the four types, Then it writes the four source files; the global settings carry the key, never the secret', async () => {
    const { ComponentSet, RequestStatus } = require('@salesforce/source-deploy-retrieve') as typeof import('@salesforce/source-deploy-retrieve');
    const { Duration } = require('@salesforce/kit') as typeof import('@salesforce/kit');
    const output = join(mkdtempSync(join(tmpdir(), 'apionly-eca-retrieve-')), 'force-app');
    const cs = new ComponentSet([
      { fullName: 'Vendor_X', type: 'ExternalClientApplication' },
      { fullName: 'Vendor_X_oauth', type: 'ExtlClntAppOauthSettings' },
      { fullName: 'Vendor_X_glbl', type: 'ExtlClntAppGlobalOauthSettings' },
      { fullName: 'Vendor_X_oauthPlcy', type: 'ExtlClntAppOauthConfigurablePolicies' },
    ]);
    cs.sourceApiVersion = '66.0';
    const result = await (await cs.retrieve({ usernameOrConnection: await connectionFor(emu.get()), output, merge: true })).pollStatus({ frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) });
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(result.getFileResponses().map((f) => `${f.type}:${f.state}`).sort()).toEqual([
      'ExternalClientApplication:Created', 'ExtlClntAppGlobalOauthSettings:Created', 'ExtlClntAppOauthConfigurablePolicies:Created', 'ExtlClntAppOauthSettings:Created',
    ]);
    const policies = readFileSync(join(output, 'main', 'default', 'extlClntAppOauthPolicies', 'Vendor_X_oauthPlcy.ecaOauthPlcy-meta.xml'), 'utf8');
    expect(policies).toContain(`<clientCredentialsFlowUser>${eca.username}</clientCredentialsFlowUser>`);
    const global = readFileSync(join(output, 'main', 'default', 'extlClntAppGlobalOauthSets', 'Vendor_X_glbl.ecaGlblOauth-meta.xml'), 'utf8');
    expect(global).toContain(`<consumerKey>${eca.key}</consumerKey>`);
    expect(global).not.toContain(eca.secret);
  });

  it('Given the admin session and REST access to secrets, When core reads the Connect credentials resources, Then key and secret come back; without the setting, 403', async () => {
    const admin = await connectionWith(emu.get().orgs[0]?.accessToken ?? '');
    const usage = (await admin.request({ method: 'GET', url: '/services/data/v66.0/apps/oauth/usage' })) as { apps: Array<{ developerName: string; identifier: string }> };
    const app = usage.apps.find((a) => a.developerName === 'Vendor_X');
    expect(app?.identifier).toMatch(/^0xI/);
    const list = (await admin.request({ method: 'GET', url: `/services/data/v66.0/apps/oauth/credentials/${app?.identifier}` })) as { consumers: Array<{ id: string; key: string }> };
    expect(list.consumers).toEqual([expect.objectContaining({ key: eca.key })]);
    const url = `/services/data/v66.0/apps/oauth/credentials/${app?.identifier}/${list.consumers[0]?.id}?part=keyandsecret`;
    await expect(admin.request({ method: 'GET', url })).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS' });
    emu.get().world.orgs[0]?.setEcaSettings?.({ enableClientSecretInRestApiAccess: true });
    expect(await admin.request({ method: 'GET', url })).toEqual({ key: eca.key, secret: eca.secret });
  });
});
