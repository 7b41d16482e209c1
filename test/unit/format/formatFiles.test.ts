import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../../../src/errors';
import { formatFiles, formatText } from '../../../src/format';
import { formatOutcome } from '../../../src/cli/commands/format';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const CANONICAL = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`;
const MESSY = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n  <userLicense>Salesforce</userLicense>\n  <custom>true</custom>\n</Profile>`;
const PERMSET = `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="${NS}">\n    <label>X</label>\n</PermissionSet>\n`;
const MALFORMED = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <description>R & D</description>\n</Profile>\n`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-format-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}
const read = (dir: string, rel: string): string => readFileSync(join(dir, rel), 'utf8');

async function inputError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('formatFiles', () => {
  it('given no paths and an sfdx-project.json then formats every profile and permission set in its package directories', async () => {
    // Arrange
    const dir = project({
      'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }, { path: 'other' }] }),
      'force-app/main/default/profiles/API Only.profile-meta.xml': MESSY,
      'force-app/main/default/profiles/Ok.profile-meta.xml': CANONICAL,
      'other/permissionsets/P.permissionset-meta.xml': PERMSET,
      'other/classes/Foo.cls-meta.xml': '<not even xml',
      'elsewhere/profiles/Ignored.profile-meta.xml': MESSY,
    });
    // Act
    const result = await formatFiles({ paths: [], cwd: dir, check: false });
    // Assert
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['force-app/main/default/profiles/API Only.profile-meta.xml', 'changed'],
      ['force-app/main/default/profiles/Ok.profile-meta.xml', 'unchanged'],
      ['other/permissionsets/P.permissionset-meta.xml', 'unchanged'],
    ]);
    expect(result.changed).toEqual(['force-app/main/default/profiles/API Only.profile-meta.xml']);
    expect(read(dir, 'force-app/main/default/profiles/API Only.profile-meta.xml')).toBe(CANONICAL);
    expect(read(dir, 'elsewhere/profiles/Ignored.profile-meta.xml')).toBe(MESSY);
    expect(readdirSync(join(dir, 'force-app/main/default/profiles')).sort()).toEqual(['API Only.profile-meta.xml', 'Ok.profile-meta.xml']);
  });

  it('given no paths and no sfdx-project.json then formats force-app', async () => {
    const dir = project({ 'force-app/profiles/A.profile': MESSY });
    const result = await formatFiles({ paths: [], cwd: dir, check: false });
    expect(result.changed).toEqual(['force-app/profiles/A.profile']);
    expect(read(dir, 'force-app/profiles/A.profile')).toBe(CANONICAL);
  });

  it('given a canonical file then leaves it untouched (same bytes, same inode, same mtime)', async () => {
    const dir = project({ 'p/A.profile-meta.xml': CANONICAL });
    const before = statSync(join(dir, 'p/A.profile-meta.xml'));
    const result = await formatFiles({ paths: ['p'], cwd: dir, check: false });
    const after = statSync(join(dir, 'p/A.profile-meta.xml'));
    expect(result.files[0]?.status).toBe('unchanged');
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('given check mode then writes nothing and lists what would change', async () => {
    const dir = project({ 'p/A.profile-meta.xml': MESSY, 'p/B.profile-meta.xml': CANONICAL });
    const result = await formatFiles({ paths: ['p'], cwd: dir, check: true });
    expect(result.check).toBe(true);
    expect(result.changed).toEqual(['p/A.profile-meta.xml']);
    expect(read(dir, 'p/A.profile-meta.xml')).toBe(MESSY);
  });

  it('given a rewritten file then keeps its permissions and leaves no temporary file behind', async () => {
    const dir = project({ 'p/A.profile-meta.xml': MESSY });
    chmodSync(join(dir, 'p/A.profile-meta.xml'), 0o640);
    await formatFiles({ paths: ['p/A.profile-meta.xml'], cwd: dir, check: false });
    expect(statSync(join(dir, 'p/A.profile-meta.xml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'p'))).toEqual(['A.profile-meta.xml']);
  });

  it('given one malformed file among others then reports it with line and column and writes NO file', async () => {
    const dir = project({ 'p/A.profile-meta.xml': MESSY, 'p/Bad.profile-meta.xml': MALFORMED, 'p/Worse.profile-meta.xml': '<Profile>' });
    const err = await inputError(formatFiles({ paths: ['p'], cwd: dir, check: false }));
    expect(err.exitCode).toBe(2);
    expect(err.code).toBe('MalformedXml');
    expect(err.problems.map((p) => p.file)).toEqual(['p/Bad.profile-meta.xml', 'p/Worse.profile-meta.xml']);
    expect(err.problems[0]?.location).toBe('line 4, column 20');
    expect(err.message).toContain('p/Bad.profile-meta.xml:4:20');
    expect(err.actions.join(' ')).toMatch(/No file was written/);
    expect(read(dir, 'p/A.profile-meta.xml')).toBe(MESSY);
    expect(read(dir, 'p/Bad.profile-meta.xml')).toBe(MALFORMED);
  });

  it.each([
    ['a path that does not exist', { 'x/A.profile': CANONICAL }, ['missing'], /missing: no such file or directory/],
    ['a folder without such files', { 'x/readme.txt': 'hi' }, ['x'], /x: holds no Profile or PermissionSet files/],
    ['a file of another type', { 'x/Foo.cls-meta.xml': '<ApexClass/>' }, ['x/Foo.cls-meta.xml'], /not a Profile or PermissionSet file/],
    ['no paths and no force-app', { 'readme.txt': 'hi' }, [], /force-app: no such directory/],
  ])('given %s then throws a clear InputError (exit 2)', async (_what, files, paths, message) => {
    const dir = project(files);
    const err = await inputError(formatFiles({ paths, cwd: dir, check: false }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
  });

  it('given a file that is not UTF-8 then refuses it and writes nothing', async () => {
    const dir = project({ 'p/A.profile-meta.xml': MESSY });
    writeFileSync(join(dir, 'p/L.profile-meta.xml'), Buffer.from('<Profile><description>caf\xe9</description></Profile>', 'latin1'));
    const err = await inputError(formatFiles({ paths: ['p'], cwd: dir, check: false }));
    expect(err.problems).toEqual([expect.objectContaining({ file: 'p/L.profile-meta.xml', message: 'is not UTF-8 text' })]);
    expect(read(dir, 'p/A.profile-meta.xml')).toBe(MESSY);
  });

  it('given a bad sfdx-project.json then says so', async () => {
    const dir = project({ 'sfdx-project.json': '{ nope', 'force-app/A.profile': CANONICAL });
    const err = await inputError(formatFiles({ paths: [], cwd: dir, check: false }));
    expect(err.code).toBe('BadProjectFile');
    expect(err.problems[0]?.file).toBe('sfdx-project.json');
  });

  it('given the same file reached twice then formats it once', async () => {
    const dir = project({ 'p/A.profile-meta.xml': MESSY });
    const result = await formatFiles({ paths: ['p', 'p/A.profile-meta.xml', './p'], cwd: dir, check: true });
    expect(result.files).toHaveLength(1);
  });
});

describe('formatText', () => {
  it('given a file whose root does not match its name then refuses it', () => {
    expect(() => formatText(PERMSET, 'profiles/X.profile-meta.xml')).toThrow(/root element is <PermissionSet>, but the file name says it holds a Profile/);
  });

  it('given an unnamed file type then formats any root generically', () => {
    expect(formatText('<Thing><b>1</b><a>2</a></Thing>', 'x.xml')).toContain('    <a>2</a>\n    <b>1</b>\n');
  });
});

describe('formatOutcome', () => {
  const result = (check: boolean, changed: string[], unchanged: string[] = []) => ({
    check,
    files: [...changed.map((p) => ({ path: p, absolutePath: `/${p}`, status: 'changed' as const })), ...unchanged.map((p) => ({ path: p, absolutePath: `/${p}`, status: 'unchanged' as const }))],
    changed,
    warnings: [],
  });

  it.each([
    [true, ['a'], 1, /1 file of 2 not in canonical form/],
    [true, [], 0, /All 1 file in canonical form/],
    [false, ['a'], 0, /rewrote a/],
    [false, [], 0, /already in canonical form; nothing rewritten/],
  ])('given check=%s and changed=%j then exits %d and says %s', (check, changed, status, text) => {
    const outcome = formatOutcome(result(check, changed, ['b']));
    expect(outcome.status).toBe(status);
    expect(outcome.human.join('\n')).toMatch(text);
  });
});
