/**
 * The built-in catalogue of standard objects (reference/standard-objects.md §2, from 9 retrieved System
 * Administrator profiles and 22k objectPermissions rows). Pure data plus lookups; no IO.
 */

/** In every Enterprise, Unlimited and Developer Edition org, no feature switch needed (§2.1). Always emitted. */
export const ALWAYS_ON_OBJECTS: readonly string[] = [
  'Account', 'Asset', 'Campaign', 'Case', 'Contact', 'Contract', 'DuplicateRecordSet', 'Lead', 'Macro',
  'Opportunity', 'Pricebook2', 'Product2', 'Solution',
];

/** On by default, but an org setting can turn them off (§2.2). Emitted unless excluded. */
export const DEFAULT_ON_OBJECTS: readonly string[] = ['Idea', 'QuickText', 'StreamingChannel'];

/**
 * Objects of features an org must switch on (§2.3), plus Document and PushTopic (permissionable, but no
 * profile retrieve lists them, §2.4). Emitted only when `profile.objects.include` lists them: a profile naming
 * an object the org lacks fails to deploy ("no CustomObject named Quote found").
 */
export const FEATURE_OBJECTS: Readonly<Record<string, string>> = {
  AccountBrand: 'newer orgs only',
  ActiveScratchOrg: 'Dev Hub',
  Address: 'Field Service',
  AlternativePaymentMethod: 'Payments',
  AppointmentTopicTimeSlot: 'Scheduler',
  AuthorizationForm: 'consent model',
  AuthorizationFormConsent: 'consent model',
  AuthorizationFormDataUse: 'consent model',
  AuthorizationFormText: 'consent model',
  BusinessBrand: 'newer orgs only',
  CardPaymentMethod: 'Payments',
  CollaborationGroup: 'Chatter',
  CommSubscription: 'consent model',
  CommSubscriptionChannelType: 'consent model',
  CommSubscriptionConsent: 'consent model',
  CommSubscriptionTiming: 'consent model',
  ContactPointAddress: 'consent model',
  ContactPointConsent: 'consent model',
  ContactPointEmail: 'consent model',
  ContactPointPhone: 'consent model',
  ContactPointTypeConsent: 'consent model',
  ContactRequest: 'consent model',
  ContractLineItem: 'Entitlement Management',
  CreditMemo: 'Billing',
  Customer: 'newer orgs only',
  DandBCompany: 'Data.com (retired)',
  DataUseLegalBasis: 'consent model',
  DataUsePurpose: 'consent model',
  DigitalWallet: 'Payments',
  Document: 'Documents (no profile retrieve lists it)',
  EngagementChannelType: 'consent model',
  Entitlement: 'Entitlement Management',
  EntitlementContact: 'Entitlement Management',
  Expense: 'Field Service',
  ExpenseReport: 'Field Service',
  Goal: 'Work.com',
  GoalLink: 'Work.com',
  Image: 'newer orgs only',
  Individual: 'consent model',
  Invoice: 'Billing',
  InvoiceLine: 'Billing',
  JobProfile: 'Field Service',
  LegalEntity: 'Billing',
  LiveAgentSession: 'Chat',
  LiveChatTranscript: 'Chat',
  LiveChatVisitor: 'Chat',
  Location: 'Field Service',
  MaintenancePlan: 'Field Service',
  MaintenanceWorkRule: 'Field Service',
  MessagingEndUser: 'Messaging',
  MessagingSession: 'Messaging',
  Metric: 'Work.com',
  NamespaceRegistry: 'Dev Hub',
  OperatingHours: 'Field Service',
  Order: 'Orders (OrderSettings.enableOrders)',
  PartyConsent: 'consent model',
  Payment: 'Payments',
  PaymentAuthorization: 'Payments',
  PaymentGateway: 'Payments',
  PaymentGroup: 'Payments',
  ProcessException: 'newer orgs only',
  ProductItem: 'Field Service',
  ProductRequest: 'Field Service',
  ProductServiceCampaign: 'Field Service',
  ProductTransfer: 'Field Service',
  ProfileSkill: 'Work.com',
  ProfileSkillEndorsement: 'Work.com',
  ProfileSkillUser: 'Work.com',
  PushTopic: 'Streaming API (no profile retrieve lists it)',
  Question: 'Chatter Answers',
  Quote: 'Quotes (QuoteSettings.enableQuote)',
  Refund: 'Payments',
  ReturnOrder: 'Field Service',
  Scorecard: 'newer orgs only',
  ScorecardAssociation: 'newer orgs only',
  ScorecardMetric: 'newer orgs only',
  ScratchOrgInfo: 'Dev Hub',
  Seller: 'newer orgs only',
  ServiceAppointment: 'Field Service',
  ServiceContract: 'Entitlement Management',
  ServiceCrew: 'Field Service',
  ServiceResource: 'Field Service',
  ServiceResourcePreference: 'Field Service',
  ServiceTerritory: 'Field Service',
  Shift: 'Field Service',
  Shipment: 'Field Service',
  SocialPersona: 'Social Customer Service',
  SocialPost: 'Social Customer Service',
  TimeSheet: 'Field Service',
  TravelMode: 'Field Service',
  WarrantyTerm: 'Field Service',
  WorkBadgeDefinition: 'Work.com',
  WorkCoaching: 'Work.com',
  WorkFeedback: 'Work.com',
  WorkOrder: 'Work Orders / Field Service',
  WorkPerformanceCycle: 'Work.com',
  WorkPlan: 'Field Service',
  WorkPlanTemplate: 'Field Service',
  WorkReward: 'Work.com',
  WorkStepTemplate: 'Field Service',
  WorkType: 'Field Service',
  WorkTypeGroup: 'Field Service',
};

/**
 * Never in Profile objectPermissions (§2.4): not object-permissionable (access comes from user permissions or
 * the parent record). Listing one in the config is refused, with the reason.
 */
export const NEVER_EMIT_OBJECTS: Readonly<Record<string, string>> = {
  AccountContactRelation: 'access follows the Account and Contact',
  Attachment: 'access follows the parent record',
  CampaignMember: 'access follows the Campaign, Lead and Contact',
  CaseComment: 'access follows the Case',
  ContentDocument: 'access follows sharing of the file',
  ContentVersion: 'access follows sharing of the file',
  EmailMessage: 'access follows the parent record',
  Event: 'activities have no object permissions; use the EditEvent user permission',
  FeedItem: 'access follows the parent record',
  Note: 'access follows the parent record',
  OpportunityLineItem: 'access follows the Opportunity',
  OrderItem: 'access follows the Order',
  PricebookEntry: 'access follows the Pricebook2 and Product2',
  QuoteLineItem: 'access follows the Quote',
  Task: 'activities have no object permissions; use the EditTask user permission',
  User: 'users have no object permissions; use the ViewAllUsers or ManageUsers user permission',
};

/** Objects with no View All / Modify All unless the profile has ModifyAllData (§3a). */
export const NO_VIEW_ALL_OBJECTS: ReadonlySet<string> = new Set([
  'Idea', 'Pricebook2', 'Product2', 'PushTopic', 'Question', 'SocialPersona',
]);

/** View All Records on these depends on View All Records on Account (§3a "Dependencies to enforce"). */
export const VIEW_ALL_REQUIRES_ACCOUNT: ReadonlySet<string> = new Set(['Asset', 'Contract']);

/** What kind of object an API name is, from its suffix and (for custom settings) its object file. */
export type ObjectKind =
  | 'standard'
  | 'custom'
  | 'customSetting'
  | 'customMetadata'
  | 'platformEvent'
  | 'externalObject'
  | 'bigObject'
  | 'knowledge'
  | 'other';

export function objectKindOf(apiName: string): ObjectKind {
  if (!apiName.includes('__')) return 'standard';
  if (apiName.endsWith('__c')) return 'custom';
  if (apiName.endsWith('__mdt')) return 'customMetadata';
  if (apiName.endsWith('__e')) return 'platformEvent';
  if (apiName.endsWith('__x')) return 'externalObject';
  if (apiName.endsWith('__b')) return 'bigObject';
  if (apiName.endsWith('__kav')) return 'knowledge';
  return 'other';
}

/** Kinds that carry object permissions in a Profile. */
export function isObjectPermissionable(kind: ObjectKind): boolean {
  return kind === 'standard' || kind === 'custom' || kind === 'platformEvent' || kind === 'externalObject' || kind === 'bigObject' || kind === 'knowledge';
}

/** Where a standard object name stands in the catalogue. */
export type CatalogueStatus = 'alwaysOn' | 'defaultOn' | 'feature' | 'neverEmit' | 'unknown';

export function catalogueStatus(apiName: string): CatalogueStatus {
  if (ALWAYS_ON_OBJECTS.includes(apiName)) return 'alwaysOn';
  if (DEFAULT_ON_OBJECTS.includes(apiName)) return 'defaultOn';
  if (Object.prototype.hasOwnProperty.call(NEVER_EMIT_OBJECTS, apiName)) return 'neverEmit';
  if (Object.prototype.hasOwnProperty.call(FEATURE_OBJECTS, apiName)) return 'feature';
  return 'unknown';
}

/** Why a name cannot be listed as an object in the config, or undefined when it can. */
export function whyNotListable(apiName: string): string | undefined {
  const kind = objectKindOf(apiName);
  if (kind === 'customMetadata') return 'custom metadata types have no object permissions (Profile customMetadataTypeAccesses grants them)';
  if (kind === 'other') return 'this kind of object (__share, __history, __feed, ...) has no object permissions of its own';
  if (kind === 'standard' && Object.prototype.hasOwnProperty.call(NEVER_EMIT_OBJECTS, apiName)) {
    return `${apiName} is never written to Profile objectPermissions: ${NEVER_EMIT_OBJECTS[apiName]}`;
  }
  return undefined;
}
