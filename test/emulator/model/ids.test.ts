import { caseSafeSuffix, isWellFormedId, toId18 } from '../../../src/emulator/model';
import { makeId, KEY_PREFIX } from '../../../src/emulator/model/ids';

describe('ids', () => {
  it.each([
    ['001000000000001', 'AAA'], // no uppercase letters
    ['00D5A0000000001', 'UAA'],
    ['0055A0000000001', 'QAA'], // A at index 4 => 16 => 'Q'
  ])('case-safe suffix of %s is %s', (id15, suffix) => {
    expect(caseSafeSuffix(id15)).toBe(suffix);
  });

  it('computes the documented suffix: uppercase positions set bits per 5-char chunk', () => {
    // chunk "00D5A": D at index 2 (4), A at index 4 (16) => 20 => 'U'; other chunks all digits => 'A'
    expect(caseSafeSuffix('00D5A0000000001')).toBe('UAA');
    expect(caseSafeSuffix('ABCDEABCDEABCDE')).toBe('555');
  });

  it('accepts 15- and 18-char ids and normalises to 18', () => {
    const id18 = makeId(KEY_PREFIX.Profile, '5A', 4);
    expect(id18).toHaveLength(18);
    expect(id18.startsWith('00e')).toBe(true);
    expect(toId18(id18.slice(0, 15))).toBe(id18);
    expect(toId18(id18)).toBe(id18);
    expect(toId18(id18.slice(0, 15) + id18.slice(15).toLowerCase())).toBe(id18);
  });

  it('rejects anything that is not an id', () => {
    expect(isWellFormedId('00e5A000000000')).toBe(false); // 14 chars
    expect(isWellFormedId('00e5A0000000004ZZZ')).toBe(false); // wrong suffix
    expect(toId18("00e5A000000000'")).toBeUndefined();
  });

  it('makes distinct ids per sequence number', () => {
    const ids = new Set(Array.from({ length: 200 }, (_, i) => makeId(KEY_PREFIX.User, '5A', i + 1)));
    expect(ids.size).toBe(200);
  });
});
