/**
 * The emulated Salesforce org: a local HTTP server that real Salesforce clients (SDR, jsforce,
 * @salesforce/core, the sf CLI) can deploy to and query. Its own component: it imports nothing outside
 * src/emulator.
 */
export { startEmulatedOrg, EmulatorStartError, EmulatorStateError, FAULTS_ENV } from './server/startEmulatedOrg';
export type { StartEmulatedOrgOptions, RunningEmulatedOrg } from './server/startEmulatedOrg';
export type { FaultController, FaultKind, FaultMatch, FaultSpec, ActiveFault } from './server/faults';
export { FAULT_KINDS, FaultSpecError, parseFaultList, parseFaultSpec } from './server/faults';
export type { JobTiming } from './server/jobs';
export { SalesforceError } from './model/api';
export type { EmulatedOrg, EmulatedWorld, OrgIdentity, OrgKind, OrgOptions } from './model/api';
