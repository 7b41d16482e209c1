import { adminChecks } from '../../../src/check/admin';
import { integrationChecks } from '../../../src/check/integration';
import { MINIMAL_CONFIG } from '../../helpers/project';
import { fakeContext } from './context';

describe('admin checks (fake org)', () => {
  it('Given no externalClientApp in the config, When run, Then the app check fails with the fix to add one', async () => {
    const ctx = await fakeContext();
    const results = await adminChecks.run(ctx);
    expect(results[0]).toMatchObject({ name: 'External Client App exists', passed: false, fix: expect.stringContaining('Add an "externalClientApp" section') });
  });

  it('Given an admin session that cannot read metadata, When run, Then the app check fails naming why and the user checks still run', async () => {
    const ctx = await fakeContext({ files: { 'apionly.config.json': { ...MINIMAL_CONFIG, externalClientApp: { name: 'Vendor_X', label: 'Vendor X', contactEmail: 'a@b.example' } } } });
    const results = await adminChecks.run(ctx);
    expect(results[0]).toMatchObject({ name: 'External Client App exists', passed: false, detail: expect.stringContaining('could not read it as admin@acme.example') });
    expect(results.some((r) => r.name.startsWith('Integration user'))).toBe(true);
  });
});

describe('integration checks (fake org)', () => {
  it('Given the login failed, When run, Then the group reports the login result only (nothing else is attempted)', async () => {
    const ctx = await fakeContext();
    expect(await integrationChecks.run(ctx)).toEqual([{ name: 'Client-credentials login', passed: false, detail: 'no credentials', fix: 'set them' }]);
  });
});
