import { deploy, deployProfile, files, newOrg, objPerm, packageXml, problems, profileXml, userPerm } from './helpers';

describe('deploy options and package handling', () => {
  it('NoTestRun in a production org refuses the whole deploy', () => {
    const org = newOrg({ kind: 'production' });
    const out = deployProfile(org, 'API Only', userPerm('ApiEnabled'), { testLevel: 'NoTestRun' });
    expect(out).toMatchObject({ status: 'Failed', errorStatusCode: 'INVALID_OPERATION', errorMessage: 'testLevel of NoTestRun cannot be used in production organizations', successes: [], failures: [] });
    expect(org.query("SELECT COUNT() FROM Profile WHERE Name = 'API Only'").totalSize).toBe(0);
  });

  it('NoTestRun is fine in a sandbox', () => {
    expect(deployProfile(newOrg({ kind: 'sandbox' }), 'API Only', userPerm('ApiEnabled'), { testLevel: 'NoTestRun' }).status).toBe('Succeeded');
  });

  it('checkOnly validates the same way and applies nothing', () => {
    const org = newOrg();
    const ok = deployProfile(org, 'API Only', userPerm('ApiEnabled'), { checkOnly: true });
    expect(ok.status).toBe('Succeeded');
    expect(ok.successes[1]).toMatchObject({ created: true });
    expect(org.query("SELECT COUNT() FROM Profile WHERE Name = 'API Only'").totalSize).toBe(0);
    expect(problems(deployProfile(org, 'API Only', userPerm('Nope'), { checkOnly: true }))).toEqual(['Unknown user permission: Nope']);
  });

  it('rollbackOnError: one failing component means nothing is applied', () => {
    const org = newOrg();
    const out = deploy(org, {
      'package.xml': packageXml({ Profile: ['Good', 'Bad'] }),
      'profiles/Good.profile': profileXml(userPerm('ApiEnabled')),
      'profiles/Bad.profile': profileXml(userPerm('Nope')),
    });
    expect(out.status).toBe('Failed');
    expect(out.failures.map((f) => f.fullName)).toEqual(['Bad']);
    expect(org.query("SELECT COUNT() FROM Profile WHERE Name IN ('Good', 'Bad')").totalSize).toBe(0);
  });

  it('without rollbackOnError the good components apply (SucceededPartial)', () => {
    const org = newOrg();
    const out = deploy(org, {
      'package.xml': packageXml({ Profile: ['Good', 'Bad'] }),
      'profiles/Good.profile': profileXml(userPerm('ApiEnabled')),
      'profiles/Bad.profile': profileXml(userPerm('Nope')),
    }, { rollbackOnError: false });
    expect(out.status).toBe('SucceededPartial');
    expect(org.query("SELECT Name FROM Profile WHERE Name IN ('Good', 'Bad')").records.map((r) => r['Name'])).toEqual(['Good']);
  });

  it('a member without its file, and a missing package.xml', () => {
    const org = newOrg();
    const out = deploy(org, { 'package.xml': packageXml({ Profile: ['Ghost'] }) });
    expect(out.failures[0]).toMatchObject({ componentType: 'Profile', fullName: 'Ghost', problem: "An object 'Ghost' of type Profile was named in package.xml, but was not found in zipped directory" });
    const none = org.deploy(files({ 'profiles/X.profile': profileXml('') }), { checkOnly: false, rollbackOnError: true });
    expect(none.failures[0]).toMatchObject({ componentType: '', fileName: 'package.xml', problem: 'No package.xml found' });
  });

  it('accepts a zip whose tree sits under one folder (mdapiPath deploys use zip/)', () => {
    const org = newOrg();
    const out = org.deploy(files({ 'zip/package.xml': packageXml({ Profile: ['API Only'] }), 'zip/profiles/API Only.profile': profileXml(userPerm('ApiEnabled')) }), { checkOnly: false, rollbackOnError: true });
    expect(out.status).toBe('Succeeded');
  });

  it("'*' members deploy every file of the type in the zip", () => {
    const org = newOrg();
    const out = deploy(org, { 'package.xml': packageXml({ Profile: ['*'] }), 'profiles/A.profile': profileXml(''), 'profiles/B.profile': profileXml('') });
    expect(out.successes.filter((m) => m.componentType === 'Profile').map((m) => m.fullName).sort()).toEqual(['A', 'B']);
    expect(out.numberComponentsTotal).toBe(2);
  });

  it('a metadata type the emulated org does not model fails loudly instead of being ignored', () => {
    const out = deploy(newOrg(), { 'package.xml': packageXml({ ApexClass: ['Foo'] }), 'classes/Foo.cls': 'public class Foo {}' });
    expect(out.status).toBe('Failed');
    expect(out.failures[0]?.problem).toMatch(/does not support metadata type ApexClass \(emulator-invented message\)/);
  });

  it('objects deploy before the profiles that name them in the same package', () => {
    const org = newOrg();
    const out = deploy(org, {
      'package.xml': packageXml({ CustomObject: ['Invoice__c'], Profile: ['API Only'] }),
      'objects/Invoice__c.object': '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Invoice</label><pluralLabel>Invoices</pluralLabel><nameField><label>Name</label><type>Text</type></nameField>\n</CustomObject>\n',
      'profiles/API Only.profile': profileXml(objPerm('Invoice__c', 'CREDMV')),
    });
    expect(out.status).toBe('Succeeded');
    expect(out.successes.map((m) => `${m.componentType}:${m.fullName}:${m.created}`)).toEqual([':package.xml:false', 'CustomObject:Invoice__c:true', 'Profile:API Only:true']);
  });
});
