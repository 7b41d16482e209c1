import { planLicenceCheck, type LicenceState } from '../../../src/deploy/licenceCheck';
import { normalizeId } from '../../../src/deploy/soql';
import { planUser } from '../../../src/deploy/userPlan';
import type { UserSpec } from '../../../src/deploy/types';

const SPEC: UserSpec = {
  fields: { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com' },
  profileName: 'Minimum Access - API Only Integrations',
  permissionSets: ['API_Only_Integration'],
  permissionSetLicenses: ['SalesforceAPIIntegrationPsl'],
};
const UL = { Id: '100000000000001AAA', Name: 'Salesforce Integration', TotalLicenses: 5, UsedLicenses: 2 };
const PSL = { Id: normalizeId('0PL000000000001'), DeveloperName: 'SalesforceAPIIntegrationPsl', TotalLicenses: 5, UsedLicenses: 2 };
const CTX = { rerun: 'npm run deploy -- --target-org uat' };

function state(extra: Partial<LicenceState> = {}): LicenceState {
  return { userLicence: UL, permissionSetLicences: [PSL], orgPermissionSetLicences: [], user: undefined, userLicenceAssigns: [], userPermissionSets: [], ...extra };
}

describe('planLicenceCheck', () => {
  it('Given a new user and free seats, Then it takes one seat of each and passes', () => {
    const r = planLicenceCheck(SPEC, 'Salesforce Integration', state(), CTX);
    expect(r).toEqual({
      passed: true,
      seats: [
        { licence: 'Salesforce Integration', kind: 'user licence', total: 5, used: 2, needed: 1 },
        { licence: 'SalesforceAPIIntegrationPsl', kind: 'permission set licence', total: 5, used: 2, needed: 1 },
      ],
    });
  });

  it('Given the user already on the licence, active, with the PSL (15-char id), Then it needs no seat', () => {
    const user = { Id: '005000000000001AAA', IsActive: true, Profile: { Name: 'Minimum Access - API Only Integrations', UserLicense: { Name: 'Salesforce Integration' } } };
    const r = planLicenceCheck(SPEC, 'Salesforce Integration', state({ user, userLicenceAssigns: ['0PL000000000001'] }), CTX);
    expect(r.seats.map((s) => s.needed)).toEqual([0, 0]);
    expect(r.passed).toBe(true);
  });

  it.each([
    [{ userLicence: { ...UL, UsedLicenses: 5 } }, 'user licence Salesforce Integration has 5 of 5 seats used (this run needs 1 more)'],
    [{ permissionSetLicences: [{ ...PSL, UsedLicenses: 5 }] }, 'permission set licence SalesforceAPIIntegrationPsl has 5 of 5 seats used'],
  ])('Given no free seat (%j), Then LICENSE_LIMIT_EXCEEDED with the counts', (extra, text) => {
    const r = planLicenceCheck(SPEC, 'Salesforce Integration', state(extra as Partial<LicenceState>), CTX);
    expect(r.passed).toBe(false);
    expect(r.error?.code).toBe('LICENSE_LIMIT_EXCEEDED');
    expect(r.error?.message).toContain(text);
    expect(r.error?.actions.at(-1)).toBe(`Then rerun: ${CTX.rerun}`);
  });

  it('Given an inactive user on the licence, Then reactivating takes a seat', () => {
    const user = { Id: '005000000000001AAA', IsActive: false, Profile: { Name: 'X', UserLicense: { Name: 'Salesforce Integration' } } };
    expect(planLicenceCheck(SPEC, 'Salesforce Integration', state({ user }), CTX).seats[0]?.needed).toBe(1);
  });

  it('Given no Integration licence or a missing PSL, Then a clear error naming what the org has', () => {
    expect(planLicenceCheck(SPEC, 'Salesforce Integration', state({ userLicence: undefined }), CTX).error?.code).toBe('USER_LICENSE_NOT_FOUND');
    const r = planLicenceCheck(SPEC, 'Salesforce Integration', state({ permissionSetLicences: [], orgPermissionSetLicences: ['SalesforceCPQ'] }), CTX);
    expect(r.error).toMatchObject({ code: 'PERMISSION_SET_LICENSE_NOT_FOUND', message: expect.stringContaining('It has: SalesforceCPQ') });
  });

  it('Given a user on the Salesforce licence holding a Salesforce-licence set, Then the move is refused with the manual steps; a licence-less set does not block', () => {
    const user = { Id: '005000000000001AAA', IsActive: true, ProfileId: '00e000000000001AAA', Profile: { Name: 'API Only', UserLicense: { Name: 'Salesforce' } } };
    const blocked = planLicenceCheck(SPEC, 'Salesforce Integration', state({ user, userPermissionSets: [{ name: 'Sales_Reports', licenseId: '100000000000009AAA' }, { name: 'Free', licenseId: undefined }] }), CTX);
    expect(blocked).toMatchObject({ passed: false, move: { fromProfile: 'API Only', fromLicence: 'Salesforce' }, error: { code: 'USER_CANNOT_MOVE' } });
    expect(blocked.error?.message).toContain('Sales_Reports');
    expect(blocked.error?.message).not.toContain('Free');
    const ok = planLicenceCheck(SPEC, 'Salesforce Integration', state({ user, userPermissionSets: [{ name: 'Free', licenseId: undefined }] }), CTX);
    expect(ok).toMatchObject({ passed: true, move: { fromProfile: 'API Only' } });
    expect(ok.seats[0]?.needed).toBe(1);
  });
});

describe('planUser with permission set licences', () => {
  it('Given a PSL assigned and one missing, Then already-assigned, assign, and the missing one reported', () => {
    const plan = planUser({
      spec: { ...SPEC, permissionSetLicenses: ['SalesforceAPIIntegrationPsl', 'Other'] },
      existing: undefined,
      profileId: '00e000000000001AAA',
      permissionSetIds: new Map([['API_Only_Integration', '0PS000000000001AAA']]),
      assignedPermissionSetIds: [],
      permissionSetLicenseIds: new Map([['SalesforceAPIIntegrationPsl', '0PL000000000001AAA']]),
      assignedPermissionSetLicenseIds: [],
      resetPassword: 'never',
    });
    expect(plan.permissionSetLicenses).toEqual([
      { name: 'SalesforceAPIIntegrationPsl', id: '0PL000000000001AAA', action: 'assign' },
      { name: 'Other', id: undefined, action: 'assign' },
    ]);
    expect(plan.missingPermissionSetLicenses).toEqual(['Other']);
  });
});
