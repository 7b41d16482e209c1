import type { Argv } from 'yargs';
import type { CliCommand } from '../command';
import type { CliIo, CommandOutcome } from '../output';

export interface OrgArgs {
  readonly action: string;
  readonly port: number;
  readonly state?: string;
  readonly sandbox: boolean;
  readonly edition?: string;
  readonly seats?: string;
  readonly fault?: readonly string[];
  readonly 'deploy-polls'?: number;
  readonly https?: boolean;
  readonly features?: string;
  readonly 'custom-objects'?: number;
  readonly 'fields-per-object'?: number;
  readonly 'cometd-timeout'?: number;
}

/** Typed options for `apionly org start`, from the flags (kebab-case flag -> camelCase field). */
export interface OrgStartOptions {
  readonly port: number;
  readonly statePath?: string;
  readonly kind: 'production' | 'sandbox';
  readonly edition?: string;
  readonly seats?: Readonly<Record<string, number>>;
  readonly faultJson: readonly string[];
  /** Status checks a deploy stays InProgress (Queued is always one). */
  readonly deployPolls: number;
  /** Serve HTTPS with a certificate made at start (trust it with NODE_EXTRA_CA_CERTS). */
  readonly https?: boolean;
  /** Org features switched on (or off with `Name=false`), e.g. { Orders: true, Quotes: true }. */
  readonly features?: Readonly<Record<string, boolean>>;
  /** Synthetic custom objects for scale. */
  readonly customObjects?: { readonly count: number; readonly fieldsPerObject: number };
  /** Seconds an idle CometD /meta/connect is held (Salesforce: 110). */
  readonly cometdTimeoutSeconds?: number;
}

export const orgCommand: CliCommand<OrgArgs> = {
  command: 'org <action>',
  describe: 'Run the emulated Salesforce org: `org start` serves it on 127.0.0.1 until Ctrl-C',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['start'] as const, describe: 'start: serve the emulated org until SIGINT/SIGTERM', type: 'string' })
      .options({
        port: { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0 = any free port)' },
        state: { type: 'string', describe: 'Keep the org in this JSON file across restarts (written atomically after each change)' },
        sandbox: { type: 'boolean', default: false, describe: 'Make the org a sandbox (IsSandbox true, NoTestRun allowed)' },
        edition: { type: 'string', describe: 'Organization.OrganizationType, e.g. "Enterprise Edition" (default) or "Developer Edition"' },
        seats: { type: 'string', describe: 'Licence seats (user licences by Name, permission set licences by DeveloperName), e.g. "Salesforce=10,Salesforce Integration=5,SalesforceAPIIntegrationPsl=5"' },
        fault: { type: 'string', array: true, describe: 'Inject faults: a JSON object or array, e.g. \'{"kind":"http-503","match":{"route":"query"}}\' (repeatable; also APIONLY_EMULATOR_FAULTS)' },
        'deploy-polls': { type: 'number', default: 2, describe: 'Status checks a deploy or retrieve reports InProgress before it completes' },
        https: { type: 'boolean', default: false, describe: 'Serve HTTPS with a certificate made at start by openssl (for `sf org login client-credentials`, which refuses HTTP); trust it with NODE_EXTRA_CA_CERTS=<certificatePath printed>' },
        features: { type: 'string', describe: 'Org features to switch on (Name=false switches off), e.g. "Orders,Quotes,FieldService" or "StreamingApi=false"' },
        'custom-objects': { type: 'number', describe: 'Add N synthetic custom objects (Obj0001__c …), for discover at scale' },
        'cometd-timeout': { type: 'number', describe: 'Seconds the Streaming API (CometD) holds an idle long poll before answering (default 110, as Salesforce; tests use a few)' },
        'fields-per-object': { type: 'number', default: 40, describe: 'Custom fields on each synthetic object (with --custom-objects): editable, formula, auto-number, required, lookup, master-detail …' },
      }),
  json: () => false,
  run: async (args, io) => {
    const options = toOrgStartOptions(args, io);
    return orgStart(options, io, waitForSignal(io));
  },
};

/** Maps and checks the flags; bad values are usage errors (exit 2). */
export function toOrgStartOptions(args: OrgArgs, io: CliIo): OrgStartOptions {
  const { UsageError } = require('../../errors') as typeof import('../../errors');
  const { resolve } = require('node:path') as typeof import('node:path');
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new UsageError('BadPort', `--port must be a whole number from 0 to 65535, got ${String(args.port)}.`, { actions: ['Use --port 0 for any free port.'] });
  }
  const polls = args['deploy-polls'] ?? 2;
  if (!Number.isInteger(polls) || polls < 0 || polls > 1000) {
    throw new UsageError('BadDeployPolls', `--deploy-polls must be a whole number from 0 to 1000, got ${String(polls)}.`);
  }
  const cometd = args['cometd-timeout'];
  if (cometd !== undefined && (!Number.isFinite(cometd) || cometd <= 0 || cometd > 600)) {
    throw new UsageError('BadCometdTimeout', `--cometd-timeout must be a number of seconds above 0 and at most 600, got ${String(cometd)}.`, { actions: ['Use --cometd-timeout 5 for quick test polls, or leave it out for 110.'] });
  }
  if (args.edition !== undefined && args.edition.trim() === '') {
    throw new UsageError('BadEdition', '--edition needs a value, e.g. --edition "Developer Edition".');
  }
  return {
    port: args.port,
    ...(args.state !== undefined ? { statePath: resolve(io.cwd, args.state) } : {}),
    kind: args.sandbox ? 'sandbox' : 'production',
    ...(args.edition !== undefined ? { edition: args.edition } : {}),
    ...(args.seats !== undefined ? { seats: parseSeats(args.seats) } : {}),
    faultJson: args.fault ?? [],
    deployPolls: polls,
    ...(args.https ? { https: true } : {}),
    ...(args.features !== undefined ? { features: parseFeatures(args.features) } : {}),
    ...(args['custom-objects'] !== undefined ? { customObjects: customObjectsOption(args['custom-objects'], args['fields-per-object'] ?? 40) } : {}),
    ...(cometd !== undefined ? { cometdTimeoutSeconds: cometd } : {}),
  };
}

/** "Orders,Quotes,StreamingApi=false" -> { Orders: true, Quotes: true, StreamingApi: false } (names are checked by the org). */
export function parseFeatures(text: string): Record<string, boolean> {
  const { UsageError } = require('../../errors') as typeof import('../../errors');
  const out: Record<string, boolean> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:=(true|false|on|off))?$/.exec(part);
    if (!m?.[1]) {
      throw new UsageError('BadFeatures', `--features: "${part}" is not a feature name (optionally =false).`, { actions: ['Example: --features Orders,Quotes or --features StreamingApi=false'] });
    }
    out[m[1]] = m[2] === undefined || m[2] === 'true' || m[2] === 'on';
  }
  return out;
}

function customObjectsOption(count: number, fieldsPerObject: number): { count: number; fieldsPerObject: number } {
  const { UsageError } = require('../../errors') as typeof import('../../errors');
  if (!Number.isInteger(count) || count < 0 || count > 20000) {
    throw new UsageError('BadCustomObjects', `--custom-objects must be a whole number from 0 to 20000, got ${String(count)}.`);
  }
  if (!Number.isInteger(fieldsPerObject) || fieldsPerObject < 0 || fieldsPerObject > 800) {
    throw new UsageError('BadFieldsPerObject', `--fields-per-object must be a whole number from 0 to 800 (Salesforce's custom field limit), got ${String(fieldsPerObject)}.`);
  }
  return { count, fieldsPerObject };
}

/** "Salesforce=10,Salesforce Integration=5" -> { Salesforce: 10, 'Salesforce Integration': 5 }. */
export function parseSeats(text: string): Record<string, number> {
  const { UsageError } = require('../../errors') as typeof import('../../errors');
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([^=]+?)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m?.[1] || m[2] === undefined) {
      throw new UsageError('BadSeats', `--seats: "${part}" is not LICENCE=NUMBER.`, { actions: ['Example: --seats "Salesforce=10,Salesforce Integration=5"'] });
    }
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** Resolves on the first SIGINT or SIGTERM. */
function waitForSignal(io: CliIo): Promise<string> {
  return new Promise((resolveSignal) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      io.stderr.write(`${signal} received, stopping the emulated org\n`);
      resolveSignal(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Starts the emulated org, prints exactly one JSON line on stdout (instanceUrl, accessToken, username,
 * orgId of the first org), logs to stderr, serves until `stop` resolves, then closes and resolves status 0.
 */
export async function orgStart(options: OrgStartOptions, io: CliIo, stop: Promise<unknown>): Promise<CommandOutcome> {
  const { InputError, OperationError, UsageError } = require('../../errors') as typeof import('../../errors');
  const emulator = require('../../emulator') as typeof import('../../emulator');
  const faults = [];
  try {
    for (const [i, json] of options.faultJson.entries()) faults.push(...emulator.parseFaultList(json, `--fault #${i + 1}`));
  } catch (err) {
    throw new UsageError('BadFault', err instanceof Error ? err.message : String(err), {
      actions: [`Fault kinds: ${emulator.FAULT_KINDS.join(', ')}. Example: --fault '{"kind":"http-503","count":1,"match":{"soapMethod":"checkDeployStatus"}}'`],
    });
  }
  let running: Awaited<ReturnType<typeof emulator.startEmulatedOrg>>;
  try {
    running = await emulator.startEmulatedOrg({
      port: options.port,
      ...(options.statePath !== undefined ? { statePath: options.statePath } : {}),
      orgs: [{
        kind: options.kind, ...(options.edition !== undefined ? { edition: options.edition } : {}), ...(options.seats ? { seats: options.seats } : {}),
        ...(options.features ? { features: options.features } : {}), ...(options.customObjects ? { customObjects: options.customObjects } : {}),
      }],
      faults,
      deployTiming: { queuedPolls: 1, inProgressPolls: options.deployPolls },
      env: io.env,
      log: (line) => io.stderr.write(`${line}\n`),
      ...(options.https ? { https: true } : {}),
      ...(options.cometdTimeoutSeconds !== undefined ? { cometd: { timeoutMs: Math.round(options.cometdTimeoutSeconds * 1000) } } : {}),
    });
  } catch (err) {
    if (err instanceof emulator.EmulatorStateError) {
      throw new InputError('BadStateFile', [{ file: err.statePath, location: '', message: err.message, fix: 'Fix the file, or delete it to start a fresh org.' }], { cause: err });
    }
    if (err instanceof emulator.EmulatorStartError) {
      if (err.code === 'BadFault') throw new UsageError('BadFault', err.message, { cause: err });
      throw new OperationError(err.code, err.message, { cause: err });
    }
    if (err instanceof emulator.SalesforceError) throw new UsageError('BadOrgOptions', `The org options were refused: ${err.message}`, { cause: err });
    throw err;
  }
  const first = running.orgs[0];
  io.stdout.write(
    `${JSON.stringify({ instanceUrl: running.instanceUrl, accessToken: first?.accessToken, username: first?.username, orgId: first?.orgId, ...(running.certificatePath ? { certificatePath: running.certificatePath } : {}) })}\n`,
  );
  const token = first?.accessToken ?? '';
  io.stderr.write(
    [
      'Emulated org ready (no real Salesforce org is involved).',
      `  apionly:  SF_ORG_INSTANCE_URL=${running.instanceUrl} apionly deploy --target-org '${token}'`,
      `  sf CLI:   SF_ORG_INSTANCE_URL=${running.instanceUrl} FORCE_SFDC_LOGIN_URL=https://login.salesforce.com sf project deploy start --target-org '${token}'`,
      ...(running.certificatePath ? [`  HTTPS:    trust the certificate in every client process: NODE_EXTRA_CA_CERTS=${running.certificatePath}`] : []),
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  await stop;
  await running.close();
  return { status: 0, result: { instanceUrl: running.instanceUrl, orgId: first?.orgId }, warnings: [], human: [] };
}
