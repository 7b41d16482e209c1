/**
 * SOAP envelope reading and writing for the Metadata API endpoint (/services/Soap/m/{v}).
 * What jsforce sends and what it accepts back is in reference/wire-protocol.md §3.1–§3.4:
 * responses are text/xml with prefixed Envelope and Body, the response element in the metadata namespace,
 * and faults are HTTP 500 with <faultcode>sf:CODE</faultcode>.
 */
import { XMLParser } from 'fast-xml-parser';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const SOAPENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Elements that may repeat in Metadata API requests, always parsed as arrays. */
const REPEATED = new Set(['types', 'members', 'runTests', 'queries', 'packageNames', 'specificFiles']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export interface SoapRequest {
  readonly method: string;
  readonly sessionId: string | undefined;
  readonly args: Record<string, unknown>;
}

export class SoapParseError extends Error {}

/** Parses a SOAP request; the method is the first child of Body (wire-protocol §3.1). */
export function parseSoapRequest(xml: string): SoapRequest {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new SoapParseError(`Could not parse the SOAP request: ${err instanceof Error ? err.message : String(err)}`);
  }
  const envelope = doc['Envelope'];
  if (typeof envelope !== 'object' || envelope === null) throw new SoapParseError('The request has no SOAP Envelope.');
  const env = envelope as Record<string, unknown>;
  const body = env['Body'];
  if (typeof body !== 'object' || body === null) throw new SoapParseError('The SOAP Envelope has no Body.');
  const method = Object.keys(body)[0];
  if (!method) throw new SoapParseError('The SOAP Body is empty.');
  const rawArgs = (body as Record<string, unknown>)[method];
  const args = typeof rawArgs === 'object' && rawArgs !== null ? (rawArgs as Record<string, unknown>) : {};
  const header = env['Header'];
  let sessionId: string | undefined;
  if (typeof header === 'object' && header !== null) {
    const sh = (header as Record<string, unknown>)['SessionHeader'];
    if (typeof sh === 'object' && sh !== null) {
      const sid = (sh as Record<string, unknown>)['sessionId'];
      if (typeof sid === 'string' && sid !== '') sessionId = sid;
    }
  }
  return { method, sessionId, args };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A value as XML elements: objects become nested elements (in key order), arrays repeat the element,
 * undefined is left out, null becomes xsi:nil, booleans and numbers their text.
 */
export function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // Keys starting with '@' are attributes (readMetadata's xsi:type).
    const attrs = entries.filter(([k]) => k.startsWith('@')).map(([k, v]) => ` ${k.slice(1)}="${escapeXml(String(v))}"`).join('');
    const inner = entries.filter(([k]) => !k.startsWith('@'))
      .map(([k, v]) => toXml(k, v))
      .join('');
    return `<${name}${attrs}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns="${METADATA_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** `<methodResponse>` with one `<result>` (or several when `result` is an array; none when it is empty). */
export function soapResponse(method: string, result: unknown): string {
  return envelope(`<${method}Response>${toXml('result', result)}</${method}Response>`);
}

/** A SOAP fault (wire-protocol §3.4). `faultcode` is e.g. 'sf:INVALID_SESSION_ID'. */
export function soapFault(faultcode: string, faultstring: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns:sf="${METADATA_NS}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

/** Reads a SOAP boolean argument ('true'/'false'); undefined when absent. */
export function soapBool(args: Record<string, unknown>, name: string): boolean | undefined {
  const v = args[name];
  if (v === undefined || v === '') return undefined;
  return String(v).trim() === 'true';
}

export function soapString(args: Record<string, unknown>, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  return String(v);
}

export function soapList(args: Record<string, unknown>, name: string): unknown[] {
  const v = args[name];
  if (v === undefined || v === '') return [];
  return Array.isArray(v) ? v : [v];
}
