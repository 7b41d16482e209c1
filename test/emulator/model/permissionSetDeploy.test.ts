import { deploy, newOrg, objPerm, packageXml, permissionSetXml, problems, userPerm } from './helpers';

const ps = (name: string, body: string) => ({ 'package.xml': packageXml({ PermissionSet: [name] }), [`permissionsets/${name}.permissionset`]: permissionSetXml(body) });

describe('PermissionSet deploy', () => {
  it('creates, then replaces content on redeploy (left-out permissions end up off)', () => {
    const org = newOrg();
    const first = deploy(org, ps('Api_Access', '    <hasActivationRequired>false</hasActivationRequired>\n    <label>API Access</label>\n' + objPerm('Account', 'R') + userPerm('ApiEnabled') + userPerm('ViewSetup')));
    expect(first.successes[1]).toMatchObject({ componentType: 'PermissionSet', fullName: 'Api_Access', created: true });
    const rec = org.query("SELECT Id, Label, PermissionsApiEnabled, PermissionsViewSetup, IsOwnedByProfile FROM PermissionSet WHERE Name = 'Api_Access'").records[0];
    expect(rec).toMatchObject({ Label: 'API Access', PermissionsApiEnabled: true, PermissionsViewSetup: true, IsOwnedByProfile: false });
    const second = deploy(org, ps('Api_Access', '    <label>API Access</label>\n' + objPerm('Account', 'R') + userPerm('ApiEnabled')));
    expect(second.successes[1]).toMatchObject({ created: false, changed: true });
    expect(org.query("SELECT PermissionsViewSetup FROM PermissionSet WHERE Name = 'Api_Access'").records[0]).toMatchObject({ PermissionsViewSetup: false });
  });

  it('requires the six object booleans of PermissionSetObjectPermissions', () => {
    const out = deploy(newOrg(), ps('P', '    <label>P</label>\n    <objectPermissions>\n        <allowRead>true</allowRead>\n        <object>Account</object>\n    </objectPermissions>\n'));
    expect(problems(out)[0]).toMatch(/^Required field is missing: allowCreate, allowDelete, allowEdit, modifyAllRecords, viewAllRecords/);
  });

  it.each([
    ['no label', '', /^Required field is missing: label/],
    ['unknown permission', '    <label>P</label>\n' + userPerm('Bogus'), /^Unknown user permission: Bogus$/],
    ['dependency', '    <label>P</label>\n' + objPerm('Account', 'CEV'), /^Permission Edit Account depends on permission\(s\): Read Account$|^Permission View All Account depends/],
    ['licence forbids', '    <label>P</label>\n    <license>Salesforce Integration</license>\n' + userPerm('ModifyAllData'), /^The user license doesn't allow the permission: ModifyAllData$/],
    ['PSL forbids', '    <label>P</label>\n    <license>SalesforceAPIIntegrationPsl</license>\n' + userPerm('CustomizeApplication'), /^The user license doesn't allow the permission: CustomizeApplication$/],
    ['unknown licence', '    <label>P</label>\n    <license>Nope</license>\n', /^In field: license - no License named Nope found/],
  ])('rejects %s', (_, body, expected) => {
    const org = newOrg();
    const out = deploy(org, ps('P', body));
    expect(out.status).toBe('Failed');
    expect(problems(out)[0]).toMatch(expected);
    expect(org.query("SELECT COUNT() FROM PermissionSet WHERE Name = 'P'").totalSize).toBe(0);
  });

  it('rejects an API name with spaces', () => {
    const out = deploy(newOrg(), ps('Bad Name', '    <label>Bad</label>\n'));
    expect(problems(out)[0]).toMatch(/^The Name field can only contain underscores and alphanumeric characters/);
  });
});
