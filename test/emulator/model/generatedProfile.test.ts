import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployProfile, newOrg, profileRecord, retrieveProfile } from './helpers';

const FILE = join(__dirname, '../../../force-app/main/default/profiles/API Only.profile-meta.xml');

// The repository's own generated profile is the main thing the emulated org will see: it must deploy, and its
// object entries must come back in the same bytes when the objects are in the retrieve.
describe('the repository\'s generated API Only profile', () => {
  it('deploys and round-trips its object permissions', () => {
    const xml = readFileSync(FILE, 'utf8');
    const body = xml.slice(xml.indexOf('>', xml.indexOf('<Profile')) + 2, xml.lastIndexOf('</Profile>'));
    const org = newOrg();
    const out = deployProfile(org, 'API Only', body, { version: '66.0' });
    expect(out.failures).toEqual([]);
    expect(profileRecord(org, 'API Only')).toMatchObject({ PermissionsApiUserOnly: true, PermissionsApiEnabled: true });
    const objects = [...xml.matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1] as string);
    const back = retrieveProfile(org, 'API Only', objects, '66.0');
    const objectBlock = (s: string): string => s.slice(s.indexOf('    <objectPermissions>'), s.lastIndexOf('</objectPermissions>'));
    expect(objectBlock(back)).toBe(objectBlock(xml));
  });
});
