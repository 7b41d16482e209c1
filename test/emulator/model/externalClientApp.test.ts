/**
 * External Client Apps in the emulated org's model: deploy rules (run-as user, one policies record per app, API 60
 * elements, generated default policies), retrieve/list/readMetadata, and the client-credentials grant with the
 * sessions it opens (the run-as user's object permissions enforced).
 */
import { OAuthError, type EmulatedOrg } from '../../../src/emulator/model';
import { NS, deploy, deployProfile, err, objPerm, packageXml, problems, profileId, userPerm, validUser } from './helpers';
import { newOrg } from './helpers';

const APP = 'Vendor_X';
const xml = (root: string, body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${body}</${root}>\n`;
const el = (name: string, value: string): string => `    <${name}>${value}</${name}>\n`;

const appFile = xml('ExternalClientApplication', el('contactEmail', 'ops@acme.example') + el('distributionState', 'Local') + el('isProtected', 'false') + el('label', 'Vendor X'));
const oauthFile = xml('ExtlClntAppOauthSettings', el('commaSeparatedOauthScopes', 'Api') + el('externalClientApplication', APP) + el('label', `${APP}_oauth`));
const globalFile = (flow = 'true'): string =>
  xml('ExtlClntAppGlobalOauthSettings', el('callbackUrl', 'https://login.salesforce.com/services/oauth2/success') + el('externalClientApplication', APP) + el('isClientCredentialsFlowEnabled', flow) + el('isPkceRequired', 'false') + el('label', `${APP}_glbl`));
const policiesFile = (user: string, name = `${APP}_oauthPlcy`): string =>
  xml('ExtlClntAppOauthConfigurablePolicies', el('clientCredentialsFlowUser', user) + el('externalClientApplication', APP) + el('ipRelaxationPolicyType', 'Enforce') + el('isClientCredentialsFlowEnabled', 'true') + el('label', name) + el('permittedUsersPolicyType', 'AdminApprovedPreAuthorized'));

function deployApp(org: EmulatedOrg, user: string, options: { version?: string; policies?: string; policiesName?: string; global?: string } = {}) {
  const policiesName = options.policiesName ?? `${APP}_oauthPlcy`;
  return deploy(org, {
    'package.xml': packageXml(
      { ExternalClientApplication: [APP], ExtlClntAppOauthSettings: [`${APP}_oauth`], ExtlClntAppGlobalOauthSettings: [`${APP}_glbl`], ExtlClntAppOauthConfigurablePolicies: [policiesName] },
      options.version ?? '66.0',
    ),
    [`externalClientApps/${APP}.eca`]: appFile,
    [`extlClntAppOauthSettings/${APP}_oauth.ecaOauth`]: oauthFile,
    [`extlClntAppGlobalOauthSets/${APP}_glbl.ecaGlblOauth`]: options.global ?? globalFile(),
    [`extlClntAppOauthPolicies/${policiesName}.ecaOauthPlcy`]: options.policies ?? policiesFile(user, policiesName),
  });
}

/** An org with an API-only profile (Read on Account, nothing on Contact) and an active user on it. */
function orgWithUser(): { org: EmulatedOrg; username: string; userId: string } {
  const org = newOrg({ kind: 'sandbox' });
  expect(deployProfile(org, 'Integ', `    <custom>true</custom>\n${objPerm('Account', 'R')}${objPerm('Contact', '')}    <userLicense>Salesforce</userLicense>\n${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}${userPerm('ConvertLeads', false)}`).status).toBe('Succeeded');
  const fields = validUser(profileId(org, 'Integ'));
  const userId = org.create('User', fields);
  return { org, username: String(fields['Username']), userId };
}

describe('External Client App deploy rules', () => {
  it('Given an active API-enabled run-as user, When the four files deploy, Then they are created and a consumer key and secret are issued', () => {
    const { org, username } = orgWithUser();
    const outcome = deployApp(org, username);
    expect(problems(outcome)).toEqual([]);
    expect(outcome.successes.filter((s) => s.created).map((s) => s.componentType)).toEqual(['ExternalClientApplication', 'ExtlClntAppOauthSettings', 'ExtlClntAppGlobalOauthSettings', 'ExtlClntAppOauthConfigurablePolicies']);
    const [consumer] = org.ecaConsumers?.() ?? [];
    expect(consumer?.key).toMatch(/^3MVG9\w{80}$/);
    expect(consumer?.secret).toMatch(/^[0-9A-F]{64}$/);
    expect(consumer?.appId).toMatch(/^0xI/);
  });

  it('Given the same files again, When they redeploy, Then nothing changes and the key and secret stay', () => {
    const { org, username } = orgWithUser();
    deployApp(org, username);
    const before = org.ecaConsumers?.();
    const again = deployApp(org, username);
    expect(problems(again)).toEqual([]);
    expect(again.successes.filter((s) => s.componentType !== '').every((s) => !s.created && !s.changed)).toBe(true);
    expect(org.ecaConsumers?.()).toEqual(before);
  });

  it.each([
    ['does not exist', (_org: EmulatedOrg, _u: string, _id: string) => 'nobody@nowhere.example'],
    ['is inactive', (org: EmulatedOrg, u: string, id: string) => (org.update('User', id, { IsActive: false }), u)],
  ])('Given a run-as user who %s, When the policies deploy, Then "Enter a valid execution user" and nothing is kept', (_why, setup) => {
    const { org, username, userId } = orgWithUser();
    const runAs = setup(org, username, userId);
    const outcome = deployApp(org, runAs);
    expect(outcome.status).toBe('Failed');
    expect(problems(outcome)).toEqual(['Enter a valid execution user for the OAuth client credentials flow.']);
    expect(org.listMetadata('ExternalClientApplication')).toEqual([]);
  });

  it('Given a run-as user without API Enabled, When the policies deploy, Then the execution user is refused', () => {
    const org = newOrg({ kind: 'sandbox' });
    expect(deployProfile(org, 'NoApi', `    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n${userPerm('ApiEnabled', false)}`).status).toBe('Succeeded');
    const fields = validUser(profileId(org, 'NoApi'));
    org.create('User', fields);
    expect(problems(deployApp(org, String(fields['Username'])))).toEqual(['Enter a valid execution user for the OAuth client credentials flow.']);
  });

  it('Given policies already deployed, When a second policies file for the same app deploys, Then DUPLICATE_VALUE', () => {
    const { org, username } = orgWithUser();
    deployApp(org, username);
    expect(problems(deployApp(org, username, { policiesName: 'Vendor_X_other' }))).toEqual(['DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value on Vendor_X_oauthPlcy']);
  });

  it('Given OAuth settings deployed without policies, When deployed, Then Salesforce generates <settings>_defaultPolicy (flow off), and own policies then collide', () => {
    const { org, username } = orgWithUser();
    const first = deploy(org, {
      'package.xml': packageXml({ ExternalClientApplication: [APP], ExtlClntAppOauthSettings: [`${APP}_oauth`] }, '66.0'),
      [`externalClientApps/${APP}.eca`]: appFile,
      [`extlClntAppOauthSettings/${APP}_oauth.ecaOauth`]: oauthFile,
    });
    expect(problems(first)).toEqual([]);
    expect(org.listMetadata('ExtlClntAppOauthConfigurablePolicies').map((p) => p.fullName)).toEqual(['Vendor_X_oauth_defaultPolicy']);
    expect(org.readMetadata?.('ExtlClntAppOauthConfigurablePolicies', ['Vendor_X_oauth_defaultPolicy'])[0]).toMatchObject({ isClientCredentialsFlowEnabled: 'false' });
    expect(problems(deployApp(org, username))).toContain('DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value on Vendor_X_oauth_defaultPolicy');
  });

  it('Given package version 59.0, When the client-credentials elements deploy, Then they are unknown elements', () => {
    const { org, username } = orgWithUser();
    const msgs = problems(deployApp(org, username, { version: '59.0' }));
    expect(msgs).toEqual(
      expect.arrayContaining([
        `Error parsing file: Element {${NS}}isClientCredentialsFlowEnabled invalid at this location in type ExtlClntAppGlobalOauthSettings`,
        `Error parsing file: Element {${NS}}clientCredentialsFlowUser invalid at this location in type ExtlClntAppOauthConfigurablePolicies`,
      ]),
    );
  });

  it('Given settings naming an app the org does not have, When deployed alone, Then the reference is refused', () => {
    const { org } = orgWithUser();
    const outcome = deploy(org, { 'package.xml': packageXml({ ExtlClntAppOauthSettings: [`${APP}_oauth`] }, '66.0'), [`extlClntAppOauthSettings/${APP}_oauth.ecaOauth`]: oauthFile });
    expect(problems(outcome)[0]).toContain('no ExternalClientApplication named Vendor_X found');
  });

  it('Given a deployed app, When retrieved, listed and read, Then the global settings carry the consumer key and never the secret', () => {
    const { org, username } = orgWithUser();
    deployApp(org, username);
    const [consumer] = org.ecaConsumers?.() ?? [];
    const retrieved = org.retrieve([{ name: 'ExtlClntAppGlobalOauthSettings', members: ['*'] }, { name: 'ExtlClntAppOauthConfigurablePolicies', members: [`${APP}_oauthPlcy`] }], '66.0');
    const global = retrieved.files.get(`extlClntAppGlobalOauthSets/${APP}_glbl.ecaGlblOauth`) ?? '';
    expect(global).toContain(`<consumerKey>${consumer?.key}</consumerKey>`);
    expect(global).not.toContain(consumer?.secret ?? 'x');
    expect(global).not.toContain('consumerSecret');
    expect(retrieved.files.get(`extlClntAppOauthPolicies/${APP}_oauthPlcy.ecaOauthPlcy`)).toContain(`<clientCredentialsFlowUser>${username}</clientCredentialsFlowUser>`);
    expect(org.listMetadata('ExternalClientApplication').map((p) => [p.fullName, p.fileName])).toEqual([[APP, `externalClientApps/${APP}.eca`]]);
    expect(org.readMetadata?.('ExternalClientApplication', [APP, 'Nope'])).toEqual([expect.objectContaining({ fullName: APP, label: 'Vendor X', orgScopedExternalApp: expect.stringMatching(/^00D\w{12}:Vendor_X$/) }), {}]);
  });
});

describe('client-credentials grant and its session', () => {
  function deployed() {
    const o = orgWithUser();
    expect(problems(deployApp(o.org, o.username))).toEqual([]);
    const consumer = (o.org.ecaConsumers?.() ?? [])[0];
    if (!consumer) throw new Error('no consumer');
    return { ...o, consumer };
  }
  const oauthErr = (fn: () => unknown): OAuthError => err(fn) as unknown as OAuthError;

  it('Given the right key and secret, When granted, Then the token runs as the run-as user: Account readable, Contact not (INVALID_TYPE)', () => {
    const { org, userId, consumer } = deployed();
    const grant = org.clientCredentialsGrant?.(consumer.key, consumer.secret);
    expect(grant).toMatchObject({ userId, orgId: org.identity.orgId, scope: 'api' });
    expect(grant?.accessToken).toMatch(/^00D\w{12}!\S+$/);
    const session = org.asUser?.(userId) as EmulatedOrg;
    expect(session.query('SELECT Id FROM Account LIMIT 1').totalSize).toBe(0);
    const e = err(() => session.query('SELECT Id FROM Contact LIMIT 1'));
    expect(e.errorCode).toBe('INVALID_TYPE');
    expect(e.message).toContain("sObject type 'Contact' is not supported.");
    expect(err(() => session.create('Account', { Name: 'x' })).errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(org.ecaAppsWithUsage?.()).toEqual([APP]);
  });

  it.each([
    ['a wrong secret', (c: { key: string }) => [c.key, 'wrong'], 'invalid_client', 'invalid client credentials'],
    ['an unknown key', () => ['3MVG9nope', 'x'], 'invalid_client_id', 'client identifier invalid'],
  ])('Given %s, When granted, Then %s', (_why, args, error, description) => {
    const { org, consumer } = deployed();
    const [id, secret] = args(consumer) as [string, string];
    expect(oauthErr(() => org.clientCredentialsGrant?.(id, secret))).toMatchObject({ error, description });
  });

  it('Given the flow off in the policies, When granted, Then invalid_grant "no client credentials user enabled"', () => {
    const { org, consumer } = deployed();
    org.setEcaFields?.('ExtlClntAppOauthConfigurablePolicies', `${APP}_oauthPlcy`, { isClientCredentialsFlowEnabled: 'false' });
    expect(oauthErr(() => org.clientCredentialsGrant?.(consumer.key, consumer.secret))).toMatchObject({ error: 'invalid_grant', description: 'no client credentials user enabled' });
  });

  it('Given the flow off in the global settings, When granted, Then invalid_grant (emulator-invented text)', () => {
    const { org, consumer } = deployed();
    org.setEcaFields?.('ExtlClntAppGlobalOauthSettings', `${APP}_glbl`, { isClientCredentialsFlowEnabled: 'false' });
    expect(oauthErr(() => org.clientCredentialsGrant?.(consumer.key, consumer.secret))).toMatchObject({ error: 'invalid_grant', description: expect.stringContaining('(emulator-invented message)') });
  });

  it('Given the run-as user deactivated after a token was issued, When the session queries, Then INVALID_SESSION_ID, and new grants fail', () => {
    const { org, userId, consumer } = deployed();
    org.clientCredentialsGrant?.(consumer.key, consumer.secret);
    const session = org.asUser?.(userId) as EmulatedOrg;
    org.update('User', userId, { IsActive: false });
    expect(err(() => session.query('SELECT Id FROM Account')).errorCode).toBe('INVALID_SESSION_ID');
    expect(oauthErr(() => org.clientCredentialsGrant?.(consumer.key, consumer.secret)).error).toBe('invalid_grant');
  });
});
