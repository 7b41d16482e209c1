/**
 * Sets up an emulated org for the OAuth client tests straight through its model (no HTTP): an API-only profile
 * (Read on Account, nothing on Contact), an active user on it, and the External Client App that `apionly generate`
 * renders for that user, deployed. Returns the consumer key and secret the org issued.
 */
import type { EmulatedOrg } from '../../../src/emulator';
import { renderExternalClientApp } from '../../../src/render';
import { userFields } from '../../helpers/emulator';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const perm = (name: string, enabled: boolean): string => `<userPermissions><enabled>${enabled}</enabled><name>${name}</name></userPermissions>`;
const obj = (object: string, read: boolean): string =>
  `<objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>${read}</allowRead><modifyAllRecords>false</modifyAllRecords><object>${object}</object><viewAllRecords>false</viewAllRecords></objectPermissions>`;

function pkg(types: Record<string, string[]>): string {
  return `<Package xmlns="${NS}">${Object.entries(types).map(([n, m]) => `<types>${m.map((x) => `<members>${x}</members>`).join('')}<name>${n}</name></types>`).join('')}<version>66.0</version></Package>`;
}

export interface EcaOrg {
  readonly username: string;
  readonly userId: string;
  readonly key: string;
  readonly secret: string;
}

export function setUpEcaOrg(org: EmulatedOrg, username = `vendor.${process.pid}.${Date.now()}@eca.example.com`): EcaOrg {
  const profile = `<Profile xmlns="${NS}"><custom>true</custom>${obj('Account', true)}${obj('Contact', false)}<userLicense>Salesforce</userLicense>${perm('ApiEnabled', true)}${perm('ApiUserOnly', true)}${perm('ConvertLeads', false)}</Profile>`;
  const p = org.deploy(new Map([['package.xml', Buffer.from(pkg({ Profile: ['Vendor API'] }))], ['profiles/Vendor API.profile', Buffer.from(profile)]]), { checkOnly: false, rollbackOnError: true });
  if (p.status !== 'Succeeded') throw new Error(`profile: ${JSON.stringify(p.failures)}`);
  const profileId = String(org.query("SELECT Id FROM Profile WHERE Name = 'Vendor API'").records[0]?.['Id']);
  const userId = org.create('User', userFields(username, { ProfileId: profileId }));
  const files = renderExternalClientApp({ app: { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'ops@eca.example.com', scopes: ['Api'], callbackUrl: 'https://login.salesforce.com/services/oauth2/success' }, runAsUsername: username, profileName: 'Vendor API', permissionSets: [], apiVersion: '66.0', configFile: 'apionly.config.json' });
  const zip = new Map<string, Buffer>([['package.xml', Buffer.from(pkg(Object.fromEntries(files.map((f) => [f.type, [f.fullName]]))))]]);
  for (const f of files) zip.set(f.path.replace(/-meta\.xml$/, ''), Buffer.from(f.content));
  const d = org.deploy(zip, { checkOnly: false, rollbackOnError: true });
  if (d.status !== 'Succeeded') throw new Error(`app: ${JSON.stringify(d.failures)}`);
  const consumer = org.ecaConsumers?.()[0];
  if (!consumer) throw new Error('no consumer issued');
  return { username, userId, key: consumer.key, secret: consumer.secret };
}
