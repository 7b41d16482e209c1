/** An in-memory OrgClient + MetadataClient for unit tests of the deploy pipeline (not the emulated org). */
import type { MetadataClient, MetadataDeployRequest, MetadataDeployResult } from '../../../src/deploy/metadataClient';
import { OrgCallError, type OrgClient } from '../../../src/deploy/orgClient';
import { join } from 'node:path';
import type { ProjectState } from '../../../src/deploy/project';
import type { OrgSession } from '../../../src/deploy/targetOrg';
import type { UserSpec } from '../../../src/deploy/types';
import type { OrgReader } from '../../../src/deploy/orgReader';
import { ALWAYS_ON_OBJECTS, DEFAULT_ON_OBJECTS, FEATURE_OBJECTS } from '../../../src/model/catalogue';
import type { SObjectRow } from '../../../src/deploy/userPlan';

type Row = Record<string, unknown>;

export class FakeOrg implements OrgClient {
  readonly tables: Record<string, Row[]> = {
    Organization: [{ Id: '00D000000000001AAA', Name: 'Acme', IsSandbox: true, OrganizationType: 'Enterprise Edition' }],
    Profile: [],
    User: [],
    PermissionSet: [],
    PermissionSetAssignment: [],
  };
  readonly calls: string[] = [];
  readonly resets: string[] = [];
  /** Errors thrown by the next create of a type (one per call, in order). */
  readonly createFaults: Record<string, Array<{ error: Error; afterWrite?: boolean }>> = {};
  queryFault: Error | undefined;
  private seq = 100;

  newId(prefix: string): string {
    this.seq++;
    return `${prefix}${String(this.seq).padStart(12, '0')}AAA`;
  }

  async query(soql: string): Promise<SObjectRow[]> {
    this.calls.push(`query ${soql}`);
    if (this.queryFault) {
      const e = this.queryFault;
      this.queryFault = undefined;
      throw e;
    }
    const m = /FROM (\w+)(?: WHERE (\w+) (=|IN) (.+))?$/.exec(soql);
    if (!m) throw new OrgCallError('MALFORMED_QUERY', soql, false);
    const [, table, field, op, raw] = m;
    const rows = this.tables[table as string] ?? [];
    if (!field) return rows.map((r) => ({ ...r }));
    const values =
      op === 'IN'
        ? [...(raw as string).matchAll(/'((?:\\.|[^'\\])*)'/g)].map((x) => unescape(x[1] as string))
        : [unescape(/^'((?:\\.|[^'\\])*)'$/.exec(raw as string)?.[1] ?? '')];
    return rows.filter((r) => values.includes(String(r[field as string]))).map((r) => ({ ...r }));
  }

  async create(sobject: string, fields: Readonly<Record<string, unknown>>): Promise<string> {
    this.calls.push(`create ${sobject} ${JSON.stringify(fields)}`);
    const fault = this.createFaults[sobject]?.shift();
    if (fault && !fault.afterWrite) throw fault.error;
    const id = this.newId(sobject === 'User' ? '005' : '0Pa');
    const row: Row = { Id: id, ...fields };
    if (sobject === 'User') row['IsActive'] = true;
    (this.tables[sobject] ??= []).push(row);
    if (fault?.afterWrite) throw fault.error;
    return id;
  }

  async update(sobject: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
    this.calls.push(`update ${sobject} ${id} ${JSON.stringify(fields)}`);
    const row = (this.tables[sobject] ?? []).find((r) => r['Id'] === id);
    if (!row) throw new OrgCallError('NOT_FOUND', `${sobject} ${id}`, false);
    Object.assign(row, fields);
  }

  async resetPassword(userId: string): Promise<void> {
    this.calls.push(`resetPassword ${userId}`);
    this.resets.push(userId);
  }

  /** Describe: the column names seen in the table's rows (booleans typed as such). */
  async describeFields(sobject: string): Promise<Array<{ name: string; type: string }>> {
    this.calls.push(`describe ${sobject}`);
    const names = new Map<string, string>([['Id', 'id']]);
    for (const row of this.tables[sobject] ?? []) for (const [k, v] of Object.entries(row)) names.set(k, typeof v === 'boolean' ? 'boolean' : 'string');
    return [...names].map(([name, type]) => ({ name, type }));
  }

  writes(): string[] {
    return this.calls.filter((c) => !c.startsWith('query') && !c.startsWith('describe') && !c.startsWith('readOrgState'));
  }
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

export const PROFILE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Profile xmlns="http://soap.sforce.com/2006/04/metadata">
    <custom>true</custom>
    <objectPermissions>
        <allowCreate>true</allowCreate>
        <allowDelete>true</allowDelete>
        <allowEdit>true</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>true</modifyAllRecords>
        <object>Account</object>
        <viewAllFields>false</viewAllFields>
        <viewAllRecords>true</viewAllRecords>
    </objectPermissions>
    <userLicense>Salesforce</userLicense>
    <userPermissions>
        <enabled>true</enabled>
        <name>ApiEnabled</name>
    </userPermissions>
    <userPermissions>
        <enabled>true</enabled>
        <name>ApiUserOnly</name>
    </userPermissions>
</Profile>
`;

export class FakeMetadata implements MetadataClient {
  readonly requests: MetadataDeployRequest[] = [];
  /** What the next deploy returns (default: success that creates the profile in the fake org). */
  nextDeploy: ((req: MetadataDeployRequest) => MetadataDeployResult) | undefined;
  retrievedXml: string = PROFILE_XML;

  constructor(private readonly org: FakeOrg, private readonly profileName = 'API Only') {}

  async deploy(req: MetadataDeployRequest): Promise<MetadataDeployResult> {
    this.requests.push(req);
    req.onStarted?.('0Af000000000001AAA');
    req.onUpdate?.({ status: 'InProgress', deployed: 0, total: 1, errors: 0 });
    if (this.nextDeploy) return this.nextDeploy(req);
    if (!req.checkOnly && !this.org.tables['Profile']?.some((p) => p['Name'] === this.profileName)) {
      this.org.tables['Profile']?.push({ Id: '00e000000000001AAA', Name: this.profileName, PermissionsApiEnabled: true, PermissionsApiUserOnly: true });
    }
    return {
      id: '0Af000000000001AAA',
      status: 'Succeeded',
      components: [{ type: 'Profile', fullName: this.profileName, state: 'Created', filePath: req.fsPaths[0] as string }],
      failures: [],
    };
  }

  async retrieveProfile(): Promise<{ profileXml: string | undefined; problems: string[] }> {
    return { profileXml: this.retrievedXml, problems: [] };
  }
}

/** A describe port whose org has `objects` (default: every object apionly's built-in catalogue knows). */
export function fakeReader(objects: readonly string[] = [...ALWAYS_ON_OBJECTS, ...DEFAULT_ON_OBJECTS, ...Object.keys(FEATURE_OBJECTS)]): OrgReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    apiVersion: '66.0',
    async describe(type) {
      calls.push(`describe ${type}`);
      return { name: type, fields: type === 'ObjectPermissions' ? [{ name: 'SobjectType', type: 'picklist', nillable: false, createable: true, updateable: false, picklistValues: objects.map((value) => ({ value, active: true })) }] : [] };
    },
    async describeMany() {
      calls.push('describeMany');
      return new Map();
    },
    async describeGlobal() {
      calls.push('describeGlobal');
      return [...objects];
    },
    async record(type, id) {
      calls.push(`record ${type} ${id}`);
      return { Id: id };
    },
  };
}

export function fakeSession(org: FakeOrg, metadata: MetadataClient, extra: Partial<OrgSession> = {}): OrgSession {
  return {
    reader: fakeReader(),
    client: org,
    metadata,
    instanceUrl: 'http://127.0.0.1:1',
    username: 'admin@acme.example',
    aliases: ['acme-uat'],
    displayName: 'acme-uat',
    secrets: ['00D000000000001!SECRET.token.value'],
    ...extra,
  };
}

/**
 * The org-state reader over the fake org: the profile from its Profile row (user permissions) and the fake
 * metadata's profile XML (object permissions, as the org would hold them), the user and its assignments from the tables.
 */
export function fakeReadOrgState(org: FakeOrg, metadata: FakeMetadata): import('../../../src/deploy/verify').ReadOrgState {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseProfilePermissions } = require('../../../src/deploy/profilePermissions') as typeof import('../../../src/deploy/profilePermissions');
  return async (_client, request) => {
    org.calls.push(`readOrgState ${request.profileName ?? ''} ${request.username ?? ''}`);
    if (org.queryFault) {
      const e = org.queryFault;
      org.queryFault = undefined;
      throw e;
    }
    const row = org.tables['Profile']?.find((p) => p['Name'] === request.profileName);
    const xml = parseProfilePermissions(metadata.retrievedXml, { fields: true });
    const objects = new Map<string, import('../../../src/model').OrgObjectFlags>();
    for (const [object, f] of xml.objects) {
      objects.set(object, {
        allowRead: f['allowRead'] === true, allowCreate: f['allowCreate'] === true, allowEdit: f['allowEdit'] === true, allowDelete: f['allowDelete'] === true,
        viewAllRecords: f['viewAllRecords'] === true, modifyAllRecords: f['modifyAllRecords'] === true, viewAllFields: f['viewAllFields'] === true,
      });
    }
    const userPermissions = new Map<string, boolean>();
    for (const [k, v] of Object.entries(row ?? {})) if (k.startsWith('Permissions')) userPermissions.set(k.slice(11), v === true);
    const profile = row
      ? { profileId: String(row['Id']), name: String(row['Name']), userLicense: 'Salesforce', permissionSetId: '0PS000000000001AAA', userPermissions, objects, fields: xml.fields, placeholderRows: 0, viewAllFieldsRead: true }
      : undefined;
    const u = request.username ? org.tables['User']?.find((x) => x['Username'] === request.username) : undefined;
    const permissionSets = new Map<string, import('../../../src/orgState').PermissionSetSnapshot>();
    for (const name of request.permissionSets ?? []) {
      const ps = org.tables['PermissionSet']?.find((p) => p['Name'] === name);
      if (ps) permissionSets.set(name, { name, label: name, licenseId: undefined, permissionSetId: String(ps['Id']), userPermissions: new Map(), objects: new Map(), fields: new Map(), placeholderRows: 0, viewAllFieldsRead: true });
    }
    const user = u
      ? {
          id: String(u['Id']), username: String(u['Username']), isActive: u['IsActive'] === true, profileId: String(u['ProfileId']), profileName: undefined, userLicense: undefined,
          lastLoginDate: undefined, fields: { ...u }, isFrozen: false, isPasswordLocked: false, permissionSetLicenseAssignments: [], powerful: [],
          permissionSetAssignments: (org.tables['PermissionSetAssignment'] ?? []).filter((a) => a['AssigneeId'] === u['Id']).map((a) => ({
            id: String(a['Id']), permissionSetId: String(a['PermissionSetId']), name: '', route: 'permissionSet' as const, permissionSetGroupId: undefined, powerful: [],
          })),
        }
      : undefined;
    return { profile, user, permissionSets, permissionSetLicenses: new Map(), apiCalls: 1 };
  };
}

/** A project of the profile route with two org keys (acme-uat, prod); the profile file is under dir (write it, or point profilePath elsewhere). */
export function fakeProject(dir: string, userFor: (key: string | undefined) => UserSpec): ProjectState {
  const profilePath = join(dir, 'force-app/main/default/profiles/API Only.profile-meta.xml');
  return {
    projectDir: dir,
    configPath: join(dir, 'apionly.config.json'),
    sourceApiVersion: '62.0',
    profilePath,
    metadataPaths: [profilePath],
    orgKeys: ['acme-uat', 'prod'],
    userFor,
    warnings: [],
  };
}
