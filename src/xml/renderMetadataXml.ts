import { InternalError } from '../errors';
import { ELEMENT_NAME, METADATA_NS, XML_DECLARATION, type MetadataDocument, type XmlElement } from './model';
import { sortDocument } from './sortElements';

const INDENT = '    ';

/**
 * Canonical bytes: XML declaration line, root with xmlns, known types' element order (WSDL), list entries sorted by key
 * in byte order, child elements in WSDL order, 4-space indent, LF, final newline (facts a.1–a.4; SDR writes the same
 * shape with fast-xml-parser `format: true, indentBy: '    '` after `XML_DECL`). Text is written raw, as given.
 * Empty elements are self-closing (`<loginHours/>`). Comments are written on their own line at the element's indent.
 */
export function renderMetadataXml(doc: MetadataDocument): string {
  assertName(doc.type);
  const sorted = sortDocument(doc);
  const lines: string[] = [XML_DECLARATION];
  for (const c of sorted.comments ?? []) lines.push(comment(c, ''));
  lines.push(`<${sorted.type} xmlns="${METADATA_NS}">`);
  // One flat string per top-level element: a profile can hold 200,000 entries, and keeping every line (a cons
  // string) alive until the final join more than doubled the peak memory of generate (npm run bench).
  const chunk: string[] = [];
  for (const child of sorted.children) {
    renderElement(child, INDENT, chunk);
    lines.push(chunk.join('\n'));
    chunk.length = 0;
  }
  for (const c of sorted.endComments ?? []) lines.push(comment(c, INDENT));
  lines.push(`</${sorted.type}>`);
  for (const c of sorted.trailingComments ?? []) lines.push(comment(c, ''));
  return `${lines.join('\n')}\n`;
}

function renderElement(element: XmlElement, indent: string, lines: string[]): void {
  const { name } = element;
  assertName(name);
  for (const c of element.comments ?? []) lines.push(comment(c, indent));
  const children = element.children ?? [];
  const hasText = element.text !== undefined && element.text !== '';
  if (hasText && (children.length > 0 || element.endComments?.length)) {
    throw new InternalError(`renderMetadataXml: <${name}> has both text and child elements`);
  }
  if (children.length === 0 && !element.endComments?.length) {
    lines.push(hasText ? `${indent}<${name}>${element.text}</${name}>` : `${indent}<${name}/>`);
    return;
  }
  lines.push(`${indent}<${name}>`);
  for (const child of children) renderElement(child, indent + INDENT, lines);
  for (const c of element.endComments ?? []) lines.push(comment(c, indent + INDENT));
  lines.push(`${indent}</${name}>`);
}

function comment(body: string, indent: string): string {
  if (body.includes('--') || body.endsWith('-')) {
    throw new InternalError(`renderMetadataXml: comment ${JSON.stringify(body)} contains "--" or ends with "-"`);
  }
  return `${indent}<!--${body}-->`;
}

/** Parsed files are checked by the parser; these guards catch builder bugs (bad names, mixed content). */
function assertName(name: string): void {
  if (!ELEMENT_NAME.test(name)) {
    throw new InternalError(`renderMetadataXml: ${JSON.stringify(name)} is not a valid element name`);
  }
}
