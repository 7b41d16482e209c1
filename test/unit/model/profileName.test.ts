import { encodeProfileFileName, profileFileName, profileNameProblems } from '../../../src/model/profileName';

describe('profile file names (salesforce-facts a.7)', () => {
  it.each([
    ['API Only', 'API Only'],
    ['Minimum Access - API Only Integrations', 'Minimum Access - API Only Integrations'],
    ['Custom: Marketing Profile', 'Custom%3A Marketing Profile'],
    ['Force.com - Free User', 'Force%2Ecom - Free User'],
    ['Account (Marketing) Layout', 'Account %28Marketing%29 Layout'],
    ['R&D/Ops, "x"', 'R%26D%2FOps%2C %22x%22'],
    ['snake_case', 'snake_case'],
  ])('%s -> %s', (name, encoded) => {
    expect(encodeProfileFileName(name)).toBe(encoded);
  });

  it('names the source-format file', () => {
    expect(profileFileName('API Only')).toBe('API Only.profile-meta.xml');
  });

  it('refuses non-ASCII names and surrounding spaces', () => {
    expect(profileNameProblems('Intégration')).toHaveLength(1);
    expect(profileNameProblems(' API Only')).toEqual(['profile names cannot start or end with a space']);
    expect(profileNameProblems('API Only')).toEqual([]);
  });
});
