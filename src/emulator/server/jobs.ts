/**
 * Asynchronous Metadata API jobs. A deploy or retrieve is created Queued and moves on only when a client
 * asks for its status: `queuedPolls` status checks answer Pending, the next `inProgressPolls` answer
 * InProgress, and the check after that runs the model and answers the final result. This makes polling and
 * progress (SDR `onUpdate`) observable without timers, and keeps tests deterministic.
 *
 * The model runs only when the job completes, so a cancel before that changes nothing, as on a real org
 * (a canceled deploy is rolled back).
 */
import type { DeployMessage, DeployOutcome, DeployRequestOptions, EmulatedOrg, FileProperties, RetrieveTypeMembers } from '../model/api';
import { SalesforceError } from '../model/api';
import { KEY_PREFIX } from '../model/ids';
import type { CallDescriptor, FaultRegistry } from './faults';
import { IdSequence } from './ids';
import { buildRetrieveZip, DeployZip, DeployZipError, readDeployZip } from './zip';

export interface JobTiming {
  /** Status checks answered Pending (Queued) before the job starts. */
  readonly queuedPolls: number;
  /** Status checks answered InProgress before the job completes. */
  readonly inProgressPolls: number;
}

export type DeployStatus = 'Pending' | 'InProgress' | 'Canceling' | 'Canceled' | 'Succeeded' | 'SucceededPartial' | 'Failed';

export interface DeployJob {
  readonly id: string;
  readonly org: EmulatedOrg;
  readonly options: DeployRequestOptions;
  /** The options as the client sent them (REST echoes them back). */
  readonly requestOptions: Record<string, unknown>;
  readonly zip: DeployZip | undefined;
  readonly zipError: DeployZipError | undefined;
  readonly call: CallDescriptor;
  readonly createdDate: string;
  startDate: string | undefined;
  completedDate: string | undefined;
  lastModifiedDate: string;
  polls: number;
  readonly queuedPolls: number;
  readonly inProgressPolls: number;
  status: DeployStatus;
  done: boolean;
  outcome: DeployOutcome | undefined;
  canceledBy: string | undefined;
}

export type RetrieveStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed';

export interface RetrieveJob {
  readonly id: string;
  readonly org: EmulatedOrg;
  readonly types: readonly RetrieveTypeMembers[];
  readonly apiVersion: string;
  readonly singlePackage: boolean;
  polls: number;
  readonly queuedPolls: number;
  readonly inProgressPolls: number;
  status: RetrieveStatus;
  done: boolean;
  zipFile: Buffer | undefined;
  fileProperties: readonly FileProperties[];
  messages: ReadonlyArray<{ fileName: string; problem: string }>;
  errorStatusCode: string | undefined;
  errorMessage: string | undefined;
}

/** A job id the org does not know. Salesforce answers INVALID_CROSS_REFERENCE_KEY for an unknown async id. */
function unknownJob(id: string): SalesforceError {
  return new SalesforceError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${id}`, 404);
}

/** Counts one status check of a job that has not run: Pending while queued, then InProgress, undefined once it is due to run. */
function countPoll(job: { polls: number; readonly queuedPolls: number; readonly inProgressPolls: number }): 'Pending' | 'InProgress' | undefined {
  job.polls += 1;
  if (job.polls <= job.queuedPolls) return 'Pending';
  if (job.polls <= job.queuedPolls + job.inProgressPolls) return 'InProgress';
  return undefined;
}

export class JobStore {
  private readonly deploys = new Map<string, DeployJob>();
  private readonly retrieves = new Map<string, RetrieveJob>();
  private readonly deployIds = new IdSequence(KEY_PREFIX.DeployRequest);
  private readonly retrieveIds = new IdSequence(KEY_PREFIX.RetrieveRequest);

  constructor(
    private readonly faults: FaultRegistry,
    private readonly timing: JobTiming,
    /** Called after the model applied (or may have applied) a change. */
    private readonly onMutation: () => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createDeploy(
    org: EmulatedOrg,
    zipBytes: Buffer,
    options: DeployRequestOptions,
    requestOptions: Record<string, unknown>,
    call: CallDescriptor,
  ): Promise<DeployJob> {
    let zip: DeployZip | undefined;
    let zipError: DeployZipError | undefined;
    try {
      zip = await readDeployZip(zipBytes);
    } catch (err) {
      if (!(err instanceof DeployZipError)) throw err;
      zipError = err;
    }
    return this.addDeploy(org, options, requestOptions, zip, zipError, call);
  }

  /** A quick deploy of a validated (checkOnly) deploy: the same zip again, for real, as a new job with its own timing and faults. */
  async createQuickDeploy(org: EmulatedOrg, validationId: string, call: CallDescriptor): Promise<DeployJob> {
    const validation = this.deploys.get(validationId);
    if (!validation || validation.org !== org) throw unknownJob(validationId);
    if (!validation.options.checkOnly || validation.status !== 'Succeeded') {
      // Emulator-invented wording; Salesforce refuses a quick deploy of anything but a successful validation.
      throw new SalesforceError('INVALID_ID_FIELD', `The validation ${validationId} is not a successful checkOnly deploy, so it can't be quick-deployed.`);
    }
    return this.addDeploy(
      org,
      { ...validation.options, checkOnly: false },
      { ...validation.requestOptions, checkOnly: false },
      validation.zip,
      validation.zipError,
      call,
    );
  }

  /** A new Queued deploy job; deploy-stuck faults matching the call add InProgress polls. */
  private addDeploy(
    org: EmulatedOrg,
    options: DeployRequestOptions,
    requestOptions: Record<string, unknown>,
    zip: DeployZip | undefined,
    zipError: DeployZipError | undefined,
    call: CallDescriptor,
  ): DeployJob {
    let stuck = 0;
    for (const f of this.faults.takeAll('deploy-stuck', call)) stuck += f.polls ?? 5;
    const created = this.now().toISOString();
    const job: DeployJob = {
      id: this.deployIds.next(),
      org,
      options,
      requestOptions,
      zip,
      zipError,
      call,
      createdDate: created,
      startDate: undefined,
      completedDate: undefined,
      lastModifiedDate: created,
      polls: 0,
      queuedPolls: this.timing.queuedPolls,
      inProgressPolls: this.timing.inProgressPolls + stuck,
      status: 'Pending',
      done: false,
      outcome: undefined,
      canceledBy: undefined,
    };
    this.deploys.set(job.id, job);
    return job;
  }

  /** Finds a job of this org; advances it by one status check when `poll` is set. */
  deploy(org: EmulatedOrg, id: string, poll: boolean): DeployJob {
    const job = this.deploys.get(id);
    if (!job || job.org !== org) throw unknownJob(id);
    if (poll) this.advanceDeploy(job);
    return job;
  }

  cancelDeploy(org: EmulatedOrg, id: string): DeployJob {
    const job = this.deploy(org, id, false);
    if (!job.done) {
      job.status = 'Canceling';
      job.canceledBy = org.identity.userId;
      job.lastModifiedDate = this.now().toISOString();
    }
    return job;
  }

  private advanceDeploy(job: DeployJob): void {
    if (job.done) return;
    const now = this.now().toISOString();
    job.lastModifiedDate = now;
    if (job.status === 'Canceling') {
      job.status = 'Canceled';
      job.done = true;
      job.completedDate = now;
      return;
    }
    const waiting = countPoll(job);
    if (waiting !== 'Pending') job.startDate ??= now;
    if (waiting) {
      job.status = waiting;
      return;
    }
    job.outcome = this.runDeploy(job);
    job.status = job.outcome.status;
    job.done = true;
    job.completedDate = now;
    this.onMutation();
  }

  private runDeploy(job: DeployJob): DeployOutcome {
    if (!job.zip) {
      const err = job.zipError ?? new DeployZipError('INVALID_ZIP', 'The deploy zip could not be read.');
      return {
        status: 'Failed',
        successes: [],
        failures: [failureMessage('', 'package.xml', 'package.xml', err.message)],
        numberComponentsTotal: 0,
      };
    }
    const zip = job.zip;
    const injected = [];
    for (;;) {
      const f = this.faults.take(['component-failure'], job.call, (spec) => spec.component !== undefined && zip.members.includes(spec.component));
      if (!f) break;
      injected.push(f);
    }
    const options: DeployRequestOptions = injected.length ? { ...job.options, checkOnly: true } : job.options;
    let outcome: DeployOutcome;
    try {
      outcome = job.org.deploy(zip.files, options);
    } catch (err) {
      if (!(err instanceof SalesforceError)) throw err;
      return {
        status: 'Failed',
        successes: [],
        failures: [],
        errorStatusCode: err.errorCode,
        errorMessage: err.message,
        numberComponentsTotal: zip.members.length,
      };
    }
    if (!injected.length) return outcome;
    // An injected component failure: the deploy ran as a validation (nothing applied), then the named
    // component is reported failed and the whole deploy with it (rollbackOnError semantics).
    const failedKeys = new Set(injected.map((f) => f.component));
    const keyOf = (m: DeployMessage): string => `${m.componentType}:${m.fullName}`;
    const extraFailures = injected.map((f) => {
      const [type = '', ...rest] = (f.component ?? '').split(':');
      const fullName = rest.join(':');
      const known = outcome.successes.find((m) => keyOf(m) === f.component) ?? outcome.failures.find((m) => keyOf(m) === f.component);
      return failureMessage(type, fullName, known?.fileName ?? `${fullName}`, f.problem ?? `Emulated failure of ${f.component} (fault injection)`);
    });
    return {
      status: 'Failed',
      successes: outcome.successes.filter((m) => !failedKeys.has(keyOf(m))),
      failures: [...outcome.failures.filter((m) => !failedKeys.has(keyOf(m))), ...extraFailures],
      numberComponentsTotal: outcome.numberComponentsTotal,
      ...(outcome.errorStatusCode !== undefined ? { errorStatusCode: outcome.errorStatusCode } : {}),
      ...(outcome.errorMessage !== undefined ? { errorMessage: outcome.errorMessage } : {}),
    };
  }

  createRetrieve(org: EmulatedOrg, types: readonly RetrieveTypeMembers[], apiVersion: string, singlePackage: boolean): RetrieveJob {
    const job: RetrieveJob = {
      id: this.retrieveIds.next(),
      org,
      types,
      apiVersion,
      singlePackage,
      polls: 0,
      queuedPolls: this.timing.queuedPolls,
      inProgressPolls: this.timing.inProgressPolls,
      status: 'Pending',
      done: false,
      zipFile: undefined,
      fileProperties: [],
      messages: [],
      errorStatusCode: undefined,
      errorMessage: undefined,
    };
    this.retrieves.set(job.id, job);
    return job;
  }

  async retrieve(org: EmulatedOrg, id: string): Promise<RetrieveJob> {
    const job = this.retrieves.get(id);
    if (!job || job.org !== org) throw unknownJob(id);
    if (job.done) return job;
    const waiting = countPoll(job);
    if (waiting) {
      job.status = waiting;
      return job;
    }
    try {
      const outcome = org.retrieve(job.types, job.apiVersion);
      const prefix = job.singlePackage ? '' : 'unpackaged/';
      job.zipFile = await buildRetrieveZip(outcome.files, job.singlePackage);
      job.fileProperties = outcome.fileProperties.map((p) => ({ ...p, fileName: `${prefix}${p.fileName}` }));
      job.messages = outcome.messages.map((m) => ({ ...m, fileName: `${prefix}${m.fileName}` }));
      job.status = 'Succeeded';
    } catch (err) {
      if (!(err instanceof SalesforceError)) throw err;
      job.status = 'Failed';
      job.errorStatusCode = err.errorCode;
      job.errorMessage = err.message;
    }
    job.done = true;
    return job;
  }
}

function failureMessage(componentType: string, fullName: string, fileName: string, problem: string): DeployMessage {
  return { componentType, fullName, fileName, problem, problemType: 'Error', success: false, changed: false, created: false, deleted: false };
}

/** The admin's display name, for createdByName (falls back to the username). */
function createdByName(org: EmulatedOrg): string {
  try {
    const rec = org.retrieve('User', org.identity.userId, ['Name']);
    const name = rec['Name'];
    if (typeof name === 'string' && name) return name;
  } catch {
    // fall through
  }
  return org.identity.username;
}

interface ResultShape {
  readonly json: boolean;
}

/**
 * The DeployResult (WSDL66 field order, alphabetical), as SOAP values (`json: false`: strings, absent fields
 * left out) or as the REST deployResult (`json: true`: booleans, numbers, null for absent).
 */
export function deployResult(job: DeployJob, includeDetails: boolean, shape: ResultShape): Record<string, unknown> {
  const absent = shape.json ? null : undefined;
  const o = job.outcome;
  const failures = o?.failures ?? [];
  const successes = o?.successes ?? [];
  const countable = (m: DeployMessage): boolean => m.fullName !== 'package.xml';
  const total = o ? o.numberComponentsTotal : job.status === 'Pending' ? 0 : (job.zip?.members.length ?? 0);
  const message = (m: DeployMessage): Record<string, unknown> => ({
    changed: m.changed,
    columnNumber: m.columnNumber ?? absent,
    componentType: m.componentType, // always present, even '' for package.xml (wire-protocol §3.3 gotcha 1)
    created: m.created,
    createdDate: job.completedDate ?? job.lastModifiedDate,
    deleted: m.deleted,
    fileName: m.fileName,
    fullName: m.fullName,
    lineNumber: m.lineNumber ?? absent,
    problem: m.problem ?? absent,
    problemType: m.problemType ?? absent,
    success: m.success,
  });
  const details =
    job.done && includeDetails
      ? {
          componentFailures: failures.map(message),
          componentSuccesses: successes.map(message),
          runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 },
        }
      : shape.json
        ? { componentFailures: [], componentSuccesses: [], runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: 0 } }
        : undefined;
  const name = createdByName(job.org);
  return {
    canceledBy: job.canceledBy ?? absent,
    canceledByName: job.canceledBy ? name : absent,
    checkOnly: job.options.checkOnly,
    completedDate: job.completedDate ?? absent,
    createdBy: job.org.identity.userId,
    createdByName: name,
    createdDate: job.createdDate,
    details,
    done: job.done,
    errorMessage: o?.errorMessage ?? absent,
    errorStatusCode: o?.errorStatusCode ?? absent,
    id: job.id,
    ignoreWarnings: job.options.ignoreWarnings ?? false,
    lastModifiedDate: job.lastModifiedDate,
    numberComponentErrors: failures.length,
    numberComponentsDeployed: successes.filter(countable).length,
    numberComponentsTotal: total,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: job.options.rollbackOnError,
    runTestsEnabled: job.options.testLevel !== undefined && job.options.testLevel !== 'NoTestRun',
    startDate: job.startDate ?? absent,
    stateDetail: absent,
    status: job.status,
    success: job.done && (job.status === 'Succeeded' || job.status === 'SucceededPartial'),
  };
}

/** The RetrieveResult (WSDL66 order). zipFile only once Succeeded: the client never asks for it (§12.2). */
export function retrieveResult(job: RetrieveJob): Record<string, unknown> {
  return {
    done: job.done,
    errorMessage: job.errorMessage,
    errorStatusCode: job.errorStatusCode,
    fileProperties: job.done ? job.fileProperties : undefined,
    id: job.id,
    messages: job.done ? job.messages : undefined,
    status: job.status,
    success: job.done && job.status === 'Succeeded',
    zipFile: job.zipFile ? job.zipFile.toString('base64') : undefined,
  };
}
