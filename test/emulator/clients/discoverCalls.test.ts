/**
 * What `apionly discover` asks of an org, through jsforce (a @salesforce/core token connection) against the emulated org:
 * the ObjectPermissions / FieldPermissions restricted picklists, the PermissionSet describe's user permissions, field
 * properties (formula, auto-number, required, master-detail), the Composite Batch resource, restricted-picklist
 * refusals, features and synthetic custom objects, and schema added while the org runs.
 */
import type { Connection } from '@salesforce/core';
import { connectionFor, useEmulatedOrg } from '../../helpers/emulator';

interface PicklistField { name: string; type: string; picklistValues: Array<{ value: string; active: boolean }>; restrictedPicklist: boolean }
interface Field { name: string; type: string; nillable: boolean; createable: boolean; updateable: boolean; defaultedOnCreate: boolean; calculated: boolean; autoNumber: boolean; permissionable: boolean; relationshipOrder: number | null; cascadeDelete: boolean }
interface Describe { name: string; fields: Array<Field & PicklistField> }

const picklist = (d: Describe, field: string): string[] => (d.fields.find((f) => f.name === field)?.picklistValues ?? []).map((v) => v.value);

describe('discover calls against the emulated org (jsforce)', () => {
  const emu = useEmulatedOrg({ orgs: [{ features: { Orders: true }, customObjects: { count: 2, fieldsPerObject: 12 } }] });
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectionFor(emu.get());
  });
  const describe$ = async (type: string): Promise<Describe> => (await conn.request(`/services/data/v${conn.version}/sobjects/${type}/describe`)) as Describe;

  it('Given an org with Orders on, When describing ObjectPermissions, Then SobjectType is a restricted picklist of every object taking object permissions', async () => {
    const d = await describe$('ObjectPermissions');
    const field = d.fields.find((f) => f.name === 'SobjectType');
    expect(field?.restrictedPicklist).toBe(true);
    const values = picklist(d, 'SobjectType');
    expect(values).toEqual(expect.arrayContaining(['Account', 'Order', 'Individual', 'StreamingChannel', 'Obj0001__c', 'Obj0002__c']));
    for (const never of ['Task', 'Event', 'User', 'OpportunityLineItem', 'Quote', 'WorkOrder']) expect(values).not.toContain(never);
  });

  it('When describing FieldPermissions, Then SobjectType adds field-only objects and Field lists permissionable fields only', async () => {
    const d = await describe$('FieldPermissions');
    expect(picklist(d, 'SobjectType')).toEqual(expect.arrayContaining(['Account', 'OpportunityLineItem', 'PricebookEntry', 'Task', 'Event', 'OrderItem']));
    const fields = picklist(d, 'Field');
    expect(fields).toEqual(expect.arrayContaining(['Account.Phone', 'Opportunity.ExpectedRevenue', 'OpportunityLineItem.Discount', 'Obj0001__c.Field01__c', 'Obj0001__c.Field06__c', 'Obj0001__c.Field07__c']));
    // Never: Id, Name, system fields, required fields, master-detail fields.
    for (const never of ['Account.Id', 'Account.Name', 'Account.OwnerId', 'Opportunity.StageName', 'OpportunityLineItem.OpportunityId', 'Obj0001__c.Field08__c', 'Obj0001__c.Field10__c', 'Obj0001__c.Name']) {
      expect(fields).not.toContain(never);
    }
  });

  it('When describing PermissionSet, Then it has one Permissions<Name> boolean per user permission of a current org, retired names left out', async () => {
    const d = await describe$('PermissionSet');
    const names = d.fields.filter((f) => f.type === 'boolean' && f.name.startsWith('Permissions')).map((f) => f.name.slice('Permissions'.length));
    expect(names.length).toBeGreaterThan(280);
    expect(names).toEqual(expect.arrayContaining(['ApiEnabled', 'ApiUserOnly', 'ModifyAllData', 'ViewAllUsers', 'CustomizeApplication', 'AuthorApex', 'ManageCustomPermissions']));
    expect(names).not.toContain('ManageHpi');
    expect(names).toContain('SendExternalEmailAvailable');
  });

  it('When describing objects, Then formula, auto-number, required and master-detail fields say so as Salesforce does', async () => {
    const custom = await describe$('Obj0001__c');
    const byName = new Map(custom.fields.map((f) => [f.name, f]));
    expect(byName.get('Field06__c')).toEqual(expect.objectContaining({ calculated: true, createable: false, updateable: false, permissionable: true }));
    expect(byName.get('Field07__c')).toEqual(expect.objectContaining({ autoNumber: true, createable: false, permissionable: true }));
    expect(byName.get('Field08__c')).toEqual(expect.objectContaining({ nillable: false, createable: true, defaultedOnCreate: false, permissionable: false }));
    expect(byName.get('Field10__c')).toEqual(expect.objectContaining({ type: 'reference', relationshipOrder: 0, cascadeDelete: true, permissionable: false }));
    expect(byName.get('Field03__c')).toEqual(expect.objectContaining({ type: 'boolean', nillable: false, defaultedOnCreate: true }));
    const oli = await describe$('OpportunityLineItem');
    expect(oli.fields.find((f) => f.name === 'OpportunityId')).toEqual(expect.objectContaining({ relationshipOrder: 0, permissionable: false }));
    const kase = await describe$('Case');
    expect(kase.fields.find((f) => f.name === 'CaseNumber')).toEqual(expect.objectContaining({ autoNumber: true, permissionable: false }));
  });

  it('When sending 25 describes in one Composite Batch request, Then each comes back in order; a 26th is refused whole; an unknown type is a 404 result', async () => {
    const url = `/services/data/v${conn.version}/composite/batch`;
    const types = ['Account', 'Nope__c', ...Array.from({ length: 23 }, () => 'Contact')];
    const res = (await conn.request({
      method: 'POST', url, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batchRequests: types.map((t) => ({ method: 'GET', url: `v${conn.version}/sobjects/${t}/describe` })) }),
    })) as { hasErrors: boolean; results: Array<{ statusCode: number; result: unknown }> };
    expect(res.hasErrors).toBe(true);
    expect(res.results).toHaveLength(25);
    expect(res.results[0]).toEqual(expect.objectContaining({ statusCode: 200, result: expect.objectContaining({ name: 'Account' }) }));
    expect(res.results[1]).toEqual({ statusCode: 404, result: [expect.objectContaining({ errorCode: 'NOT_FOUND' })] });
    const tooMany = conn.request({
      method: 'POST', url, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batchRequests: Array.from({ length: 26 }, () => ({ method: 'GET', url: `v${conn.version}/sobjects/Account/describe` })) }),
    });
    await expect(tooMany).rejects.toMatchObject({ errorCode: 'INVALID_BATCH_REQUEST' });
  });

  it('When inserting ObjectPermissions or FieldPermissions outside the picklists, Then INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', async () => {
    const ps = await conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Sales_Reports'");
    const parentId = ps.records[0]?.Id as string;
    await expect(conn.sobject('ObjectPermissions').create({ ParentId: parentId, SobjectType: 'Task', PermissionsRead: true })).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    await expect(conn.sobject('FieldPermissions').create({ ParentId: parentId, SobjectType: 'Obj0001__c', Field: 'Obj0001__c.Field08__c', PermissionsRead: true })).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    const ok = await conn.sobject('FieldPermissions').create({ ParentId: parentId, SobjectType: 'Obj0001__c', Field: 'Obj0001__c.Field01__c', PermissionsRead: true });
    expect(ok).toEqual(expect.objectContaining({ success: true }));
  });

  it('Given schema added while the org runs (admin endpoint), When describing FieldPermissions again, Then the new object and field are listed', async () => {
    const res = await fetch(`${emu.get().instanceUrl}/__emulator/schema`, {
      method: 'POST',
      body: JSON.stringify({ objects: [{ fullName: 'Invoice__c', fields: [{ fullName: 'Amount__c', type: 'Currency' }] }, { fullName: 'Account', fields: [{ fullName: 'Tier__c', type: 'Picklist' }] }] }),
    });
    expect(res.status).toBe(200);
    const fields = picklist(await describe$('FieldPermissions'), 'Field');
    expect(fields).toEqual(expect.arrayContaining(['Invoice__c.Amount__c', 'Account.Tier__c']));
    expect(picklist(await describe$('ObjectPermissions'), 'SobjectType')).toContain('Invoice__c');
    const bad = await fetch(`${emu.get().instanceUrl}/__emulator/schema`, { method: 'POST', body: JSON.stringify({ objects: [{ fullName: 'Bad Name', fields: [] }] }) });
    expect(bad.status).toBe(400);
  });
});
