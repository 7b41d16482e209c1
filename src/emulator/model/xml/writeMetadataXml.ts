import type { XmlValue } from '../state';
import { METADATA_NS } from './parseMetadataXml';

/** An ordered element list: [name, text or children]. */
export type OrderedNode = readonly (readonly [string, string | OrderedNode])[];

/** Text escaping as in Salesforce's retrieved files: & < > always, quotes as entities. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function writeChildren(children: OrderedNode, depth: number, out: string[]): void {
  const pad = '    '.repeat(depth);
  for (const [name, value] of children) {
    if (typeof value === 'string') out.push(`${pad}<${name}>${escapeXml(value)}</${name}>`);
    else if (value.length === 0) out.push(`${pad}<${name}/>`);
    else {
      out.push(`${pad}<${name}>`);
      writeChildren(value, depth + 1, out);
      out.push(`${pad}</${name}>`);
    }
  }
}

/** Canonical metadata bytes: XML declaration, xmlns root, 4-space indentation, LF, final newline. */
export function writeMetadataXml(rootName: string, children: OrderedNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<${rootName} xmlns="${METADATA_NS}">`];
  writeChildren(children, 1, out);
  out.push(`</${rootName}>`);
  return out.join('\n') + '\n';
}

/** Converts a parsed, unmodelled element into ordered form: child elements in alphabetical (WSDL sequence) order. */
export function toOrdered(value: XmlValue): string | OrderedNode {
  if (typeof value === 'string') return value;
  const out: (readonly [string, string | OrderedNode])[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = value[key] as XmlValue | readonly XmlValue[];
    for (const item of Array.isArray(v) ? (v as readonly XmlValue[]) : [v as XmlValue]) out.push([key, toOrdered(item)]);
  }
  return out;
}
