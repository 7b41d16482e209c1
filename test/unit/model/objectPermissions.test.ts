import { accessFlagsProblems, applyPlatformRules, closeFlags, flagsForAccess, flagsForLevel, isClosed, NO_ACCESS } from '../../../src/model/objectPermissions';
import type { ObjectFlags } from '../../../src/model/types';

const code = (f: ObjectFlags): string =>
  [f.allowCreate, f.allowDelete, f.allowEdit, f.allowRead, f.modifyAllRecords, f.viewAllRecords].map((b) => (b ? 'T' : 'F')).join('');

describe('object permission levels (CDERMV)', () => {
  it.each([
    ['modifyAll', 'TTTTTT'],
    ['viewAll', 'FFFTFT'],
    ['edit', 'TTTTFF'],
    ['read', 'FFFTFF'],
    ['none', 'FFFFFF'],
  ] as const)('level %s gives %s', (level, expected) => {
    expect(code(flagsForLevel(level))).toBe(expected);
    expect(isClosed(flagsForLevel(level))).toBe(true);
  });
});

describe('closeFlags: the platform dependency rules', () => {
  it.each([
    [{ modifyAllRecords: true }, 'FTTTTT'], // Modify All => Read, Edit, Delete, View All (not Create)
    [{ allowDelete: true }, 'FTTTFF'], // Delete => Read, Edit
    [{ allowEdit: true }, 'FFTTFF'],
    [{ allowCreate: true }, 'TFFTFF'],
    [{ viewAllRecords: true }, 'FFFTFT'],
  ])('given %p, it adds what is implied', (flags, expected) => {
    expect(code(closeFlags({ ...NO_ACCESS, ...flags }))).toBe(expected);
  });

  it('flags from explicit config flags are closed', () => {
    expect(code(flagsForAccess({ modifyAll: true }))).toBe('FTTTTT');
    expect(code(flagsForAccess({ create: true, edit: true }))).toBe('TFTTFF');
  });

  it('reports explicit false flags that an enabled flag needs', () => {
    expect(accessFlagsProblems({ modifyAll: true, read: false, delete: false })).toEqual([
      'modifyAll needs read, which is set to false',
      'modifyAll needs delete, which is set to false',
    ]);
    expect(accessFlagsProblems({ edit: true, read: true })).toEqual([]);
  });
});

describe('applyPlatformRules', () => {
  const full = flagsForLevel('modifyAll');
  const plain = { modifyAllData: false, viewAllData: false };

  it.each(['Idea', 'Pricebook2', 'Product2', 'PushTopic', 'Question', 'SocialPersona'])('%s gets no View All / Modify All without ModifyAllData', (object) => {
    expect(code(applyPlatformRules(object, 'standard', full, plain).flags)).toBe('TTTTFF');
  });

  it('platform events and big objects allow Create and Read only', () => {
    expect(code(applyPlatformRules('Thing__e', 'platformEvent', full, plain).flags)).toBe('TFFTFF');
    expect(code(applyPlatformRules('Thing__b', 'bigObject', full, plain).flags)).toBe('TFFTFF');
  });

  it('external objects get no View All / Modify All without ModifyAllData', () => {
    expect(code(applyPlatformRules('Erp__x', 'externalObject', full, plain).flags)).toBe('TTTTFF');
  });

  it('with ModifyAllData every object is full access, and lowering one says so', () => {
    const ctx = { modifyAllData: true, viewAllData: true };
    expect(code(applyPlatformRules('Product2', 'standard', full, ctx).flags)).toBe('TTTTTT');
    expect(code(applyPlatformRules('Thing__e', 'platformEvent', full, ctx).flags)).toBe('TTTTTT');
    const lowered = applyPlatformRules('Lead', 'standard', flagsForLevel('read'), ctx);
    expect(code(lowered.flags)).toBe('TTTTTT');
    expect(lowered.note).toMatch(/ModifyAllData grants full access/);
  });

  it('with ViewAllData, Read and View All cannot be taken away', () => {
    const ctx = { modifyAllData: false, viewAllData: true };
    expect(code(applyPlatformRules('Lead', 'standard', NO_ACCESS, ctx).flags)).toBe('FFFTFT');
    expect(code(applyPlatformRules('Idea', 'standard', NO_ACCESS, ctx).flags)).toBe('FFFTFF');
  });
});
