import { grantedObjects, isQueryable, MAX_OBJECT_QUERIES, readableObjects, sample } from '../../../src/check/grantedObjects';
import { tokenErrorFix } from '../../../src/check/integrationLogin';
import { loadConfig } from '../../../src/config';
import { makeProject, MINIMAL_CONFIG } from '../../helpers/project';

describe('grantedObjects', () => {
  it('Given a profile and a permission set file, When read, Then only objects with allowRead=true count', () => {
    const profile = '<Profile xmlns="x"><objectPermissions><allowRead>true</allowRead><object>Account</object></objectPermissions><objectPermissions><allowRead>false</allowRead><object>Lead</object></objectPermissions></Profile>';
    const set = '<PermissionSet xmlns="x"><objectPermissions><allowRead>true</allowRead><object>Invoice__c</object></objectPermissions></PermissionSet>';
    expect(readableObjects(profile)).toEqual(['Account']);
    expect(readableObjects(set)).toEqual(['Invoice__c']);
  });

  it.each([
    ['Account', true],
    ['Invoice__c', true],
    ['Order_Event__e', false],
    ['Erp_Order__x', false],
  ])('Given %s, When asked whether a plain SELECT reads it, Then %s', (name, expected) => {
    expect(isQueryable(name)).toBe(expected);
  });

  it('Given 1000 names, When sampled to 50, Then 50 distinct names spread from the first on', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `Obj${String(i).padStart(4, '0')}__c`);
    const picked = sample(names, 50);
    expect(picked).toHaveLength(50);
    expect(new Set(picked).size).toBe(50);
    expect(picked[0]).toBe('Obj0000__c');
    expect(picked[1]).toBe('Obj0020__c');
    expect(sample(names.slice(0, 3), 50)).toEqual(names.slice(0, 3));
  });

  it('Given a project with hundreds of custom objects, When the granted objects are listed, Then at most MAX_OBJECT_QUERIES are queried and the total is reported', async () => {
    const files: Record<string, string | object> = { 'apionly.config.json': MINIMAL_CONFIG };
    for (let i = 0; i < 300; i++) {
      const name = `Obj${String(i).padStart(3, '0')}__c`;
      files[`force-app/main/default/objects/${name}/${name}.object-meta.xml`] = `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${name}</label>\n</CustomObject>\n`;
    }
    const loaded = await loadConfig({ cwd: makeProject(files) });
    const granted = await grantedObjects(loaded);
    expect(granted.total).toBeGreaterThan(300);
    expect(granted.objects).toHaveLength(MAX_OBJECT_QUERIES);
  });
});

describe('tokenErrorFix', () => {
  it.each([
    ['invalid_client', 'invalid client credentials', 'The consumer secret is wrong'],
    ['invalid_client_id', 'client identifier invalid', 'The consumer key is unknown to this org'],
    ['invalid_grant', 'no client credentials user enabled', 'The app has no run-as user'],
    ['invalid_grant', 'request not supported on this domain', 'My Domain'],
  ])('Given %s (%s), When the fix is asked, Then it says "%s"', (error, description, fix) => {
    expect(tokenErrorFix(error, description, 'env')).toContain(fix);
  });
});
