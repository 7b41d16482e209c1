/** Small HTTP helpers shared by the REST, SOAP and admin handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamingHub } from './cometd/hub';
import type { EmulatedOrg, EmulatedWorld } from '../model/api';
import type { FaultRegistry } from './faults';
import type { JobStore } from './jobs';
import type { QueryCursors } from './queryCursors';

/** REST/SOAP JSON content type, as Salesforce sends it (wire-protocol §5). */
export const JSON_TYPE = 'application/json;charset=UTF-8';

export interface ServerContext {
  readonly world: EmulatedWorld;
  readonly faults: FaultRegistry;
  readonly jobs: JobStore;
  /** Open SOQL cursors (paging). */
  readonly queries: QueryCursors;
  /** Marks the world changed, so the state file is rewritten after this request. */
  readonly markDirty: () => void;
  readonly log: (line: string) => void;
  /** The CometD endpoint and its sessions (Streaming API). */
  readonly streaming?: StreamingHub;
}

export interface Request {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly url: URL;
  readonly path: string;
  readonly body: Buffer;
}

export interface Reply {
  readonly status: number;
  /** A list value sends the header once per item (Set-Cookie). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string | Buffer;
  /** Set by handlers for logging and fault matching after the fact. */
  readonly note?: string;
}

export function json(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(body) };
}

export function noContent(): Reply {
  return { status: 204, headers: {}, body: '' };
}

export function xml(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body };
}

/** Salesforce's REST error body: an array of {message, errorCode[, fields]}. */
export function restError(status: number, errorCode: string, message: string, fields?: readonly string[]): Reply {
  return json(status, [{ message, errorCode, ...(fields !== undefined ? { fields } : {}) }]);
}

/** What Salesforce answers for an unknown resource (wire-protocol §1, §12.6). */
export function notFound(): Reply {
  return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The org behind a REST Bearer (or OAuth) token; undefined for a missing or unknown token. */
export function orgForBearer(ctx: ServerContext, req: Request): EmulatedOrg | undefined {
  const header = req.raw.headers['authorization'];
  if (typeof header !== 'string') return undefined;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return undefined;
  return ctx.world.orgForToken(m[1].trim());
}

/** The REST answer for a bad or missing token (wire-protocol §3.4: final, no refresh). */
export function invalidSession(): Reply {
  return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

export function compareVersions(a: string, b: string): number {
  return Number.parseFloat(a) - Number.parseFloat(b);
}
