/**
 * The emulated org's HTTP server: one node:http server on loopback that answers the REST API, the SOAP
 * Metadata API and the /__emulator admin endpoints, applies injected faults, and persists the world.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeCertificate, TlsSetupError } from './tls';
import type { AddressInfo } from 'node:net';
import { createWorld as defaultCreateWorld } from '../model';
import type { CreateWorld, EmulatedWorld, OrgIdentity, OrgOptions } from '../model/api';
import { handleAdmin } from './admin';
import { CallDescriptor, FaultController, FaultRegistry, FaultSpec, FaultSpecError, parseFaultList } from './faults';
import { notFound, readBody, Reply, Request, restError, sendReply, ServerContext } from './http';
import { JobStore, JobTiming } from './jobs';
import { COMETD_PATH, StreamingHub, type CometdOptions } from './cometd/hub';
import { QueryCursors } from './queryCursors';
import { matchRest, Route } from './rest';
import { faultReply, handleSoap, peekSoap } from './soap';
import { EmulatorStateError, readState, writeState } from './state';

export interface StartEmulatedOrgOptions {
  /** 0 (default) = any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Persist the world here (atomically, after each change) and load it on start. */
  readonly statePath?: string;
  /** The orgs to create when there is no state to load; default one production org. */
  readonly orgs?: readonly OrgOptions[];
  /** Faults active from the start (also read from APIONLY_EMULATOR_FAULTS when `env` is given). */
  readonly faults?: readonly FaultSpec[];
  /** How many status checks a deploy/retrieve stays Queued and InProgress; default {queuedPolls: 1, inProgressPolls: 1}. */
  readonly deployTiming?: Partial<JobTiming>;
  /** One line per request and event; default silent. */
  readonly log?: (line: string) => void;
  /** Environment to read APIONLY_EMULATOR_FAULTS from (the CLI passes process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Inject a world (tests); otherwise the model's createWorld builds one. */
  readonly world?: EmulatedWorld;
  /** Inject the world factory (tests); default the model's createWorld. */
  readonly createWorld?: CreateWorld;
  /** The CometD endpoint: how long a long poll is held (default 110 s, as Salesforce; tests use a few seconds), session expiry. */
  readonly cometd?: CometdOptions;
  /**
   * Serve HTTPS with a certificate made at start (openssl), for clients that refuse HTTP (`sf org login
   * client-credentials`). `true`: in a new temporary folder; `{ certDir }`: in that folder. Clients trust it with
   * NODE_EXTRA_CA_CERTS=<certificatePath>.
   */
  readonly https?: boolean | { readonly certDir: string };
}

export interface RunningEmulatedOrg {
  /** http://127.0.0.1:PORT (https:// with the `https` option) */
  readonly instanceUrl: string;
  /** With `https`: the certificate (PEM) to trust through NODE_EXTRA_CA_CERTS. */
  readonly certificatePath?: string;
  readonly port: number;
  readonly orgs: readonly OrgIdentity[];
  readonly world: EmulatedWorld;
  readonly faults: FaultController;
  /** The Streaming API endpoint: sessions for other users (`streaming.sessions.open(org, userId)`). */
  readonly streaming: StreamingHub;
  /** Stops listening, drops open connections, writes the state one last time. */
  close(): Promise<void>;
}

/** A start-up problem the caller should show as is (bad state file, bad fault spec, port in use). */
export class EmulatorStartError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmulatorStartError';
  }
}

export const FAULTS_ENV = 'APIONLY_EMULATOR_FAULTS';


export async function startEmulatedOrg(options: StartEmulatedOrgOptions = {}): Promise<RunningEmulatedOrg> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';

  // Faults first: a bad spec fails the start before anything listens or is written.
  const faults = new FaultRegistry();
  try {
    for (const spec of options.faults ?? []) faults.add(spec);
    const fromEnv = options.env?.[FAULTS_ENV];
    if (fromEnv !== undefined && fromEnv.trim() !== '') for (const spec of parseFaultList(fromEnv, FAULTS_ENV)) faults.add(spec);
  } catch (err) {
    if (err instanceof FaultSpecError) throw new EmulatorStartError('BadFault', err.message, { cause: err });
    throw err;
  }

  const world = options.world ?? loadWorld(options, log);
  let lastSaved: string | undefined;
  const save = (): void => {
    if (!options.statePath) return;
    const state = world.toJSON();
    const snapshot = JSON.stringify(state);
    if (snapshot === lastSaved) return;
    writeState(options.statePath, state);
    lastSaved = snapshot;
  };
  save();

  let dirty = false;
  const markDirty = (): void => {
    dirty = true;
  };
  const timing: JobTiming = {
    queuedPolls: options.deployTiming?.queuedPolls ?? 1,
    inProgressPolls: options.deployTiming?.inProgressPolls ?? 1,
  };
  const jobs = new JobStore(faults, timing, markDirty);
  const streaming = new StreamingHub(world, options.cometd);
  const ctx: ServerContext = { world, faults, jobs, queries: new QueryCursors(), markDirty, log, streaming };

  let tls: ReturnType<typeof makeCertificate> | undefined;
  if (options.https) {
    try {
      tls = makeCertificate(typeof options.https === 'object' ? options.https.certDir : undefined);
    } catch (err) {
      if (err instanceof TlsSetupError) throw new EmulatorStartError('TlsSetupFailed', err.message, { cause: err });
      throw err;
    }
  }
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    handle(ctx, req, res)
      .then((summary) => {
        if (dirty) {
          dirty = false;
          try {
            save();
          } catch (err) {
            log(`state: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        log(`${req.method} ${req.url} ${summary} (${Date.now() - started} ms)`);
      })
      .catch((err: unknown) => {
        log(`${req.method} ${req.url} -> internal error: ${err instanceof Error ? err.stack : String(err)}`);
        if (!res.headersSent && !res.destroyed) {
          // A bug in the emulator. Salesforce's own answer for its internal errors is 500 UNKNOWN_EXCEPTION.
          sendReply(res, restError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred in the emulated org: ${err instanceof Error ? err.message : String(err)}`));
        }
      });
  };
  const server: Server = tls ? (createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest) as unknown as Server) : createServer(onRequest);
  // Clients keep connections alive between polls; don't let that hold up close().
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        new EmulatorStartError(
          err.code === 'EADDRINUSE' ? 'PortInUse' : 'ListenFailed',
          err.code === 'EADDRINUSE'
            ? `Port ${options.port ?? 0} on ${host} is already in use. Pick another --port, or 0 for any free port.`
            : `Cannot listen on ${host}:${options.port ?? 0}: ${err.message}`,
          { cause: err },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const instanceUrl = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`emulated org listening on ${instanceUrl} (${world.orgs.length} org(s))`);

  let closed: Promise<void> | undefined;
  return {
    instanceUrl,
    ...(tls ? { certificatePath: tls.certificatePath } : {}),
    port,
    orgs: world.orgs.map((o) => o.identity),
    world,
    faults,
    streaming,
    close: () => {
      closed ??= (streaming.close(), closeServer(server)).then(() => {
        save();
        // A certificate made in a temporary folder goes with the server (one in --cert-dir style folders stays).
        if (tls && options.https === true) rmSync(dirname(tls.certificatePath), { recursive: true, force: true });
        log('emulated org stopped');
      });
      return closed;
    },
  };
}

function loadWorld(options: StartEmulatedOrgOptions, log: (line: string) => void): EmulatedWorld {
  const createWorld = options.createWorld ?? defaultCreateWorld;
  const state = options.statePath ? readState(options.statePath) : undefined;
  if (state !== undefined) {
    try {
      const world = createWorld({ state });
      log(`state loaded from ${options.statePath}`);
      if (options.orgs?.length) log('state file exists: its orgs are used and the org options are ignored');
      return world;
    } catch (err) {
      throw new EmulatorStateError(
        options.statePath ?? '',
        `The emulated org state file ${options.statePath} could not be loaded: ${err instanceof Error ? err.message : String(err)}. Fix or delete it (deleting starts a fresh org).`,
        { cause: err },
      );
    }
  }
  return createWorld({ orgs: options.orgs?.length ? options.orgs : [{ kind: 'production' }] });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const SOAP_PATH = /^\/services\/Soap\/m\/(\d+\.\d)\/?$/;

interface Dispatch {
  readonly call: CallDescriptor;
  readonly run: () => Promise<Reply>;
}

function route(ctx: ServerContext, req: Request): Dispatch | undefined {
  const cometd = COMETD_PATH.exec(req.path);
  if (cometd && ctx.streaming) {
    const hub = ctx.streaming;
    return { call: { route: 'cometd' }, run: () => hub.handle(req, cometd[1] ?? '') };
  }
  const soap = SOAP_PATH.exec(req.path);
  if (soap) {
    const version = soap[1] ?? '';
    if (req.method !== 'POST') return { call: { route: 'soap' }, run: async () => faultReply('soapenv:Client', 'SOAP requests must be POSTed.') };
    const parsed = peekSoap(req.body);
    const soapMethod = parsed instanceof Error ? undefined : parsed.method;
    return {
      call: { route: 'soap', ...(soapMethod ? { soapMethod } : {}) },
      run: () => handleSoap(ctx, version, parsed),
    };
  }
  const rest: Route | undefined = matchRest(req.method, req.path, req.url);
  if (rest) return { call: rest.call, run: () => rest.handle(ctx, req) };
  return undefined;
}

async function handle(ctx: ServerContext, raw: IncomingMessage, res: ServerResponse): Promise<string> {
  const body = await readBody(raw);
  // `//services/data`: a saved auth whose instanceUrl ends in '/' (sf org login access-token --instance-url
  // http://127.0.0.1:PORT/) makes clients double the slash; serve it like the single-slash path.
  const url = new URL((raw.url ?? '/').replace(/^\/{2,}/, '/'), 'http://emulated.invalid');
  const req: Request = { raw, method: (raw.method ?? 'GET').toUpperCase(), url, path: url.pathname.replace(/\/{2,}/g, '/'), body };

  if (req.path.startsWith('/__emulator/') || req.path === '/__emulator') {
    const reply = handleAdmin(ctx, req);
    sendReply(res, reply);
    return `-> ${reply.status} (admin)`;
  }

  const d = route(ctx, req);
  const call: CallDescriptor = d?.call ?? { route: 'unknown' };
  const label = [call.route, call.soapMethod, call.sobject].filter(Boolean).join(' ');

  let delay = 0;
  for (const f of ctx.faults.takeAll('slow', call)) delay += f.delayMs ?? 1000;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));

  const fault = ctx.faults.take(['drop', 'http-500', 'http-503', 'soap-fault'], call, (f) => f.kind !== 'soap-fault' || call.route === 'soap');
  if (fault) {
    switch (fault.kind) {
      case 'drop':
        res.socket?.destroy();
        raw.socket.destroy();
        return `${label} -> dropped (fault)`;
      case 'http-500':
      case 'http-503': {
        const status = fault.kind === 'http-500' ? 500 : 503;
        // An HTML body like a load balancer's: jsforce reports it as ERROR_HTTP_<status>, which SDR's
        // poller treats as transient for 502/503 (wire-protocol §8).
        sendReply(res, {
          status,
          headers: { 'Content-Type': 'text/html' },
          body: `<html><body><h1>${status} ${status === 500 ? 'Internal Server Error' : 'Service Unavailable'}</h1><p>Emulated fault</p></body></html>`,
        });
        return `${label} -> ${status} (fault)`;
      }
      case 'soap-fault': {
        const code = fault.faultcode ?? 'sf:UNKNOWN_EXCEPTION';
        const bare = code.includes(':') ? code.slice(code.indexOf(':') + 1) : code;
        sendReply(res, faultReply(code, fault.faultstring ?? `${bare}: emulated fault`));
        return `${label} -> SOAP fault ${code} (fault)`;
      }
      default:
        break;
    }
  }

  const reply = d ? await d.run() : notFound();
  sendReply(res, reply);
  return `${label} -> ${reply.status}`;
}

export { EmulatorStateError };
