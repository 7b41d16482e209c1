import { f, noFls, obj, req, type StandardFieldDef, type StandardObjectDef } from './objectDefs';
import { FIELD_ONLY_OBJECTS, MORE_STANDARD_OBJECTS } from './moreObjects';

export type { StandardFieldDef, StandardObjectDef };
export { FIELD_ONLY_OBJECTS };

/**
 * Standard objects that can appear in Profile/PermissionSet objectPermissions, with the flags each allows and the
 * feature that must be on for the object to exist (reference/standard-objects.md §2, §3a).
 */
/** Features and their default state in a new Enterprise org (standard-objects §2.2, §2.3). */
export const DEFAULT_FEATURES: Readonly<Record<string, boolean>> = {
  StreamingApi: true, // EventSettings.enableStreamingApi, on by default
  DynamicStreamingChannel: false, // EventSettings.enableDynamicStreamingChannel, off by default (streaming.md §4)
  Ideas: true, // IdeasSettings.enableIdeas
  QuickText: true,
  Orders: false, // OrderSettings.enableOrders
  Quotes: false, // QuoteSettings.enableQuote
  WorkOrders: false,
  EntitlementManagement: false,
  ChatterAnswers: false,
  DevHub: false,
  // The rest of standard-objects.md §1/§2.3 (seed/moreObjects.ts). In all 2021+ Admin profiles: on.
  ConsentModel: true, // Individual, ContactPoint*, AuthorizationForm*, CommSubscription*, DataUse*, PartyConsent, …
  RecentObjects: true, // Scorecard*, Image, ProcessException, AccountBrand: "seen only in newer orgs"
  FieldService: false,
  SocialCustomerService: false,
  Chat: false,
  Messaging: false,
  WorkDotCom: false,
  DataDotCom: false,
  Payments: false,
  Billing: false,
  EventMonitoring: false,
  Chatter: true,
};

export const STANDARD_OBJECTS: readonly StandardObjectDef[] = [
  obj('Account', 'Account', '001', [
    req('Name'), f('AccountNumber'), f('Site'), f('Type', 'picklist'), f('Industry', 'picklist'), f('Rating', 'picklist'),
    f('Phone', 'phone'), f('Fax', 'phone'), f('Website', 'url'), f('Description', 'textarea'), f('AnnualRevenue', 'currency'),
    f('NumberOfEmployees', 'int'), f('Ownership', 'picklist'), f('Sic'), f('TickerSymbol'), f('ParentId', 'reference', { referenceTo: 'Account' }),
    f('BillingAddress', 'address'), f('ShippingAddress', 'address'), noFls('BillingStreet', 'textarea'), noFls('BillingCity'),
    f('AccountSource', 'picklist'), f('Jigsaw'),
  ]),
  obj('Contact', 'Contact', '003', [
    req('LastName'), noFls('FirstName'), noFls('Name'), f('AccountId', 'reference', { referenceTo: 'Account' }), f('Email', 'email'), f('Phone', 'phone'),
    f('MobilePhone', 'phone'), f('Title'), f('Department'), f('Birthdate', 'date'), f('MailingAddress', 'address'),
    f('OtherAddress', 'address'), f('LeadSource', 'picklist'), f('Description', 'textarea'), f('ReportsToId', 'reference', { referenceTo: 'Contact' }),
    f('HasOptedOutOfEmail', 'boolean'), f('DoNotCall', 'boolean'),
  ]),
  obj('Lead', 'Lead', '00Q', [
    req('LastName'), req('Company'), req('Status', 'picklist'), noFls('FirstName'), f('Email', 'email'), f('Phone', 'phone'),
    f('Title'), f('Industry', 'picklist'), f('Rating', 'picklist'), f('LeadSource', 'picklist'), f('Address', 'address'),
    f('AnnualRevenue', 'currency'), f('NumberOfEmployees', 'int'), f('Website', 'url'), f('Description', 'textarea'),
  ]),
  obj('Opportunity', 'Opportunity', '006', [
    req('Name'), req('StageName', 'picklist'), req('CloseDate', 'date'), f('AccountId', 'reference', { referenceTo: 'Account' }),
    f('Amount', 'currency'), f('Probability', 'percent'), f('Type', 'picklist'), f('LeadSource', 'picklist'),
    f('NextStep'), f('Description', 'textarea'), f('CampaignId', 'reference', { referenceTo: 'Campaign' }),
    noFls('ForecastCategoryName', 'picklist'), noFls('IsClosed', 'boolean', { calculated: true }), f('ExpectedRevenue', 'currency', { calculated: true }),
  ]),
  obj('Case', 'Case', '500', [
    req('Status', 'picklist'), noFls('CaseNumber', 'string', { autoNumber: true }), f('Subject'), f('Description', 'textarea'), f('Priority', 'picklist'),
    f('Origin', 'picklist'), f('Reason', 'picklist'), f('Type', 'picklist'), f('AccountId', 'reference', { referenceTo: 'Account' }),
    f('ContactId', 'reference', { referenceTo: 'Contact' }), f('AssetId', 'reference', { referenceTo: 'Asset' }), f('SuppliedEmail', 'email'),
  ]),
  obj('Campaign', 'Campaign', '701', [
    req('Name'), f('Type', 'picklist'), f('Status', 'picklist'), f('StartDate', 'date'), f('EndDate', 'date'),
    f('BudgetedCost', 'currency'), f('ActualCost', 'currency'), f('Description', 'textarea'), f('ParentId', 'reference', { referenceTo: 'Campaign' }),
  ]),
  obj('Asset', 'Asset', '02i', [
    req('Name'), f('AccountId', 'reference', { referenceTo: 'Account' }), f('ContactId', 'reference', { referenceTo: 'Contact' }),
    f('SerialNumber'), f('Price', 'currency'), f('Quantity', 'double'), f('Status', 'picklist'), f('InstallDate', 'date'),
    f('PurchaseDate', 'date'), f('UsageEndDate', 'date'), f('Description', 'textarea'), f('Product2Id', 'reference', { referenceTo: 'Product2' }),
  ]),
  obj('Contract', 'Contract', '800', [
    req('AccountId', 'reference'), req('Status', 'picklist'), noFls('ContractNumber', 'string', { autoNumber: true }), f('EndDate', 'date', { calculated: true }), f('StartDate', 'date'), f('ContractTerm', 'int'),
    f('Description', 'textarea'), f('SpecialTerms', 'textarea'), f('BillingAddress', 'address'),
  ]),
  obj('Solution', 'Solution', '501', [req('SolutionName'), req('Status', 'picklist'), f('SolutionNote', 'textarea')]),
  obj('Pricebook2', 'Price Book', '01s', [req('Name'), f('Description'), f('IsActive', 'boolean')], { viewAll: false }),
  obj('Product2', 'Product', '01t', [req('Name'), f('ProductCode'), f('Description', 'textarea'), f('Family', 'picklist'), f('IsActive', 'boolean')], { viewAll: false }),
  obj('DuplicateRecordSet', 'Duplicate Record Set', '0GK', [f('DuplicateRuleId', 'reference', { referenceTo: 'DuplicateRule' })]),
  obj('Macro', 'Macro', '0JZ', [req('Name'), f('Description', 'textarea')]),
  obj('Document', 'Document', '015', [req('Name'), f('Description', 'textarea'), f('Keywords')]),
  obj('StreamingChannel', 'Streaming Channel', '0M6', [req('Name'), f('Description')], { feature: 'StreamingApi' }),
  obj('PushTopic', 'Push Topic', '0IF', [
    req('Name'), req('Query', 'textarea'), f('Description'), req('ApiVersion', 'double'), f('IsActive', 'boolean', { defaulted: true }), f('NotifyForFields', 'picklist', { defaulted: true }),
    f('NotifyForOperationCreate', 'boolean', { defaulted: true }), f('NotifyForOperationUpdate', 'boolean', { defaulted: true }),
    f('NotifyForOperationDelete', 'boolean', { defaulted: true }), f('NotifyForOperationUndelete', 'boolean', { defaulted: true }),
  ], { feature: 'StreamingApi', viewAll: false }),
  obj('Idea', 'Idea', '087', [req('Title'), f('Body', 'textarea'), f('Categories', 'multipicklist'), f('Status', 'picklist')], { feature: 'Ideas', viewAll: false }),
  obj('QuickText', 'Quick Text', '574', [req('Name'), req('Message', 'textarea'), f('Category', 'picklist')], { feature: 'QuickText' }),
  obj('Order', 'Order', '801', [req('AccountId', 'reference'), req('Status', 'picklist'), req('EffectiveDate', 'date'), f('Description', 'textarea')], { feature: 'Orders' }),
  obj('Quote', 'Quote', '0Q0', [req('Name'), f('OpportunityId', 'reference', { referenceTo: 'Opportunity' }), f('ExpirationDate', 'date'), f('Description', 'textarea')], { feature: 'Quotes' }),
  obj('WorkOrder', 'Work Order', '0WO', [f('Subject'), f('Description', 'textarea'), f('Priority', 'picklist'), f('Status', 'picklist')], { feature: 'WorkOrders' }),
  obj('Entitlement', 'Entitlement', '550', [req('Name'), req('AccountId', 'reference'), f('StartDate', 'date'), f('EndDate', 'date')], { feature: 'EntitlementManagement' }),
  obj('ServiceContract', 'Service Contract', '810', [req('Name'), f('AccountId', 'reference', { referenceTo: 'Account' }), f('StartDate', 'date')], { feature: 'EntitlementManagement' }),
  obj('Question', 'Question', '906', [req('Title'), f('Body', 'textarea')], { feature: 'ChatterAnswers', viewAll: false }),
  obj('ScratchOrgInfo', 'Scratch Org Info', '2SR', [req('Edition', 'picklist'), f('OrgName'), f('Description', 'textarea')], { feature: 'DevHub' }),
  obj('ActiveScratchOrg', 'Active Scratch Org', '2AS', [f('Description', 'textarea')], { feature: 'DevHub' }),
  ...MORE_STANDARD_OBJECTS,
];

/**
 * Objects that exist but take no object permissions (standard-objects §2.4: never seen in 22k objectPermissions rows;
 * access comes from user permissions or the parent record).
 */
export const NON_PERMISSIONABLE_OBJECTS: readonly string[] = [
  'Task', 'Event', 'User', 'Note', 'Attachment', 'OpportunityLineItem', 'PricebookEntry', 'CampaignMember', 'OrderItem',
  'QuoteLineItem', 'CaseComment', 'ContentVersion', 'ContentDocument', 'EmailMessage', 'FeedItem',
];

const BY_NAME = new Map([...STANDARD_OBJECTS, ...FIELD_ONLY_OBJECTS].map((o) => [o.name, o]));
export function standardObject(name: string): StandardObjectDef | undefined {
  return BY_NAME.get(name);
}
