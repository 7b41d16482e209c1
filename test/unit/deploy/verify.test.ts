import type { ProfilePermissions } from '../../../src/deploy/profilePermissions';
import { objectMismatches, verify } from '../../../src/deploy/verify';
import { NO_OBJECT_ACCESS } from '../../../src/model';
import type { ProfileSnapshot } from '../../../src/orgState';
import { deployProfile, newOrg, objPerm, userPerm } from '../../emulator/model/helpers';
import { modelOrgClient } from '../../helpers/modelOrgClient';

const ALL: Record<string, boolean> = { allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true, viewAllRecords: true, modifyAllRecords: true };

function snapshot(objects: Record<string, typeof NO_OBJECT_ACCESS>, viewAllFieldsRead = true): ProfileSnapshot {
  return { profileId: '00e', name: 'API Only', userLicense: 'Salesforce', permissionSetId: '0PS', userPermissions: new Map(), objects: new Map(Object.entries(objects)), fields: new Map(), placeholderRows: 0, viewAllFieldsRead };
}

describe('verify (through the org-state reader)', () => {
  it('Given View All / Modify All committed on Pricebook2, When it reads back false, Then it is not a mismatch; a missing row is', () => {
    const committed: ProfilePermissions = { objects: new Map([['Pricebook2', ALL], ['Lead', { allowRead: true }]]), userPermissions: new Map(), fields: new Map() };
    const mismatches = objectMismatches(committed, snapshot({ Pricebook2: { ...NO_OBJECT_ACCESS, allowRead: true, allowCreate: true, allowEdit: true, allowDelete: true } }));
    expect(mismatches).toEqual([{ object: 'Lead', flag: 'allowRead', expected: true, actual: false }]);
  });

  it('Given viewAllFields true committed and an org below API 63, When compared, Then it is skipped', () => {
    const committed: ProfilePermissions = { objects: new Map([['Account', { ...ALL, viewAllFields: true }]]), userPermissions: new Map(), fields: new Map() };
    expect(objectMismatches(committed, snapshot({ Account: { ...NO_OBJECT_ACCESS, ...ALL } }, false))).toEqual([]);
  });

  it('Given a profile deployed to the emulated model, When verified, Then the checks pass with no retrieve', async () => {
    const org = newOrg();
    const body = `    <custom>true</custom>\n${objPerm('Account', 'CREDMV')}${userPerm('ApiEnabled')}${userPerm('ApiUserOnly')}`;
    expect(deployProfile(org, 'API Only', body).status).toBe('Succeeded');
    const client = modelOrgClient(org);
    const committed: ProfilePermissions = { objects: new Map([['Account', ALL]]), userPermissions: new Map([['ApiEnabled', true], ['ApiUserOnly', true]]), fields: new Map() };
    const checks = await verify({ client, spec: { fields: { Username: 'x@example.com' }, profileName: 'API Only', permissionSets: [] }, committed, secrets: [], checkUser: false });
    expect(checks.map((c) => [c.name, c.passed])).toEqual([['Profile is API only', true], ['Object permissions match the committed profile', true]]);
    expect(client.calls.every((c) => c.startsWith('query') || c.startsWith('describe'))).toBe(true);
  });
});
