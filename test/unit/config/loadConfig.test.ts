import { join } from 'node:path';
import { loadConfig, lineColumnAt } from '../../../src/config';
import { InputError } from '../../../src/errors';
import { makeProject } from '../../helpers/project';

async function loadError(cwd: string, configPath?: string): Promise<InputError> {
  try {
    await loadConfig(configPath === undefined ? { cwd } : { cwd, configPath });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadConfig', () => {
  it('loads apionly.config.json from cwd; the project is its folder', async () => {
    const dir = makeProject();
    const loaded = await loadConfig({ cwd: dir });
    expect(loaded.path).toBe(join(dir, 'apionly.config.json'));
    expect(loaded.projectDir).toBe(dir);
    expect(loaded.config.user.fields['Username']).toBe('api@example.com');
  });

  it('takes --config relative to cwd', async () => {
    const dir = makeProject({ 'sub/other.json': { user: { Username: 'o@example.com', LastName: 'O', Email: 'o@example.com' } } });
    const loaded = await loadConfig({ cwd: dir, configPath: 'sub/other.json' });
    expect(loaded.projectDir).toBe(join(dir, 'sub'));
  });

  it('reports malformed JSON with line and column', async () => {
    const dir = makeProject({ 'apionly.config.json': '{\n  "user": {\n    "Username": "a@b.co",\n  }\n}\n' });
    const err = await loadError(dir);
    expect(err.code).toBe('MalformedJson');
    expect(err.problems).toEqual([expect.objectContaining({ file: 'apionly.config.json', location: 'line 4, column 3' })]);
    expect(err.message).toMatch(/apionly.config.json: line 4, column 3: not valid JSON/);
  });

  it('reports truncated JSON at its end', async () => {
    const dir = makeProject({ 'apionly.config.json': '{\n  "user": {' });
    expect((await loadError(dir)).problems[0]?.location).toBe('line 2, column 12');
  });

  it('says where to put the config when there is none', async () => {
    const dir = makeProject();
    const err = await loadError(dir, 'missing.json');
    expect(err.code).toBe('ConfigNotFound');
    expect(err.problems[0]?.fix).toMatch(/--config/);
  });

  it('lineColumnAt counts from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
