/** Public API of the deploy pipeline. */
export { deploy, chooseOrgKey, describeOrg, scrubError, DEFAULT_WAIT_MINUTES, type DeployDeps } from './deploy';
export { renderDeployReport } from './summary';
export { planUser, userQuery, profileQuery, type UserPlan, type UserPlanInput } from './userPlan';
export { escapeSoql, soqlString, normalizeId } from './soql';
export { scrubText, looksLikeAccessToken, REDACTED } from './scrub';
export type * from './types';
export type { OrgClient } from './orgClient';
export type { MetadataClient } from './metadataClient';
export type { OrgSession } from './targetOrg';
export type { ProjectState } from './project';
