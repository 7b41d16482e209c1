/** `apionly generate` as a user runs it: the built bin in a child process. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT, runBin } from '../helpers/bin';
import { MINIMAL_CONFIG, makeProject } from '../helpers/project';

const PROFILE = 'force-app/main/default/profiles/API Only.profile-meta.xml';
const USERDEF = 'config/users/api-only.user-def.json';

beforeAll(() => ensureBuilt(), 300_000);

describe('apionly generate (bin)', () => {
  it('writes the files, says what it wrote, and exits 0', async () => {
    const dir = makeProject();
    const r = await runBin(['generate'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${PROFILE}\nwrote ${USERDEF}\n2 files written, 0 unchanged.\n`);
    expect(existsSync(join(dir, PROFILE))).toBe(true);
    const again = await runBin(['generate'], { cwd: dir });
    expect(again.stdout).toBe(`unchanged ${PROFILE}\nunchanged ${USERDEF}\nNothing to write: every file is up to date.\n`);
  });

  it('--check exits 1 listing stale and missing files, 0 when current, and writes nothing', async () => {
    const dir = makeProject();
    const missing = await runBin(['generate', '--check'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`missing: ${PROFILE}`);
    expect(missing.stdout).toContain(`missing: ${USERDEF}`);
    expect(existsSync(join(dir, PROFILE))).toBe(false);

    await runBin(['generate'], { cwd: dir });
    writeFileSync(join(dir, PROFILE), readFileSync(join(dir, PROFILE), 'utf8').replace('ApiUserOnly', 'ApiUserOnlyX'));
    const stale = await runBin(['generate', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe(`1 generated file is out of date:\n  stale: ${PROFILE}\nRun \`apionly generate\` (npm run generate) and commit the result.\n`);

    await runBin(['generate'], { cwd: dir });
    const current = await runBin(['generate', '--check'], { cwd: dir });
    expect(current.code).toBe(0);
    expect(current.stdout).toBe('All 2 generated files are up to date.\n');
  });

  it('--json prints one object in the Salesforce CLI shape and nothing else', async () => {
    const dir = makeProject({ 'apionly.config.json': { ...MINIMAL_CONFIG, profile: { objects: { include: ['Survey'] } } } });
    const r = await runBin(['generate', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { status: number; result: { files: unknown[]; profilePath: string; userDefinitionPath: string }; warnings: string[] };
    expect(out.status).toBe(0);
    expect(out.result).toEqual({
      files: [
        { path: PROFILE, status: 'written' },
        { path: USERDEF, status: 'written' },
      ],
      packageDirectories: ['force-app'],
      profilePath: PROFILE,
      sourceApiVersion: '66.0',
      userDefinitionPath: USERDEF,
      warnings: [expect.stringMatching(/Survey/)],
    });
    expect(out.warnings).toEqual([expect.stringMatching(/Survey/)]);
    const check = await runBin(['generate', '--check', '--json'], { cwd: dir });
    expect(JSON.parse(check.stdout)).toMatchObject({ status: 0 });
  });

  it('exits 2 on bad input with file, field, value and fix, and writes nothing', async () => {
    const dir = makeProject({ 'apionly.config.json': { profile: { description: 'd'.repeat(300) }, user: { Username: 'nope', LastName: 'A', Email: 'a@example.com', Alias: 'waytoolong', TimeZoneSidKey: 'Moon/Base' } } });
    const r = await runBin(['generate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error \(InvalidConfig\): 4 problems found:/);
    expect(r.stderr).toContain('apionly.config.json: /profile/description: is 300 characters; at most 255 allowed');
    expect(r.stderr).toContain('apionly.config.json: /user/Username: Username must be in the form of an email address');
    expect(r.stderr).toContain('(got "waytoolong")');
    expect(r.stderr).toContain('/user/TimeZoneSidKey: unknown TimeZoneSidKey (got "Moon/Base")');
    expect(r.stderr).toContain('fix: ');
    expect(existsSync(join(dir, 'force-app'))).toBe(false);
    expect(existsSync(join(dir, 'config'))).toBe(false);
  });

  it('exits 2 on malformed JSON with line and column, also with --json', async () => {
    const dir = makeProject({ 'apionly.config.json': '{\n  "user": {\n    "Username": "a@b.co"\n    "LastName": "x"\n  }\n}\n' });
    const r = await runBin(['generate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apionly.config.json: line 4, column 5: not valid JSON');
    const j = await runBin(['generate', '--json'], { cwd: dir });
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout)).toMatchObject({ status: 2, name: 'MalformedJson', exitCode: 2 });
  });

  it('exits 2 on a template that is not well-formed XML, naming the template', async () => {
    const dir = makeProject({ 'templates/profile.profile-meta.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n' });
    const r = await runBin(['generate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/profile.profile-meta.xml: line');
    expect(existsSync(join(dir, 'force-app'))).toBe(false);
  });

  it('exits 2 on a bad flag', async () => {
    const r = await runBin(['generate', '--chek'], { cwd: makeProject() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/chek/);
  });

  it("the repository's committed metadata is what its config generates", async () => {
    const r = await runBin(['generate', '--check'], { cwd: REPO_ROOT });
    expect(r.stdout).toBe('All 3 generated files are up to date.\n');
    expect(r.code).toBe(0);
  });

  it('loads neither source-deploy-retrieve nor @salesforce/core', () => {
    const dir = makeProject();
    const script = `require(${JSON.stringify(join(REPO_ROOT, 'dist', 'generate'))}).generate({ cwd: ${JSON.stringify(dir)} }).then(() => {
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@salesforce') || k.includes('jsforce'))));
    });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(existsSync(join(dir, PROFILE))).toBe(true);
  });

  it('the generate command module loads no @salesforce package either', () => {
    const script = `require(${JSON.stringify(join(REPO_ROOT, 'dist', 'cli', 'index.js'))}).run(['generate', '--check', '--json'], { stdout: { write() {} }, stderr: { write() {} }, env: {}, cwd: ${JSON.stringify(makeProject())}, interactive: false }).then(() => {
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@salesforce'))));
    });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
