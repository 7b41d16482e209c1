import { el, group, parseMetadataXml, renderMetadataXml, type MetadataDocument } from '../../../src/xml';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n';
const TAIL = '</Profile>\n';
const profile = (...children: MetadataDocument['children']): MetadataDocument => ({ type: 'Profile', children });
const perm = (name: string, enabled = 'true') => group('userPermissions', [el('name', name), el('enabled', enabled)]);

describe('renderMetadataXml', () => {
  it('given a minimal profile built in code then writes facts a.6 shape: declaration, xmlns, WSDL order, 4-space indent, LF, final newline', () => {
    // Arrange: elements deliberately out of order, children too.
    const doc = profile(
      el('userLicense', 'Salesforce'),
      perm('ApiUserOnly'),
      perm('ApiEnabled'),
      el('description', 'Integration user, API access only'),
      el('custom', 'true'),
    );
    // Act
    const xml = renderMetadataXml(doc);
    // Assert
    expect(xml).toBe(
      HEAD +
        '    <custom>true</custom>\n' +
        '    <description>Integration user, API access only</description>\n' +
        '    <userLicense>Salesforce</userLicense>\n' +
        '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n' +
        '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>\n' +
        TAIL,
    );
    expect(xml).not.toMatch(/\r| +\n|\t/);
  });

  it('given an empty element then writes it self-closing, also when the text is empty', () => {
    expect(renderMetadataXml(profile(el('loginHours'), el('description', '')))).toBe(
      HEAD + '    <description/>\n    <loginHours/>\n' + TAIL,
    );
  });

  it('given object permissions with viewAllFields then orders children per facts a.3', () => {
    const entry = group('objectPermissions', [
      el('viewAllRecords', 'true'),
      el('object', 'Account'),
      el('viewAllFields', 'false'),
      el('modifyAllRecords', 'true'),
      el('allowRead', 'true'),
      el('allowEdit', 'true'),
      el('allowDelete', 'true'),
      el('allowCreate', 'true'),
    ]);
    const lines = renderMetadataXml(profile(entry)).split('\n').slice(3, 11).map((l) => l.trim().replace(/>.*$/, '>'));
    expect(lines).toEqual([
      '<allowCreate>', '<allowDelete>', '<allowEdit>', '<allowRead>', '<modifyAllRecords>', '<object>', '<viewAllFields>', '<viewAllRecords>',
    ]);
  });

  it('given list entries then sorts them by key in byte order: uppercase, then _, then lowercase', () => {
    const names = ['viewAll', 'View_All', 'ViewAll', 'AIViewInsightObjects', 'ActivateContract', 'Zeta'];
    const xml = renderMetadataXml(profile(...names.map((n) => perm(n))));
    const order = [...xml.matchAll(/<name>(.*)<\/name>/g)].map((m) => m[1]);
    expect(order).toEqual(['AIViewInsightObjects', 'ActivateContract', 'ViewAll', 'View_All', 'Zeta', 'viewAll']);
  });

  it('given layout assignments then sorts by layout, then recordType, the one without recordType first', () => {
    const la = (layout: string, recordType?: string) =>
      group('layoutAssignments', recordType ? [el('recordType', recordType), el('layout', layout)] : [el('layout', layout)]);
    const xml = renderMetadataXml(profile(la('Account-B'), la('Account-A', 'Account.Z'), la('Account-A', 'Account.B'), la('Account-A')));
    const entries = xml.split('<layoutAssignments>').slice(1).map((e) => e.replace(/\s+/g, ' ').replace(/ <\/layoutAssignments>.*/, '').trim());
    expect(entries).toEqual([
      '<layout>Account-A</layout>',
      '<layout>Account-A</layout> <recordType>Account.B</recordType>',
      '<layout>Account-A</layout> <recordType>Account.Z</recordType>',
      '<layout>Account-B</layout>',
    ]);
  });

  it('given entries with equal keys then keeps their order (stable)', () => {
    const xml = renderMetadataXml(profile(perm('Same', 'true'), perm('Same', 'false')));
    expect([...xml.matchAll(/<enabled>(.*)<\/enabled>/g)].map((m) => m[1])).toEqual(['true', 'false']);
  });

  it('given loginIpRanges then keeps the file order (numeric order is not text order)', () => {
    const range = (start: string, end: string) => group('loginIpRanges', [el('startAddress', start), el('endAddress', end)]);
    const xml = renderMetadataXml(profile(range('10.2.0.0', '10.2.255.255'), range('10.10.0.0', '10.10.255.255')));
    expect([...xml.matchAll(/<startAddress>(.*)<\/startAddress>/g)].map((m) => m[1])).toEqual(['10.2.0.0', '10.10.0.0']);
    expect(xml).toContain('    <loginIpRanges>\n        <endAddress>10.2.255.255</endAddress>\n        <startAddress>10.2.0.0</startAddress>\n');
  });

  it('given unknown top-level elements then keeps them, placed by name in byte order among the known ones', () => {
    const xml = renderMetadataXml(
      profile(el('userLicense', 'Salesforce'), el('zNewSetting', 'x'), el('custom', 'true'), el('customZ', '1'), el('aaaNew', '2'), el('loginHoursX', '3')),
    );
    expect([...xml.matchAll(/^    <(\w+)>/gm)].map((m) => m[1])).toEqual(['aaaNew', 'custom', 'customZ', 'loginHoursX', 'userLicense', 'zNewSetting']);
  });

  it('given unknown children of a known list entry then places them by name among the known children', () => {
    const xml = renderMetadataXml(profile(group('objectPermissions', [el('zzz', '1'), el('object', 'Account'), el('allowRead', 'true'), el('newFlag', 'x')])));
    expect([...xml.matchAll(/^        <(\w+)>/gm)].map((m) => m[1])).toEqual(['allowRead', 'newFlag', 'object', 'zzz']);
  });

  it('given an unknown root type then formats it generically: names in byte order, repeated elements kept in order', () => {
    const xml = renderMetadataXml({ type: 'CustomThing', children: [el('b', '2'), el('a', 'second'), el('B', 'upper'), el('a', 'first')] });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomThing xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
        '    <B>upper</B>\n    <a>second</a>\n    <a>first</a>\n    <b>2</b>\n</CustomThing>\n',
    );
  });

  it('given a PermissionSet then uses its own order (label, license, tabSettings)', () => {
    const xml = renderMetadataXml({
      type: 'PermissionSet',
      children: [
        group('tabSettings', [el('visibility', 'Visible'), el('tab', 'b__c')]),
        group('tabSettings', [el('visibility', 'Visible'), el('tab', 'B__c')]),
        el('label', 'X'),
        el('hasActivationRequired', 'false'),
        el('description', 'd'),
      ],
    });
    expect([...xml.matchAll(/^    <(\w+)>/gm)].map((m) => m[1])).toEqual(['description', 'hasActivationRequired', 'label', 'tabSettings', 'tabSettings']);
    expect([...xml.matchAll(/<tab>(.*)<\/tab>/g)].map((m) => m[1])).toEqual(['B__c', 'b__c']);
  });

  it('given raw text with entities then writes it as is and sorts by the decoded key', () => {
    const xml = renderMetadataXml(
      profile(
        group('layoutAssignments', [{ name: 'layout', text: 'Account-R&amp;D Layout' }]),
        group('layoutAssignments', [{ name: 'layout', text: 'Account-R Layout' }]),
      ),
    );
    expect(xml.indexOf('Account-R Layout')).toBeLessThan(xml.indexOf('Account-R&amp;D Layout'));
  });

  it('given a builder bug (bad element name, text and children) then throws instead of writing bad XML', () => {
    expect(() => renderMetadataXml(profile(el('bad name', 'x')))).toThrow(/not a valid element name/);
    expect(() => renderMetadataXml(profile({ name: 'x', text: 'a', children: [el('y', 'b')] }))).toThrow(/both text and child elements/);
  });

  it('given any document then format(format(x)) == format(x)', () => {
    const doc = profile(el('zUnknown', 'z'), perm('b'), perm('B'), el('custom', 'false'), group('loginHours', [el('mondayStart', '300'), el('mondayEnd', '1020')]));
    const once = renderMetadataXml(doc);
    expect(renderMetadataXml(parseMetadataXml(once, 'x.profile-meta.xml'))).toBe(once);
  });
});

describe('renderMetadataXml on generated documents', () => {
  // Small deterministic generator (no timing, no randomness between runs).
  function rng(seed: number): () => number {
    let s = seed;
    return () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
  }
  const NAMES = ['userPermissions', 'objectPermissions', 'fieldPermissions', 'layoutAssignments', 'loginIpRanges', 'custom', 'description', 'zNew', 'aNew', 'tabVisibilities'];
  const KEYS = ['Account', 'account', 'Account_X', 'AccountX', 'Zeta', '_under', 'Ünï', 'R&D', 'a"b', "o'k", '😀'];

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('given generated document #%d then rendering is idempotent and keeps every element', (seed) => {
    const r = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const children = Array.from({ length: 40 }, () => {
      const name = pick(NAMES);
      if (name === 'custom' || name === 'description' || name === 'aNew') return el(name, pick(KEYS));
      return group(name, [el('name', pick(KEYS)), el('object', pick(KEYS)), el('field', pick(KEYS)), el('layout', pick(KEYS)), el('tab', pick(KEYS)), el('enabled', 'true')].filter(() => r() > 0.3));
    });
    const once = renderMetadataXml(profile(...children));
    const reparsed = parseMetadataXml(once, 'gen.profile-meta.xml');
    expect(renderMetadataXml(reparsed)).toBe(once);
    expect(reparsed.children).toHaveLength(children.length);
    const count = (xml: string) => (xml.match(/<(\w+)[/>]/g) ?? []).sort();
    expect(count(once)).toEqual(count(renderMetadataXml(profile(...[...children].reverse()))));
  });
});
