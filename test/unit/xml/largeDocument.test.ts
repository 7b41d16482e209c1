/**
 * Org-scale documents (npm run bench): a profile with 200,000 field permissions must sort and render without
 * overflowing the call stack (spreading that many entries as call arguments does). The sort compares keys natively
 * when neither holds a unit from U+D800 up, and by code point otherwise; both must give code point order.
 */
import { el, group, renderMetadataXml, type XmlElement } from '../../../src/xml';

function fieldPermission(i: number): XmlElement {
  return group('fieldPermissions', [el('editable', 'true'), el('field', `Obj_${String(i).padStart(6, '0')}__c.F__c`), el('readable', 'true')]);
}

describe('renderMetadataXml at org scale', () => {
  it('Given 200,000 field permissions in reverse order, When rendered, Then they come out sorted, one entry per 5 lines', () => {
    const n = 200_000;
    const children: XmlElement[] = [el('userLicense', 'Salesforce')];
    for (let i = n - 1; i >= 0; i--) children.push(fieldPermission(i));

    const xml = renderMetadataXml({ type: 'Profile', children });

    const lines = xml.split('\n');
    expect(lines).toHaveLength(2 + n * 5 + 1 + 1 + 1);
    expect(lines[2]).toBe('    <fieldPermissions>');
    expect(lines[4]).toBe('        <field>Obj_000000__c.F__c</field>');
    expect(lines[4 + (n - 1) * 5]).toBe('        <field>Obj_199999__c.F__c</field>');
    expect(lines[2 + n * 5]).toBe('    <userLicense>Salesforce</userLicense>');
  });
});

describe('list sorting fast paths', () => {
  const permission = (name: string): XmlElement => group('userPermissions', [el('enabled', 'true'), el('name', name)]);
  const names = (xml: string): string[] => [...xml.matchAll(/<name>([^<]*)<\/name>/g)].map((m) => m[1] as string);

  it('Given keys mixing ASCII, U+FF21 and an astral character, When sorted, Then the order is code point order (not UTF-16 order)', () => {
    const keys = ['\u{1F600}', 'b', '\uFF21', 'B', 'Api', '\u{1F600}x'];
    const xml = renderMetadataXml({ type: 'Profile', children: keys.map(permission) });
    expect(names(xml)).toEqual(['Api', 'B', 'b', '\uFF21', '\u{1F600}', '\u{1F600}x']);
  });

  it('Given entries already in order, When rendered twice, Then the bytes are the same', () => {
    const once = renderMetadataXml({ type: 'Profile', children: ['A', 'B', 'a'].map(permission) });
    expect(names(once)).toEqual(['A', 'B', 'a']);
    expect(renderMetadataXml({ type: 'Profile', children: ['A', 'B', 'a'].map(permission) })).toBe(once);
  });
});
