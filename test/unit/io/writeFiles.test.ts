import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, resolveInside, writeFiles } from '../../../src/io/writeFiles';
import { InternalError } from '../../../src/errors';

const root = (): string => mkdtempSync(join(tmpdir(), 'apionly-write-'));

describe('writeFiles', () => {
  it('creates folders, writes new files and reports them', async () => {
    const dir = root();
    const result = await writeFiles([{ path: 'a/b/c.txt', content: 'hé\n' }], dir);
    expect(result).toEqual([{ path: 'a/b/c.txt', status: 'written' }]);
    expect(readFileSync(join(dir, 'a/b/c.txt'), 'utf8')).toBe('hé\n');
  });

  it('leaves files whose bytes are unchanged untouched', async () => {
    const dir = root();
    await writeFiles([{ path: 'f.txt', content: 'x' }], dir);
    const before = statSync(join(dir, 'f.txt')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await writeFiles([{ path: 'f.txt', content: 'x' }], dir)).toEqual([{ path: 'f.txt', status: 'unchanged' }]);
    expect(statSync(join(dir, 'f.txt')).mtimeMs).toBe(before);
  });

  it('replaces changed files and leaves no temporary file behind', async () => {
    const dir = root();
    writeFileSync(join(dir, 'f.txt'), 'old');
    expect(await writeFiles([{ path: 'f.txt', content: 'new' }], dir)).toEqual([{ path: 'f.txt', status: 'written' }]);
    expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['f.txt']);
  });

  it('keeps the permissions of a file it replaces', async () => {
    const dir = root();
    writeFileSync(join(dir, 'f.txt'), 'old');
    chmodSync(join(dir, 'f.txt'), 0o640);
    await writeFiles([{ path: 'f.txt', content: 'new' }], dir);
    expect(statSync(join(dir, 'f.txt')).mode & 0o777).toBe(0o640);
  });

  it.each(['../escape.txt', '/etc/passwd', 'a/../../escape.txt', '.'])('refuses %p (outside the root) before writing anything', async (path) => {
    const dir = root();
    await expect(writeFiles([{ path: 'ok.txt', content: 'x' }, { path, content: 'x' }], dir)).rejects.toBeInstanceOf(InternalError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('resolveInside accepts nested paths', () => {
    expect(resolveInside('/p', 'force-app/main/x.xml')).toBe('/p/force-app/main/x.xml');
  });
});

describe('checkFiles', () => {
  it('reports unchanged, stale and missing files and writes nothing', async () => {
    const dir = root();
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd/same.txt'), 'same');
    writeFileSync(join(dir, 'd/old.txt'), 'old');
    const result = await checkFiles(
      [
        { path: 'd/same.txt', content: 'same' },
        { path: 'd/old.txt', content: 'new' },
        { path: 'd/none.txt', content: 'x' },
      ],
      dir,
    );
    expect(result).toEqual([
      { path: 'd/same.txt', status: 'unchanged' },
      { path: 'd/old.txt', status: 'stale' },
      { path: 'd/none.txt', status: 'missing' },
    ]);
    expect(readdirSync(join(dir, 'd')).sort()).toEqual(['old.txt', 'same.txt']);
    expect(readFileSync(join(dir, 'd/old.txt'), 'utf8')).toBe('old');
  });
});
