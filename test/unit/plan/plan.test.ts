import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectState } from '../../../src/deploy/project';
import { UsageError } from '../../../src/errors';
import { plan, status } from '../../../src/plan';
import { fakeProject, PROFILE_XML } from '../deploy/fakeOrg';

function project(): ProjectState {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-plan-unit-'));
  const profilePath = join(dir, 'API Only.profile-meta.xml');
  writeFileSync(profilePath, PROFILE_XML);
  return { ...fakeProject(dir, () => { throw new Error('not called'); }), profilePath, metadataPaths: [profilePath] };
}

describe('plan and status: --org-key (as for deploy and check)', () => {
  it.each([['plan', plan], ['status', status]] as const)('Given --org-key not in the config, When %s runs, Then it is a usage error listing the keys and the org is not reached', async (_name, run) => {
    const connect = jest.fn(async () => Promise.reject(new Error('not called')));
    const proj = project();
    const err = await run({ cwd: proj.projectDir, orgKey: 'nope' }, { loadProject: async () => proj, connect, collectCoreWarnings: () => () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ code: 'UnknownOrgKey', exitCode: 2, message: expect.stringMatching(/has: acme-uat, prod/) });
    expect(connect).not.toHaveBeenCalled();
  });
});
