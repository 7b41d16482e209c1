import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPermissionSetModel } from '../../../src/model/buildPermissionSet';
import { renderPermissionSet } from '../../../src/render/renderPermissionSet';
import { canonicalize } from '../../../src/xml';
import { config, MINIMAL_CONFIG, project } from '../../helpers/project';

describe('renderPermissionSet', () => {
  it('Given the integration route, When rendered, Then WSDL order (description, hasActivationRequired, label, license, objects, user permissions), escaped text, canonical bytes', () => {
    const c = config({ route: 'integration', permissionSet: { label: 'Sync <R&D>', description: 'a & b' }, user: MINIMAL_CONFIG.user });
    const xml = renderPermissionSet(buildPermissionSetModel(c, project()));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <description>a &amp; b</description>\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>Sync &lt;R&amp;D&gt;</label>\n    <license>SalesforceAPIIntegrationPsl</license>\n    <objectPermissions>\n')).toBe(true);
    expect(xml.endsWith('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>\n</PermissionSet>\n')).toBe(true);
    expect(xml).not.toContain('<userLicense>');
    expect(xml).not.toContain('<custom>');
    expect(canonicalize(xml, 'x.permissionset-meta.xml')).toBe(xml);
  });

  it('Given the real dreamhouse permission set, When canonicalized, Then byte-identical (the writer the generated set uses)', () => {
    const sample = readFileSync(join(__dirname, '../../fixtures/samples/dreamhouse__dreamhouse.permissionset-meta.xml'), 'utf8');
    expect(canonicalize(sample, 'dreamhouse.permissionset-meta.xml')).toBe(sample);
  });
});
