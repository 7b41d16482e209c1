import { buildProfileModel } from '../../../src/model/buildProfile';
import { ALWAYS_ON_OBJECTS, DEFAULT_ON_OBJECTS } from '../../../src/model/catalogue';
import type { ObjectPermission } from '../../../src/model/types';
import { config, field, project, sourceObject } from '../../helpers/project';

const objects = (perms: readonly ObjectPermission[]): string[] => perms.map((p) => p.object);
const find = (perms: readonly ObjectPermission[], object: string): ObjectPermission | undefined => perms.find((p) => p.object === object);

describe('buildProfileModel', () => {
  it('given the defaults, covers the always-on and default-on objects with Modify All, sorted in byte order', () => {
    const model = buildProfileModel(config(), project());
    expect(objects(model.objectPermissions)).toEqual([...ALWAYS_ON_OBJECTS, ...DEFAULT_ON_OBJECTS].sort((a, b) => (a < b ? -1 : 1)));
    expect(find(model.objectPermissions, 'Account')).toMatchObject({ allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: true, viewAllRecords: true, viewAllFields: false });
    expect(find(model.objectPermissions, 'Product2')).toMatchObject({ modifyAllRecords: false, viewAllRecords: false, allowDelete: true });
    expect(model).toMatchObject({ name: 'API Only', fileName: 'API Only.profile-meta.xml', custom: true, userLicense: 'Salesforce' });
    expect(model.userPermissions).toEqual([
      { name: 'ApiEnabled', enabled: true },
      { name: 'ApiUserOnly', enabled: true },
    ]);
    expect(model.warnings).toEqual([]);
  });

  it('writes viewAllFields only from API 63.0', () => {
    expect(find(buildProfileModel(config(), project([], '62.0')).objectPermissions, 'Account')).not.toHaveProperty('viewAllFields');
    expect(find(buildProfileModel(config(), project([], '63.0')).objectPermissions, 'Account')).toHaveProperty('viewAllFields', false);
  });

  it('adds feature objects only when listed, and drops excluded ones', () => {
    const model = buildProfileModel(config({ profile: { objects: { include: ['Order', 'Quote'], exclude: ['Idea', 'Solution'] } } }), project());
    expect(objects(model.objectPermissions)).toEqual(expect.arrayContaining(['Order', 'Quote']));
    expect(objects(model.objectPermissions)).not.toEqual(expect.arrayContaining(['Idea']));
    expect(objects(model.objectPermissions)).not.toContain('Solution');
    expect(objects(buildProfileModel(config(), project()).objectPermissions)).not.toContain('Order');
  });

  it('warns about names outside the catalogue and the project, and about useless excludes', () => {
    const model = buildProfileModel(config({ profile: { objects: { include: ['Survey', 'ns__Thing__c'], exclude: ['Quote'] } } }), project());
    expect(model.warnings).toEqual([
      expect.stringMatching(/Survey, which is not in apionly's catalogue/),
      expect.stringMatching(/ns__Thing__c, which is not in the project's package directories/),
      expect.stringMatching(/exclude lists Quote, which the profile would not include anyway/),
    ]);
    expect(objects(model.objectPermissions)).toEqual(expect.arrayContaining(['Survey', 'ns__Thing__c']));
  });

  it('includes every custom object of the project, but not custom settings or custom metadata', () => {
    const p = project([
      sourceObject('Invoice__c'),
      sourceObject('Settings__c', [], { kind: 'customSetting' }),
      sourceObject('Routing__mdt'),
      sourceObject('Order_Event__e'),
      sourceObject('Account', [field('Account', 'SLA__c')], { defined: false }),
    ]);
    const model = buildProfileModel(config(), p);
    expect(objects(model.objectPermissions)).toEqual(expect.arrayContaining(['Invoice__c', 'Order_Event__e']));
    expect(objects(model.objectPermissions)).not.toEqual(expect.arrayContaining(['Settings__c']));
    expect(objects(model.objectPermissions)).not.toContain('Routing__mdt');
    expect(find(model.objectPermissions, 'Order_Event__e')).toMatchObject({ allowCreate: true, allowRead: true, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false });
    expect(objects(buildProfileModel(config({ profile: { objects: { customObjects: false } } }), p).objectPermissions)).not.toContain('Invoice__c');
  });

  it('applies per-object overrides (an override includes the object)', () => {
    const model = buildProfileModel(config({ profile: { objects: { overrides: { Lead: 'read', Case: 'none', Order: 'viewAll', Contact: { create: true } } } } }), project());
    expect(find(model.objectPermissions, 'Lead')).toMatchObject({ allowRead: true, allowEdit: false, modifyAllRecords: false });
    expect(find(model.objectPermissions, 'Case')).toMatchObject({ allowRead: false, allowCreate: false, viewAllRecords: false });
    expect(find(model.objectPermissions, 'Order')).toMatchObject({ allowRead: true, viewAllRecords: true, allowEdit: false });
    expect(find(model.objectPermissions, 'Contact')).toMatchObject({ allowCreate: true, allowRead: true, allowEdit: false });
  });

  it('drops View All on Asset and Contract when Account has none, with a warning', () => {
    const model = buildProfileModel(config({ profile: { objects: { overrides: { Account: 'edit' } } } }), project());
    expect(find(model.objectPermissions, 'Asset')).toMatchObject({ viewAllRecords: false, modifyAllRecords: false, allowDelete: true });
    expect(find(model.objectPermissions, 'Contract')).toMatchObject({ viewAllRecords: false });
    expect(model.warnings.filter((w) => /depend on View All on Account/.test(w))).toHaveLength(2);
  });

  it('with ModifyAllData writes full access everywhere and ViewAllData with it', () => {
    const model = buildProfileModel(config({ profile: { userPermissions: { ModifyAllData: true }, objects: { overrides: { Lead: 'read' } } } }), project());
    expect(model.objectPermissions.every((p) => p.modifyAllRecords && p.viewAllRecords && p.allowCreate)).toBe(true);
    expect(model.userPermissions).toContainEqual({ name: 'ViewAllData', enabled: true });
    expect(model.warnings).toEqual([expect.stringMatching(/^Lead: ModifyAllData grants full access/)]);
  });

  it('writes field permissions by the FLS rules, sorted by field', () => {
    const p = project([
      sourceObject('Invoice__c', [
        field('Invoice__c', 'Total__c', { formula: true, type: 'Currency' }),
        field('Invoice__c', 'Amount__c', { type: 'Currency' }),
        field('Invoice__c', 'Count__c', { type: 'Summary' }),
        field('Invoice__c', 'No__c', { type: 'AutoNumber' }),
        field('Invoice__c', 'Code__c', { required: true }),
        field('Invoice__c', 'Parent__c', { type: 'MasterDetail' }),
      ]),
      sourceObject('Event', [field('Event', 'Notes__c'), field('Event', 'Subject', { type: '' })], { defined: false }),
    ]);
    const model = buildProfileModel(config({ profile: { fieldOverrides: { 'Invoice__c.Parent__c': 'edit', 'Nope__c.X__c': 'read' } } }), p);
    expect(model.fieldPermissions).toEqual([
      { field: 'Event.Notes__c', editable: true, readable: true },
      { field: 'Invoice__c.Amount__c', editable: true, readable: true },
      { field: 'Invoice__c.Count__c', editable: false, readable: true },
      { field: 'Invoice__c.No__c', editable: false, readable: true },
      { field: 'Invoice__c.Total__c', editable: false, readable: true },
    ]);
    expect(model.warnings).toEqual([
      expect.stringMatching(/Invoice__c\.Parent__c is ignored: master-detail/),
      expect.stringMatching(/Nope__c\.X__c, which is not a custom field/),
    ]);
  });

  it('revokes fields of an object set to none, and skips fields of excluded objects', () => {
    const p = project([sourceObject('A__c', [field('A__c', 'F__c')]), sourceObject('B__c', [field('B__c', 'F__c')])]);
    const model = buildProfileModel(config({ profile: { objects: { overrides: { A__c: 'none' }, exclude: ['B__c'] } } }), p);
    expect(model.fieldPermissions).toEqual([{ field: 'A__c.F__c', editable: false, readable: false }]);
  });

  it.each([
    ['read', { editable: false, readable: true }],
    ['none', { editable: false, readable: false }],
  ] as const)('fieldAccess %s', (fieldAccess, expected) => {
    const model = buildProfileModel(config({ profile: { fieldAccess } }), project([sourceObject('A__c', [field('A__c', 'F__c')])]));
    expect(model.fieldPermissions).toEqual([{ field: 'A__c.F__c', ...expected }]);
  });

  it('omits the description when empty and keeps user permissions revoked with false', () => {
    const model = buildProfileModel(config({ profile: { description: '', userPermissions: { ApiUserOnly: false, ViewAllUsers: true } } }), project());
    expect(model).not.toHaveProperty('description');
    expect(model.userPermissions).toEqual([
      { name: 'ApiEnabled', enabled: true },
      { name: 'ApiUserOnly', enabled: false },
      { name: 'ViewAllUsers', enabled: true },
    ]);
  });
});
