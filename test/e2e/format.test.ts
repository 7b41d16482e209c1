import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runBin } from '../helpers/bin';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const CANONICAL = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n</Profile>\n`;
const MESSY = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n  <userLicense>Salesforce</userLicense>\n  <custom>true</custom>\n</Profile>`;
const PROFILE = 'force-app/main/default/profiles/API Only.profile-meta.xml';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-format-e2e-'));
  writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

beforeAll(() => ensureBuilt(), 300_000);

describe('apionly format (built bin)', () => {
  it('given a non-canonical profile then --check exits 1 listing it, format rewrites it, and --check then exits 0', async () => {
    const dir = project({ [PROFILE]: MESSY });

    const check1 = await runBin(['format', '--check'], { cwd: dir });
    expect(check1.code).toBe(1);
    expect(check1.stdout).toContain(PROFILE);
    expect(check1.stdout).toMatch(/not in canonical form/);
    expect(readFileSync(join(dir, PROFILE), 'utf8')).toBe(MESSY);

    const fmt = await runBin(['format'], { cwd: dir });
    expect(fmt.code).toBe(0);
    expect(fmt.stdout).toContain(`rewrote ${PROFILE}`);
    expect(readFileSync(join(dir, PROFILE), 'utf8')).toBe(CANONICAL);

    const check2 = await runBin(['format', '--check'], { cwd: dir });
    expect(check2.code).toBe(0);
    expect(check2.stdout).toMatch(/All 1 file in canonical form/);
  });

  it('given a malformed file then exits 2 naming file:line:col on stderr and writes nothing', async () => {
    const bad = `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n    <description>R & D</description>\n</Profile>\n`;
    const dir = project({ [PROFILE]: bad, 'force-app/main/default/profiles/Other.profile-meta.xml': MESSY });

    const res = await runBin(['format', 'force-app'], { cwd: dir });

    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${PROFILE}:3:20`);
    expect(res.stderr).toContain('Error (MalformedXml)');
    expect(res.stdout).toBe('');
    expect(readFileSync(join(dir, 'force-app/main/default/profiles/Other.profile-meta.xml'), 'utf8')).toBe(MESSY);
  });

  it('given --json --check then prints one JSON object in the Salesforce CLI shape and exits 1', async () => {
    const dir = project({ [PROFILE]: MESSY });

    const res = await runBin(['format', '--check', '--json'], { cwd: dir });

    expect(res.code).toBe(1);
    const body = JSON.parse(res.stdout) as { status: number; result: { check: boolean; changed: string[]; files: Array<{ path: string; status: string }> } };
    expect(body.status).toBe(1);
    expect(body.result.check).toBe(true);
    expect(body.result.changed).toEqual([PROFILE]);
    expect(body.result.files).toEqual([expect.objectContaining({ path: PROFILE, status: 'changed' })]);
  });

  it('given --json and a missing path then prints the error envelope and exits 2', async () => {
    const dir = project({ [PROFILE]: CANONICAL });

    const res = await runBin(['format', 'nope', '--json'], { cwd: dir });

    expect(res.code).toBe(2);
    const body = JSON.parse(res.stdout) as { status: number; name: string; data: { problems: Array<{ file: string; message: string }> } };
    expect(body.status).toBe(2);
    expect(body.name).toBe('NoFilesToFormat');
    expect(body.data.problems[0]).toEqual(expect.objectContaining({ file: 'nope', message: 'no such file or directory' }));
  });
});
