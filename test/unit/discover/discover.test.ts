/** discover (library) with fake ports: what it reads, how many calls, what it writes, and that a failure writes nothing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discover, type DiscoverDeps } from '../../../src/discover';
import { readOrgCatalogue } from '../../../src/discover/readOrgCatalogue';
import { InputError, OperationError } from '../../../src/errors';
import { OrgCallError, type OrgClient } from '../../../src/deploy/orgClient';
import type { DescribeField, OrgReader, SObjectDescribe } from '../../../src/deploy/orgReader';
import { silentProgress } from '../../../src/deploy/progress';
import { makeProject } from '../../helpers/project';

const pick = (name: string, values: string[]): DescribeField => ({ name, type: 'picklist', nillable: false, createable: true, updateable: false, picklistValues: values.map((value) => ({ value, active: true })) });
const fld = (name: string, extra: Partial<DescribeField> = {}): DescribeField => ({ name, type: 'string', nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...extra });

/** An org of `n` custom objects with three fields each, plus Account and OpportunityLineItem (field-only). */
function fakeOrg(n: number, opts: { failBatchAt?: number; noProfile?: boolean } = {}) {
  const customs = Array.from({ length: n }, (_, i) => `C${String(i).padStart(4, '0')}__c`);
  const objects = ['Account', 'PushTopic', ...customs];
  const fields = ['Account.Phone', 'Account.Score__c', 'OpportunityLineItem.Discount', ...customs.flatMap((c) => [`${c}.A__c`, `${c}.F__c`, `${c}.Ghost__c`])];
  const calls: string[] = [];
  let batches = 0;
  const describeOf = (type: string): SObjectDescribe => ({
    name: type,
    fields: type === 'Account' ? [fld('Id', { type: 'id', createable: false, updateable: false }), fld('Phone'), fld('Score__c', { calculated: true, createable: false, updateable: false })]
      : type === 'OpportunityLineItem' ? [fld('Discount')]
      : [fld('A__c'), fld('F__c', { calculated: true, createable: false, updateable: false })],
  });
  const reader: OrgReader = {
    apiVersion: '66.0',
    async describe(type) {
      calls.push(`describe ${type}`);
      if (type === 'ObjectPermissions') return { name: type, fields: [pick('SobjectType', objects)] };
      if (type === 'FieldPermissions') return { name: type, fields: [pick('SobjectType', [...objects, 'OpportunityLineItem']), pick('Field', fields)] };
      if (type === 'PermissionSet') return { name: type, fields: [fld('Name'), { ...fld('PermissionsApiEnabled'), type: 'boolean' }, { ...fld('PermissionsModifyAllData'), type: 'boolean' }, { ...fld('PermissionsViewAllData'), type: 'boolean' }] };
      throw new Error(`unexpected describe ${type}`);
    },
    async describeMany(types, onBatch) {
      const out = new Map<string, SObjectDescribe>();
      for (let i = 0; i < types.length; i += 25) {
        batches++;
        calls.push('composite/batch');
        if (opts.failBatchAt === batches) throw new OrgCallError('ERROR_HTTP_503', 'Service Unavailable', true);
        for (const t of types.slice(i, i + 25)) out.set(t, describeOf(t));
        onBatch?.(Math.min(i + 25, types.length), types.length);
      }
      return out;
    },
    async describeGlobal() {
      return objects;
    },
    async record(type, id) {
      calls.push(`record ${type} ${id}`);
      return { Id: id, PermissionsApiEnabled: true, PermissionsModifyAllData: true, PermissionsViewAllData: true, PermissionsRetired: true };
    },
  };
  const client: OrgClient = {
    async query(soql: string) {
      calls.push(`query ${soql.split(' FROM ')[1]}`);
      if (/FROM Organization/.test(soql)) return [{ Id: '00D000000000001AAA', OrganizationType: 'Enterprise Edition', IsSandbox: true }];
      if (/FROM UserLicense/.test(soql)) return [{ Name: 'Salesforce', MasterLabel: 'Salesforce', Status: 'Active', TotalLicenses: 10, UsedLicenses: 3 }];
      if (/FROM PermissionSetLicense/.test(soql)) return [];
      if (/FROM Profile/.test(soql)) return opts.noProfile ? [] : [{ Id: '00e000000000001AAA' }];
      throw new Error(`unexpected query ${soql}`);
    },
    create: async () => '',
    update: async () => undefined,
    resetPassword: async () => undefined,
  } as unknown as OrgClient;
  return { client, reader, calls };
}

const progress = { step: () => undefined, describes: () => undefined };

describe('readOrgCatalogue', () => {
  it('Given 1,000 objects, Then every object and listed field is kept, in 8 + 41 calls (describes 25 per batch)', async () => {
    const { client, reader, calls } = fakeOrg(1000);
    const c = await readOrgCatalogue({ client, reader }, 'System Administrator', progress);
    expect(Object.keys(c.objects)).toHaveLength(1003);
    expect(c.objects['C0999__c']?.fields).toEqual({ A__c: 'editable', F__c: 'calculated', Ghost__c: 'readOnly' });
    expect(c.objects['OpportunityLineItem']).toEqual({ kind: 'standard', objectPermissions: false, viewAllModifyAll: true, fields: { Discount: 'editable' } });
    expect(c.objects['PushTopic']).toMatchObject({ objectPermissions: true, viewAllModifyAll: false, fields: {} });
    expect(c.objects['Account']?.fields).toEqual({ Phone: 'editable', Score__c: 'calculated' });
    expect(c.features.streamingApi).toBe(true);
    expect(c.userPermissions).toEqual(['ApiEnabled', 'ModifyAllData', 'ViewAllData']);
    expect(c.referenceProfile.userPermissions).toEqual(['ApiEnabled', 'ModifyAllData', 'ViewAllData']);
    expect(c.userLicenses).toEqual({ Salesforce: { masterLabel: 'Salesforce', status: 'Active', seats: 10 } });
    expect(c.org).toEqual({ id: '00D000000000001AAA', edition: 'Enterprise Edition', sandbox: true, apiVersion: '66.0' });
    expect(calls.filter((x) => x === 'composite/batch')).toHaveLength(Math.ceil(1002 / 25));
    expect(calls.length).toBe(8 + Math.ceil(1002 / 25));
  });

  it('Given a reference profile the org lacks, Then InputError (exit 2) naming catalogue.referenceProfile', async () => {
    const { client, reader } = fakeOrg(1, { noProfile: true });
    await expect(readOrgCatalogue({ client, reader }, 'Systm Admin', progress)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/\/catalogue\/referenceProfile: the org has no profile named "Systm Admin"/) });
  });
});

describe('discover (library)', () => {
  const deps = (org: ReturnType<typeof fakeOrg>): Partial<DiscoverDeps> => ({
    connect: async () => ({ client: org.client, reader: org.reader, displayName: 'uat', secrets: [], instanceUrl: 'http://127.0.0.1:1' }),
    progress: silentProgress,
    collectCoreWarnings: () => () => undefined,
  });

  it('Given no catalogue, When discovered twice, Then it is written once, then unchanged; --check then passes', async () => {
    const dir = makeProject();
    const first = await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(30)));
    expect(first).toMatchObject({ path: 'apionly.catalogue.json', status: 'written', counts: { objects: 33, objectPermissionObjects: 32 } });
    expect(first.diff).toBeUndefined();
    const bytes = readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8');
    const second = await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(30)));
    expect(second.status).toBe('unchanged');
    expect(second.diff?.changed).toBe(false);
    expect(readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8')).toBe(bytes);
    expect((await discover({ cwd: dir, targetOrg: 'uat', check: true }, deps(fakeOrg(30)))).status).toBe('unchanged');
  });

  it('Given the org gained objects, When --check, Then stale with the added objects and fields, and nothing written', async () => {
    const dir = makeProject();
    await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(2)));
    const before = readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8');
    const r = await discover({ cwd: dir, targetOrg: 'uat', check: true }, deps(fakeOrg(3)));
    expect(r.status).toBe('stale');
    expect(r.diff?.objectsAdded).toEqual(['C0002__c']);
    expect(readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8')).toBe(before);
  });

  it('Given a describe batch that fails mid-way, Then exit 1 (OperationError) and the committed catalogue is untouched', async () => {
    const dir = makeProject();
    await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(2)));
    const before = readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8');
    const err = await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(80, { failBatchAt: 3 }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect((err as OperationError).message).toMatch(/Reading the org failed \(ERROR_HTTP_503\)/);
    expect((err as OperationError).actions[0]).toMatch(/Nothing was written: apionly.catalogue.json is as it was/);
    expect(readFileSync(join(dir, 'apionly.catalogue.json'), 'utf8')).toBe(before);
  });

  it('Given an expired session, Then exit 2 saying to log in again', async () => {
    const dir = makeProject();
    const org = fakeOrg(1);
    const expired = { ...org, client: { ...org.client, query: async () => Promise.reject(new OrgCallError('INVALID_SESSION_ID', 'Session expired or invalid', false)) } as OrgClient };
    await expect(discover({ cwd: dir, targetOrg: 'uat' }, deps(expired))).rejects.toMatchObject({ exitCode: 2, code: 'SessionExpired' });
  });

  it('Given a corrupt committed catalogue, When --check, Then exit 2 naming the file; without --check it is replaced with a warning', async () => {
    const dir = makeProject({ 'apionly.catalogue.json': '{"format":"apionly-catalogue"' });
    await expect(discover({ cwd: dir, targetOrg: 'uat', check: true }, deps(fakeOrg(1)))).rejects.toBeInstanceOf(InputError);
    const r = await discover({ cwd: dir, targetOrg: 'uat' }, deps(fakeOrg(1)));
    expect(r.status).toBe('written');
    expect(r.warnings).toEqual([expect.stringMatching(/could not be read .* it is replaced/)]);
  });
});
