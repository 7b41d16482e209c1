/**
 * The least-privilege route (salesforce-facts e; permission-model 7): a user on the Salesforce Integration licence and
 * the standard "Minimum Access - API Only Integrations" profile, whose data access is a generated permission set that
 * needs the SalesforceAPIIntegrationPsl permission set licence. Pure data and rules, no IO.
 */

/** The standard profile of the Salesforce Integration licence (its name and fullName are the same). */
export const INTEGRATION_PROFILE_NAME = 'Minimum Access - API Only Integrations';
/** UserLicense.Name of the licence the integration user takes on this route. */
export const INTEGRATION_USER_LICENSE = 'Salesforce Integration';
/** PermissionSetLicense.DeveloperName of the licence the permission set needs (third-party evidence, facts h.10). */
export const INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';
/** The full licence of the profile route. */
export const FULL_USER_LICENSE = 'Salesforce';

export const PERMISSION_SET_DEFAULTS = { name: 'API_Only_Integration', label: 'API Only Integration', license: INTEGRATION_PSL } as const;

/**
 * User permissions the Salesforce Integration licence cannot carry: it is a data-access licence for API users, so
 * administration of users, security and setup is not part of it. Salesforce publishes no full list (permission-model
 * 7, "Exact allow/deny list: unverified"); these are the ones refused by name, each with the reason. An org may refuse
 * others at deploy time with "The user license doesn't allow the permission: X".
 */
export const INTEGRATION_LICENSE_DENIED_PERMISSIONS: Readonly<Record<string, string>> = {
  ModifyAllData: 'org-wide write access to all data is an administrator permission',
  ViewAllData: 'org-wide read access to all data is an administrator permission; grant View All on the objects instead',
  ManageUsers: 'user administration',
  ManageInternalUsers: 'user administration',
  ResetPasswords: 'user administration',
  FreezeUsers: 'user administration (Salesforce reports "The user license doesn\'t allow the permission: FreezeUsers")',
  ManageProfilesPermissionsets: 'security administration',
  AssignPermissionSets: 'security administration',
  ManageRoles: 'security administration',
  ManageSharing: 'security administration',
  CustomizeApplication: 'setup and metadata changes',
  ModifyMetadata: 'setup and metadata changes',
  ViewSetup: 'setup access',
  ManageCustomPermissions: 'setup and metadata changes',
};

/** Config user permissions set to true that the Integration licence cannot carry, with the reason. */
export function integrationLicenseProblems(configured: Readonly<Record<string, boolean>>): Array<{ name: string; message: string; fix: string }> {
  const problems: Array<{ name: string; message: string; fix: string }> = [];
  for (const [name, on] of Object.entries(configured)) {
    const why = INTEGRATION_LICENSE_DENIED_PERMISSIONS[name];
    if (on !== true || why === undefined) continue;
    problems.push({
      name,
      message: `the Salesforce Integration licence (route "integration") cannot carry ${name}: ${why}`,
      fix: `remove "${name}" or set it to false; or use "route": "profile" (a full Salesforce licence) if the vendor really needs it`,
    });
  }
  return problems;
}

/** Why a permission set licence value cannot be used for the integration user's set (undefined when it can). */
export function whyNotIntegrationLicense(license: string): string | undefined {
  if (license === FULL_USER_LICENSE) {
    return 'a permission set with the "Salesforce" licence cannot be assigned to a Salesforce Integration user';
  }
  return undefined;
}
