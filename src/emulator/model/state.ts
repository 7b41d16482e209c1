/**
 * The serializable state of one emulated org. Plain JSON data only: toJSON() writes it, createWorld({state})
 * reads it back (validated by validateState.ts).
 */
export interface ObjectPermissionFlags {
  allowCreate: boolean;
  allowDelete: boolean;
  allowEdit: boolean;
  allowRead: boolean;
  modifyAllRecords: boolean;
  viewAllRecords: boolean;
  viewAllFields: boolean;
}

export interface FieldPermissionFlags {
  editable: boolean;
  readable: boolean;
}

/** An element of a Profile/PermissionSet that the emulator stores without modelling it (tabs, IP ranges, …). */
export type XmlValue = string | { readonly [key: string]: XmlValue | readonly XmlValue[] };
export type ExtraElements = Record<string, XmlValue[]>;

export interface AuditFields {
  createdDate: string;
  lastModifiedDate: string;
  createdById: string;
  lastModifiedById: string;
}

export interface ProfileState extends AuditFields {
  id: string;
  /** Metadata fullName, verbatim (e.g. 'Admin', 'API Only', 'Custom%3A X'). */
  fullName: string;
  /** Profile.Name (label): 'System Administrator' for Admin. */
  name: string;
  custom: boolean;
  description: string | null;
  userLicense: string; // UserLicense.Name
  userPermissions: Record<string, boolean>;
  objectPermissions: Record<string, ObjectPermissionFlags>;
  fieldPermissions: Record<string, FieldPermissionFlags>;
  extras: ExtraElements;
}

export interface PermissionSetState extends AuditFields {
  id: string;
  name: string; // API name (fullName)
  label: string;
  description: string | null;
  /** Licence name as deployed (a UserLicense Name or a PermissionSetLicense DeveloperName), or null. */
  license: string | null;
  hasActivationRequired: boolean;
  userPermissions: Record<string, boolean>;
  objectPermissions: Record<string, ObjectPermissionFlags>;
  fieldPermissions: Record<string, FieldPermissionFlags>;
  extras: ExtraElements;
}

export interface UserLicenseState {
  id: string;
  name: string; // 'Salesforce', 'Salesforce Integration'
  masterLabel: string;
  licenseDefinitionKey: string;
  totalLicenses: number;
}

export interface PermissionSetLicenseState {
  id: string;
  developerName: string;
  masterLabel: string;
  totalLicenses: number;
  /** UserLicense names whose users may be assigned this PSL. */
  allowedUserLicenses: string[];
}

export interface CustomFieldState {
  fullName: string; // 'Region__c' (without the object)
  label: string;
  type: string; // Text, Number, Checkbox, Lookup, MasterDetail, …
  required: boolean;
  referenceTo: string | null;
  /** The field's XML as parsed (for retrieve). */
  xml: Record<string, XmlValue | XmlValue[]>;
  id: string;
  createdDate: string;
  lastModifiedDate: string;
}

export interface CustomObjectState {
  fullName: string; // 'Invoice__c' or a standard object name when only custom fields were deployed to it
  id: string;
  /** Whole object XML minus <fields> (for retrieve). */
  xml: Record<string, XmlValue | XmlValue[]>;
  fields: CustomFieldState[];
  createdDate: string;
  lastModifiedDate: string;
}

export interface UserState {
  id: string;
  fields: Record<string, string | boolean | null>;
  /** UserLogin: frozen / password-locked; absent = neither (older state files have none). */
  login?: { isFrozen: boolean; isPasswordLocked: boolean; lastModifiedDate: string };
}

export interface AssignmentState {
  id: string;
  assigneeId: string;
  targetId: string; // PermissionSet id or PermissionSetLicense id
  createdDate: string;
}

export interface OrgEvent {
  type: 'resetPassword';
  userId: string;
  at: string;
}

/** A stored data record of a business object (Account, Invoice__c, …) or of PushTopic. */
export interface RecordState {
  id: string;
  fields: Record<string, string | number | boolean | null>;
}

/** A deployed PlatformEventChannelMember (streaming.md §4): one entity selected on a channel. */
export interface ChannelMemberState {
  id: string;
  /** Metadata fullName, e.g. 'ChangeEvents_AccountChangeEvent'. */
  fullName: string;
  eventChannel: string; // 'ChangeEvents'
  selectedEntity: string; // 'AccountChangeEvent', 'Invoice__ChangeEvent'
  enrichedFields: string[];
  filterExpression: string | null;
  createdDate: string;
  lastModifiedDate: string;
}

/**
 * One External Client App component (ExternalClientApplication, ExtlClntAppOauthSettings,
 * ExtlClntAppGlobalOauthSettings, ExtlClntAppOauthConfigurablePolicies), its elements as deployed (text values).
 */
export interface EcaComponentState extends AuditFields {
  type: string;
  fullName: string;
  id: string;
  /** The ExternalClientApplication it belongs to (its own fullName for the app itself). */
  app: string;
  fields: Record<string, string>;
}

/** The consumer the org issued for an app's global OAuth settings: key and secret (never retrieved, only shown to the admin). */
export interface EcaConsumerState {
  app: string;
  /** Connect API consumer id (888…). */
  id: string;
  key: string;
  secret: string;
  createdDate: string;
}

export interface OrgState {
  identity: { orgId: string; accessToken: string; username: string; userId: string };
  kind: 'production' | 'sandbox';
  edition: string;
  name: string;
  instanceName: string;
  podTag: string;
  /** Feature switches (Orders, Quotes, StreamingApi, Ideas, …). */
  features: Record<string, boolean>;
  seq: number;
  licenses: UserLicenseState[];
  permissionSetLicenses: PermissionSetLicenseState[];
  profiles: ProfileState[];
  permissionSets: PermissionSetState[];
  customObjects: CustomObjectState[];
  users: UserState[];
  permissionSetAssignments: AssignmentState[];
  permissionSetLicenseAssigns: AssignmentState[];
  events: OrgEvent[];
  /** Data records per sObject type (business objects, PushTopic); absent in states saved before streaming. */
  records?: Record<string, RecordState[]>;
  /** Change Data Capture selections (PlatformEventChannelMember); absent = none. */
  channelMembers?: ChannelMemberState[];
  /** How many entities may be selected for Change Data Capture (streaming.md §4: 5; the add-on lifts it). */
  cdcEntityLimit?: number;
  /** External Client Apps (absent in states saved before they were modelled). */
  ecaComponents?: EcaComponentState[];
  ecaConsumers?: EcaConsumerState[];
  /** ExternalClientAppSettings: enableClientSecretInRestApiAccess (Connect REST may return secrets). Default off. */
  ecaSettings?: { enableClientSecretInRestApiAccess: boolean };
  /** Apps that have issued a token (Connect `/apps/oauth/usage` lists only apps with OAuth usage). */
  ecaUsage?: string[];
}

export interface WorldState {
  format: 'apionly-emulated-world';
  version: 1;
  orgs: OrgState[];
}
