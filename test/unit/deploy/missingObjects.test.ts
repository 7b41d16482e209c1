/** Deploy refuses (exit 2) before anything is sent when the target org lacks objects the committed profile names. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, OperationError } from '../../../src/errors';
import { deploy, type DeployDeps } from '../../../src/deploy/deploy';
import { findMissingObjects } from '../../../src/deploy/missingObjects';
import { OrgCallError } from '../../../src/deploy/orgClient';
import { silentProgress } from '../../../src/deploy/progress';
import type { ProjectState } from '../../../src/deploy/project';
import { FakeMetadata, FakeOrg, fakeReader, fakeSession } from './fakeOrg';

const PROFILE = (objects: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n    <custom>true</custom>\n${objects
    .map((o) => `    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <allowDelete>true</allowDelete>\n        <allowEdit>true</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>true</modifyAllRecords>\n        <object>${o}</object>\n        <viewAllRecords>true</viewAllRecords>\n    </objectPermissions>\n`)
    .join('')}    <userLicense>Salesforce</userLicense>\n</Profile>\n`;

function setup(profileObjects: string[], orgObjects: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-missing-'));
  const file = join(dir, 'API Only.profile-meta.xml');
  writeFileSync(file, PROFILE(profileObjects));
  const proj: ProjectState = {
    projectDir: dir, configPath: join(dir, 'apionly.config.json'), sourceApiVersion: '66.0', profilePath: file, metadataPaths: [file], orgKeys: [],
    userFor: () => ({ fields: { Username: 'a@b.example' }, profileName: 'API Only', permissionSets: [] }), warnings: [],
  } as unknown as ProjectState;
  const org = new FakeOrg();
  const metadata = new FakeMetadata(org);
  const reader = fakeReader(orgObjects);
  const deps: Partial<DeployDeps> = {
    loadProject: async () => proj,
    connect: async () => fakeSession(org, metadata, { reader }),
    confirm: async () => true,
    progress: silentProgress,
    env: {},
    collectCoreWarnings: () => () => undefined,
  };
  return { dir, deps, metadata, reader };
}

describe('deploy: objects the org lacks', () => {
  it('Given a profile naming Quote and Invoice__c that the org lacks, When deployed, Then exit 2 lists both and nothing is deployed', async () => {
    const { dir, deps, metadata } = setup(['Account', 'Invoice__c', 'Quote'], ['Account', 'Contact']);
    let caught: unknown;
    try {
      await deploy({ cwd: dir, targetOrg: 'acme-uat', yes: true, waitMinutes: 1 }, deps);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).exitCode).toBe(2);
    expect((caught as InputError).problems.map((p) => p.location)).toEqual(['objectPermissions Invoice__c', 'objectPermissions Quote']);
    expect((caught as Error).message).toMatch(/has no object Quote/);
    expect(metadata.requests).toHaveLength(0);
  });

  it('Given an org with every object, Then the check passes with one describe', async () => {
    const reader = fakeReader(['Account', 'Quote']);
    expect(await findMissingObjects(reader, ['Quote', 'Account'])).toEqual([]);
    expect(reader.calls).toEqual(['describe ObjectPermissions']);
  });

  it('Given an org that refuses the ObjectPermissions describe, Then describeGlobal stands in', async () => {
    const reader = { ...fakeReader(['Account']), describe: async () => Promise.reject(new OrgCallError('INSUFFICIENT_ACCESS', 'no View Setup', false)) };
    expect(await findMissingObjects(reader, ['Account', 'Quote'])).toEqual(['Quote']);
  });

  it('Given a transient failure of the describe, When deployed, Then exit 1 and nothing is deployed', async () => {
    const { dir, deps, metadata } = setup(['Account'], ['Account']);
    const failing = { ...fakeReader(['Account']), describe: async () => Promise.reject(new OrgCallError('ERROR_HTTP_503', 'Service Unavailable', true)) };
    const org = new FakeOrg();
    const d = { ...deps, connect: async () => fakeSession(org, metadata, { reader: failing }) };
    await expect(deploy({ cwd: dir, targetOrg: 'acme-uat', yes: true, waitMinutes: 1 }, d)).rejects.toBeInstanceOf(OperationError);
    expect(metadata.requests).toHaveLength(0);
  });
});
