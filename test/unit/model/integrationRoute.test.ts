import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../../../src/config/validateConfig';
import { InputError } from '../../../src/errors';
import { buildPermissionSetModel } from '../../../src/model/buildPermissionSet';
import {
  INTEGRATION_LICENSE_DENIED_PERMISSIONS,
  INTEGRATION_PROFILE_NAME,
  INTEGRATION_PSL,
  integrationLicenseProblems,
  whyNotIntegrationLicense,
} from '../../../src/model/integrationRoute';
import { userForOrg } from '../../../src/model/userForOrg';
import { config, field, MINIMAL_CONFIG, project, sourceObject } from '../../helpers/project';

const INTEGRATION = { route: 'integration' };

function problemsOf(raw: unknown): Array<{ location: string; message: string; fix?: string }> {
  try {
    validateConfig(raw, 'apionly.config.json');
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.problems.map((p) => ({ location: p.location, message: p.message, ...(p.fix ? { fix: p.fix } : {}) }));
  }
}

describe('the integration route (config and model)', () => {
  it('Given no route, When normalized, Then the profile route with the default permission set settings', () => {
    const c = config();
    expect(c.route).toBe('profile');
    expect(c.permissionSet).toEqual({ name: 'API_Only_Integration', label: 'API Only Integration', license: INTEGRATION_PSL, description: c.profile.description });
  });

  it.each(Object.keys(INTEGRATION_LICENSE_DENIED_PERMISSIONS))('Given %s true on the integration route, When validated, Then refused with the reason (exit 2)', (perm) => {
    const problems = problemsOf({ ...MINIMAL_CONFIG, ...INTEGRATION, profile: { userPermissions: { [perm]: true } } });
    expect(problems).toEqual([
      expect.objectContaining({ location: `/profile/userPermissions/${perm}`, message: expect.stringContaining(`cannot carry ${perm}: ${INTEGRATION_LICENSE_DENIED_PERMISSIONS[perm] ?? ''}`) }),
    ]);
  });

  it('Given denied permissions set to false, or true on the profile route, When validated, Then accepted', () => {
    expect(problemsOf({ ...MINIMAL_CONFIG, ...INTEGRATION, profile: { userPermissions: { ModifyAllData: false, ViewAllData: false } } })).toEqual([]);
    expect(problemsOf({ ...MINIMAL_CONFIG, profile: { userPermissions: { ModifyAllData: true } } })).toEqual([]);
    expect(integrationLicenseProblems({ ViewAllUsers: true, ApiEnabled: true })).toEqual([]);
  });

  it('Given a bad route or permission set name, or the Salesforce licence, When validated, Then each is refused', () => {
    expect(problemsOf({ ...MINIMAL_CONFIG, route: 'licence' })).toEqual([expect.objectContaining({ location: '/route', fix: 'use one of: "profile", "integration"' })]);
    expect(problemsOf({ ...MINIMAL_CONFIG, ...INTEGRATION, permissionSet: { name: 'Bad__Name' } })).toEqual([expect.objectContaining({ location: '/permissionSet/name' })]);
    expect(problemsOf({ ...MINIMAL_CONFIG, ...INTEGRATION, permissionSet: { license: 'Salesforce' } })).toEqual([
      expect.objectContaining({ location: '/permissionSet/license', message: expect.stringContaining('cannot be assigned to a Salesforce Integration user') }),
    ]);
    expect(whyNotIntegrationLicense('SalesforceAPIIntegrationPsl')).toBeUndefined();
  });

  it('Given the schema, Then its route description lists exactly the permissions the model refuses', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../schema/apionly.config.schema.json'), 'utf8')) as { properties: { route: { description: string; enum: string[]; enumDescriptions: string[] } } };
    const listed = /refuses them as true: ([A-Za-z, ]+)\./.exec(schema.properties.route.description)?.[1]?.split(', ');
    expect(listed).toEqual(Object.keys(INTEGRATION_LICENSE_DENIED_PERMISSIONS));
    expect(schema.properties.route.enum).toEqual(['profile', 'integration']);
    expect(schema.properties.route.enumDescriptions).toHaveLength(2);
  });

  it('Given the integration route, When the user is built, Then Minimum Access, the generated set first, and the PSL', () => {
    const c = config({ ...INTEGRATION, user: { ...MINIMAL_CONFIG.user, permissionSets: ['Other', 'API_Only_Integration'] } });
    expect(userForOrg(c, undefined)).toMatchObject({ profileName: INTEGRATION_PROFILE_NAME, permissionSets: ['API_Only_Integration', 'Other'], permissionSetLicenses: [INTEGRATION_PSL] });
    const profileRoute = userForOrg(config(), undefined);
    expect(profileRoute.profileName).toBe('API Only');
    expect(profileRoute).not.toHaveProperty('permissionSetLicenses');
  });

  it('Given objects with no access, unreadable fields and false permissions, When the permission set is built, Then only granted entries are kept', () => {
    const c = config({
      ...INTEGRATION,
      profile: {
        objects: { overrides: { Lead: 'none', Case: 'read' } },
        fieldOverrides: { 'Invoice__c.Secret__c': 'none' },
        userPermissions: { ViewAllUsers: true, ModifyAllData: false },
      },
    });
    const p = project([sourceObject('Invoice__c', [field('Invoice__c', 'Amount__c'), field('Invoice__c', 'Secret__c')])]);
    const model = buildPermissionSetModel(c, p);
    expect(model).toMatchObject({ name: 'API_Only_Integration', fileName: 'API_Only_Integration.permissionset-meta.xml', label: 'API Only Integration', license: INTEGRATION_PSL });
    expect(model.objectPermissions.map((o) => o.object)).not.toContain('Lead');
    expect(model.objectPermissions.find((o) => o.object === 'Case')).toMatchObject({ allowRead: true, allowEdit: false });
    expect(model.fieldPermissions).toEqual([{ field: 'Invoice__c.Amount__c', editable: true, readable: true }]);
    expect(model.userPermissions.map((u) => u.name)).toEqual(['ApiEnabled', 'ApiUserOnly', 'ViewAllUsers']);
  });
});

describe('the integration route with an External Client App', () => {
  it('Given JWT pre-authorisation by profile, When planned, Then the app names Minimum Access - API Only Integrations, the user\'s profile', () => {
    const { planGeneration } = require('../../../src/generate') as typeof import('../../../src/generate');
    const app = { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'ops@acme.example', jwt: { certificate: 'certs/x.crt', preAuthorize: 'profile' } };
    const template = { profile: { file: 'p.xml', text: '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata"/>\n' }, userDefinition: { file: 'u.json', text: '{}' } };
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const plan = planGeneration({ config: config({ ...INTEGRATION, externalClientApp: app }), project: project(), templates: template, ecaCertificate: cert });
    const settings = plan.files.find((f) => f.content.includes('commaSeparatedProfile'));
    expect(settings?.content).toContain('<commaSeparatedProfile>Minimum Access - API Only Integrations</commaSeparatedProfile>');
    expect(plan.profilePath).toBeUndefined();
    expect(plan.permissionSetPath).toBe('force-app/main/default/permissionsets/API_Only_Integration.permissionset-meta.xml');
  });
});

describe('the emulated org and generate agree on the Integration licence', () => {
  it('Given both lists, Then the emulated org refuses exactly the user permissions generate refuses', () => {
    const emulator = require('../../../src/emulator/model/seed/userPermissions') as typeof import('../../../src/emulator/model/seed/userPermissions');
    expect([...emulator.INTEGRATION_LICENSE_DENIED_PERMISSIONS].sort()).toEqual(Object.keys(INTEGRATION_LICENSE_DENIED_PERMISSIONS).sort());
    for (const name of Object.keys(INTEGRATION_LICENSE_DENIED_PERMISSIONS)) expect(emulator.licenseAllowsPermission('Salesforce Integration', name)).toBe(false);
    expect(emulator.licenseAllowsPermission('Salesforce Integration', 'ViewAllUsers')).toBe(true);
    expect(emulator.licenseAllowsPermission('Salesforce', 'ModifyAllData')).toBe(true);
  });
});
