import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { generate, orgUserDefinitionPath, planGeneration } from '../../../src/generate';
import { MINIMAL_CONFIG, config, makeProject, project } from '../../helpers/project';

const PROFILE = 'force-app/main/default/profiles/API Only.profile-meta.xml';
const USERDEF = 'config/users/api-only.user-def.json';
const TEMPLATE = { profile: { file: 'p.xml', text: '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata"/>\n' }, userDefinition: { file: 'u.json', text: '{}' } };

function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('generate', () => {
  it('writes the profile and user definition, then finds them current', async () => {
    const dir = makeProject();
    const first = await generate({ cwd: dir });
    expect(first).toEqual({
      files: [
        { path: PROFILE, status: 'written' },
        { path: USERDEF, status: 'written' },
      ],
      packageDirectories: ['force-app'],
      profilePath: PROFILE,
      sourceApiVersion: '66.0',
      userDefinitionPath: USERDEF,
      warnings: [],
    });
    expect(readFileSync(join(dir, PROFILE), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Profile xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">\n/);
    expect(JSON.parse(readFileSync(join(dir, USERDEF), 'utf8'))).toMatchObject({ Username: 'api@example.com', profileName: 'API Only' });
    expect((await generate({ cwd: dir })).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect((await generate({ cwd: dir, check: true })).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('--check reports stale and missing files and writes nothing', async () => {
    const dir = makeProject();
    await generate({ cwd: dir });
    writeFileSync(join(dir, PROFILE), 'edited by hand');
    rmSync(join(dir, USERDEF));
    const result = await generate({ cwd: dir, check: true });
    expect(result.files).toEqual([
      { path: PROFILE, status: 'stale' },
      { path: USERDEF, status: 'missing' },
    ]);
    expect(readFileSync(join(dir, PROFILE), 'utf8')).toBe('edited by hand');
    expect(existsSync(join(dir, USERDEF))).toBe(false);
  });

  it.each([
    ['an invalid config', { 'apionly.config.json': { user: { ...MINIMAL_CONFIG.user, Alias: 'muchtoolong' } } }, 'InvalidConfig'],
    ['malformed JSON', { 'apionly.config.json': '{ "user": ' }, 'MalformedJson'],
    ['a malformed profile template', { 'templates/profile.profile-meta.xml': '<Profile>\n<custom>true</custom>\n' }, 'MalformedXml'],
    ['a placeholder without a value', { 'templates/user-def.json': '{ "Title": "{{user.Title}}" }' }, 'TemplateError'],
    ['a malformed field file', { 'force-app/main/default/objects/A__c/fields/B__c.field-meta.xml': '<CustomField><type>Text</CustomField>' }, 'MalformedXml'],
    ['a bad sfdx-project.json', { 'sfdx-project.json': { packageDirectories: [], sourceApiVersion: 'latest' } }, 'InvalidProject'],
  ])('given %s, throws InputError and writes nothing', async (_, files, code) => {
    const dir = makeProject(files);
    const before = listAll(dir);
    const err = await generate({ cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe(code);
    expect((err as InputError).exitCode).toBe(2);
    expect(listAll(dir)).toEqual(before);
  });

  it("uses apionly's packaged templates when the project has none at the default paths", async () => {
    const dir = makeProject();
    expect(existsSync(join(dir, 'templates'))).toBe(false);
    await generate({ cwd: dir });
    expect(readFileSync(join(dir, PROFILE), 'utf8')).toContain('<description>Integration user for outside tools');
  });

  it('refuses a configured template that does not exist', async () => {
    const dir = makeProject({ 'apionly.config.json': { ...MINIMAL_CONFIG, templates: { profile: 'tpl/mine.xml' } } });
    await expect(generate({ cwd: dir })).rejects.toMatchObject({ code: 'TemplateNotFound' });
  });

  it('takes --config from another folder, whose folder is the project', async () => {
    const dir = makeProject({ 'sub/sfdx-project.json': readFileSync(join(makeProject(), 'sfdx-project.json'), 'utf8'), 'sub/apionly.config.json': MINIMAL_CONFIG });
    const result = await generate({ cwd: dir, configPath: 'sub/apionly.config.json' });
    expect(result.files.map((f) => f.status)).toEqual(['written', 'written']);
    expect(existsSync(join(dir, 'sub', PROFILE))).toBe(true);
  });
});

describe('planGeneration', () => {
  it('plans one user definition per org, next to the base one unless configured', () => {
    const plan = planGeneration({
      config: config({ orgs: { prod: { user: { Username: 'p@example.com' } }, qa: { user: { Username: 'q@example.com' }, userDefinition: 'qa/user.json' } } }),
      project: project(),
      templates: TEMPLATE,
    });
    expect(plan.files.map((f) => f.path)).toEqual([PROFILE, USERDEF, 'config/users/api-only.prod.user-def.json', 'qa/user.json']);
    expect(plan.orgUserDefinitionPaths).toEqual({ prod: 'config/users/api-only.prod.user-def.json', qa: 'qa/user.json' });
    expect(JSON.parse(plan.files[2]?.content ?? '')).toMatchObject({ Username: 'p@example.com' });
  });

  it('puts the profile in the default package directory, or output.profileDirectory', () => {
    expect(planGeneration({ config: config(), project: { ...project(), packageDirectories: ['app', 'x'] }, templates: TEMPLATE }).profilePath).toBe('app/main/default/profiles/API Only.profile-meta.xml');
    expect(planGeneration({ config: config({ output: { profileDirectory: './meta/profiles/' } }), project: project(), templates: TEMPLATE }).profilePath).toBe('meta/profiles/API Only.profile-meta.xml');
  });

  it('refuses two outputs on the same file, naming the config file given', () => {
    const inputs = { config: config({ orgs: { a: { user: { Username: 'a@example.com' }, userDefinition: USERDEF } } }), project: project(), templates: TEMPLATE };
    expect(() => planGeneration(inputs)).toThrow(/apionly\.config\.json: \/output: two outputs would be written to the same file/);
    expect(() => planGeneration({ ...inputs, configFile: 'ci/other.json' })).toThrow(/ci\/other\.json: \/output: two outputs would be written to the same file/);
  });

  it('is pure: the same inputs give the same bytes', () => {
    const inputs = { config: config(), project: project(), templates: TEMPLATE };
    expect(planGeneration(inputs)).toEqual(planGeneration(inputs));
  });

  it('orgUserDefinitionPath inserts the alias', () => {
    expect(orgUserDefinitionPath('config/users/x.user-def.json', 'uat')).toBe('config/users/x.uat.user-def.json');
    expect(orgUserDefinitionPath('u.json', 'uat')).toBe('u.uat.json');
  });
});
