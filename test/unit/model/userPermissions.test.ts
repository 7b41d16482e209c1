import { byteOrder, resolveUserPermissions, userPermissionProblems } from '../../../src/model/userPermissions';

describe('user permissions', () => {
  it('turns ApiEnabled and ApiUserOnly on by default', () => {
    expect(resolveUserPermissions({})).toEqual([
      { name: 'ApiEnabled', enabled: true },
      { name: 'ApiUserOnly', enabled: true },
    ]);
  });

  it('keeps explicit false entries (a profile deploy overlays, so false is how to revoke)', () => {
    expect(resolveUserPermissions({ ApiUserOnly: false, ManageUsers: false })).toEqual([
      { name: 'ApiEnabled', enabled: true },
      { name: 'ApiUserOnly', enabled: false },
      { name: 'ManageUsers', enabled: false },
    ]);
  });

  it('adds dependencies and sorts in byte order (uppercase before lowercase)', () => {
    expect(resolveUserPermissions({ ModifyAllData: true, AIViewInsightObjects: true, ActivateContract: true }).map((p) => p.name)).toEqual([
      'AIViewInsightObjects',
      'ActivateContract',
      'ApiEnabled',
      'ApiUserOnly',
      'ModifyAllData',
      'ViewAllData',
    ]);
  });

  it('reports contradictions', () => {
    expect(userPermissionProblems({ ApiEnabled: false })).toEqual([expect.objectContaining({ name: 'ApiEnabled', message: 'ApiUserOnly depends on ApiEnabled, which is set to false' })]);
    expect(userPermissionProblems({ ApiEnabled: false, ApiUserOnly: false })).toEqual([]);
    expect(userPermissionProblems({ ModifyAllData: true, ViewAllData: false })).toHaveLength(1);
  });

  it('byteOrder is not locale order', () => {
    expect(['standard__Marketing', 'standard__MSJApp', 'Account.SLA__c', 'Account.Site'].sort(byteOrder)).toEqual(['Account.SLA__c', 'Account.Site', 'standard__MSJApp', 'standard__Marketing']);
  });
});
