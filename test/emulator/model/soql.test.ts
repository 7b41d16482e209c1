import { err, newOrg, one, profileId, validUser } from './helpers';

describe('SOQL subset', () => {
  const org = newOrg({ name: 'Acme' });
  const adminProfile = profileId(org, 'System Administrator');
  org.create('User', validUser(adminProfile, { Username: "o'brien@example.com", LastName: "O'Brien" }));
  org.create('User', validUser(profileId(org, 'Standard User'), { Username: 'slash@example.com', LastName: 'Slash', Title: 'R\\D', IsActive: false }));

  it('answers the Organization query @salesforce/core sends', () => {
    const r = org.query('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization');
    const rec = one(r.records);
    expect(rec).toEqual({
      attributes: { type: 'Organization', url: `/services/data/v66.0/sobjects/Organization/${org.identity.orgId}` },
      Name: 'Acme', InstanceName: expect.any(String), IsSandbox: false, TrialExpirationDate: null, NamespacePrefix: null, OrganizationType: 'Enterprise Edition',
    });
  });

  it('parent relationships become nested records with attributes', () => {
    const rec = one(org.query(`SELECT Id, Profile.Name FROM User WHERE Id = '${org.identity.userId}'`).records);
    expect(rec['Profile']).toEqual({ attributes: { type: 'Profile', url: `/services/data/v66.0/sobjects/Profile/${adminProfile}` }, Name: 'System Administrator' });
  });

  it('WHERE with =, !=, IN, NOT IN, AND, OR, parentheses, booleans, null, LIKE', () => {
    const names = (q: string): unknown[] => org.query(q).records.map((r) => r['LastName']).sort();
    expect(names("SELECT LastName FROM User WHERE IsActive = true")).toEqual(['Admin', "O'Brien"]);
    expect(names("SELECT LastName FROM User WHERE IsActive != true")).toEqual(['Slash']);
    expect(names("SELECT LastName FROM User WHERE Profile.Name IN ('Standard User', 'Nobody')")).toEqual(['Slash']);
    expect(names("SELECT LastName FROM User WHERE Profile.Name NOT IN ('Standard User')")).toEqual(['Admin', "O'Brien"]);
    expect(names("SELECT LastName FROM User WHERE (LastName = 'Admin' OR LastName = 'Slash') AND IsActive = true")).toEqual(['Admin']);
    expect(names("SELECT LastName FROM User WHERE Title = null")).toEqual(['Admin', "O'Brien"]);
    expect(names("SELECT LastName FROM User WHERE Username LIKE 'o%'")).toEqual(["O'Brien"]);
    expect(names("select lastname from user where lastname = 'ADMIN'")).toEqual(['Admin']); // keywords, names and string = are case-insensitive
  });

  it('string escapes \\\' and \\\\', () => {
    expect(org.query("SELECT Id FROM User WHERE Username = 'o\\'brien@example.com'").totalSize).toBe(1);
    expect(org.query("SELECT Id FROM User WHERE Title = 'R\\\\D'").totalSize).toBe(1);
  });

  it('date and dateTime literals (unquoted) compare with datetime fields; a quoted string for them is refused', () => {
    expect(org.query('SELECT Id FROM User WHERE CreatedDate > 2000-01-01T00:00:00Z').totalSize).toBe(3);
    expect(org.query('SELECT Id FROM User WHERE CreatedDate < 2000-01-01T00:00:00.000+00:00').totalSize).toBe(0);
    expect(err(() => org.query("SELECT Id FROM User WHERE CreatedDate > '2000-01-01'")).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('15-char ids match 18-char ids', () => {
    expect(org.query(`SELECT Id FROM User WHERE Id = '${org.identity.userId.slice(0, 15)}'`).totalSize).toBe(1);
  });

  it('LIMIT, ORDER BY and COUNT()', () => {
    expect(org.query('SELECT Id FROM User LIMIT 1').records).toHaveLength(1);
    expect(org.query('SELECT LastName FROM User ORDER BY LastName DESC').records.map((r) => r['LastName'])).toEqual(['Slash', "O'Brien", 'Admin']);
    const c = org.query('SELECT COUNT() FROM User WHERE IsActive = true');
    expect(c).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('covers the licence and assignment objects', () => {
    expect(org.query("SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce'").records[0]).toMatchObject({ TotalLicenses: 10, UsedLicenses: 2 });
    expect(org.query("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'").totalSize).toBe(1);
    expect(org.query("SELECT Id, Name FROM PermissionSet WHERE Name = 'Sales_Reports'").totalSize).toBe(1);
    expect(org.query('SELECT Id, AssigneeId, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false').totalSize).toBe(0);
    // every user holds its profile's own permission set, as in a real org
    expect(org.query(`SELECT PermissionSet.Profile.Name FROM PermissionSetAssignment WHERE AssigneeId = '${org.identity.userId}'`).records[0]).toMatchObject({ PermissionSet: { Profile: { Name: 'System Administrator' } } });
    expect(org.query('SELECT Id FROM PermissionSetLicenseAssign').totalSize).toBe(0);
  });

  it.each([
    ['SELECT Id FROM ScratchOrgInfo limit 1', 'INVALID_TYPE', "sObject type 'ScratchOrgInfo' is not supported."],
    ['SELECT Id FROM Widget__c', 'INVALID_TYPE', "sObject type 'Widget__c' is not supported."],
    ['SELECT Nope FROM User', 'INVALID_FIELD', "No such column 'Nope' on entity 'User'."],
    ['SELECT Id, Manager.Name FROM User', 'INVALID_FIELD', "Didn't understand relationship 'Manager' in field path."],
    ['SELECT Id FROM', 'MALFORMED_QUERY', 'unexpected token: <EOF>'],
    ['SELECT Id FROM User WHERE', 'MALFORMED_QUERY', 'unexpected token: <EOF>'],
    ['SELECT Id FRM User', 'MALFORMED_QUERY', 'unexpected token: FRM'],
    ["SELECT Id FROM User WHERE Id = 'xyz'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: xyz'],
    ["SELECT Id FROM User WHERE IsActive = 'true'", 'INVALID_QUERY_FILTER_OPERATOR', "value of filter criterion for field 'IsActive' must be of type boolean"],
    ['SELECT Id FROM User LIMIT -1', 'MALFORMED_QUERY', 'unexpected token: -1'],
  ])('%s → %s', (q, code, text) => {
    const e = err(() => org.query(q));
    expect(e.errorCode).toBe(code);
    expect(e.message).toContain(text);
    expect(e.message).toMatch(/\nERROR at Row:1:Column:\d+\n/);
    expect(e.httpStatus).toBe(400);
  });

  it('points at the column of the problem', () => {
    expect(err(() => org.query('SELECT Id FROM ScratchOrgInfo limit 1')).message.startsWith('\nSELECT Id FROM ScratchOrgInfo limit 1\n               ^\nERROR at Row:1:Column:16\n')).toBe(true);
  });

  it('queryColumns gives parents as joinColumns and COUNT() as an aggregate', () => {
    expect(org.queryColumns('SELECT Id, Profile.Name FROM User')).toEqual([
      { columnName: 'Id', displayName: 'Id', aggregate: false, joinColumns: [] },
      { columnName: 'Profile', displayName: 'Profile', aggregate: false, joinColumns: [{ columnName: 'Name', displayName: 'Profile.Name', aggregate: false, joinColumns: [] }] },
    ]);
    expect(org.queryColumns('SELECT COUNT() FROM User')[0]).toMatchObject({ aggregate: true });
  });

  it('business objects are queryable (no data is stored for them)', () => {
    expect(org.query('SELECT Id, Name FROM Account').totalSize).toBe(0);
    expect(err(() => org.query('SELECT Id FROM Order')).errorCode).toBe('INVALID_TYPE'); // Orders off by default
  });
});
