/**
 * Element order and list sort keys of the metadata types we format, as data.
 *
 * Orders are the `xsd:sequence` of each complexType in the Metadata API WSDL (forcedotcom/wsdl
 * `resources/metadata.wsdl`, API 66.0; see /work/shared/reference/salesforce-facts.md a.2, a.3, a.8), cross-checked
 * with jsforce's schema generated from an older WSDL (`@jsforce/jsforce-node/lib/api/metadata/schema.js`) and the
 * Profile reference page (meta_profile.htm, which lists the child fields of every Profile* subtype).
 * Every one of these sequences is alphabetical, and so is the order of retrieved files.
 *
 * Unknown elements (newer API versions add some) are never dropped: they are placed by name, in byte order, among
 * the known ones (see `rankOf` in sortElements.ts). Because the WSDL sequences are alphabetical, this is where a
 * newer WSDL would put them too.
 *
 * List entries are sorted by their `key` children in byte order (facts a.4: retrieved files sort case-sensitively,
 * uppercase before `_` before lowercase). A missing key child sorts first (a layoutAssignment without recordType
 * comes before those with one). Lists without `key` keep the file's order (loginIpRanges: retrieved files keep them in
 * numeric address order, which text sorting would break; the others have no documented key).
 */

export interface ElementSpec {
  /** Child element order (WSDL sequence of the element's complexType). */
  readonly order?: readonly string[];
  /** For list elements: the child elements whose text is the sort key, most significant first. */
  readonly key?: readonly string[];
}

export interface TypeSpec {
  /** Top-level element order under the root. */
  readonly order: readonly string[];
  /** Specs of top-level elements, by element name. */
  readonly elements: Readonly<Record<string, ElementSpec>>;
}

const enabledNamed: ElementSpec = { order: ['enabled', 'name'], key: ['name'] };
/** ProfileObjectPermissions / PermissionSetObjectPermissions; `viewAllFields` since API 63 (facts a.3). */
const objectPermissions: ElementSpec = {
  order: [
    'allowCreate',
    'allowDelete',
    'allowEdit',
    'allowRead',
    'customizeSetup',
    'deleteSetup',
    'modifyAllRecords',
    'object',
    'viewAllFields',
    'viewAllRecords',
    'viewSetup',
  ],
  key: ['object'],
};
const fieldPermissions: ElementSpec = { order: ['editable', 'field', 'readable'], key: ['field'] };

/** Specs shared by Profile and PermissionSet (same child types up to the Profile/PermissionSet prefix). */
const shared: Readonly<Record<string, ElementSpec>> = {
  // Key by analogy with the other `<thing>Accesses` lists (facts a.4 lists the verified ones).
  agentAccesses: { order: ['agentName', 'enabled'], key: ['agentName'] },
  classAccesses: { order: ['apexClass', 'enabled'], key: ['apexClass'] },
  customMetadataTypeAccesses: enabledNamed,
  customPermissions: enabledNamed,
  customSettingAccesses: enabledNamed,
  externalDataSourceAccesses: { order: ['enabled', 'externalDataSource'], key: ['externalDataSource'] },
  fieldPermissions,
  flowAccesses: { order: ['enabled', 'flow'], key: ['flow'] },
  objectPermissions,
  pageAccesses: { order: ['apexPage', 'enabled'], key: ['apexPage'] },
  servicePresenceStatusAccesses: { order: ['enabled', 'servicePresenceStatus'], key: ['servicePresenceStatus'] },
  userPermissions: enabledNamed,
};

/** Profile: facts a.2 (WSDL66). */
export const PROFILE: TypeSpec = {
  order: [
    'agentAccesses',
    'applicationVisibilities',
    'categoryGroupVisibilities',
    'classAccesses',
    'custom',
    'customMetadataTypeAccesses',
    'customPermissions',
    'customSettingAccesses',
    'description',
    'externalDataSourceAccesses',
    'fieldPermissions',
    'flowAccesses',
    'genComputingSummaryDefAccesses',
    'layoutAssignments',
    'loginFlows',
    'loginHours',
    'loginIpRanges',
    'objectPermissions',
    'pageAccesses',
    'profileActionOverrides',
    'recordTypeVisibilities',
    'servicePresenceStatusAccesses',
    'tabVisibilities',
    'userLicense',
    'userPermissions',
  ],
  elements: {
    ...shared,
    applicationVisibilities: { order: ['application', 'default', 'visible'], key: ['application'] },
    categoryGroupVisibilities: { order: ['dataCategories', 'dataCategoryGroup', 'visibility'], key: ['dataCategoryGroup'] },
    layoutAssignments: { order: ['layout', 'recordType'], key: ['layout', 'recordType'] },
    loginFlows: {
      order: ['flow', 'flowType', 'friendlyName', 'uiLoginFlowType', 'useLightningRuntime', 'vfFlowPage', 'vfFlowPageTitle'],
    },
    loginHours: {
      order: [
        'fridayEnd',
        'fridayStart',
        'mondayEnd',
        'mondayStart',
        'saturdayEnd',
        'saturdayStart',
        'sundayEnd',
        'sundayStart',
        'thursdayEnd',
        'thursdayStart',
        'tuesdayEnd',
        'tuesdayStart',
        'wednesdayEnd',
        'wednesdayStart',
      ],
    },
    loginIpRanges: { order: ['description', 'endAddress', 'startAddress'] },
    profileActionOverrides: { order: ['actionName', 'content', 'formFactor', 'pageOrSobjectType', 'recordType', 'type'] },
    recordTypeVisibilities: { order: ['default', 'personAccountDefault', 'recordType', 'visible'], key: ['recordType'] },
    tabVisibilities: { order: ['tab', 'visibility'], key: ['tab'] },
  },
};

/** PermissionSet: facts a.8 (WSDL66). */
export const PERMISSION_SET: TypeSpec = {
  order: [
    'agentAccesses',
    'applicationVisibilities',
    'classAccesses',
    'customMetadataTypeAccesses',
    'customPermissions',
    'customSettingAccesses',
    'dataspaceScopes',
    'description',
    'emailRoutingAddressAccesses',
    'externalCredentialPrincipalAccesses',
    'externalDataSourceAccesses',
    'fieldPermissions',
    'flowAccesses',
    'genComputingSummaryDefAccesses',
    'hasActivationRequired',
    'label',
    'license',
    'objectPermissions',
    'pageAccesses',
    'recordTypeVisibilities',
    'servicePresenceStatusAccesses',
    'tabSettings',
    'userPermissions',
  ],
  elements: {
    ...shared,
    applicationVisibilities: { order: ['application', 'visible'], key: ['application'] },
    externalCredentialPrincipalAccesses: {
      order: ['enabled', 'externalCredentialPrincipal'],
      key: ['externalCredentialPrincipal'],
    },
    recordTypeVisibilities: { order: ['recordType', 'visible'], key: ['recordType'] },
    tabSettings: { order: ['tab', 'visibility'], key: ['tab'] },
  },
};

/**
 * External Client App types (API 59/60+), fields as the Metadata API pages list them (oauth-eca.md §1), which is
 * alphabetical, as retrieves write them (the reference marks the order itself unverified; alphabetical is also where
 * rankOf puts any name we do not list).
 */
export const EXTERNAL_CLIENT_APPLICATION: TypeSpec = {
  order: ['contactEmail', 'contactPhone', 'description', 'distributionState', 'iconUrl', 'infoUrl', 'isProtected', 'label', 'logoUrl', 'orgScopedExternalApp'],
  elements: {},
};

export const EXTL_CLNT_APP_OAUTH_SETTINGS: TypeSpec = {
  order: ['commaSeparatedOauthScopes', 'customAttributes', 'externalClientApplication', 'isFirstPartyAppEnabled', 'label', 'oauthLink', 'singleLogoutUrl', 'trustedIpRanges'],
  elements: {},
};

export const EXTL_CLNT_APP_GLOBAL_OAUTH_SETTINGS: TypeSpec = {
  order: [
    'callbackUrl',
    'certificate',
    'consumerKey',
    'consumerSecret',
    'externalClientApplication',
    'idTokenConfig',
    'isClientCredentialsFlowEnabled',
    'isCodeCredFlowEnabled',
    'isCodeCredPostOnly',
    'isConsumerSecretOptional',
    'isDeviceFlowEnabled',
    'isIntrospectAllTokens',
    'isNamedUserJwtEnabled',
    'isPkceRequired',
    'isRefreshTokenRotationEnabled',
    'isSecretRequiredForRefreshToken',
    'isSecretRequiredForTokenExchange',
    'isTokenExchangeEnabled',
    'label',
    'shouldRotateConsumerKey',
    'shouldRotateConsumerSecret',
  ],
  elements: {},
};

export const EXTL_CLNT_APP_OAUTH_CONFIGURABLE_POLICIES: TypeSpec = {
  order: [
    'clientCredentialsFlowUser',
    'commaSeparatedPermissionSet',
    'commaSeparatedProfile',
    'externalClientApplication',
    'ipRelaxationPolicyType',
    'isClientCredentialsFlowEnabled',
    'isGuestCodeCredFlowEnabled',
    'isTokenExchangeFlowEnabled',
    'label',
    'permittedUsersPolicyType',
    'policyAction',
    'refreshTokenPolicyType',
    'refreshTokenValidityPeriod',
    'refreshTokenValidityUnit',
    'requiredSessionLevel',
    'sessionTimeoutInMinutes',
    'singleLogoutUrl',
    'startUrl',
  ],
  elements: {},
};

/**
 * PlatformEventChannelMember (API 47+; enrichedFields 51+, filterExpression 56+): the fields as the Metadata API page
 * lists them (streaming.md §4), alphabetical like every other sequence here; enrichedFields entries keyed by name.
 */
export const PLATFORM_EVENT_CHANNEL_MEMBER: TypeSpec = {
  order: ['enrichedFields', 'eventChannel', 'filterExpression', 'selectedEntity'],
  elements: { enrichedFields: { order: ['name'], key: ['name'] } },
};

/** The types whose element order we know. Any other root is formatted generically (all names in byte order). */
export const METADATA_TYPES: Readonly<Record<string, TypeSpec>> = {
  Profile: PROFILE,
  PermissionSet: PERMISSION_SET,
  ExternalClientApplication: EXTERNAL_CLIENT_APPLICATION,
  ExtlClntAppOauthSettings: EXTL_CLNT_APP_OAUTH_SETTINGS,
  ExtlClntAppGlobalOauthSettings: EXTL_CLNT_APP_GLOBAL_OAUTH_SETTINGS,
  ExtlClntAppOauthConfigurablePolicies: EXTL_CLNT_APP_OAUTH_CONFIGURABLE_POLICIES,
  PlatformEventChannelMember: PLATFORM_EVENT_CHANNEL_MEMBER,
};
