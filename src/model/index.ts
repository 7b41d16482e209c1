/** Salesforce rules for the API Only profile and user: pure, no IO. */
export * from './types';
export * from './catalogue';
export * from './apiVersion';
export * from './profileName';
export * from './objectPermissions';
export * from './fieldPermissions';
export * from './userPermissions';
export * from './userFields';
export * from './integrationRoute';
export { buildProfileModel } from './buildProfile';
export { buildPermissionSetModel } from './buildPermissionSet';
export { userForOrg, orderUserFields } from './userForOrg';
export { TIME_ZONE_SID_KEYS } from './data/timeZones';
export { EMAIL_ENCODING_KEYS, LANGUAGE_LOCALE_KEYS, LOCALE_SID_KEYS } from './data/userValues';
export * from './orgCatalogue';
export { checkAgainstCatalogue, type CatalogueProblem } from './checkAgainstCatalogue';
export * from './orgPermissions';
