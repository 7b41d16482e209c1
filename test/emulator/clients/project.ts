/** Temporary sfdx projects for client tests. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_OK = `<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <userLicense>Salesforce</userLicense>
    <userPermissions>
        <enabled>true</enabled>
        <name>ApiEnabled</name>
    </userPermissions>
</Profile>
`;

/** A project with the given profiles (name -> XML) under force-app/main/default/profiles. */
export function makeProject(profiles: Record<string, string>, apiVersion = '66.0'): { root: string; profileDir: string; paths: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'apionly-emu-project-'));
  writeFileSync(
    join(root, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: apiVersion }, undefined, 2),
  );
  const profileDir = join(root, 'force-app', 'main', 'default', 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const paths: string[] = [];
  for (const [name, xml] of Object.entries(profiles)) {
    const p = join(profileDir, `${name}.profile-meta.xml`);
    writeFileSync(p, xml);
    paths.push(p);
  }
  return { root, profileDir, paths };
}

export const NS = 'http://soap.sforce.com/2006/04/metadata';

export const perm = (name: string, enabled = true): string => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;
export const fullAccess = (object: string): string =>
  '    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <allowDelete>true</allowDelete>\n        <allowEdit>true</allowEdit>\n' +
  `        <allowRead>true</allowRead>\n        <modifyAllRecords>true</modifyAllRecords>\n        <object>${object}</object>\n` +
  '        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>\n';
export const profile = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n${body}</Profile>\n`;

export const API_ONLY = profile(
  '    <custom>true</custom>\n    <description>Integration user, API access only</description>\n' +
    fullAccess('Account') +
    '    <userLicense>Salesforce</userLicense>\n' +
    perm('ApiEnabled') +
    perm('ApiUserOnly'),
);

