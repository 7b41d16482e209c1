import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlValue } from '../state';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export type XmlNode = { readonly [key: string]: XmlValue | readonly XmlValue[] };

export interface ParsedXml {
  readonly rootName: string;
  readonly root: XmlNode;
  readonly text: string;
}

export interface XmlProblem {
  readonly problem: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses one metadata file; a malformed document is a problem with the parser's line and column. */
export function parseMetadataXml(bytes: Buffer | string): ParsedXml | XmlProblem {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // Salesforce answers a malformed file with "Error parsing file: <parser message>" and its position.
    return { problem: `Error parsing file: ${valid.err.msg}`, lineNumber: valid.err.line, columnNumber: valid.err.col };
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const names = Object.keys(doc);
  if (names.length !== 1) return { problem: 'Error parsing file: the document must have exactly one root element' };
  const rootName = names[0] as string;
  const value = doc[rootName];
  const root = (typeof value === 'object' && value !== null ? value : {}) as XmlNode;
  return { rootName, root, text };
}

export function isProblem(x: ParsedXml | XmlProblem): x is XmlProblem {
  return 'problem' in x;
}

export function asList(v: XmlValue | readonly XmlValue[] | undefined): readonly XmlValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly XmlValue[]) : [v as XmlValue];
}

export function textOf(v: XmlValue | readonly XmlValue[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return textOf(v[0] as XmlValue | undefined);
  return typeof v === 'string' ? v : undefined;
}

export function childText(node: XmlValue, key: string): string | undefined {
  if (typeof node === 'string') return undefined;
  return textOf(node[key] as XmlValue | readonly XmlValue[] | undefined);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeXmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Line and column (1-based) of the start tag of the `occurrence`-th `<element>` whose body holds `<keyTag>keyValue</keyTag>`
 * (or of the first `<element>` when no key is given). Salesforce reports the position of the offending element.
 */
export function locate(text: string, element: string, keyTag?: string, keyValue?: string): { lineNumber: number; columnNumber: number } | undefined {
  let index = -1;
  if (keyTag !== undefined && keyValue !== undefined) {
    const variants = [keyValue, escapeXmlText(keyValue)];
    for (const v of variants) {
      const m = new RegExp(`<${escapeRe(keyTag)}>\\s*${escapeRe(v)}\\s*</${escapeRe(keyTag)}>`).exec(text);
      if (m) {
        const start = text.lastIndexOf(`<${element}>`, m.index);
        index = start >= 0 ? start : m.index;
        break;
      }
    }
  } else {
    const m = new RegExp(`<${escapeRe(element)}[\\s/>]`).exec(text);
    if (m) index = m.index;
  }
  if (index < 0) return undefined;
  const before = text.slice(0, index);
  const lineNumber = before.split('\n').length;
  const columnNumber = index - before.lastIndexOf('\n');
  return { lineNumber, columnNumber };
}
