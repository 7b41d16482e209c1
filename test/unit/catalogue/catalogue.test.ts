import { diffCatalogues, parseCatalogue, renderCatalogue } from '../../../src/catalogue';
import { InputError } from '../../../src/errors';
import { catalogueObject, smallCatalogue } from '../../helpers/catalogue';

describe('renderCatalogue', () => {
  it('Given the same catalogue built in two key orders, Then the bytes are identical, keys in byte order, one final newline', () => {
    const a = smallCatalogue();
    const reversed = { ...a, objects: Object.fromEntries(Object.entries(a.objects).reverse()), org: { sandbox: false, apiVersion: '66.0', id: a.org.id, edition: a.org.edition } };
    expect(renderCatalogue(reversed)).toBe(renderCatalogue(a));
    const text = renderCatalogue(a);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"objects"'));
    expect(text.indexOf('"Account"')).toBeLessThan(text.indexOf('"Invoice__c"'));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps
  });
});

describe('parseCatalogue', () => {
  it('Given rendered bytes, When parsed, Then the same catalogue comes back (round trip)', () => {
    const c = smallCatalogue();
    expect(renderCatalogue(parseCatalogue(renderCatalogue(c), 'apionly.catalogue.json'))).toBe(renderCatalogue(c));
  });

  it.each([
    ['not JSON', '{ "format": ', /MalformedJson|line 1/],
    ['another format', JSON.stringify({ ...smallCatalogue(), format: 'x' }), /\/format: must be "apionly-catalogue"/],
    ['a bad field class', JSON.stringify({ ...smallCatalogue(), objects: { Account: catalogueObject({ Phone: 'writable' as never }) } }), /\/objects\/Account\/fields\/Phone: must be one of editable/],
    ['a bad licence', JSON.stringify({ ...smallCatalogue(), userLicenses: { Salesforce: { seats: 'ten' } } }), /\/userLicenses\/Salesforce/],
  ])('Given %s, Then an InputError names the file and the JSON path, and says to rerun discover', (_, text, pattern) => {
    let caught: unknown;
    try {
      parseCatalogue(text, 'apionly.catalogue.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).exitCode).toBe(2);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message).toContain('apionly.catalogue.json');
  });
});

describe('diffCatalogues', () => {
  it('Given an unchanged org, Then nothing changed', () => {
    const d = diffCatalogues(smallCatalogue(), smallCatalogue());
    expect(d.changed).toBe(false);
    expect([...d.objectsAdded, ...d.fieldsAdded, ...d.other]).toEqual([]);
  });

  it('Given an org that gained and lost objects, fields and permissions, Then each list names them in byte order', () => {
    const before = smallCatalogue();
    const after = smallCatalogue({
      userPermissions: [...before.userPermissions.filter((p) => p !== 'RunReports'), 'ManageCases'],
      referenceProfile: { name: 'System Administrator', userPermissions: ['ApiEnabled'] },
      objects: {
        ...Object.fromEntries(Object.entries(before.objects).filter(([n]) => n !== 'Quote')),
        Account: catalogueObject({ AccountNumber: 'required', Phone: 'editable', Tier__c: 'editable' }),
        Shipment__c: catalogueObject({ Weight__c: 'editable' }, { kind: 'custom' }),
      },
      userLicenses: { Salesforce: { masterLabel: 'Salesforce', status: 'Active', seats: 20 } },
    });
    const d = diffCatalogues(before, after);
    expect(d).toEqual(expect.objectContaining({
      changed: true,
      objectsAdded: ['Shipment__c'],
      objectsRemoved: ['Quote'],
      fieldsAdded: ['Account.Tier__c'],
      fieldsRemoved: ['Account.Rating__c'],
      fieldsChanged: ['Account.AccountNumber: editable -> required'],
      userPermissionsAdded: ['ManageCases'],
      userPermissionsRemoved: ['RunReports'],
      referencePermissionsRemoved: ['AuthorApex', 'CustomizeApplication', 'ManageUsers', 'ModifyAllData', 'RunReports', 'ViewAllData', 'ViewSetup'],
      other: ['userLicenses'],
    }));
  });
});
