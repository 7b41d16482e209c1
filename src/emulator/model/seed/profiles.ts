import type { ObjectPermissionFlags } from '../state';
import { USER_PERMISSION_NAMES } from './userPermissions';

export const FULL: ObjectPermissionFlags = {
  allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: true, viewAllRecords: true, viewAllFields: false,
};
export const NONE: ObjectPermissionFlags = {
  allowCreate: false, allowDelete: false, allowEdit: false, allowRead: false, modifyAllRecords: false, viewAllRecords: false, viewAllFields: false,
};
function flags(spec: string): ObjectPermissionFlags {
  // 'CRED' letters: C create, R read, E edit, D delete
  return { ...NONE, allowCreate: spec.includes('C'), allowRead: spec.includes('R'), allowEdit: spec.includes('E'), allowDelete: spec.includes('D') };
}

/** Permissions a System Administrator profile has on (both real retrieved Admin profiles: all but these extras). */
const NOT_ON_ADMIN = new Set(['ApiUserOnly', 'PasswordNeverExpires', 'IsSsoEnabled', 'ForceTwoFactor', 'BypassMFAForUiLogins']);
export const ADMIN_PERMISSIONS: readonly string[] = USER_PERMISSION_NAMES.filter((n) => !NOT_ON_ADMIN.has(n));

/** Standard User: the user permissions of a new Enterprise org's Standard User profile (emulator's best recollection). */
export const STANDARD_USER_PERMISSIONS: readonly string[] = [
  'ActivitiesAccess', 'AllowUniversalSearch', 'AllowViewKnowledge', 'ApiEnabled', 'AssignTopics', 'ChatterEditOwnPost',
  'ChatterFileLink', 'ChatterInternalUser', 'ChatterInviteExternalUsers', 'ChatterOwnGroups', 'ContentWorkspaces',
  'ConvertLeads', 'CreateCustomizeFilters', 'CreateCustomizeReports', 'CreateTopics', 'DistributeFromPersWksp', 'EditEvent',
  'EditOppLineItemUnitPrice', 'EditTask', 'EditTopics', 'EmailMass', 'EmailSingle', 'EnableNotifications', 'ExportReport',
  'ImportPersonal', 'LightningExperienceUser', 'ListEmailSend', 'RunReports', 'SelectFilesFromSalesforce', 'SendSitRequests',
  'ShowCompanyNameAsUserBadge', 'SubmitMacrosAllowed', 'SubscribeToLightningReports', 'UseWebLink', 'ViewHelpLink',
];

export const STANDARD_USER_OBJECTS: Readonly<Record<string, ObjectPermissionFlags>> = {
  Account: flags('CRED'), Asset: flags('CRED'), Campaign: flags('R'), Case: flags('CRED'), Contact: flags('CRED'),
  Contract: flags('CRE'), Document: flags('CRED'), DuplicateRecordSet: flags('CRED'), Idea: flags('CRE'), Lead: flags('CRED'),
  Macro: flags('CRED'), Opportunity: flags('CRED'), Pricebook2: flags('R'), Product2: flags('R'), QuickText: flags('CRED'),
  Solution: flags('CRE'), StreamingChannel: flags('R'),
};

/** Minimum Access - API Only Integrations (salesforce-facts e; cca-cmm sample profile). */
export const INTEGRATION_PROFILE_PERMISSIONS: readonly string[] = ['ApiEnabled', 'ApiUserOnly', 'ChatterInternalUser'];

export interface StandardProfileSeed {
  readonly fullName: string;
  readonly name: string;
  readonly license: string;
  readonly description: string | null;
  readonly permissions: readonly string[];
  readonly objects: 'all' | Readonly<Record<string, ObjectPermissionFlags>>;
}

export const STANDARD_PROFILES: readonly StandardProfileSeed[] = [
  { fullName: 'Admin', name: 'System Administrator', license: 'Salesforce', description: null, permissions: ADMIN_PERMISSIONS, objects: 'all' },
  { fullName: 'Standard', name: 'Standard User', license: 'Salesforce', description: null, permissions: STANDARD_USER_PERMISSIONS, objects: STANDARD_USER_OBJECTS },
  {
    fullName: 'Minimum Access - API Only Integrations', name: 'Minimum Access - API Only Integrations', license: 'Salesforce Integration',
    description: null, permissions: INTEGRATION_PROFILE_PERMISSIONS, objects: {},
  },
];

/** The standard profile a new profile of a licence is cloned from (salesforce-facts c). */
export const TEMPLATE_PROFILE_FOR_LICENSE: Readonly<Record<string, string>> = {
  Salesforce: 'Standard',
  'Salesforce Integration': 'Minimum Access - API Only Integrations',
};
