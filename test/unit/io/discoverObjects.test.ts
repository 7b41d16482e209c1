import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { discoverObjects } from '../../../src/io/discoverObjects';
import { readSfdxProject } from '../../../src/io/readProject';
import { InputError } from '../../../src/errors';
import { fieldXml, makeProject, objectXml } from '../../helpers/project';

const O = 'force-app/main/default/objects';

describe('discoverObjects', () => {
  it('reads source-format objects and fields, and mdapi .object files, sorted by name', async () => {
    const dir = makeProject({
      [`${O}/Invoice__c/Invoice__c.object-meta.xml`]: objectXml(),
      [`${O}/Invoice__c/fields/Total__c.field-meta.xml`]: fieldXml('    <formula>1</formula>\n    <type>Number</type>'),
      [`${O}/Invoice__c/fields/Code__c.field-meta.xml`]: fieldXml('    <required>true</required>\n    <type>Text</type>'),
      [`${O}/Settings__c/Settings__c.object-meta.xml`]: objectXml('    <customSettingsType>List</customSettingsType>'),
      [`${O}/Account/fields/SLA__c.field-meta.xml`]: fieldXml('    <type>Picklist</type>'),
      'other/pkg/objects/Old__c.object': objectXml('    <fields>\n        <fullName>Parent__c</fullName>\n        <type>MasterDetail</type>\n    </fields>\n    <label>Old</label>'),
      'force-app/main/default/.hidden/objects/Hidden__c/Hidden__c.object-meta.xml': objectXml(),
    });
    const objects = await discoverObjects(dir, ['force-app', 'other']);
    expect(objects.map((o) => [o.name, o.kind, o.defined])).toEqual([
      ['Account', 'standard', false],
      ['Invoice__c', 'custom', true],
      ['Old__c', 'custom', true],
      ['Settings__c', 'customSetting', true],
    ]);
    const invoice = objects.find((o) => o.name === 'Invoice__c');
    expect(invoice?.fields).toEqual([
      { object: 'Invoice__c', name: 'Code__c', type: 'Text', required: true, formula: false, file: `${O}/Invoice__c/fields/Code__c.field-meta.xml` },
      { object: 'Invoice__c', name: 'Total__c', type: 'Number', required: false, formula: true, file: `${O}/Invoice__c/fields/Total__c.field-meta.xml` },
    ]);
    expect(objects.find((o) => o.name === 'Old__c')?.fields).toEqual([expect.objectContaining({ name: 'Parent__c', type: 'MasterDetail' })]);
  });

  it('refuses a field file that is not well-formed XML, naming file, line and column', async () => {
    const dir = makeProject({ [`${O}/A__c/fields/B__c.field-meta.xml`]: '<CustomField>\n  <type>Text</typ>\n</CustomField>\n' });
    const err = await discoverObjects(dir, ['force-app']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]).toMatchObject({ file: `${O}/A__c/fields/B__c.field-meta.xml`, location: expect.stringMatching(/^line 2, column \d+$/) });
  });

  it('finds nothing in a project without objects', async () => {
    expect(await discoverObjects(makeProject(), ['force-app', 'missing'])).toEqual([]);
  });
});

describe('readSfdxProject', () => {
  it('reads sourceApiVersion and package directories, the default first', async () => {
    const dir = makeProject({ 'sfdx-project.json': { packageDirectories: [{ path: 'a' }, { path: 'b/', default: true }], sourceApiVersion: '62.0' } });
    expect(await readSfdxProject(dir)).toEqual({ apiVersion: '62.0', packageDirectories: ['b', 'a'] });
  });

  it('lists every problem of a bad sfdx-project.json', async () => {
    const dir = makeProject({ 'sfdx-project.json': { packageDirectories: [{ path: '../x' }], sourceApiVersion: 66 } });
    const err = (await readSfdxProject(dir).catch((e: unknown) => e)) as InputError;
    expect(err.problems.map((p) => p.location)).toEqual(['/sourceApiVersion', '/packageDirectories/0/path']);
  });

  it('tells a missing sfdx-project.json from one it cannot read', async () => {
    const missing = makeProject();
    rmSync(join(missing, 'sfdx-project.json'));
    expect(await readSfdxProject(missing).catch((e: unknown) => e)).toMatchObject({ code: 'ProjectNotFound' });
    const folder = makeProject();
    rmSync(join(folder, 'sfdx-project.json'));
    mkdirSync(join(folder, 'sfdx-project.json'));
    const err = (await readSfdxProject(folder).catch((e: unknown) => e)) as InputError;
    expect(err.code).toBe('ProjectUnreadable');
    expect(err.problems[0]?.message).toMatch(/cannot read sfdx-project\.json .*\(EISDIR\)/);
  });
});
