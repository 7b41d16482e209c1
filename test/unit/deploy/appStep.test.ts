import { readFileSync } from 'node:fs';
import { runAppStep } from '../../../src/deploy/appStep';
import type { MetadataClient, MetadataDeployRequest } from '../../../src/deploy/metadataClient';
import { loadProject } from '../../../src/deploy/project';
import { generate } from '../../../src/generate';
import { MINIMAL_CONFIG, makeProject } from '../../helpers/project';

const APP = { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'ops@acme.example' };

/** A MetadataClient that records each deploy request and the policies file's bytes at deploy time. */
function recorder(status: 'Succeeded' | 'Failed' = 'Succeeded') {
  const requests: Array<{ request: MetadataDeployRequest; policies: string }> = [];
  const client: MetadataClient = {
    deploy: async (request) => {
      const path = request.fsPaths.find((p) => p.endsWith('.ecaOauthPlcy-meta.xml')) ?? '';
      requests.push({ request, policies: readFileSync(path, 'utf8') });
      return { id: '0Af000000000001AAA', status, components: [], failures: status === 'Failed' ? [{ type: 'ExtlClntAppOauthConfigurablePolicies', fullName: 'Vendor_X_oauthPlcy', filePath: path, problem: 'Enter a valid execution user for the OAuth client credentials flow.' }] : [] };
    },
    retrieveProfile: async () => ({ profileXml: undefined, problems: [] }),
  };
  return { client, requests };
}

async function project() {
  const dir = makeProject({ 'apionly.config.json': { ...MINIMAL_CONFIG, orgs: { uat: { user: { Username: 'api@example.com.uat' } } }, externalClientApp: APP } });
  await generate({ cwd: dir });
  return loadProject({ cwd: dir });
}

describe('runAppStep', () => {
  it('Given orgs.uat, When the app deploys to uat, Then the committed files go as they are and the policies name the uat username (the repository is untouched)', async () => {
    const p = await project();
    const app = p.externalClientApp;
    if (!app) throw new Error('no app');
    expect(p.metadataPaths.some((x) => /eca|extlClnt/.test(x))).toBe(false);
    const { client, requests } = recorder();
    const report = await runAppStep({ metadata: client, app, orgKey: 'uat', apiVersion: '66.0', checkOnly: false, userExists: true, rest: false, waitMinutes: 1, projectDir: p.projectDir, log: () => undefined });
    expect(report).toMatchObject({ name: 'Vendor_X', status: 'deployed', runAsUsername: 'api@example.com.uat' });
    expect(requests[0]?.request.fsPaths.slice(0, 3)).toEqual(app.fixedPaths);
    expect(requests[0]?.policies).toContain('<clientCredentialsFlowUser>api@example.com.uat</clientCredentialsFlowUser>');
    expect(readFileSync(app.policiesPath, 'utf8')).toContain('<clientCredentialsFlowUser>api@example.com</clientCredentialsFlowUser>');
    expect(report.credentials.join('\n')).toContain('Setup > External Client App Manager > Vendor X > Settings > OAuth Settings > Consumer Key and Secret');
  });

  it('Given a dry run for a user not created yet, When the step runs, Then nothing is sent and the report says why', async () => {
    const p = await project();
    const { client, requests } = recorder();
    const report = await runAppStep({ metadata: client, app: p.externalClientApp!, orgKey: undefined, apiVersion: '66.0', checkOnly: true, userExists: false, rest: false, waitMinutes: 1, projectDir: p.projectDir, log: () => undefined });
    expect(requests).toHaveLength(0);
    expect(report).toMatchObject({ status: 'skipped', detail: expect.stringContaining('does not exist yet') });
  });

  it('Given the org refuses the policies, When the step runs, Then it is failed and the failure names the committed file, not the temporary copy', async () => {
    const p = await project();
    const { client } = recorder('Failed');
    const report = await runAppStep({ metadata: client, app: p.externalClientApp!, orgKey: undefined, apiVersion: '66.0', checkOnly: false, userExists: true, rest: false, waitMinutes: 1, projectDir: p.projectDir, log: () => undefined });
    expect(report.status).toBe('failed');
    expect(report.deploy?.failures[0]?.filePath).toBe('force-app/main/default/extlClntAppOauthPolicies/Vendor_X_oauthPlcy.ecaOauthPlcy-meta.xml');
  });
});
