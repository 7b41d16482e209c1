/**
 * A tiny in-test EmulatedWorld for the server's own tests: it answers the seam (model/api.ts) with fixed,
 * obvious behaviour, so these tests check the wire layer and not Salesforce's rules (the model's tests do).
 */
import type {
  ColumnMetadata,
  DeployMessage,
  DeployOutcome,
  DeployRequestOptions,
  EmulatedOrg,
  EmulatedWorld,
  FileProperties,
  MetadataTypeDescription,
  OrgIdentity,
  OrgKind,
  OrgOptions,
  QueryResult,
  RetrieveOutcome,
  RetrieveTypeMembers,
  SObjectRecord,
} from '../../../src/emulator/model/api';
import { SalesforceError } from '../../../src/emulator/model/api';

export interface FakeOrg extends EmulatedOrg {
  readonly users: Map<string, SObjectRecord>;
  readonly profiles: Map<string, string>; // name -> XML
  readonly deploys: Array<{ files: string[]; options: DeployRequestOptions }>;
  readonly resets: string[];
  seats: number;
}

let seq = 0;
const pad = (n: number): string => String(n).padStart(12, '0');

export function fakeOrg(opts: OrgOptions = {}, takenUsernames: Set<string> = new Set()): FakeOrg {
  seq += 1;
  const orgId = opts.orgId ?? `00D${pad(seq)}AAA`;
  const identity: OrgIdentity = {
    orgId,
    accessToken: opts.accessToken ?? `${orgId.slice(0, 15)}!FAKE.token.${seq}`,
    username: opts.adminUsername ?? `admin${seq}@fake.example.com`,
    userId: `005${pad(seq)}AAA`,
  };
  const kind: OrgKind = opts.kind ?? 'production';
  const users = new Map<string, SObjectRecord>([
    [identity.userId, { Id: identity.userId, Username: identity.username, Name: 'Fake Admin', IsActive: true, ProfileId: '00e000000000001AAA' }],
  ]);
  takenUsernames.add(identity.username.toLowerCase());
  const profiles = new Map<string, string>([['Admin', '<Profile/>']]);
  const deploys: FakeOrg['deploys'] = [];
  const resets: string[] = [];
  let nextUser = 100;
  const attrs = (type: string, id: string): Record<string, unknown> => ({ type, url: `/services/data/v66.0/sobjects/${type}/${id}` });

  const org: FakeOrg = {
    identity,
    kind,
    maxApiVersion: '66.0',
    users,
    profiles,
    deploys,
    resets,
    seats: opts.seats?.['Salesforce'] ?? 10,
    query(soql: string): QueryResult {
      if (/from\s+organization/i.test(soql)) {
        return {
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: attrs('Organization', orgId),
              Name: opts.name ?? 'Fake Org',
              InstanceName: 'EMU1',
              IsSandbox: kind === 'sandbox',
              TrialExpirationDate: null,
              NamespacePrefix: null,
              OrganizationType: opts.edition ?? 'Enterprise Edition',
            },
          ],
        };
      }
      const profile = /from\s+profile\s+where\s+name\s*=\s*'([^']*)'/i.exec(soql);
      if (profile) {
        const name = profile[1] ?? '';
        const records = profiles.has(name) ? [{ attributes: attrs('Profile', '00eX'), Id: `00e${pad(name.length)}AAA` }] : [];
        return { totalSize: records.length, done: true, records };
      }
      if (/from\s+user\b/i.test(soql)) {
        const records = [...users.values()].map((u) => ({ attributes: attrs('User', String(u['Id'])), Id: u['Id'], Username: u['Username'] }));
        return { totalSize: records.length, done: true, records };
      }
      if (/from\s+scratchorginfo/i.test(soql)) {
        throw new SalesforceError('INVALID_TYPE', "sObject type 'ScratchOrgInfo' is not supported.");
      }
      throw new SalesforceError('MALFORMED_QUERY', `unexpected query: ${soql}`);
    },
    queryColumns(soql: string): readonly ColumnMetadata[] {
      const select = /select\s+(.*?)\s+from/i.exec(soql)?.[1] ?? '';
      return select.split(',').map((c) => ({ columnName: c.trim(), displayName: c.trim(), aggregate: false, joinColumns: [] }));
    },
    describe(type: string): Record<string, unknown> {
      if (type !== 'User' && type !== 'Profile') throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
      return { name: type, label: type, keyPrefix: type === 'User' ? '005' : '00e', fields: [{ name: 'Id', type: 'id', picklistValues: [] }] };
    },
    describeGlobal(): Record<string, unknown> {
      return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: [{ name: 'User', label: 'User', keyPrefix: '005', queryable: true, custom: false }] };
    },
    create(type: string, fields: Readonly<Record<string, unknown>>): string {
      if (type !== 'User') throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
      const username = String(fields['Username'] ?? '');
      if (!username) throw new SalesforceError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Username]', 400, ['Username']);
      if (takenUsernames.has(username.toLowerCase())) throw new SalesforceError('DUPLICATE_USERNAME', 'Duplicate Username.', 400, ['Username']);
      if ([...users.values()].filter((u) => u['IsActive'] === true).length >= org.seats) {
        throw new SalesforceError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded');
      }
      takenUsernames.add(username.toLowerCase());
      nextUser += 1;
      const id = `005${pad(nextUser)}AAA`;
      users.set(id, { ...fields, Id: id, IsActive: fields['IsActive'] ?? true });
      return id;
    },
    update(type: string, id: string, fields: Readonly<Record<string, unknown>>): void {
      const u = users.get(id);
      if (type !== 'User' || !u) throw new SalesforceError('NOT_FOUND', 'Provided external ID field does not exist or is not accessible: ' + id, 404);
      users.set(id, { ...u, ...fields });
    },
    retrieve(a: string | readonly RetrieveTypeMembers[], b?: string | readonly string[], c?: readonly string[]): never {
      throw new Error(`overloaded; replaced below ${String(a)} ${String(b)} ${String(c)}`);
    },
    delete(type: string): void {
      if (type === 'User') throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
      throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
    },
    resetPassword(userId: string): void {
      if (!users.has(userId)) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
      resets.push(userId);
    },
    deploy(files: ReadonlyMap<string, Buffer>, options: DeployRequestOptions): DeployOutcome {
      deploys.push({ files: [...files.keys()].sort(), options });
      if (options.testLevel === 'NoTestRun' && kind === 'production') {
        throw new SalesforceError('INVALID_OPERATION', 'testLevel of NoTestRun cannot be used in production organizations');
      }
      const successes: DeployMessage[] = [
        { componentType: '', fullName: 'package.xml', fileName: 'package.xml', success: true, changed: true, created: false, deleted: false },
      ];
      const failures: DeployMessage[] = [];
      const pending = new Map<string, string>();
      for (const [path, bytes] of files) {
        const m = /^profiles\/(.+)\.profile$/.exec(path);
        if (!m?.[1]) continue;
        const text = bytes.toString('utf8');
        const base = { componentType: 'Profile', fullName: m[1], fileName: path, deleted: false };
        if (text.includes('<name>Bogus</name>')) {
          failures.push({ ...base, success: false, changed: false, created: false, problemType: 'Error', problem: 'Unknown user permission: Bogus', lineNumber: 3, columnNumber: 5 });
        } else {
          successes.push({ ...base, success: true, changed: true, created: !profiles.has(m[1]) });
          pending.set(m[1], text);
        }
      }
      const status = failures.length ? 'Failed' : 'Succeeded';
      if (status === 'Succeeded' && !options.checkOnly) for (const [k, v] of pending) profiles.set(k, v);
      return { status, successes, failures, numberComponentsTotal: successes.length + failures.length - 1 };
    },
    listMetadata(type: string): readonly FileProperties[] {
      if (type !== 'Profile') return [];
      return [...profiles.keys()].map((name) => fileProps(`profiles/${name}.profile`, name, identity));
    },
    describeMetadata(): readonly MetadataTypeDescription[] {
      return [{ xmlName: 'Profile', directoryName: 'profiles', suffix: 'profile', inFolder: false, metaFile: false, childXmlNames: [] }];
    },
    toJSON(): unknown {
      return { identity, kind, users: [...users.values()], profiles: Object.fromEntries(profiles), seats: org.seats };
    },
    setLicenseSeats(name: string, total: number): void {
      if (name !== 'Salesforce') throw new SalesforceError('INVALID_FIELD', `No licence ${name}`);
      org.seats = total;
    },
  };
  // The seam overloads retrieve (records and metadata); dispatch on the first argument.
  (org as { retrieve: unknown }).retrieve = (a: unknown, b: unknown, c: unknown): unknown => {
    if (typeof a === 'string') {
      const u = users.get(String(b));
      if (a !== 'User' || !u) throw new SalesforceError('NOT_FOUND', 'The requested resource does not exist', 404);
      const fields = c as readonly string[] | undefined;
      const rec: SObjectRecord = { attributes: attrs('User', String(b)) };
      for (const [k, v] of Object.entries(u)) if (!fields || fields.includes(k)) rec[k] = v;
      return rec;
    }
    return retrieveMetadata(a as readonly RetrieveTypeMembers[], String(b));
  };
  function retrieveMetadata(types: readonly RetrieveTypeMembers[], apiVersion: string): RetrieveOutcome {
    const files = new Map<string, string>();
    const props: FileProperties[] = [];
    const messages: Array<{ fileName: string; problem: string }> = [];
    for (const t of types) {
      for (const member of t.members) {
        const names = member === '*' && t.name === 'Profile' ? [...profiles.keys()] : [member];
        for (const name of names) {
          const xml = t.name === 'Profile' ? profiles.get(name) : undefined;
          if (xml === undefined) {
            messages.push({ fileName: 'package.xml', problem: `Entity of type '${t.name}' named '${name}' cannot be found` });
            continue;
          }
          files.set(`profiles/${name}.profile`, xml);
          props.push(fileProps(`profiles/${name}.profile`, name, identity));
        }
      }
    }
    files.set(
      'package.xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n    <version>${apiVersion}</version>\n</Package>\n`,
    );
    return { files, fileProperties: props, messages };
  }
  return org;
}

function fileProps(fileName: string, fullName: string, identity: OrgIdentity): FileProperties {
  return {
    createdById: identity.userId,
    createdByName: 'Fake Admin',
    createdDate: '2026-01-01T00:00:00.000Z',
    fileName,
    fullName,
    id: '00e000000000001AAA',
    lastModifiedById: identity.userId,
    lastModifiedByName: 'Fake Admin',
    lastModifiedDate: '2026-01-01T00:00:00.000Z',
    manageableState: 'unmanaged',
    type: 'Profile',
  };
}

export function fakeWorld(orgOptions: readonly OrgOptions[] = [{}]): EmulatedWorld & { orgs: FakeOrg[] } {
  const taken = new Set<string>();
  const orgs: FakeOrg[] = orgOptions.map((o) => fakeOrg(o, taken));
  return {
    orgs,
    orgForToken: (token) => orgs.find((o) => o.identity.accessToken === token),
    addOrg: (options) => {
      const org = fakeOrg(options, taken);
      orgs.push(org);
      return org;
    },
    toJSON: () => ({ orgs: orgs.map((o) => o.toJSON()) }),
  };
}
