import { userForOrg } from '../../../src/model/userForOrg';
import { config } from '../../helpers/project';

describe('userForOrg', () => {
  const c = config({
    user: { Username: 'int@acme.com', FirstName: 'Acme', LastName: 'Integration', Email: 'a@acme.com', Department: 'IT', IsActive: true, permissionSets: ['Base'] },
    orgs: {
      prod: { user: { Username: 'int@acme.com.prod', permissionSets: ['Base', 'Prod'] } },
      uat: { user: { Username: 'int@acme.com.uat', TimeZoneSidKey: 'Europe/Paris', Alias: 'uat' } },
    },
  });

  it('gives the base user with defaults, in a stable field order', () => {
    const user = userForOrg(c, undefined);
    expect(user).toEqual({
      fields: {
        Username: 'int@acme.com',
        FirstName: 'Acme',
        LastName: 'Integration',
        Email: 'a@acme.com',
        Alias: 'ainte',
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        Department: 'IT',
        IsActive: true,
      },
      profileName: 'API Only',
      permissionSets: ['Base'],
    });
    expect(Object.keys(user.fields)).toEqual(['Username', 'FirstName', 'LastName', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'LanguageLocaleKey', 'EmailEncodingKey', 'Department', 'IsActive']);
  });

  it("applies an org's overrides", () => {
    expect(userForOrg(c, 'prod')).toMatchObject({ fields: { Username: 'int@acme.com.prod', TimeZoneSidKey: 'America/Los_Angeles' }, permissionSets: ['Base', 'Prod'] });
    expect(userForOrg(c, 'uat')).toMatchObject({ fields: { Username: 'int@acme.com.uat', TimeZoneSidKey: 'Europe/Paris', Alias: 'uat' }, permissionSets: ['Base'] });
  });

  it('gives the base user for an alias without overrides', () => {
    expect(userForOrg(c, 'elsewhere')).toEqual(userForOrg(c, undefined));
  });

  it('returns fresh arrays the caller may change', () => {
    const a = userForOrg(c, undefined);
    a.permissionSets.push('X');
    expect(userForOrg(c, undefined).permissionSets).toEqual(['Base']);
  });
});
