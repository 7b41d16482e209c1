/**
 * The rest of the standard objects of reference/standard-objects.md §1 and §2.3 (seen in retrieved System Administrator
 * profiles 2014–2025), behind the feature that brings each (DEFAULT_FEATURES in objects.ts), and the objects that take
 * field permissions only (permission-model §2: in FieldPermissions.SobjectType, not in ObjectPermissions.SobjectType).
 * Fields: the object's name field (required, or an auto-number where Salesforce numbers the records), a few typed
 * fields, and where the real object has them, formula/roll-up (calculated), auto-number and master-detail fields.
 * Key prefixes of objects whose real prefix is not in the references are emulator-chosen ('z' + two characters).
 */
import { f, noFls, obj, req, type StandardFieldDef, type StandardObjectDef } from './objectDefs';

let prefixSeq = 0;
/** An emulator-chosen key prefix (unique within the emulator; real orgs use other values). */
function kp(): string {
  const n = prefixSeq++;
  return `z${n.toString(36).padStart(2, '0').toUpperCase()}`;
}

/** The usual shape: a required Name and a description. */
const named = (...more: StandardFieldDef[]): StandardFieldDef[] => [req('Name'), f('Description', 'textarea'), ...more];
/** Records Salesforce numbers itself: the name field is an auto-number. */
const numbered = (nameField: string, ...more: StandardFieldDef[]): StandardFieldDef[] => [noFls(nameField, 'string', { autoNumber: true }), ...more];
const refTo = (name: string, to: string): StandardFieldDef => f(name, 'reference', { referenceTo: to });
const md = (name: string, to: string): StandardFieldDef => ({ name, type: 'reference', referenceTo: to, masterDetail: true });

const group = (feature: string, defs: Array<[string, string, StandardFieldDef[]]>, viewAll = true): StandardObjectDef[] =>
  defs.map(([name, label, fields]) => obj(name, label, kp(), fields, { feature, viewAll }));

export const MORE_STANDARD_OBJECTS: readonly StandardObjectDef[] = [
  ...group('ConsentModel', [
    ['Individual', 'Individual', [req('LastName'), noFls('FirstName'), f('BirthDate', 'date'), f('HasOptedOutTracking', 'boolean'), f('HasOptedOutProfiling', 'boolean')]],
    // ParentId is typed MasterDetail yet appears editable in retrieved Admin profiles (standard-objects §3c); the emulator keeps it out.
    ['ContactPointAddress', 'Contact Point Address', named(md('ParentId', 'Account'), f('Address', 'address'), f('IsPrimary', 'boolean'))],
    ['ContactPointEmail', 'Contact Point Email', numbered('Name', md('ParentId', 'Individual'), req('EmailAddress', 'email'), f('IsPrimary', 'boolean'))],
    ['ContactPointPhone', 'Contact Point Phone', numbered('Name', md('ParentId', 'Individual'), req('TelephoneNumber', 'phone'), f('IsPrimary', 'boolean'))],
    ['ContactPointConsent', 'Contact Point Consent', named(refTo('ContactPointId', 'ContactPointEmail'), f('PrivacyConsentStatus', 'picklist'), f('EffectiveFrom', 'datetime'))],
    ['ContactPointTypeConsent', 'Contact Point Type Consent', named(refTo('PartyId', 'Individual'), f('ContactPointType', 'picklist'), f('PrivacyConsentStatus', 'picklist'))],
    ['ContactRequest', 'Contact Request', numbered('Name', refTo('WhatId', 'Account'), f('PreferredChannel', 'picklist'), f('Status', 'picklist'))],
    ['DataUseLegalBasis', 'Data Use Legal Basis', named(f('Source'))],
    ['DataUsePurpose', 'Data Use Purpose', named(refTo('LegalBasisId', 'DataUseLegalBasis'), f('CanDataSubjectOptOut', 'boolean'))],
    ['PartyConsent', 'Party Consent', named(req('PartyId', 'reference'), f('PrivacyConsentStatus', 'picklist'), f('CaptureDate', 'datetime'))],
    ['AuthorizationForm', 'Authorization Form', named(f('IsSignatureRequired', 'boolean'), f('EffectiveFromDate', 'date'))],
    ['AuthorizationFormConsent', 'Authorization Form Consent', named(req('ConsentGiverId', 'reference'), f('ConsentCapturedDateTime', 'datetime'))],
    ['AuthorizationFormDataUse', 'Authorization Form Data Use', named(refTo('DataUsePurposeId', 'DataUsePurpose'))],
    ['AuthorizationFormText', 'Authorization Form Text', named(md('AuthorizationFormId', 'AuthorizationForm'), f('Locale', 'picklist'), f('SummaryAuthFormText', 'textarea'))],
    ['CommSubscription', 'Communication Subscription', named(refTo('DataUsePurposeId', 'DataUsePurpose'))],
    ['CommSubscriptionChannelType', 'Communication Subscription Channel Type', named(md('CommunicationSubscriptionId', 'CommSubscription'), f('EngagementChannelTypeId', 'reference', { referenceTo: 'EngagementChannelType' }))],
    ['CommSubscriptionConsent', 'Communication Subscription Consent', named(req('ConsentGiverId', 'reference'), f('EffectiveFromDate', 'date'))],
    ['CommSubscriptionTiming', 'Communication Subscription Timing', named(f('DaysOfWeek', 'multipicklist'))],
    ['EngagementChannelType', 'Engagement Channel Type', named(f('IsActive', 'boolean'))],
  ]),
  ...group('RecentObjects', [
    ['Scorecard', 'Scorecard', named()],
    ['ScorecardAssociation', 'Scorecard Association', numbered('ScorecardAssociationNumber', md('ScorecardId', 'Scorecard'), refTo('TargetEntityId', 'Account'))],
    ['ScorecardMetric', 'Scorecard Metric', named(md('ScorecardId', 'Scorecard'), f('Category', 'picklist'), f('SequenceNumber', 'int'))],
    ['Image', 'Image', named(f('ImageViewType', 'picklist'), f('Url', 'url'), f('IsActive', 'boolean'))],
    ['ProcessException', 'Process Exception', numbered('ProcessExceptionNumber', req('Message'), f('Severity', 'picklist'), f('Status', 'picklist'), refTo('AttachedToId', 'Account'))],
    ['AccountBrand', 'Account Brand', named(md('AccountId', 'Account'), f('Email', 'email'), f('Phone', 'phone'))],
  ]),
  ...group('Chatter', [['CollaborationGroup', 'Group', named(req('CollaborationType', 'picklist'), f('MemberCount', 'int', { calculated: true }))]]),
  ...group('FieldService', [
    ['WorkType', 'Work Type', named(req('EstimatedDuration', 'double'), f('DurationType', 'picklist'))],
    ['WorkTypeGroup', 'Work Type Group', named(f('IsActive', 'boolean'))],
    ['ServiceAppointment', 'Service Appointment', numbered('AppointmentNumber', req('ParentRecordId', 'reference'), f('SchedStartTime', 'datetime'), f('Status', 'picklist'), f('Duration', 'double'))],
    ['ServiceResource', 'Service Resource', named(req('RelatedRecordId', 'reference'), f('IsActive', 'boolean'), f('ResourceType', 'picklist'))],
    ['ServiceTerritory', 'Service Territory', named(req('OperatingHoursId', 'reference'), f('IsActive', 'boolean'), f('Address', 'address'))],
    ['OperatingHours', 'Operating Hours', named(f('TimeZone', 'picklist'))],
    ['Location', 'Location', named(f('LocationType', 'picklist'), f('IsInventoryLocation', 'boolean'))],
    ['ReturnOrder', 'Return Order', numbered('ReturnOrderNumber', refTo('AccountId', 'Account'), f('Status', 'picklist'))],
    ['AppointmentTopicTimeSlot', 'Appointment Topic Time Slot', numbered('AppointmentTopicTimeSlotKey', refTo('WorkTypeId', 'WorkType'))],
    ['ProductItem', 'Product Item', numbered('ProductItemNumber', req('LocationId', 'reference'), req('Product2Id', 'reference'), req('QuantityOnHand', 'double'))],
    ['ProductRequest', 'Product Request', numbered('ProductRequestNumber', f('Status', 'picklist'), f('NeedByDate', 'datetime'))],
    ['ProductTransfer', 'Product Transfer', numbered('ProductTransferNumber', req('QuantitySent', 'double'), f('Status', 'picklist'))],
    ['ProductServiceCampaign', 'Product Service Campaign', named(f('Status', 'picklist'), f('StartDate', 'date'))],
    ['Shipment', 'Shipment', numbered('ShipmentNumber', req('ShipToName'), f('Status', 'picklist'))],
    ['TimeSheet', 'Time Sheet', numbered('TimeSheetNumber', req('ServiceResourceId', 'reference'), req('StartDate', 'date'), req('EndDate', 'date'))],
    ['Expense', 'Expense', numbered('ExpenseNumber', req('TransactionDate', 'date'), f('Amount', 'currency'))],
    ['ExpenseReport', 'Expense Report', numbered('ExpenseReportNumber', f('Status', 'picklist'), f('TotalAmount', 'currency', { calculated: true }))],
    ['JobProfile', 'Job Profile', named()],
    ['MaintenancePlan', 'Maintenance Plan', numbered('MaintenancePlanNumber', req('StartDate', 'date'), f('Frequency', 'int'))],
    ['MaintenanceWorkRule', 'Maintenance Work Rule', named(md('ParentMaintenancePlanId', 'MaintenancePlan'))],
    ['ServiceCrew', 'Service Crew', named(f('CrewSize', 'int'))],
    ['ServiceResourcePreference', 'Service Resource Preference', numbered('ServiceResourcePreferenceNumber', req('ServiceResourceId', 'reference'), req('RelatedRecordId', 'reference'))],
    ['Shift', 'Shift', numbered('ShiftNumber', req('StartTime', 'datetime'), req('EndTime', 'datetime'))],
    ['TravelMode', 'Travel Mode', named(f('TransportType', 'picklist'))],
    ['WarrantyTerm', 'Warranty Term', named(f('WarrantyDuration', 'int'))],
    ['WorkPlan', 'Work Plan', named(refTo('WorkOrderId', 'WorkOrder'), f('ExecutionOrder', 'int'))],
    ['WorkPlanTemplate', 'Work Plan Template', named(f('IsActive', 'boolean'))],
    ['WorkStepTemplate', 'Work Step Template', named(f('IsActive', 'boolean'))],
    ['Address', 'Address', numbered('Name', md('ParentId', 'Location'), f('Street', 'textarea'), f('City'))],
  ]),
  ...group('SocialCustomerService', [
    ['SocialPersona', 'Social Persona', named(req('ParentId', 'reference'), req('Provider', 'picklist'))],
    ['SocialPost', 'Social Post', named(f('Content', 'textarea'), f('Posted', 'datetime'))],
  ], true).map((o) => (o.name === 'SocialPersona' ? { ...o, viewAll: false } : o)),
  ...group('Chat', [
    ['LiveAgentSession', 'Live Agent Session', numbered('Name', refTo('AgentId', 'User'), f('LoginTime', 'datetime'))],
    ['LiveChatTranscript', 'Live Chat Transcript', numbered('Name', req('LiveChatVisitorId', 'reference'), f('Body', 'textarea'), f('Status', 'picklist'))],
    ['LiveChatVisitor', 'Live Chat Visitor', numbered('Name')],
  ]),
  ...group('Messaging', [
    ['MessagingEndUser', 'Messaging User', named(req('MessagingChannelId', 'reference'), req('MessagingPlatformKey'))],
    ['MessagingSession', 'Messaging Session', numbered('Name', req('MessagingEndUserId', 'reference'), f('Status', 'picklist'))],
  ]),
  ...group('WorkDotCom', [
    ['Goal', 'Goal', named(f('Status', 'picklist'), f('DueDate', 'date'), f('Progress', 'percent', { calculated: true }))],
    ['GoalLink', 'Goal Link', numbered('Name', md('ParentGoalId', 'Goal'), refTo('SubgoalId', 'Goal'))],
    ['Metric', 'Metric', named(refTo('GoalId', 'Goal'), f('CurrentValue', 'double'), f('TargetValue', 'double'))],
    ['WorkCoaching', 'Coaching', numbered('Name', req('CoachId', 'reference'), req('CoachedId', 'reference'))],
    ['WorkFeedback', 'Feedback', numbered('Name', f('Feedback', 'textarea'))],
    ['WorkPerformanceCycle', 'Performance Cycle', named(req('State', 'picklist'), f('ActivityFrom', 'date'))],
    ['WorkReward', 'Reward', numbered('Name', f('Code'))],
    ['WorkBadgeDefinition', 'Badge', named(req('ImageUrl', 'url'), f('IsActive', 'boolean'))],
    ['ProfileSkill', 'Skill', named(f('UserCount', 'int', { calculated: true }))],
    ['ProfileSkillEndorsement', 'Endorsement', numbered('Name', md('ProfileSkillUserId', 'ProfileSkillUser'))],
    ['ProfileSkillUser', 'Skill User', numbered('Name', md('ProfileSkillId', 'ProfileSkill'), req('UserId', 'reference'), f('EndorsementCount', 'int', { calculated: true }))],
  ]),
  ...group('DataDotCom', [['DandBCompany', 'D&B Company', named(f('DunsNumber'), f('Address', 'address'), f('SalesVolume', 'double'))]]),
  ...group('Payments', [
    ['Payment', 'Payment', numbered('PaymentNumber', req('Amount', 'currency'), req('Status', 'picklist'), req('Type', 'picklist'))],
    ['PaymentAuthorization', 'Payment Authorization', numbered('PaymentAuthorizationNumber', req('Amount', 'currency'), req('Status', 'picklist'))],
    ['PaymentGateway', 'Payment Gateway', [req('PaymentGatewayName'), req('Status', 'picklist')]],
    ['PaymentGroup', 'Payment Group', numbered('PaymentGroupNumber', f('SourceObjectId', 'reference', { referenceTo: 'Account' }))],
    ['Refund', 'Refund', numbered('RefundNumber', req('Amount', 'currency'), req('Status', 'picklist'))],
    ['AlternativePaymentMethod', 'Alternative Payment Method', numbered('AlternativePaymentMethodNumber', req('Status', 'picklist'))],
    ['CardPaymentMethod', 'Card Payment Method', numbered('CardPaymentMethodNumber', req('Status', 'picklist'), f('ExpiryMonth', 'int'))],
    ['DigitalWallet', 'Digital Wallet', numbered('DigitalWalletNumber', req('Status', 'picklist'))],
  ]),
  ...group('Billing', [
    ['Invoice', 'Invoice', numbered('DocumentNumber', req('BillingAccountId', 'reference'), f('Status', 'picklist'), f('TotalAmount', 'currency', { calculated: true }))],
    ['InvoiceLine', 'Invoice Line', named(md('InvoiceId', 'Invoice'), f('Quantity', 'double'), f('ChargeAmount', 'currency'))],
    ['CreditMemo', 'Credit Memo', numbered('DocumentNumber', req('BillingAccountId', 'reference'), f('TotalAmount', 'currency', { calculated: true }))],
    ['LegalEntity', 'Legal Entity', named(f('CompanyName'), f('LegalEntityAddress', 'address'))],
  ]),
  ...group('EventMonitoring', [
    ['ApiAnomalyEventStore', 'API Anomaly Event Store', numbered('ApiAnomalyEventNumber', f('Score', 'double'), f('Summary', 'textarea'))],
    ['CredentialStuffingEventStore', 'Credential Stuffing Event Store', numbered('CredentialStuffingEventNumber', f('Score', 'double'))],
    ['ReportAnomalyEventStore', 'Report Anomaly Event Store', numbered('ReportAnomalyEventNumber', f('Score', 'double'))],
    ['SessionHijackingEventStore', 'Session Hijacking Event Store', numbered('SessionHijackingEventNumber', f('Score', 'double'))],
  ]),
  ...group('EntitlementManagement', [
    ['EntitlementContact', 'Entitlement Contact', numbered('Name', md('EntitlementId', 'Entitlement'), req('ContactId', 'reference'))],
    ['ContractLineItem', 'Contract Line Item', numbered('LineItemNumber', md('ServiceContractId', 'ServiceContract'), req('PricebookEntryId', 'reference'), req('Quantity', 'double'), req('UnitPrice', 'currency'), f('TotalPrice', 'currency', { calculated: true }))],
  ]),
  ...group('DevHub', [['NamespaceRegistry', 'Namespace Registry', numbered('Name', req('NamespacePrefix'))]]),
];

/**
 * Objects that take field permissions but no object permissions (their access follows a parent or a user permission;
 * standard-objects §2.4), with the parent's master-detail and their required fields.
 */
export const FIELD_ONLY_OBJECTS: readonly StandardObjectDef[] = [
  obj('OpportunityLineItem', 'Opportunity Product', '00k', [
    md('OpportunityId', 'Opportunity'), req('Quantity', 'double'), f('UnitPrice', 'currency'), f('TotalPrice', 'currency'), f('Discount', 'percent'),
    f('ServiceDate', 'date'), f('Description'), noFls('ListPrice', 'currency', { calculated: true }), f('Subtotal', 'currency', { calculated: true }),
    refTo('PricebookEntryId', 'PricebookEntry'), f('ProductCode', 'string', { calculated: true }),
  ], { fieldOnly: true }),
  obj('PricebookEntry', 'Price Book Entry', '01u', [
    req('Pricebook2Id', 'reference'), req('Product2Id', 'reference'), req('UnitPrice', 'currency'), f('IsActive', 'boolean'), f('UseStandardPrice', 'boolean'),
    f('ProductCode', 'string', { calculated: true }),
  ], { fieldOnly: true }),
  obj('Task', 'Task', '00T', [
    req('Status', 'picklist'), req('Priority', 'picklist'), f('Subject', 'combobox'), f('ActivityDate', 'date'), f('Description', 'textarea'),
    refTo('WhoId', 'Contact'), refTo('WhatId', 'Account'), f('CallDurationInSeconds', 'int'), f('IsClosed', 'boolean', { calculated: true }),
  ], { fieldOnly: true }),
  obj('Event', 'Event', '00U', [
    req('DurationInMinutes', 'int'), req('ActivityDateTime', 'datetime'), f('Subject', 'combobox'), f('Location'), f('Description', 'textarea'),
    refTo('WhoId', 'Contact'), refTo('WhatId', 'Account'), f('EndDateTime', 'datetime', { calculated: true }), f('ShowAs', 'picklist'),
  ], { fieldOnly: true }),
  obj('OrderItem', 'Order Product', '802', [
    md('OrderId', 'Order'), req('Quantity', 'double'), req('UnitPrice', 'currency'), noFls('OrderItemNumber', 'string', { autoNumber: true }),
    f('Description'), f('ServiceDate', 'date'), f('TotalPrice', 'currency', { calculated: true }),
  ], { feature: 'Orders', fieldOnly: true }),
  obj('QuoteLineItem', 'Quote Line Item', '0QL', [
    md('QuoteId', 'Quote'), req('Quantity', 'double'), req('UnitPrice', 'currency'), noFls('LineNumber', 'string', { autoNumber: true }),
    f('Discount', 'percent'), f('Description'), f('TotalPrice', 'currency', { calculated: true }),
  ], { feature: 'Quotes', fieldOnly: true }),
];
