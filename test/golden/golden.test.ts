/**
 * Golden files: each case under test/golden/<case>/ has input/ (a project: apionly.config.json,
 * sfdx-project.json, templates, objects) and expected/ (every file generate writes, byte for byte).
 * The case `default` takes its input from the repository root (the config users fork).
 * UPDATE_GOLDEN=1 rewrites expected/; otherwise a missing, extra or different file fails.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { generate } from '../../src/generate';

const GOLDEN = __dirname;
const REPO = join(__dirname, '..', '..');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Cases whose input is partly made by code (too many files to commit). */
const SETUP: Record<string, (projectDir: string) => void> = {
  'thousand-objects': (projectDir) => {
    for (let i = 1; i <= 1000; i++) {
      const name = `Obj${String(i).padStart(4, '0')}__c`;
      const folder = join(projectDir, 'force-app', 'main', 'default', 'objects', name);
      mkdirSync(join(folder, 'fields'), { recursive: true });
      writeFileSync(
        join(folder, `${name}.object-meta.xml`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Object ${i}</label>\n</CustomObject>\n`,
      );
      if (i % 100 === 0) {
        writeFileSync(
          join(folder, 'fields', 'Value__c.field-meta.xml'),
          `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>Value__c</fullName>\n    <type>Text</type>\n    <length>80</length>\n</CustomField>\n`,
        );
      }
    }
  },
};

function prepareProject(caseName: string): string {
  const dir = mkdtempSync(join(tmpdir(), `apionly-golden-${caseName}-`));
  const input = join(GOLDEN, caseName, 'input');
  if (existsSync(input)) cpSync(input, dir, { recursive: true });
  else {
    for (const f of ['apionly.config.json', 'sfdx-project.json']) cpSync(join(REPO, f), join(dir, f));
    cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
    cpSync(join(REPO, 'schema'), join(dir, 'schema'), { recursive: true });
  }
  SETUP[caseName]?.(dir);
  return dir;
}

const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('golden files', () => {
  it('has the cases the issue asks for', () => {
    expect(cases).toEqual(
      expect.arrayContaining(['default', 'xml-specials', 'custom-objects', 'org-overrides', 'excluded-objects', 'thousand-objects', 'modify-all-data', 'integration-default', 'integration-custom-objects', 'discovered-org', 'integration-discovered-org']),
    );
  });

  describe.each(cases)('%s', (caseName) => {
    let project: string;
    beforeAll(() => {
      project = prepareProject(caseName);
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('generates exactly the expected files, byte for byte', async () => {
      // Given a project, When generate runs
      const result = await generate({ cwd: project });
      const expectedDir = join(GOLDEN, caseName, 'expected');
      const produced = result.files.map((f) => f.path).sort();
      if (UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const p of produced) {
          mkdirSync(dirname(join(expectedDir, p)), { recursive: true });
          cpSync(join(project, p), join(expectedDir, p));
        }
      }
      // Then the file list and every byte match expected/
      expect(produced).toEqual(listFiles(expectedDir));
      for (const p of produced) {
        const actual = readFileSync(join(project, p));
        const expected = readFileSync(join(expectedDir, p));
        if (!actual.equals(expected)) {
          throw new Error(`${caseName}: ${p} differs from test/golden/${caseName}/expected/${p} (run with UPDATE_GOLDEN=1 after checking the change)\n--- got:\n${actual.toString('utf8').slice(0, 4000)}`);
        }
      }
      expect(result.files.every((f) => f.status === 'written')).toBe(true);
    });

    it('is idempotent: a second run writes nothing and --check finds nothing stale', async () => {
      const again = await generate({ cwd: project });
      expect(again.files.map((f) => f.status)).toEqual(again.files.map(() => 'unchanged'));
      const check = await generate({ cwd: project, check: true });
      expect(check.files.map((f) => f.status)).toEqual(check.files.map(() => 'unchanged'));
    });
  });
});
