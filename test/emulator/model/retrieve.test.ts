import { readFileSync } from 'node:fs';
import { customObject, deploy, deployProfile, newOrg, objPerm, packageXml, permissionSetXml, retrieveProfile, textField, userPerm, fieldPerm, profileXml } from './helpers';

const SAMPLES = '/work/shared/samples';

describe('retrieve', () => {
  it('writes a profile in canonical bytes: declaration, WSDL order, byte-order sorting, 4 spaces, final LF', () => {
    const org = newOrg();
    deployProfile(org, 'API Only', '    <userLicense>Salesforce</userLicense>\n' + userPerm('ApiUserOnly') + objPerm('Contact', 'CRED') + '    <description>d &amp; e</description>\n    <custom>true</custom>\n');
    const xml = retrieveProfile(org, 'API Only', ['Contact', 'Account']);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n    <description>d &amp; e</description>\n')).toBe(true);
    expect(xml.endsWith('</userPermissions>\n</Profile>\n')).toBe(true);
    expect(xml.indexOf('<object>Account</object>')).toBeLessThan(xml.indexOf('<object>Contact</object>'));
    expect(xml).not.toMatch(/\t|\r/);
    const names = [...xml.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1] as string);
    expect(names).toEqual([...names].sort()); // default sort = UTF-16 code units = byte order for ASCII
    expect(xml).not.toContain('<enabled>false</enabled>');
  });

  it('object and field permissions only for objects in the same request; user permissions always', () => {
    const org = newOrg();
    deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c'] }), 'objects/Invoice__c.object': customObject('Invoice', textField('Code__c')) });
    deployProfile(org, 'API Only', objPerm('Invoice__c', 'CRED') + fieldPerm('Invoice__c.Code__c', true, true) + userPerm('ApiUserOnly'));
    const without = retrieveProfile(org, 'API Only');
    expect(without).not.toContain('<objectPermissions>');
    expect(without).not.toContain('<fieldPermissions>');
    expect(without).toContain('<name>ApiUserOnly</name>');
    const withObj = retrieveProfile(org, 'API Only', ['Invoice__c']);
    expect(withObj).toContain('<field>Invoice__c.Code__c</field>');
    expect(withObj).toContain('<object>Invoice__c</object>');
    expect(withObj).not.toContain('<object>Account</object>');
    const fieldOnly = org.retrieve([{ name: 'Profile', members: ['API Only'] }, { name: 'CustomField', members: ['Invoice__c.Code__c'] }], '64.0');
    expect(fieldOnly.files.get('profiles/API Only.profile')).toContain('<field>Invoice__c.Code__c</field>');
    expect(fieldOnly.files.get('objects/Invoice__c.object')).toContain('<fullName>Code__c</fullName>');
  });

  it('viewAllFields appears only at API 63.0 and later', () => {
    const org = newOrg();
    deployProfile(org, 'API Only', objPerm('Account', 'CRED'));
    expect(retrieveProfile(org, 'API Only', ['Account'], '64.0')).toContain('<viewAllFields>false</viewAllFields>');
    expect(retrieveProfile(org, 'API Only', ['Account'], '62.0')).not.toContain('viewAllFields');
  });

  it('a canonical file round-trips byte for byte through deploy and retrieve', () => {
    const org = newOrg();
    // Salesforce Integration profiles clone Minimum Access (3 permissions, no objects), so the file states everything.
    const body = '    <custom>true</custom>\n    <description>API only</description>\n' + objPerm('Account', 'R', false) + objPerm('Contact', 'CRE', false) +
      '    <userLicense>Salesforce Integration</userLicense>\n' + userPerm('ApiEnabled') + userPerm('ApiUserOnly') + userPerm('ChatterInternalUser');
    expect(deployProfile(org, 'API Only', body).status).toBe('Succeeded');
    const out = org.retrieve([{ name: 'Profile', members: ['API Only'] }, { name: 'CustomObject', members: ['Account', 'Contact'] }], '64.0');
    expect(out.files.get('profiles/API Only.profile')).toBe(profileXml(body));
    expect(out.files.get('package.xml')).toBe(packageXml({ CustomObject: ['Account', 'Contact'], Profile: ['API Only'] }, '64.0'));
  });

  it('the real cca-cmm Minimum Access profile: refused for its org-specific references; its permission part round-trips', () => {
    const org = newOrg();
    const sample = readFileSync(`${SAMPLES}/cca-cmm__Minimum Access - API Only Integrations.profile-meta.xml`, 'utf8');
    const name = 'Minimum Access - API Only Integrations';
    const full = deploy(org, { 'package.xml': packageXml({ Profile: [name] }), [`profiles/${name}.profile`]: sample });
    // The file names classes, layouts and tabs of its own org, which this org does not have.
    expect(full.status).toBe('Failed');
    expect(full.failures.map((f) => f.problem)).toContain('In field: apexClass - no ApexClass named JobApplicationTriggerHandler found');
    const tail = sample.slice(sample.indexOf('    <userLicense>'));
    const head = sample.slice(0, sample.indexOf('<Profile'));
    const trimmed = `${head}<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>false</custom>\n${tail}`;
    expect(deploy(org, { 'package.xml': packageXml({ Profile: [name] }), [`profiles/${name}.profile`]: trimmed }).failures).toEqual([]);
    expect(retrieveProfile(org, name)).toBe(trimmed);
  });

  it('messages for members that do not exist, and unknown types', () => {
    const out = newOrg().retrieve([{ name: 'CustomObject', members: ['Nope__c'] }, { name: 'Widget', members: ['x'] }, { name: 'Profile', members: ['Ghost'] }], '64.0');
    expect(out.messages).toEqual([
      { fileName: 'package.xml', problem: "Unknown type name 'Widget' specified in package.xml" },
      { fileName: 'package.xml', problem: "Entity of type 'CustomObject' named 'Nope__c' cannot be found" },
      { fileName: 'package.xml', problem: "Entity of type 'Profile' named 'Ghost' cannot be found" },
    ]);
  });

  it("'*' expands to every profile; fileProperties describe each file", () => {
    const out = newOrg().retrieve([{ name: 'Profile', members: ['*'] }], '64.0');
    expect([...out.files.keys()].sort()).toEqual(['package.xml', 'profiles/Admin.profile', 'profiles/Minimum Access - API Only Integrations.profile', 'profiles/Standard.profile']);
    const admin = out.fileProperties.find((p) => p.fullName === 'Admin');
    expect(admin).toMatchObject({ type: 'Profile', fileName: 'profiles/Admin.profile', manageableState: 'unmanaged' });
    expect(admin?.id.startsWith('00e')).toBe(true);
    expect(out.files.get('profiles/Admin.profile')).toContain('<custom>false</custom>');
    expect(out.files.get('profiles/Admin.profile')).toContain('<name>ModifyAllData</name>');
  });

  it('permission sets come back whole in WSDL order', () => {
    const org = newOrg();
    deploy(org, { 'package.xml': packageXml({ PermissionSet: ['Api_Access'] }), 'permissionsets/Api_Access.permissionset': permissionSetXml('    <label>API Access</label>\n' + userPerm('ApiEnabled') + objPerm('Account', 'R')) });
    const xml = org.retrieve([{ name: 'PermissionSet', members: ['Api_Access'] }], '64.0').files.get('permissionsets/Api_Access.permissionset');
    expect(xml).toBe(permissionSetXml('    <hasActivationRequired>false</hasActivationRequired>\n    <label>API Access</label>\n' + objPerm('Account', 'R', false) + userPerm('ApiEnabled')));
  });

  it('listMetadata and describeMetadata', () => {
    const org = newOrg();
    expect(org.listMetadata('Profile').map((p) => p.fullName).sort()).toEqual(['Admin', 'Minimum Access - API Only Integrations', 'Standard']);
    expect(org.listMetadata('CustomObject').map((p) => p.fullName)).toContain('Account');
    expect(org.listMetadata('CustomObject').map((p) => p.fullName)).not.toContain('Order');
    expect(org.listMetadata('Nope')).toEqual([]);
    expect(org.describeMetadata().find((t) => t.xmlName === 'Profile')).toEqual({ xmlName: 'Profile', directoryName: 'profiles', suffix: 'profile', inFolder: false, metaFile: false, childXmlNames: [] });
  });
});
