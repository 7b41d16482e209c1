/**
 * The typed apionly.config.json, after validation and defaults (see schema/apionly.config.schema.json,
 * which is the source of the descriptions and defaults).
 */

export const OBJECT_ACCESS_LEVELS = ['modifyAll', 'viewAll', 'edit', 'read', 'none'] as const;
export type ObjectAccessLevel = (typeof OBJECT_ACCESS_LEVELS)[number];

export const FIELD_ACCESS_LEVELS = ['edit', 'read', 'none'] as const;
export type FieldAccessLevel = (typeof FIELD_ACCESS_LEVELS)[number];

/** An explicit set of object permission flags; missing flags are false, implied ones are added. */
export interface ObjectAccessFlags {
  readonly read?: boolean;
  readonly create?: boolean;
  readonly edit?: boolean;
  readonly delete?: boolean;
  readonly viewAll?: boolean;
  readonly modifyAll?: boolean;
}

export type ObjectAccess = ObjectAccessLevel | ObjectAccessFlags;

export interface ObjectsConfig {
  /** Feature objects (Order, Quote, ...) and others beyond the catalogue's always-on and default-on sets. */
  readonly include: readonly string[];
  /** Objects to leave out (default-on objects, custom objects). */
  readonly exclude: readonly string[];
  /** Whether custom objects found in the project's package directories get object permissions. */
  readonly customObjects: boolean;
  /** Per-object access, overriding profile.objectAccess. */
  readonly overrides: Readonly<Record<string, ObjectAccess>>;
}

export interface ProfileConfig {
  readonly name: string;
  readonly description?: string;
  readonly userLicense: string;
  readonly objectAccess: ObjectAccessLevel;
  readonly objects: ObjectsConfig;
  readonly fieldAccess: FieldAccessLevel;
  /** Per-field access, keyed `Object.Field__c`. */
  readonly fieldOverrides: Readonly<Record<string, FieldAccessLevel>>;
  /** As written in the config; ApiEnabled and ApiUserOnly default to true (see model/userPermissions). */
  readonly userPermissions: Readonly<Record<string, boolean>>;
  /** Copy the catalogue's reference profile's enabled user permissions (needs a catalogue); off by default. */
  readonly cloneReferenceUserPermissions: boolean;
}

/** User fields are UpperCamel (User sObject field names); options are lowerCamel. */
export interface UserConfig {
  readonly fields: Readonly<Record<string, string | boolean>>;
  readonly permissionSets: readonly string[];
}

export interface OrgConfig {
  readonly user: {
    readonly fields: Readonly<Record<string, string | boolean>>;
    readonly permissionSets?: readonly string[];
  };
  /** Where this org's user definition goes; default derived from output.userDefinition. */
  readonly userDefinition?: string;
}

export interface OutputConfig {
  /** Folder of the Profile file, relative to the project; default: <default package directory>/main/default/profiles. */
  readonly profileDirectory?: string;
  /** The base user definition file, relative to the project. */
  readonly userDefinition: string;
}

export interface TemplatesConfig {
  readonly profile: string;
  readonly userDefinition: string;
}

/** The org catalogue that `apionly discover` writes and `generate` reads. */
export interface CatalogueConfig {
  /** Project-relative path of the committed catalogue file. */
  readonly path: string;
  /** Profile.Name whose enabled user permissions discover records. */
  readonly referenceProfile: string;
}

/**
 * Which licence the integration user takes: 'profile' (full Salesforce licence, the custom profile) or
 * 'integration' (Salesforce Integration licence, Minimum Access - API Only Integrations, a generated permission set).
 */
export const ROUTES = ['profile', 'integration'] as const;
export type Route = (typeof ROUTES)[number];

/** The permission set generated on the integration route. */
export interface PermissionSetConfig {
  /** API name (fullName), also the file name. */
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  /** The `<license>`: a permission set licence (default SalesforceAPIIntegrationPsl); never 'Salesforce'. */
  readonly license: string;
}

export interface ApionlyConfig {
  readonly catalogue: CatalogueConfig;
  readonly profile: ProfileConfig;
  readonly user: UserConfig;
  readonly orgs: Readonly<Record<string, OrgConfig>>;
  readonly output: OutputConfig;
  readonly templates: TemplatesConfig;
  readonly route: Route;
  readonly permissionSet: PermissionSetConfig;
  /** The External Client App whose client-credentials flow runs as the user (absent: none generated). */
  readonly externalClientApp?: ExternalClientAppConfig;
  /** What the vendor streams through the Streaming API (Change Data Capture objects, PushTopics). */
  readonly streaming: StreamingConfig;
}

/** The Streaming API the vendor uses: objects selected for Change Data Capture, and whether it uses PushTopics. */
export interface StreamingConfig {
  /** Objects whose change events the vendor receives (one PlatformEventChannelMember each), e.g. ["Account", "Invoice__c"]. */
  readonly changeDataCapture: readonly string[];
  /** Whether the vendor subscribes to PushTopics (/topic/<Name>): the user then needs Read on PushTopic and StreamingChannel. */
  readonly pushTopics: boolean;
  /** The org's Change Data Capture allocation (entities across all channels): 5 unless the org has the add-on. */
  readonly entityLimit: number;
}

/** JWT bearer for the External Client App: the certificate and who is pre-authorised. */
export interface ExternalClientAppJwtConfig {
  /** Path of the PEM certificate (public part only), relative to the project. */
  readonly certificate: string;
  /** Pre-authorise the config's profile, or the user's permission sets. */
  readonly preAuthorize: 'profile' | 'permissionSets';
}

export interface ExternalClientAppConfig {
  /** Developer name (file names, externalClientApplication references). */
  readonly name: string;
  readonly label: string;
  readonly contactEmail: string;
  readonly description?: string;
  /** OAuth scopes as the metadata spells them (Api, RefreshToken, …); default ["Api"]. */
  readonly scopes: readonly string[];
  readonly callbackUrl: string;
  readonly jwt?: ExternalClientAppJwtConfig;
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly path: string;
  /** Absolute path of the project (the config file's folder). */
  readonly projectDir: string;
  readonly config: ApionlyConfig;
}
