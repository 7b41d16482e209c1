/**
 * External Client App metadata types as the emulated org knows them (oauth-eca.md §1): folder, suffix, the API
 * version each arrived in, the elements of each (fields as the Metadata API pages list them) and which arrived in
 * API 60 (client credentials). Key prefixes of their records are emulator-invented (Salesforce's are not known).
 */
export interface EcaTypeSpec {
  readonly dir: string;
  readonly suffix: string;
  readonly sinceApi: number;
  readonly keyPrefix: string;
  readonly elements: readonly string[];
  /** Elements that need API 60.0 or later. */
  readonly api60: readonly string[];
}

export const ECA_TYPE_SPECS: Readonly<Record<string, EcaTypeSpec>> = {
  ExternalClientApplication: {
    dir: 'externalClientApps', suffix: 'eca', sinceApi: 59, keyPrefix: '0xI',
    elements: ['contactEmail', 'contactPhone', 'description', 'distributionState', 'iconUrl', 'infoUrl', 'isProtected', 'label', 'logoUrl', 'orgScopedExternalApp'],
    api60: [],
  },
  ExtlClntAppOauthSettings: {
    dir: 'extlClntAppOauthSettings', suffix: 'ecaOauth', sinceApi: 59, keyPrefix: '0xJ',
    elements: ['commaSeparatedOauthScopes', 'customAttributes', 'externalClientApplication', 'isFirstPartyAppEnabled', 'label', 'oauthLink', 'singleLogoutUrl', 'trustedIpRanges'],
    api60: [],
  },
  ExtlClntAppGlobalOauthSettings: {
    dir: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth', sinceApi: 59, keyPrefix: '0xK',
    elements: [
      'callbackUrl', 'certificate', 'consumerKey', 'consumerSecret', 'externalClientApplication', 'idTokenConfig', 'isClientCredentialsFlowEnabled',
      'isCodeCredFlowEnabled', 'isCodeCredPostOnly', 'isConsumerSecretOptional', 'isDeviceFlowEnabled', 'isIntrospectAllTokens', 'isNamedUserJwtEnabled',
      'isPkceRequired', 'isRefreshTokenRotationEnabled', 'isSecretRequiredForRefreshToken', 'isSecretRequiredForTokenExchange', 'isTokenExchangeEnabled',
      'label', 'shouldRotateConsumerKey', 'shouldRotateConsumerSecret',
    ],
    api60: ['isClientCredentialsFlowEnabled', 'certificate'],
  },
  ExtlClntAppOauthConfigurablePolicies: {
    dir: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy', sinceApi: 59, keyPrefix: '0xL',
    elements: [
      'clientCredentialsFlowUser', 'commaSeparatedPermissionSet', 'commaSeparatedProfile', 'externalClientApplication', 'ipRelaxationPolicyType',
      'isClientCredentialsFlowEnabled', 'isGuestCodeCredFlowEnabled', 'isTokenExchangeFlowEnabled', 'label', 'permittedUsersPolicyType', 'policyAction',
      'refreshTokenPolicyType', 'refreshTokenValidityPeriod', 'refreshTokenValidityUnit', 'requiredSessionLevel', 'sessionTimeoutInMinutes',
      'singleLogoutUrl', 'startUrl',
    ],
    api60: ['clientCredentialsFlowUser', 'isClientCredentialsFlowEnabled'],
  },
};

/** Deploy order: the app, then the settings that name it, then the policies (which need the OAuth settings). */
export const ECA_DEPLOY_ORDER = ['ExternalClientApplication', 'ExtlClntAppOauthSettings', 'ExtlClntAppGlobalOauthSettings', 'ExtlClntAppOauthConfigurablePolicies'] as const;

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  distributionState: ['Local', 'Packaged'],
  ipRelaxationPolicyType: ['Enforce', 'Bypass', 'Bypass_2factor', 'Enforce_RelaxRefresh'],
  permittedUsersPolicyType: ['AdminApprovedPreAuthorized', 'AllSelfAuthorized'],
  policyAction: ['Block', 'RaiseSessionLevel'],
  refreshTokenPolicyType: ['Infinite', 'SpecificInactivity', 'SpecificLifetime', 'Zero'],
  refreshTokenValidityUnit: ['Days', 'Hours', 'Months'],
  requiredSessionLevel: ['HIGH_ASSURANCE', 'LOW', 'STANDARD'],
};

export const BOOLEAN_ELEMENTS = new Set([
  'isProtected', 'isFirstPartyAppEnabled', 'isClientCredentialsFlowEnabled', 'isCodeCredFlowEnabled', 'isCodeCredPostOnly', 'isConsumerSecretOptional',
  'isDeviceFlowEnabled', 'isIntrospectAllTokens', 'isNamedUserJwtEnabled', 'isPkceRequired', 'isRefreshTokenRotationEnabled',
  'isSecretRequiredForRefreshToken', 'isSecretRequiredForTokenExchange', 'isTokenExchangeEnabled', 'shouldRotateConsumerKey',
  'shouldRotateConsumerSecret', 'isGuestCodeCredFlowEnabled', 'isTokenExchangeFlowEnabled',
]);

/** The default policies name Salesforce generates when a deploy ships OAuth settings without policies. */
export function defaultPolicyName(oauthSettingsName: string): string {
  return `${oauthSettingsName}_defaultPolicy`;
}
