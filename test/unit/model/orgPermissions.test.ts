import { dedupePermissionRows, isPlaceholderId, objectFlagsOfRow, readsBackFalse, userPermissionNamesOf } from '../../../src/model';

describe('org permission rules', () => {
  it('Given a real row and a 000 placeholder for one object, When deduped, Then the real row is kept and one placeholder counted', () => {
    const rows = [
      { Id: '000000002PwNZ001AID', SobjectType: 'Account', PermissionsRead: true },
      { Id: '110000000000001AAA', SobjectType: 'Account', PermissionsRead: true },
      { Id: '110000000000002AAA', SobjectType: 'Lead', PermissionsRead: true },
    ];
    const { rows: kept, placeholders } = dedupePermissionRows(rows, (r) => r.SobjectType);
    expect(kept.map((r) => r.Id)).toEqual(['110000000000001AAA', '110000000000002AAA']);
    expect(placeholders).toBe(1);
    expect(isPlaceholderId('000000002PwNZ001AID')).toBe(true);
    expect(isPlaceholderId('110000000000001AAA')).toBe(false);
  });

  it('Given a row without ViewAllFields (API < 63), When read, Then missing flags are false', () => {
    expect(objectFlagsOfRow({ PermissionsRead: true })).toEqual({ allowRead: true, allowCreate: false, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false, viewAllFields: false });
  });

  it.each([['Product2', 'viewAllRecords', true], ['Product2', 'allowRead', false], ['Account', 'modifyAllRecords', false], ['PendingOrdSumProcEvent', 'modifyAllRecords', true]] as const)(
    'Given %s.%s, When asked whether it reads back false, Then %s', (object, flag, expected) => {
      expect(readsBackFalse(object, flag)).toBe(expected);
    });

  it('Given describe field names, When filtered, Then only Permissions<Name> fields, without the prefix', () => {
    expect(userPermissionNamesOf(['Id', 'Name', 'PermissionsApiEnabled', 'PermissionsModifyAllData', 'Permissionsx'])).toEqual(['ApiEnabled', 'ModifyAllData']);
  });
});
