/**
 * External Client App rules as data: member names of its four files, their folders and suffixes (oauth-eca.md §1).
 * One policies record per OAuth settings: apionly always names it `<app>_oauthPlcy` and ships it in the first
 * deploy, so the org never generates one under another name (a second name fails with DUPLICATE_VALUE).
 */

/** The API version the client-credentials fields need. */
export const ECA_MIN_API_VERSION = 60;

export interface EcaFileNames {
  readonly app: string;
  readonly oauthSettings: string;
  readonly globalOauth: string;
  readonly policies: string;
}

export function ecaFileNames(appName: string): EcaFileNames {
  return { app: appName, oauthSettings: `${appName}_oauth`, globalOauth: `${appName}_glbl`, policies: `${appName}_oauthPlcy` };
}

/** Metadata type → folder and file suffix (SDR registry). */
export const ECA_TYPES = {
  ExternalClientApplication: { folder: 'externalClientApps', suffix: 'eca' },
  ExtlClntAppOauthSettings: { folder: 'extlClntAppOauthSettings', suffix: 'ecaOauth' },
  ExtlClntAppGlobalOauthSettings: { folder: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth' },
  ExtlClntAppOauthConfigurablePolicies: { folder: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy' },
} as const;

export type EcaType = keyof typeof ECA_TYPES;
