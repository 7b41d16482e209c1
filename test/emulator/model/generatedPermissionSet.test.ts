import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy, newOrg, packageXml } from './helpers';

const GOLDEN = join(__dirname, '../../golden');
const PS = 'force-app/main/default/permissionsets/API_Only_Integration.permissionset-meta.xml';

// The integration route's generated permission sets must deploy to the org they were generated for, and come back
// byte for byte from a retrieve with their objects.
describe('the generated integration permission sets', () => {
  it.each([
    ['integration-default', {}],
    // Generated from the catalogue that discover wrote for this org (test/golden/discoveredCatalogue.test.ts).
    ['integration-discovered-org', { orgId: '00D000000000042', features: { Orders: true }, customObjects: { count: 2, fieldsPerObject: 12 } }],
  ])('%s deploys and round-trips', (caseName, orgOptions) => {
    const xml = readFileSync(join(GOLDEN, caseName, 'expected', PS), 'utf8');
    const org = newOrg(orgOptions);
    const out = deploy(org, { 'package.xml': packageXml({ PermissionSet: ['API_Only_Integration'] }, '66.0'), 'permissionsets/API_Only_Integration.permissionset': xml });
    expect(out.failures).toEqual([]);
    const objects = [...xml.matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1] as string);
    const back = org.retrieve([{ name: 'PermissionSet', members: ['API_Only_Integration'] }, { name: 'CustomObject', members: objects }], '66.0');
    const file = back.files.get('permissionsets/API_Only_Integration.permissionset');
    const objectBlock = (s: string): string => s.slice(s.indexOf('    <objectPermissions>'), s.lastIndexOf('</objectPermissions>'));
    expect(objectBlock(String(file))).toBe(objectBlock(xml));
  });
});
