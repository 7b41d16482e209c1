import type { SalesforceError } from '../../../src/emulator/model';
import { newOrg } from './helpers';

type Field = { name: string; type: string; picklistValues: { value: string; active: boolean }[]; referenceTo: string[]; relationshipName: string | null; nillable: boolean; createable: boolean; updateable: boolean; length: number };

describe('describe and describeGlobal', () => {
  const org = newOrg();

  it('Profile lists the valid Permissions* fields as booleans', () => {
    const d = org.describe('Profile');
    const fields = d['fields'] as Field[];
    const perms = fields.filter((f) => f.name.startsWith('Permissions'));
    expect(perms.length).toBeGreaterThan(200);
    expect(perms.every((f) => f.type === 'boolean')).toBe(true);
    expect(perms.map((f) => f.name)).toEqual(expect.arrayContaining(['PermissionsApiEnabled', 'PermissionsApiUserOnly', 'PermissionsModifyAllData', 'PermissionsViewAllUsers']));
    expect(perms.map((f) => f.name)).not.toContain('PermissionsManageHpi');
    expect(d).toMatchObject({ name: 'Profile', keyPrefix: '00e', urls: { describe: '/services/data/v66.0/sobjects/Profile/describe' } });
  });

  it('User has restricted picklists for the locale keys and a Profile relationship', () => {
    const fields = org.describe('user')['fields'] as Field[];
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get('TimeZoneSidKey')?.picklistValues.map((p) => p.value)).toEqual(expect.arrayContaining(['America/Los_Angeles', 'Europe/London', 'GMT', 'Asia/Tokyo']));
    expect(byName.get('LocaleSidKey')?.picklistValues.map((p) => p.value)).toEqual(expect.arrayContaining(['en_US', 'de_DE', 'ja_JP']));
    expect(byName.get('LanguageLocaleKey')?.picklistValues.map((p) => p.value)).toEqual(expect.arrayContaining(['en_US', 'de', 'ja']));
    expect(byName.get('EmailEncodingKey')?.picklistValues.map((p) => p.value)).toEqual(expect.arrayContaining(['UTF-8', 'ISO-8859-1', 'Shift_JIS']));
    expect(byName.get('ProfileId')).toMatchObject({ type: 'reference', referenceTo: ['Profile'], relationshipName: 'Profile', nillable: false, createable: true });
    expect(byName.get('Alias')).toMatchObject({ length: 8 });
    expect(byName.get('Username')).toMatchObject({ length: 80, nillable: false });
    expect(org.describe('User')['deletable']).toBe(false);
  });

  it('unknown types are NOT_FOUND with HTTP 404', () => {
    let e: SalesforceError | undefined;
    try {
      org.describe('Widget');
    } catch (x) {
      e = x as SalesforceError;
    }
    expect(e).toMatchObject({ errorCode: 'NOT_FOUND', httpStatus: 404, message: 'The requested resource does not exist' });
  });

  it('business objects describe their fields, with required ones not nillable', () => {
    const fields = org.describe('Account')['fields'] as Field[];
    expect(fields.find((f) => f.name === 'Name')).toMatchObject({ nillable: false });
    expect(fields.find((f) => f.name === 'Industry')).toMatchObject({ nillable: true, createable: true });
    expect(fields.map((f) => f.name)).toContain('AccountSource'); // a standard field known from real profiles
  });

  it('describeGlobal carries the sobjects array: system objects and the objects of enabled features only', () => {
    const g = org.describeGlobal();
    const names = (g['sobjects'] as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Organization', 'PermissionSet', 'PermissionSetAssignment', 'PermissionSetLicense', 'PermissionSetLicenseAssign', 'Profile', 'User', 'UserLicense', 'Account', 'StreamingChannel']));
    expect(names).not.toContain('Order');
    expect(names).not.toContain('ScratchOrgInfo');
    expect(g).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
  });
});
