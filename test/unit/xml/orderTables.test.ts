import { compareCodePoints, METADATA_TYPES, PERMISSION_SET, PROFILE } from '../../../src/xml';

const isByteSorted = (names: readonly string[]): boolean => names.every((n, i) => i === 0 || compareCodePoints(names[i - 1] as string, n) < 0);

describe('order tables', () => {
  it('given the Profile table then it is the WSDL66 sequence of facts a.2', () => {
    expect(PROFILE.order).toEqual([
      'agentAccesses', 'applicationVisibilities', 'categoryGroupVisibilities', 'classAccesses', 'custom',
      'customMetadataTypeAccesses', 'customPermissions', 'customSettingAccesses', 'description',
      'externalDataSourceAccesses', 'fieldPermissions', 'flowAccesses', 'genComputingSummaryDefAccesses',
      'layoutAssignments', 'loginFlows', 'loginHours', 'loginIpRanges', 'objectPermissions', 'pageAccesses',
      'profileActionOverrides', 'recordTypeVisibilities', 'servicePresenceStatusAccesses', 'tabVisibilities',
      'userLicense', 'userPermissions',
    ]);
  });

  it('given the PermissionSet table then it is the WSDL66 sequence of facts a.8', () => {
    expect(PERMISSION_SET.order).toEqual([
      'agentAccesses', 'applicationVisibilities', 'classAccesses', 'customMetadataTypeAccesses', 'customPermissions',
      'customSettingAccesses', 'dataspaceScopes', 'description', 'emailRoutingAddressAccesses',
      'externalCredentialPrincipalAccesses', 'externalDataSourceAccesses', 'fieldPermissions', 'flowAccesses',
      'genComputingSummaryDefAccesses', 'hasActivationRequired', 'label', 'license', 'objectPermissions',
      'pageAccesses', 'recordTypeVisibilities', 'servicePresenceStatusAccesses', 'tabSettings', 'userPermissions',
    ]);
  });

  it('given objectPermissions then its children follow facts a.3 with viewAllFields between object and viewAllRecords', () => {
    expect(PROFILE.elements['objectPermissions']?.order).toEqual([
      'allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'customizeSetup', 'deleteSetup', 'modifyAllRecords',
      'object', 'viewAllFields', 'viewAllRecords', 'viewSetup',
    ]);
  });

  it.each(Object.entries(METADATA_TYPES))('given %s then every sequence is in byte order (so unknown names have a well-defined place)', (_type, spec) => {
    expect(isByteSorted(spec.order)).toBe(true);
    for (const [name, element] of Object.entries(spec.elements)) {
      expect({ name, sorted: isByteSorted(element.order ?? []) }).toEqual({ name, sorted: true });
      expect(spec.order).toContain(name);
      for (const k of element.key ?? []) expect(element.order).toContain(k);
    }
  });

  it.each([
    ['fieldPermissions', ['field']],
    ['objectPermissions', ['object']],
    ['userPermissions', ['name']],
    ['layoutAssignments', ['layout', 'recordType']],
    ['tabVisibilities', ['tab']],
    ['applicationVisibilities', ['application']],
    ['classAccesses', ['apexClass']],
    ['pageAccesses', ['apexPage']],
    ['recordTypeVisibilities', ['recordType']],
    ['loginIpRanges', undefined],
  ])('given Profile list %s then its sort key is %j (facts a.4)', (list, key) => {
    expect(PROFILE.elements[list]?.key).toEqual(key);
  });

  it('given PermissionSet tabSettings then it is keyed by tab', () => {
    expect(PERMISSION_SET.elements['tabSettings']).toEqual({ order: ['tab', 'visibility'], key: ['tab'] });
  });
});
