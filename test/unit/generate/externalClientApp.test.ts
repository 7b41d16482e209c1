import { generate, planGeneration } from '../../../src/generate';
import { InputError } from '../../../src/errors';
import { validateConfig } from '../../../src/config';
import { renderExternalClientAppPolicies } from '../../../src/render';
import { MINIMAL_CONFIG, config, makeProject, project } from '../../helpers/project';

const TEMPLATE = { profile: { file: 'p.xml', text: '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata"/>\n' }, userDefinition: { file: 'u.json', text: '{}' } };
const APP = { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'ops@acme.example' };

describe('externalClientApp config', () => {
  it('Given a minimal section, When validated, Then scopes and callbackUrl take their defaults', () => {
    const c = validateConfig({ ...MINIMAL_CONFIG, externalClientApp: APP }, 'apionly.config.json');
    expect(c.externalClientApp).toEqual({ ...APP, scopes: ['Api'], callbackUrl: 'https://login.salesforce.com/services/oauth2/success' });
  });

  it.each([
    [{ ...APP, name: 'Vendor X' }, '/externalClientApp/name'],
    [{ ...APP, name: 'Vendor__X' }, '/externalClientApp/name'],
    [{ label: 'x', contactEmail: 'a@b.c' }, '/externalClientApp/name'],
    [{ ...APP, contactEmail: 'nope' }, '/externalClientApp/contactEmail'],
    [{ ...APP, callbackUrl: 'http://insecure.example' }, '/externalClientApp/callbackUrl'],
    [{ ...APP, consumerSecret: 'x' }, '/externalClientApp/consumerSecret'],
    [{ ...APP, jwt: { preAuthorize: 'profile' } }, '/externalClientApp/jwt/certificate'],
  ])('Given %j, When validated, Then an InputError points at %s', (eca, location) => {
    let err: unknown;
    try {
      validateConfig({ ...MINIMAL_CONFIG, externalClientApp: eca }, 'apionly.config.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((p) => p.location)).toContain(location);
  });
});

describe('externalClientApp generation', () => {
  it('Given an app, When planned, Then its four files follow the profile in deploy order, with no key or secret', () => {
    const plan = planGeneration({ config: config({ externalClientApp: APP }), project: project(), templates: TEMPLATE });
    expect(plan.externalClientAppPaths).toEqual([
      'force-app/main/default/externalClientApps/Vendor_X.eca-meta.xml',
      'force-app/main/default/extlClntAppOauthSettings/Vendor_X_oauth.ecaOauth-meta.xml',
      'force-app/main/default/extlClntAppGlobalOauthSets/Vendor_X_glbl.ecaGlblOauth-meta.xml',
      'force-app/main/default/extlClntAppOauthPolicies/Vendor_X_oauthPlcy.ecaOauthPlcy-meta.xml',
    ]);
    const all = plan.files.map((f) => f.content).join('\n');
    expect(all).not.toMatch(/consumerKey|consumerSecret|oauthLink/);
  });

  it('Given sourceApiVersion 59.0, When planned, Then an InputError says the app needs API 60', () => {
    expect(() => planGeneration({ config: config({ externalClientApp: APP }), project: project([], '59.0'), templates: TEMPLATE })).toThrow(/needs API 60\.0 or later/);
  });

  it('Given an org username, When the policies are rendered for it, Then only clientCredentialsFlowUser differs', () => {
    const base = { app: config({ externalClientApp: APP }).externalClientApp!, profileName: 'API Only', permissionSets: [], apiVersion: '66.0', configFile: 'apionly.config.json' };
    const a = renderExternalClientAppPolicies({ ...base, runAsUsername: 'api@example.com' }).content;
    const b = renderExternalClientAppPolicies({ ...base, runAsUsername: 'api@example.com.uat' }).content;
    expect(b).toBe(a.replace('<clientCredentialsFlowUser>api@example.com<', '<clientCredentialsFlowUser>api@example.com.uat<'));
  });

  it('Given a jwt certificate file holding a private key, When generating, Then it refuses and writes nothing', async () => {
    const dir = makeProject({
      'apionly.config.json': { ...MINIMAL_CONFIG, externalClientApp: { ...APP, jwt: { certificate: 'certs/vendor.pem' } } },
      'certs/vendor.pem': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
    });
    await expect(generate({ cwd: dir })).rejects.toMatchObject({ code: 'CertificateHasPrivateKey', exitCode: 2 });
  });

  it('Given a jwt certificate path that does not exist, When generating, Then the error names the config field', async () => {
    const dir = makeProject({ 'apionly.config.json': { ...MINIMAL_CONFIG, externalClientApp: { ...APP, jwt: { certificate: 'certs/none.crt' } } } });
    await expect(generate({ cwd: dir })).rejects.toThrow(/externalClientApp\/jwt\/certificate/);
  });
});
