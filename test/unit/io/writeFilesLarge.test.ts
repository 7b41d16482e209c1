/**
 * The writer compares and writes large files in 1 Mi-unit slices (so a 35 MB profile is not held twice); these
 * cases put multi-byte characters and a surrogate pair across slice boundaries.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, writeFiles } from '../../../src/io/writeFiles';

const SLICE = 1 << 20;
const root = (): string => mkdtempSync(join(tmpdir(), 'apionly-write-large-'));

describe('writeFiles / checkFiles on files larger than one slice', () => {
  const big = `${'a'.repeat(SLICE - 1)}😀${'é'.repeat(SLICE)}${'z'.repeat(3)}\n`;

  it('Given a surrogate pair on a slice boundary, When written, Then the bytes are exactly the UTF-8 of the text, and a rerun is unchanged', async () => {
    const dir = root();
    expect(await writeFiles([{ path: 'p.xml', content: big }], dir)).toEqual([{ path: 'p.xml', status: 'written' }]);
    expect(readFileSync(join(dir, 'p.xml')).equals(Buffer.from(big, 'utf8'))).toBe(true);
    expect(await writeFiles([{ path: 'p.xml', content: big }], dir)).toEqual([{ path: 'p.xml', status: 'unchanged' }]);
    expect(await checkFiles([{ path: 'p.xml', content: big }], dir)).toEqual([{ path: 'p.xml', status: 'unchanged' }]);
  });

  it('Given a file that differs only in the last slice, or only in length, When checked, Then it is stale', async () => {
    const dir = root();
    writeFileSync(join(dir, 'p.xml'), big.replace(/z\n$/, 'y\n'));
    writeFileSync(join(dir, 'q.xml'), `${big}\n`);
    expect(await checkFiles([{ path: 'p.xml', content: big }, { path: 'q.xml', content: big }], dir)).toEqual([
      { path: 'p.xml', status: 'stale' },
      { path: 'q.xml', status: 'stale' },
    ]);
  });
});
