/** Planning from an org catalogue (apionly discover): which objects, which flags, which field permissions, which user permissions. */
import { readFileSync } from 'node:fs';
import { renderCatalogue } from '../../../src/catalogue';
import { InputError } from '../../../src/errors';
import { generate } from '../../../src/generate';
import { buildProfileModel } from '../../../src/model/buildProfile';
import { checkAgainstCatalogue } from '../../../src/model/checkAgainstCatalogue';
import type { FieldPermission, ObjectPermission } from '../../../src/model/types';
import { catalogueObject, smallCatalogue } from '../../helpers/catalogue';
import { config, field, makeProject, project, sourceObject } from '../../helpers/project';

const objects = (perms: readonly ObjectPermission[]): string[] => perms.map((p) => p.object);
const fieldMap = (perms: readonly FieldPermission[]): Record<string, string> =>
  Object.fromEntries(perms.map((p) => [p.field, p.editable ? 'edit' : p.readable ? 'read' : 'none']));

describe('buildProfileModel from a catalogue', () => {
  it('Given a catalogue, Then every object taking object permissions is covered (feature objects need no listing), field-only objects get none', () => {
    const model = buildProfileModel(config(), project(), smallCatalogue());
    expect(objects(model.objectPermissions)).toEqual(['Account', 'Invoice__c', 'Product2', 'Quote']);
    expect(model.warnings).toEqual([]);
  });

  it('Then View All / Modify All only where the org has them', () => {
    const model = buildProfileModel(config(), project(), smallCatalogue());
    expect(model.objectPermissions.find((p) => p.object === 'Account')).toMatchObject({ modifyAllRecords: true, viewAllRecords: true });
    expect(model.objectPermissions.find((p) => p.object === 'Product2')).toMatchObject({ allowEdit: true, modifyAllRecords: false, viewAllRecords: false });
  });

  it('Then every permissionable field at fieldAccess: read-only where not editable, none where required or master-detail; field-only objects too', () => {
    const model = buildProfileModel(config(), project(), smallCatalogue());
    expect(fieldMap(model.fieldPermissions)).toEqual({
      'Account.AccountNumber': 'edit', 'Account.Phone': 'edit', 'Account.Rating__c': 'read',
      'Invoice__c.Amount__c': 'edit', 'Invoice__c.Number__c': 'read', 'Invoice__c.Total__c': 'read',
      'OpportunityLineItem.Discount': 'edit', 'OpportunityLineItem.ProductCode': 'read',
      'Product2.Family': 'edit', 'Quote.ExpirationDate': 'edit', 'Quote.QuoteNumber': 'read',
    });
    expect(fieldMap(buildProfileModel(config({ profile: { fieldAccess: 'read' } }), project(), smallCatalogue()).fieldPermissions)['Account.Phone']).toBe('read');
  });

  it('Given excludes, overrides and customObjects false, Then they apply as without a catalogue', () => {
    const model = buildProfileModel(
      config({ profile: { objects: { exclude: ['Quote'], customObjects: false, overrides: { Account: 'none' } }, fieldOverrides: { 'Product2.Family': 'read' } } }),
      project(),
      smallCatalogue(),
    );
    expect(objects(model.objectPermissions)).toEqual(['Account', 'Product2']);
    expect(model.objectPermissions.find((p) => p.object === 'Account')).toMatchObject({ allowRead: false });
    const fields = fieldMap(model.fieldPermissions);
    expect(fields['Account.Phone']).toBe('none');
    expect(fields['Product2.Family']).toBe('read');
    expect(Object.keys(fields).some((f) => f.startsWith('Quote.') || f.startsWith('Invoice__c.'))).toBe(false);
  });

  it('Given managed-package objects in the catalogue, Then they get no access unless included, with one warning', () => {
    const c = smallCatalogue({ objects: { ...smallCatalogue().objects, SBQQ__Quote__c: catalogueObject({ SBQQ__Status__c: 'editable' }, { kind: 'custom' }) } });
    const model = buildProfileModel(config(), project(), c);
    expect(objects(model.objectPermissions)).not.toContain('SBQQ__Quote__c');
    expect(Object.keys(fieldMap(model.fieldPermissions)).some((f) => f.startsWith('SBQQ__'))).toBe(false);
    expect(model.warnings).toEqual([expect.stringMatching(/1 managed-package object of the catalogue \(SBQQ__Quote__c\) get no access/)]);
    const included = buildProfileModel(config({ profile: { objects: { include: ['SBQQ__Quote__c'] } } }), project(), c);
    expect(objects(included.objectPermissions)).toContain('SBQQ__Quote__c');
    expect(fieldMap(included.fieldPermissions)['SBQQ__Quote__c.SBQQ__Status__c']).toBe('edit');
  });

  it('Given a project field the catalogue also has, Then the project definition wins (it is what will be deployed)', () => {
    const p = project([sourceObject('Invoice__c', [field('Invoice__c', 'Amount__c', { formula: true })])]);
    expect(fieldMap(buildProfileModel(config(), p, smallCatalogue()).fieldPermissions)['Invoice__c.Amount__c']).toBe('read');
  });

  it('Given cloneReferenceUserPermissions, Then the reference profile\'s enabled permissions are copied, config wins, and a warning lists the powerful ones', () => {
    const model = buildProfileModel(config({ profile: { cloneReferenceUserPermissions: true, userPermissions: { AuthorApex: false } } }), project(), smallCatalogue());
    const on = model.userPermissions.filter((p) => p.enabled).map((p) => p.name);
    expect(on).toEqual(['ApiEnabled', 'ApiUserOnly', 'CustomizeApplication', 'ManageUsers', 'ModifyAllData', 'RunReports', 'ViewAllData', 'ViewSetup']);
    expect(model.userPermissions.find((p) => p.name === 'AuthorApex')).toEqual({ name: 'AuthorApex', enabled: false });
    expect(model.warnings).toEqual([expect.stringMatching(/copies the 8 user permissions "System Administrator" has enabled, among them powerful ones .*: CustomizeApplication, ManageUsers, ModifyAllData, ViewAllData/)]);
    // ModifyAllData then grants full access everywhere (what the platform does).
    expect(model.objectPermissions.find((p) => p.object === 'Product2')).toMatchObject({ modifyAllRecords: true });
  });

  it('Without a catalogue, Then the clone switch does nothing here (generate refuses it, see below)', () => {
    expect(buildProfileModel(config({ profile: { cloneReferenceUserPermissions: true } }), project()).userPermissions).toHaveLength(2);
  });
});

describe('checkAgainstCatalogue', () => {
  it('Given user permission names the org lacks, Then one problem each with the nearest names', () => {
    const problems = checkAgainstCatalogue(config({ profile: { userPermissions: { ViewAllUser: true, ApiEnabled: true, Xyzzy: true } } }), project(), smallCatalogue(), 'apionly.catalogue.json');
    expect(problems).toEqual([
      expect.objectContaining({ location: '/profile/userPermissions/ViewAllUser', fix: expect.stringMatching(/^did you mean ViewAllUsers/) }),
      expect.objectContaining({ location: '/profile/userPermissions/Xyzzy', fix: expect.stringMatching(/remove it/) }),
    ]);
  });

  it('Given includes the org lacks or that take field permissions only, Then a problem each; a project-defined object is fine', () => {
    const problems = checkAgainstCatalogue(
      config({ profile: { objects: { include: ['Order', 'OpportunityLineItem', 'Local__c'] } } }),
      project([sourceObject('Local__c')]),
      smallCatalogue(),
      'apionly.catalogue.json',
    );
    expect(problems.map((p) => p.location)).toEqual(['/profile/objects/include/0', '/profile/objects/include/1']);
    expect(problems[0]?.message).toMatch(/has no object Order/);
    expect(problems[1]?.message).toMatch(/field permissions only/);
  });

  it('Given the clone switch without a catalogue, Then a problem that says to run discover', () => {
    expect(checkAgainstCatalogue(config({ profile: { cloneReferenceUserPermissions: true } }), project(), undefined, 'apionly.catalogue.json')).toEqual([
      expect.objectContaining({ location: '/profile/cloneReferenceUserPermissions', fix: expect.stringMatching(/discover/) }),
    ]);
  });
});

describe('generate with a committed catalogue', () => {
  it('Given a catalogue and a misspelt user permission, Then exit 2 (InputError) and nothing is written', async () => {
    const dir = makeProject({
      'apionly.catalogue.json': renderCatalogue(smallCatalogue()),
      'apionly.config.json': { user: { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com' }, profile: { userPermissions: { ViewAllUser: true } } },
    });
    await expect(generate({ cwd: dir })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/did you mean ViewAllUsers/) });
    await expect(generate({ cwd: dir })).rejects.toBeInstanceOf(InputError);
  });

  it('Given a catalogue at a configured path, Then generate uses it, twice byte-identical', async () => {
    const dir = makeProject({
      'org/catalogue.json': renderCatalogue(smallCatalogue({ objects: { Account: catalogueObject({ Phone: 'editable' }) } })),
      'apionly.config.json': { user: { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com' }, catalogue: { path: 'org/catalogue.json' } },
    });
    const first = await generate({ cwd: dir });
    expect(first.files.map((f) => f.status)).toEqual(['written', 'written']);
    const profile = readFileSync(`${dir}/${first.profilePath}`, 'utf8');
    expect(profile).toContain('<field>Account.Phone</field>');
    expect(profile).not.toContain('<object>Solution</object>');
    expect((await generate({ cwd: dir, check: true })).files.every((f) => f.status === 'unchanged')).toBe(true);
  });
});

describe('buildPermissionSetModel (integration route) from a catalogue', () => {
  it('Given a catalogue, Then the permission set covers the catalogue objects and fields the same way', () => {
    const { buildPermissionSetModel } = require('../../../src/model/buildPermissionSet') as typeof import('../../../src/model/buildPermissionSet');
    const model = buildPermissionSetModel(config({ route: 'integration' }), project(), smallCatalogue());
    expect(model.objectPermissions.map((p) => p.object)).toEqual(['Account', 'Invoice__c', 'Product2', 'Quote']);
    expect(model.fieldPermissions.map((p) => p.field)).toContain('OpportunityLineItem.Discount');
  });
});
