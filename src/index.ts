/**
 * apionly as a library: the same functions the CLI calls. Nothing here loads
 * @salesforce/source-deploy-retrieve or @salesforce/core until `deploy` runs.
 */
export { generate, planGeneration, readGenerationInputs } from './generate';
export type { GenerateOptions, GenerateResult, GeneratedFileStatus, GenerationInputs, GenerationPlan } from './generate';
export { loadConfig, validateConfig, normalizeConfig } from './config';
export type { LoadedConfig } from './config';
export { buildProfileModel, userForOrg } from './model';
export { writeFiles, checkFiles } from './io';
export { formatFiles, formatText } from './format';
export type { FormatOptions, FormatResult, FormatFileResult } from './format';
export { canonicalize, parseMetadataXml, renderMetadataXml, escapeXmlText } from './xml';
export type { MetadataDocument, XmlElement } from './xml';
export { deploy, renderDeployReport } from './deploy';
export { check, renderCheckReport, CHECK_FAILED_EXIT_CODE, CHECK_GROUPS } from './check';
export type { CheckOptions, CheckReport, CheckGroup, CheckContext, CheckResult, IntegrationSession } from './check';
export { plan, status, renderPlan, renderPlanMarkdown, renderStatus, renderStatusMarkdown } from './plan';
export type { PlanReport, StatusReport, ProfileChange, OverlayExtra, Finding } from './plan';
export { readOrgState, readProfileState, readPermissionSetState, readUserState } from './orgState';
export type { OrgStateSnapshot, ProfileSnapshot, PermissionSetSnapshot, UserSnapshot } from './orgState';
export { discover } from './discover';
export type { DiscoverOptions, DiscoverResult } from './discover';
export { renderCatalogue, parseCatalogue, diffCatalogues } from './catalogue';
export { startEmulatedOrg } from './emulator';
export type { StartEmulatedOrgOptions, RunningEmulatedOrg } from './emulator';
export { AppError, UsageError, InputError, OperationError, PartialSuccessError, InternalError } from './errors';
