/**
 * The Metadata-API port: deploy files with source-deploy-retrieve, and retrieve the profile back for verification.
 * SDR is required lazily, inside the functions: `generate` and `format` must never load it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntilDone, PollTimeoutError } from './polling';
import { describeError } from './scrub';
import type { ComponentFailure, ComponentLine, MetadataDeployStatus } from './types';

export interface DeployStatusUpdate {
  readonly status: string;
  readonly deployed: number;
  readonly total: number;
  readonly errors: number;
}

export interface MetadataDeployRequest {
  /** Absolute paths of the source-format files to deploy. */
  readonly fsPaths: readonly string[];
  /** package.xml version: the project's sourceApiVersion. */
  readonly apiVersion: string;
  readonly checkOnly: boolean;
  /** Metadata REST API instead of SOAP (SF_ORG_METADATA_REST_DEPLOY=true). */
  readonly rest: boolean;
  readonly waitMinutes: number;
  readonly pollFrequencyMs?: number;
  /** Fired once the org has accepted the request (the deploy id is known). */
  readonly onStarted?: (id: string) => void;
  readonly onUpdate?: (update: DeployStatusUpdate) => void;
}

export interface MetadataDeployResult {
  readonly id?: string;
  readonly status: MetadataDeployStatus;
  readonly components: readonly ComponentLine[];
  readonly failures: readonly ComponentFailure[];
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ProfileRetrieveRequest {
  readonly apiVersion: string;
  readonly profileName: string;
  /** What to retrieve under that name: a Profile (default) or a PermissionSet (integration route). */
  readonly type?: 'Profile' | 'PermissionSet';
  /** Objects whose permissions the profile manages (retrieved with it so the org returns those entries). */
  readonly objects: readonly string[];
  readonly pollFrequencyMs?: number;
}

export interface ProfileRetrieveResult {
  /** The retrieved profile file's text, or undefined when the org did not return it. */
  readonly profileXml: string | undefined;
  readonly problems: readonly string[];
}

export interface MetadataClient {
  deploy(request: MetadataDeployRequest): Promise<MetadataDeployResult>;
  retrieveProfile(request: ProfileRetrieveRequest): Promise<ProfileRetrieveResult>;
}

type Sdr = typeof import('@salesforce/source-deploy-retrieve');
type Connection = import('@salesforce/core').Connection;

function loadSdr(): Sdr {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@salesforce/source-deploy-retrieve') as Sdr;
}

export function sdrMetadataClient(conn: Connection): MetadataClient {
  return {
    deploy: (request) => deployWithSdr(conn, request),
    retrieveProfile: (request) => retrieveWithSdr(conn, request),
  };
}

async function deployWithSdr(conn: Connection, request: MetadataDeployRequest): Promise<MetadataDeployResult> {
  const { ComponentSet, ComponentStatus } = loadSdr();
  const cs = ComponentSet.fromSource({ fsPaths: [...request.fsPaths] });
  // Without this the zip's package.xml carries the org's highest version, not the project's (SDR's pre()).
  cs.sourceApiVersion = request.apiVersion;
  const components: ComponentLine[] = cs
    .getSourceComponents()
    .toArray()
    .map((c) => ({ type: c.type.name, fullName: c.fullName, state: 'Pending', ...(c.xml ? { filePath: c.xml } : {}) }));

  let operation: Awaited<ReturnType<typeof cs.deploy>>;
  try {
    operation = await cs.deploy({
      usernameOrConnection: conn,
      // No testLevel: production rejects NoTestRun, and a deploy without Apex runs no tests anyway.
      apiOptions: { rollbackOnError: true, checkOnly: request.checkOnly, rest: request.rest },
    });
  } catch (err) {
    return { status: 'Error', components, failures: [], error: describeError(err) };
  }
  const id = operation.id;
  if (id) request.onStarted?.(id);

  let result: Awaited<ReturnType<typeof operation.pollStatus>>;
  try {
    // Our own adaptive schedule (./polling) instead of SDR's fixed 1 s, then SDR's own post-processing of the result.
    const done = await pollUntilDone(operation, {
      timeoutMs: Math.max(1000, request.waitMinutes * 60_000),
      ...(request.pollFrequencyMs !== undefined ? { fixedMs: request.pollFrequencyMs } : {}),
      errorRetryLimit: Number(process.env['SF_METADATA_POLL_ERROR_RETRY_LIMIT'] ?? 1000) || 1000,
      onUpdate: (s) =>
        request.onUpdate?.({
          status: String(s.status ?? 'InProgress'),
          deployed: Number(s.numberComponentsDeployed ?? 0),
          total: Number(s.numberComponentsTotal ?? 0),
          errors: Number(s.numberComponentErrors ?? 0),
        }),
    });
    result = await (operation as unknown as { post(s: typeof done): Promise<typeof result> }).post(done);
  } catch (err) {
    const error = describeError(err);
    if (err instanceof PollTimeoutError || /timed out/i.test(error.message)) {
      return { ...(id ? { id } : {}), status: 'TimedOut', components: components.map((c) => ({ ...c, state: 'InProgress' })), failures: [], error };
    }
    return { ...(id ? { id } : {}), status: 'Error', components, failures: [], error };
  }

  const response = result.response;
  const files = result.getFileResponses();
  const failures: ComponentFailure[] = [];
  const lines: ComponentLine[] = [];
  for (const f of files) {
    if (f.state === ComponentStatus.Failed) {
      failures.push({
        type: f.type,
        fullName: f.fullName,
        ...(f.filePath ? { filePath: f.filePath } : {}),
        ...(f.lineNumber !== undefined ? { lineNumber: Number(f.lineNumber) } : {}),
        ...(f.columnNumber !== undefined ? { columnNumber: Number(f.columnNumber) } : {}),
        problem: f.error,
      });
    }
    if (!lines.some((l) => l.type === f.type && l.fullName === f.fullName)) {
      lines.push({ type: f.type, fullName: f.fullName, state: f.state, ...(f.filePath ? { filePath: f.filePath } : {}) });
    }
  }
  const status = String(response.status) as MetadataDeployStatus;
  const error =
    response.errorStatusCode || response.errorMessage
      ? { code: String(response.errorStatusCode ?? 'DeployFailed'), message: String(response.errorMessage ?? '') }
      : undefined;
  return {
    ...(id ? { id } : {}),
    status: status === 'Succeeded' || status === 'Failed' || status === 'Canceled' || status === 'SucceededPartial' ? status : 'Failed',
    components: lines.length ? lines : components.map((c) => ({ ...c, state: status })),
    failures,
    ...(error ? { error } : {}),
  };
}

async function retrieveWithSdr(conn: Connection, request: ProfileRetrieveRequest): Promise<ProfileRetrieveResult> {
  const { ComponentSet, ComponentStatus } = loadSdr();
  const cs = new ComponentSet([
    { fullName: request.profileName, type: request.type ?? 'Profile' },
    ...request.objects.map((o) => ({ fullName: o, type: 'CustomObject' })),
  ]);
  cs.sourceApiVersion = request.apiVersion;
  const output = await mkdtemp(join(tmpdir(), 'apionly-verify-'));
  try {
    const operation = await cs.retrieve({ usernameOrConnection: conn, output, merge: false });
    const result = await operation.pollStatus(request.pollFrequencyMs ?? (undefined as unknown as number), 600);
    const problems: string[] = [];
    let profileXml: string | undefined;
    for (const f of result.getFileResponses()) {
      if (f.state === ComponentStatus.Failed) {
        problems.push(`${f.type} ${f.fullName}: ${f.error}`);
        continue;
      }
      if (f.type === (request.type ?? 'Profile') && f.filePath && profileXml === undefined) profileXml = await readFile(f.filePath, 'utf8');
    }
    const response = result.response as { status?: unknown; errorMessage?: unknown };
    const status = String(response.status);
    if (status !== 'Succeeded') problems.push(`retrieve ${status}${response.errorMessage ? `: ${String(response.errorMessage)}` : ''}`);
    return { profileXml, problems };
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}
