import { InputError } from '../../../src/errors';
import { CONFIG_DEFAULTS, validateConfig } from '../../../src/config/validateConfig';
import { configSchema } from '../../../src/config/schema';
import { USER_FIELD_DEFAULTS } from '../../../src/model/userFields';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const USER = { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com' };

function problemsOf(raw: unknown): Array<{ location: string; message: string; value?: unknown; fix?: string }> {
  try {
    validateConfig(raw, 'apionly.config.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).code).toBe('InvalidConfig');
    return (err as InputError).problems.map((p) => ({ ...p }));
  }
  throw new Error('expected an InputError');
}

describe('validateConfig', () => {
  it('applies the defaults to a minimal config', () => {
    const c = validateConfig({ user: USER }, 'c.json');
    expect(c.profile).toEqual({
      name: 'API Only',
      description: CONFIG_DEFAULTS.description,
      userLicense: 'Salesforce',
      objectAccess: 'modifyAll',
      objects: { include: [], exclude: [], customObjects: true, overrides: {} },
      fieldAccess: 'edit',
      fieldOverrides: {},
      userPermissions: {},
      cloneReferenceUserPermissions: false,
    });
    expect(c.catalogue).toEqual({ path: 'apionly.catalogue.json', referenceProfile: 'System Administrator' });
    expect(c.user).toEqual({ fields: USER, permissionSets: [] });
    expect(c.output).toEqual({ userDefinition: 'config/users/api-only.user-def.json' });
    expect(c.templates).toEqual({ profile: 'templates/profile.profile-meta.xml', userDefinition: 'templates/user-def.json' });
  });

  it("accepts the repository's own apionly.config.json", () => {
    const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'apionly.config.json'), 'utf8')) as unknown;
    expect(validateConfig(raw, 'apionly.config.json').orgs['uat']?.user.fields['Username']).toBe('apionly.integration@example.com.uat');
  });

  it('lists every problem at once, each with its JSON path, value and fix', () => {
    const problems = problemsOf({
      profil: {},
      profile: { description: 'x'.repeat(256), objectAccess: 'all', objects: { include: ['Task', 'Order'], overrides: { Lead: 'bogus' } }, userPermissions: { ApiEnabled: 'yes' } },
      user: { Username: 'not-an-email', LastName: 'A', Alias: 'muchtoolong', TimeZoneSidKey: 'Mars/Olympus', LocaleSidKey: 'xx_YY' },
      orgs: { prod: { user: { Username: 'p@example.com', Alias: 'waytoolong' } } },
    });
    const at = problems.map((p) => p.location);
    expect(at).toEqual(
      expect.arrayContaining([
        '/profil',
        '/profile/description',
        '/profile/objectAccess',
        '/profile/objects/include/0',
        '/profile/objects/overrides/Lead',
        '/profile/userPermissions/ApiEnabled',
        '/user/Email',
        '/user/Username',
        '/user/Alias',
        '/user/TimeZoneSidKey',
        '/user/LocaleSidKey',
        '/orgs/prod/user/Alias',
      ]),
    );
    expect(problems.find((p) => p.location === '/profile/description')).toMatchObject({ message: 'is 256 characters; at most 255 allowed' });
    expect(problems.find((p) => p.location === '/profil')?.fix).toMatch(/allowed here: \$schema, profile, user/);
    expect(problems.find((p) => p.location === '/user/Alias')).toMatchObject({ value: 'muchtoolong', message: expect.stringMatching(/at most 8/) });
    expect(problems.find((p) => p.location === '/profile/objects/include/0')).toMatchObject({ value: 'Task', message: expect.stringMatching(/never written/) });
    expect(problems.filter((p) => p.location === '/profile/objects/overrides/Lead')).toHaveLength(1);
    for (const p of problems) expect(p.fix).toBeTruthy();
  });

  it('refuses two orgs with the same username', () => {
    const problems = problemsOf({ user: USER, orgs: { a: { user: { LastName: 'A' } }, b: { user: { Email: 'b@example.com' } } } });
    expect(problems).toEqual([expect.objectContaining({ location: '/orgs/b/user/Username', message: expect.stringMatching(/same Username/) })]);
  });

  it('refuses never-emit objects in overrides, contradictory flags and a non-ASCII profile name', () => {
    const problems = problemsOf({ profile: { name: 'Intégration', objects: { overrides: { User: 'read', Lead: { modifyAll: true, read: false } } } }, user: USER });
    expect(problems.map((p) => p.location)).toEqual(['/profile/name', '/profile/objects/overrides/User', '/profile/objects/overrides/Lead']);
  });

  it('refuses output paths outside the project', () => {
    const problems = problemsOf({ user: USER, output: { userDefinition: '../elsewhere.json', profileDirectory: '/abs' } });
    expect(problems.map((p) => p.location).sort()).toEqual(['/output/profileDirectory', '/output/userDefinition']);
  });

  it('refuses a non-object config', () => {
    expect(problemsOf([])).toEqual([expect.objectContaining({ location: '/', message: 'must be object' })]);
  });
});

describe('the JSON Schema', () => {
  it('documents the same defaults the code applies', () => {
    const schema = configSchema() as any;
    const profile = schema.properties.profile.properties;
    expect(profile.name.default).toBe(CONFIG_DEFAULTS.profileName);
    expect(profile.description.default).toBe(CONFIG_DEFAULTS.description);
    expect(profile.userLicense.default).toBe(CONFIG_DEFAULTS.userLicense);
    expect(profile.objectAccess.default).toBe(CONFIG_DEFAULTS.objectAccess);
    expect(profile.fieldAccess.default).toBe(CONFIG_DEFAULTS.fieldAccess);
    expect(schema.properties.output.properties.userDefinition.default).toBe(CONFIG_DEFAULTS.userDefinition);
    expect(schema.properties.templates.properties.profile.default).toBe(CONFIG_DEFAULTS.profileTemplate);
    const user = schema.definitions.user.properties;
    for (const [k, v] of Object.entries(USER_FIELD_DEFAULTS)) expect(user[k].default).toBe(v);
  });

  it('has a description for every property, for editor completion', () => {
    const schema = configSchema() as any;
    for (const key of Object.keys(schema.properties)) expect(schema.properties[key].description).toBeTruthy();
    for (const key of Object.keys(schema.properties.profile.properties)) expect(schema.properties.profile.properties[key].description).toBeTruthy();
  });
});

describe('schema problems', () => {
  it('reports a wrong type once per value', () => {
    const problems = problemsOf({ user: { ...USER, Username: 1 } });
    expect(problems).toEqual([expect.objectContaining({ location: '/user/Username', message: 'must be string' })]);
  });
});
