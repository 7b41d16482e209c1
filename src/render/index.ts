/** Rendering from templates: pure string -> string. */
export { renderProfile, profileElements, permissionElements, OWNED_SINGLES, OWNED_LISTS } from './renderProfile';
export { renderPermissionSet } from './renderPermissionSet';
export { renderUserDefinition } from './renderUserDefinition';
export { placeholderProblems, findPlaceholders, isKnownPlaceholder, substitute, PROFILE_PLACEHOLDERS, type PlaceholderValues } from './placeholders';
export { renderExternalClientApp, renderExternalClientAppPolicies, type EcaFile, type EcaRenderInput } from './renderExternalClientApp';
