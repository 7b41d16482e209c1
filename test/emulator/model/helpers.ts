import { createWorld, type DeployOutcome, type DeployRequestOptions, type EmulatedOrg, type EmulatedWorld, type OrgOptions, type SalesforceError } from '../../../src/emulator/model';
import { userFields } from '../../helpers/emulator';

export const NS = 'http://soap.sforce.com/2006/04/metadata';

export function newWorld(...orgs: OrgOptions[]): EmulatedWorld {
  return createWorld({ orgs: orgs.length > 0 ? orgs : [{}] });
}

export function newOrg(options: OrgOptions = {}): EmulatedOrg {
  return newWorld(options).orgs[0] as EmulatedOrg;
}

export function packageXml(types: Record<string, string[]>, version = '64.0'): string {
  const body = Object.entries(types)
    .map(([name, members]) => `    <types>\n${members.map((m) => `        <members>${m}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${NS}">\n${body}    <version>${version}</version>\n</Package>\n`;
}

export function profileXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="${NS}">\n${body}</Profile>\n`;
}

export function permissionSetXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="${NS}">\n${body}</PermissionSet>\n`;
}

export function objectXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="${NS}">\n${body}</CustomObject>\n`;
}

export const userPerm = (name: string, enabled = true): string => `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;

/** 'CRED' + 'M' (modify all) + 'V' (view all) letters → an objectPermissions entry (every flag written). */
export function objPerm(object: string, flags: string, viewAllFields?: boolean): string {
  const f = (c: string): string => String(flags.includes(c));
  return (
    '    <objectPermissions>\n' +
    `        <allowCreate>${f('C')}</allowCreate>\n        <allowDelete>${f('D')}</allowDelete>\n        <allowEdit>${f('E')}</allowEdit>\n        <allowRead>${f('R')}</allowRead>\n` +
    `        <modifyAllRecords>${f('M')}</modifyAllRecords>\n        <object>${object}</object>\n` +
    (viewAllFields !== undefined ? `        <viewAllFields>${viewAllFields}</viewAllFields>\n` : '') +
    `        <viewAllRecords>${f('V')}</viewAllRecords>\n    </objectPermissions>\n`
  );
}

export const fieldPerm = (field: string, editable: boolean, readable: boolean): string =>
  `    <fieldPermissions>\n        <editable>${editable}</editable>\n        <field>${field}</field>\n        <readable>${readable}</readable>\n    </fieldPermissions>\n`;

export const customObject = (label: string, fields = ''): string =>
  objectXml(`    <deploymentStatus>Deployed</deploymentStatus>\n${fields}    <label>${label}</label>\n    <nameField>\n        <label>${label} Name</label>\n        <type>Text</type>\n    </nameField>\n    <pluralLabel>${label}s</pluralLabel>\n    <sharingModel>ReadWrite</sharingModel>\n`);

export const textField = (name: string, extra = ''): string =>
  `    <fields>\n        <fullName>${name}</fullName>\n        <label>${name}</label>\n        <length>80</length>\n${extra}        <type>Text</type>\n    </fields>\n`;

export function files(entries: Record<string, string>): Map<string, Buffer> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v, 'utf8')]));
}

const DEFAULT_OPTIONS: DeployRequestOptions = { checkOnly: false, rollbackOnError: true };

export function deploy(org: EmulatedOrg, entries: Record<string, string>, options: Partial<DeployRequestOptions> = {}): DeployOutcome {
  return org.deploy(files(entries), { ...DEFAULT_OPTIONS, ...options });
}

/** Deploys one profile file (and optionally objects) and returns the outcome. */
export function deployProfile(org: EmulatedOrg, name: string, body: string, options: Partial<DeployRequestOptions> & { version?: string } = {}): DeployOutcome {
  const { version, ...rest } = options;
  return deploy(org, { 'package.xml': packageXml({ Profile: [name] }, version), [`profiles/${name}.profile`]: profileXml(body) }, rest);
}

export function problems(outcome: DeployOutcome): string[] {
  return outcome.failures.map((f) => f.problem ?? '');
}

/** The error a call throws (a SalesforceError from the model); fails the test when it throws nothing. */
export function err(fn: () => unknown): SalesforceError {
  try {
    fn();
  } catch (e) {
    return e as SalesforceError;
  }
  throw new Error('expected an error');
}

export function one<T>(rows: readonly T[]): T {
  expect(rows).toHaveLength(1);
  return rows[0] as T;
}

export function profileRecord(org: EmulatedOrg, name: string): Record<string, unknown> {
  return one(org.query(`SELECT Id, Name, Description, PermissionsApiUserOnly, PermissionsApiEnabled, PermissionsModifyAllData, UserLicense.Name FROM Profile WHERE Name = '${name.replace(/'/g, "\\'")}'`).records) as Record<string, unknown>;
}

export function retrieveProfile(org: EmulatedOrg, name: string, objects: string[] = [], version = '64.0'): string {
  const types = [{ name: 'Profile', members: [name] }, ...(objects.length > 0 ? [{ name: 'CustomObject', members: objects }] : [])];
  return org.retrieve(types, version).files.get(`profiles/${name}.profile`) ?? '';
}

export function validUser(profileId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return userFields(`user${Math.random().toString(36).slice(2, 8)}@example.com`, { Email: 'integration@example.com', Alias: 'integ', ProfileId: profileId, ...overrides });
}

export function profileId(org: EmulatedOrg, name: string): string {
  return String((one(org.query(`SELECT Id FROM Profile WHERE Name = '${name}'`).records) as Record<string, unknown>)['Id']);
}
