import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { loadProject } from '../../../src/deploy/project';
import { makeProject } from '../../e2e/deploy.helpers';

describe('loadProject', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeProject({ username: 'api@acme.example.com', orgs: { uat: { user: { Username: 'api@acme.example.com.uat' } } } });
  });

  it('Given current generated files, When loaded, Then it gives the profile to deploy, the API version and the per-org user', async () => {
    const project = await loadProject({ cwd: dir });
    expect(project.sourceApiVersion).toBe('66.0');
    expect(project.profilePath).toBe(join(dir, 'force-app/main/default/profiles/API Only.profile-meta.xml'));
    expect(project.metadataPaths).toEqual([project.profilePath]);
    expect(project.orgKeys).toEqual(['uat']);
    expect(project.userFor('uat').fields['Username']).toBe('api@acme.example.com.uat');
    expect(project.userFor(undefined).fields['Username']).toBe('api@acme.example.com');
    expect(project.userFor('other').fields['Username']).toBe('api@acme.example.com');
  });

  it('Given an edited profile and a deleted user definition, When loaded, Then one InputError lists both with the fix (exit 2)', async () => {
    const profile = join(dir, 'force-app/main/default/profiles/API Only.profile-meta.xml');
    const original = readFileSync(profile, 'utf8');
    writeFileSync(profile, original.replace('<custom>true</custom>', '<custom>false</custom>'));
    const userDef = join(dir, 'config/users/api-only.user-def.json');
    const userDefText = readFileSync(userDef, 'utf8');
    rmSync(userDef);
    try {
      const err = (await loadProject({ cwd: dir }).catch((e: unknown) => e)) as InputError;
      expect(err).toBeInstanceOf(InputError);
      expect(err.exitCode).toBe(2);
      expect(err.code).toBe('StaleGeneratedFiles');
      expect(err.problems.map((p) => [p.file, p.message.split(':')[0]])).toEqual(
        expect.arrayContaining([
          ['force-app/main/default/profiles/API Only.profile-meta.xml', 'stale'],
          ['config/users/api-only.user-def.json', 'missing'],
        ]),
      );
      expect(err.message).toContain('npm run generate');
    } finally {
      writeFileSync(profile, original);
      writeFileSync(userDef, userDefText);
    }
  });
});
