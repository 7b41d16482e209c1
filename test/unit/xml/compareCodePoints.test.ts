import { compareCodePoints } from '../../../src/xml';

describe('compareCodePoints', () => {
  it('given mixed-case keys with underscores then sorts uppercase, then _, then lowercase (byte order, facts a.4)', () => {
    const keys = ['standard__Marketing', 'standard__MSJApp', 'Account.Site', 'Account.SLA__c', 'Account.SLASerialNumber__c', 'Account.ShippingAddress', 'AIViewInsightObjects', 'ActivateContract'];
    expect([...keys].sort(compareCodePoints)).toEqual([
      'AIViewInsightObjects',
      'Account.SLASerialNumber__c',
      'Account.SLA__c',
      'Account.ShippingAddress',
      'Account.Site',
      'ActivateContract',
      'standard__MSJApp',
      'standard__Marketing',
    ]);
  });

  it('given a prefix then the shorter string sorts first', () => {
    expect(compareCodePoints('Account', 'Account.Name')).toBeLessThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });

  it('given characters beyond the BMP then sorts by code point like UTF-8 bytes, not by UTF-16 code unit', () => {
    const a = '\uFF21'; // FULLWIDTH A, U+FF21
    const b = '\u{1F600}'; // U+1F600, a surrogate pair in UTF-16
    expect(compareCodePoints(a, b)).toBeLessThan(0);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBeLessThan(0);
    expect(a < b).toBe(false); // what plain UTF-16 comparison would get wrong
  });

  it('given Spanish layout names then sorts by code point', () => {
    expect(['Opción', 'Opcion', 'OpciÓn'].sort(compareCodePoints)).toEqual(['Opcion', 'OpciÓn', 'Opción']);
  });
});
