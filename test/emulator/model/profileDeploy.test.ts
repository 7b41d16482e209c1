import { deployProfile, fieldPerm, newOrg, objPerm, problems, profileRecord, retrieveProfile, userPerm, deploy, packageXml, customObject, textField } from './helpers';

describe('Profile deploy: create and overlay (salesforce-facts c)', () => {
  it('creates a new profile as a clone of Standard User for everything the file leaves out', () => {
    const org = newOrg();
    const out = deployProfile(org, 'API Only', '    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>\n' + userPerm('ApiUserOnly'));
    expect(out.status).toBe('Succeeded');
    expect(out.successes.find((m) => m.componentType === 'Profile')).toMatchObject({ fullName: 'API Only', created: true, changed: false, fileName: 'profiles/API Only.profile' });
    const rec = profileRecord(org, 'API Only');
    expect(rec['PermissionsApiUserOnly']).toBe(true);
    expect(rec['PermissionsApiEnabled']).toBe(true); // inherited from Standard User
    expect((rec['UserLicense'] as Record<string, unknown>)['Name']).toBe('Salesforce');
    // Standard User's object permissions came along (Account CRED)
    expect(retrieveProfile(org, 'API Only', ['Account'])).toContain('<object>Account</object>');
  });

  it('reports the package.xml message with an empty componentType', () => {
    const out = deployProfile(newOrg(), 'API Only', userPerm('ApiEnabled'));
    expect(out.successes[0]).toEqual({ componentType: '', fullName: 'package.xml', fileName: 'package.xml', success: true, changed: true, created: false, deleted: false });
  });

  it('a redeploy overlays: absent entries keep their value, stated ones change; identical redeploy is neither created nor changed', () => {
    const org = newOrg();
    deployProfile(org, 'API Only', userPerm('ApiUserOnly') + objPerm('Account', 'CRED'));
    const again = deployProfile(org, 'API Only', userPerm('ApiUserOnly') + objPerm('Account', 'CRED'));
    expect(again.successes[1]).toMatchObject({ created: false, changed: false });
    const changed = deployProfile(org, 'API Only', userPerm('ApiUserOnly', false));
    expect(changed.successes[1]).toMatchObject({ created: false, changed: true });
    expect(profileRecord(org, 'API Only')['PermissionsApiUserOnly']).toBe(false);
    // Account entry was not in the last file: it stays
    expect(retrieveProfile(org, 'API Only', ['Account'])).toContain('<allowDelete>true</allowDelete>');
  });

  it('PermissionsApiUserOnly follows deployed userPermissions and the description is stored', () => {
    const org = newOrg();
    deployProfile(org, 'API Only', '    <description>Integration user, API access only</description>\n' + userPerm('ApiUserOnly'));
    expect(profileRecord(org, 'API Only')).toMatchObject({ Name: 'API Only', Description: 'Integration user, API access only', PermissionsApiUserOnly: true });
  });

  it('matches names verbatim: an encoded fullName stays the member, its Name is decoded', () => {
    const org = newOrg();
    const out = deployProfile(org, 'Custom%3A Sales Profile', userPerm('ApiEnabled'));
    expect(out.successes[1]).toMatchObject({ componentType: 'Profile', fullName: 'Custom%3A Sales Profile', created: true });
    expect(profileRecord(org, 'Custom: Sales Profile')['Name']).toBe('Custom: Sales Profile');
    expect(org.listMetadata('Profile').map((p) => p.fullName)).toContain('Custom%3A Sales Profile');
  });

  it('a Salesforce Integration profile is cloned from Minimum Access - API Only Integrations', () => {
    const org = newOrg();
    expect(deployProfile(org, 'Integration Only', '    <userLicense>Salesforce Integration</userLicense>\n').status).toBe('Succeeded');
    const rec = profileRecord(org, 'Integration Only');
    expect(rec['PermissionsApiUserOnly']).toBe(true);
    expect((rec['UserLicense'] as Record<string, unknown>)['Name']).toBe('Salesforce Integration');
  });

  it('Modify All Data switches on every object permission, custom objects included', () => {
    const org = newOrg();
    deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c'] }), 'objects/Invoice__c.object': customObject('Invoice') });
    expect(deployProfile(org, 'Power', userPerm('ModifyAllData') + userPerm('ViewAllData')).status).toBe('Succeeded');
    const xml = retrieveProfile(org, 'Power', ['Invoice__c', 'Product2']);
    expect(xml).toContain('<object>Invoice__c</object>');
    expect(xml.match(/<modifyAllRecords>true<\/modifyAllRecords>/g)).toHaveLength(2);
  });
});

describe('Profile deploy: rejected like a real org', () => {
  it.each([
    ['Unknown user permission', userPerm('ManageHpi'), 'Unknown user permission: ManageHpi'],
    ['Modify All without its dependencies', objPerm('Account', 'M'), 'Permission Modify All Account depends on permission(s): Read Account, Edit Account, Delete Account, View All Account'],
    ['Create without Read', objPerm('Account', 'C'), 'Permission Create Account depends on permission(s): Read Account'],
    ['Delete without Edit', objPerm('Contact', 'RD'), 'Permission Delete Contact depends on permission(s): Read Contact, Edit Contact'],
    ['View All without Read', objPerm('Lead', 'V'), 'Permission View All Lead depends on permission(s): Read Lead'],
    ['unknown object', objPerm('Nope__c', 'R'), 'In field: object - no CustomObject named Nope__c found'],
    ['feature object while the feature is off', objPerm('Order', 'R'), 'In field: object - no CustomObject named Order found'],
    ['unknown field', fieldPerm('Account.Nope__c', false, true), 'In field: field - no CustomField named Account.Nope__c found'],
    ['field of an unknown object', fieldPerm('Nope__c.X__c', false, true), 'In field: field - no CustomObject named Nope__c found'],
    ['required standard field', fieldPerm('Account.Name', true, true), 'You cannot deploy to a required field: Account.Name'],
    ['Read All Asset without Read All Account', objPerm('Account', 'R') + objPerm('Asset', 'RV'), 'Permission Read All Asset depends on permission(s): Read All Account'],
  ])('%s', (_, body, expected) => {
    const org = newOrg();
    const out = deployProfile(org, 'API Only', body);
    expect(out.status).toBe('Failed');
    expect(problems(out)).toContain(expected);
    expect(out.failures[0]).toMatchObject({ componentType: 'Profile', fullName: 'API Only', success: false, changed: false, created: false, problemType: 'Error' });
    // nothing applied
    expect(org.query("SELECT Id FROM Profile WHERE Name = 'API Only'").totalSize).toBe(0);
  });

  it('View All / Modify All on an object without them is refused without Modify All Data (emulator-invented text)', () => {
    const out = deployProfile(newOrg(), 'API Only', objPerm('Product2', 'CREDMV'));
    expect(problems(out)[0]).toMatch(/^Permission View All \/ Modify All is not available for Product2 \(emulator-invented message\)$/);
  });

  it('a permission the licence does not allow', () => {
    const out = deployProfile(newOrg(), 'Integration Only', '    <userLicense>Salesforce Integration</userLicense>\n' + userPerm('ModifyAllData'));
    expect(problems(out)).toEqual(['The user license doesn\'t allow the permission: ModifyAllData']);
  });

  it('reports line and column of the offending entry', () => {
    const out = deployProfile(newOrg(), 'API Only', '    <custom>true</custom>\n' + userPerm('ApiEnabled') + userPerm('NotAPermission'));
    // profileXml: line 1 decl, 2 root, 3 custom, 4-7 first entry, 8 = second <userPermissions>
    expect(out.failures[0]).toMatchObject({ problem: 'Unknown user permission: NotAPermission', lineNumber: 8, columnNumber: 5 });
  });

  it('viewAllFields below API 63.0 is a schema error; at 63.0 it is accepted', () => {
    const body = objPerm('Account', 'CRED', false);
    const old = deployProfile(newOrg(), 'API Only', body, { version: '62.0' });
    expect(problems(old)).toEqual(['Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}viewAllFields invalid at this location in type ProfileObjectPermissions']);
    expect(deployProfile(newOrg(), 'API Only', body, { version: '63.0' }).status).toBe('Succeeded');
  });

  it('elements newer than the package version are schema errors (servicePresenceStatusAccesses from 64.0)', () => {
    const body = '    <servicePresenceStatusAccesses>\n        <enabled>true</enabled>\n        <servicePresenceStatus>Busy</servicePresenceStatus>\n    </servicePresenceStatusAccesses>\n';
    expect(problems(deployProfile(newOrg(), 'P', body, { version: '62.0' }))).toEqual(['Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}servicePresenceStatusAccesses invalid at this location in type Profile']);
    expect(deployProfile(newOrg(), 'P', body, { version: '64.0' }).status).toBe('Succeeded');
  });

  it('an element Profile does not have', () => {
    const out = deployProfile(newOrg(), 'API Only', '    <bogus>1</bogus>\n');
    expect(problems(out)).toEqual(['Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}bogus invalid at this location in type Profile']);
    expect(out.failures[0]).toMatchObject({ lineNumber: 3, columnNumber: 5 });
  });

  it('a malformed file reports the parser position', () => {
    const org = newOrg();
    const out = deploy(org, { 'package.xml': packageXml({ Profile: ['API Only'] }), 'profiles/API Only.profile': '<?xml version="1.0"?>\n<Profile>\n  <custom>true</cust>\n</Profile>\n' });
    expect(out.failures[0]?.problem).toMatch(/^Error parsing file: /);
    expect(out.failures[0]?.lineNumber).toBe(3);
  });

  it('field permissions on a master-detail field or a required custom field are refused; editable needs readable', () => {
    const org = newOrg();
    const parent = customObject('Invoice', textField('Code__c', '        <required>true</required>\n'));
    const child = customObject('Line', '    <fields>\n        <fullName>Invoice__c</fullName>\n        <label>Invoice</label>\n        <referenceTo>Invoice__c</referenceTo>\n        <relationshipName>Lines</relationshipName>\n        <type>MasterDetail</type>\n    </fields>\n' + textField('Note__c'));
    expect(deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c', 'Line__c'] }), 'objects/Invoice__c.object': parent, 'objects/Line__c.object': child }).status).toBe('Succeeded');
    expect(problems(deployProfile(org, 'P', fieldPerm('Line__c.Invoice__c', false, true)))).toEqual(['You cannot deploy to a required field: Line__c.Invoice__c']);
    expect(problems(deployProfile(org, 'P', fieldPerm('Invoice__c.Code__c', false, true)))).toEqual(['You cannot deploy to a required field: Invoice__c.Code__c']);
    expect(problems(deployProfile(org, 'P', fieldPerm('Line__c.Note__c', true, false)))[0]).toMatch(/^Permission Edit Line__c.Note__c depends on permission\(s\): Read Line__c.Note__c/);
    expect(deployProfile(org, 'P', objPerm('Line__c', 'R') + fieldPerm('Line__c.Note__c', true, true)).status).toBe('Succeeded');
  });

  it('references to components the org lacks (layouts, classes, apps, custom tabs) are refused; standard ones pass', () => {
    const org = newOrg();
    const ok = '    <applicationVisibilities>\n        <application>standard__Sales</application>\n        <default>false</default>\n        <visible>true</visible>\n    </applicationVisibilities>\n' +
      '    <layoutAssignments>\n        <layout>Account-Account Layout</layout>\n    </layoutAssignments>\n' +
      '    <tabVisibilities>\n        <tab>standard-Account</tab>\n        <visibility>DefaultOn</visibility>\n    </tabVisibilities>\n';
    expect(deployProfile(org, 'P', ok).status).toBe('Succeeded');
    const bad = deployProfile(org, 'P', '    <classAccesses>\n        <apexClass>Missing</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n' +
      '    <layoutAssignments>\n        <layout>Account-Fancy Layout</layout>\n    </layoutAssignments>\n' +
      '    <tabVisibilities>\n        <tab>Invoice__c</tab>\n        <visibility>DefaultOn</visibility>\n    </tabVisibilities>\n');
    expect(problems(bad)).toEqual([
      'In field: apexClass - no ApexClass named Missing found',
      'In field: layout - no Layout named Account-Fancy Layout found',
      'In field: tab - no CustomTab named Invoice__c found',
    ]);
  });

  it('an unknown userLicense', () => {
    expect(problems(deployProfile(newOrg(), 'P', '    <userLicense>Chatter Free</userLicense>\n'))[0]).toMatch(/^In field: userLicense - no UserLicense named Chatter Free found/);
  });

  it('Convert Leads needs Create Account (the clone of Standard User has ConvertLeads on)', () => {
    expect(problems(deployProfile(newOrg(), 'P', objPerm('Account', 'R')))).toEqual(['Permission Convert Leads depends on permission(s): Create Account']);
    expect(deployProfile(newOrg(), 'P', userPerm('ConvertLeads', false) + objPerm('Account', 'R')).status).toBe('Succeeded');
  });

  it('a feature object deploys once the feature is on', () => {
    const org = newOrg();
    (org as unknown as { setFeature(f: string, on: boolean): void }).setFeature('Orders', true);
    expect(deployProfile(org, 'P', objPerm('Order', 'CRED')).status).toBe('Succeeded');
  });
});

describe('Profile deploy: login IP ranges and hours are kept', () => {
  const range = (start: string, end: string): string => `    <loginIpRanges>\n        <endAddress>${end}</endAddress>\n        <startAddress>${start}</startAddress>\n    </loginIpRanges>\n`;

  it('stores IP ranges in the file order and returns them on every retrieve; a redeploy replaces the list', () => {
    const org = newOrg();
    expect(deployProfile(org, 'P', range('10.10.0.0', '10.10.255.255') + range('10.2.0.0', '10.2.255.255') + '    <loginHours/>\n').status).toBe('Succeeded');
    const xml = retrieveProfile(org, 'P');
    expect(xml.indexOf('10.10.0.0')).toBeLessThan(xml.indexOf('10.2.0.0')); // not re-sorted as text (facts a.4)
    expect(xml).toContain('    <loginHours/>\n    <loginIpRanges>\n');
    deployProfile(org, 'P', range('192.168.0.1', '192.168.0.9'));
    const again = retrieveProfile(org, 'P');
    expect(again).toContain('192.168.0.1');
    expect(again).not.toContain('10.2.0.0');
  });

  it('refuses malformed or reversed ranges (emulator-invented texts)', () => {
    expect(problems(deployProfile(newOrg(), 'P', range('10.0.0', '10.0.0.9')))[0]).toMatch(/^Invalid IP address in loginIpRanges: 10.0.0 /);
    expect(problems(deployProfile(newOrg(), 'P', range('10.0.0.9', '10.0.0.1')))[0]).toMatch(/^The start address 10.0.0.9 is after the end address 10.0.0.1/);
  });
});

describe('Profile deploy: standard field permissions seen in real orgs', () => {
  it('accepts FLS on standard fields that real retrieved profiles carry (e.g. Account.AccountSource, Case.IsEscalated)', () => {
    const org = newOrg();
    const out = deployProfile(org, 'P', objPerm('Account', 'CRED') + objPerm('Case', 'CRED') + fieldPerm('Account.AccountSource', true, true) + fieldPerm('Case.IsEscalated', false, true));
    expect(out.failures).toEqual([]);
    expect(retrieveProfile(org, 'P', ['Case'])).toContain('<field>Case.IsEscalated</field>');
    expect(retrieveProfile(org, 'P', ['Case'])).not.toContain('<field>Account.AccountSource</field>');
  });
});
