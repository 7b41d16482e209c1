import { customObject, deploy, newOrg, objectXml, packageXml, problems, textField } from './helpers';

describe('CustomObject / CustomField deploy', () => {
  it('creates a custom object with its fields; a redeploy reports changed only when content changed', () => {
    const org = newOrg();
    const pkg = packageXml({ CustomObject: ['Invoice__c'], CustomField: ['Invoice__c.Code__c'] });
    const first = deploy(org, { 'package.xml': pkg, 'objects/Invoice__c.object': customObject('Invoice', textField('Code__c')) });
    expect(first.status).toBe('Succeeded');
    expect(first.successes.map((m) => [m.componentType, m.fullName, m.created, m.changed])).toEqual([
      ['', 'package.xml', false, true], ['CustomObject', 'Invoice__c', true, false], ['CustomField', 'Invoice__c.Code__c', true, false],
    ]);
    const same = deploy(org, { 'package.xml': pkg, 'objects/Invoice__c.object': customObject('Invoice', textField('Code__c')) });
    expect(same.successes.slice(1).map((m) => [m.created, m.changed])).toEqual([[false, false], [false, false]]);
    const relabel = deploy(org, { 'package.xml': pkg, 'objects/Invoice__c.object': customObject('Bill', textField('Code__c')) });
    expect(relabel.successes[1]).toMatchObject({ created: false, changed: true });
    expect(org.listMetadata('CustomField').map((p) => p.fullName)).toEqual(['Invoice__c.Code__c']);
    expect(org.describeGlobal()['sobjects']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Invoice__c', custom: true })]));
  });

  it('custom fields on a standard object (CustomField members only)', () => {
    const org = newOrg();
    const out = deploy(org, { 'package.xml': packageXml({ CustomField: ['Account.Region__c'] }), 'objects/Account.object': objectXml(textField('Region__c')) });
    expect(out.status).toBe('Succeeded');
    expect(out.successes[1]).toMatchObject({ componentType: 'CustomField', fullName: 'Account.Region__c', created: true, fileName: 'objects/Account.object' });
    const fields = (org.describe('Account')['fields'] as { name: string }[]).map((f) => f.name);
    expect(fields).toContain('Region__c');
  });

  it.each([
    ['missing label', objectXml('    <pluralLabel>Xs</pluralLabel>\n    <nameField>\n        <label>N</label>\n        <type>Text</type>\n    </nameField>\n'), 'Must specify a non-empty label for the CustomObject'],
    ['field type unknown', customObject('X', '    <fields>\n        <fullName>F__c</fullName>\n        <label>F</label>\n        <type>Blob</type>\n    </fields>\n'), "'Blob' is not a valid value for the enum 'FieldType'"],
    ['lookup to an unknown object', customObject('X', '    <fields>\n        <fullName>F__c</fullName>\n        <label>F</label>\n        <referenceTo>Nope__c</referenceTo>\n        <type>Lookup</type>\n    </fields>\n'), 'In field: referenceTo - no CustomObject named Nope__c found'],
  ])('rejects %s', (_, xml, expected) => {
    const org = newOrg();
    const out = deploy(org, { 'package.xml': packageXml({ CustomObject: ['X__c'] }), 'objects/X__c.object': xml });
    expect(out.status).toBe('Failed');
    expect(problems(out)).toContain(expected);
    expect(org.listMetadata('CustomObject').map((p) => p.fullName)).not.toContain('X__c');
  });

  it('a listed CustomField missing from the object file', () => {
    const out = deploy(newOrg(), { 'package.xml': packageXml({ CustomField: ['Account.Gone__c'] }), 'objects/Account.object': objectXml('') });
    expect(problems(out)).toEqual(["An object 'Account.Gone__c' of type CustomField was named in package.xml, but was not found in zipped directory"]);
  });

  it('a feature object that is off cannot take fields', () => {
    const out = deploy(newOrg(), { 'package.xml': packageXml({ CustomField: ['Quote.Margin__c'] }), 'objects/Quote.object': objectXml(textField('Margin__c')) });
    expect(out.status).toBe('Failed');
  });
});
