/**
 * The emulated org's Salesforce model: state, platform rules, deploy/retrieve, SOQL and sObject calls.
 * Pure and synchronous; the wire layer (src/emulator/server) drives it through the interfaces in api.ts.
 */
import type { CreateWorld } from './api';
import { createWorldImpl } from './world';

export * from './api';
export { CorruptStateError } from './validateState';
export { Org, MAX_API_VERSION } from './org';
export { World } from './world';
export { caseSafeSuffix, isWellFormedId, toId18 } from './ids';

/** Builds a world from org options (fresh, seeded orgs) or from a saved state (toJSON output); corrupt state throws CorruptStateError. */
export const createWorld: CreateWorld = createWorldImpl;
