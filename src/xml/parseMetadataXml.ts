import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors';
import { ELEMENT_NAME, METADATA_NS, type MetadataDocument, type XmlElement } from './model';

/**
 * The one place that holds fast-xml-parser settings for metadata files (STYLE 8).
 * - `preserveOrder`: children in file order, repeated elements interleaved as written.
 * - `processEntities: false`, `parseTagValue: false`: text stays RAW (`&apos;` stays `&apos;`), so a canonical file
 *   round-trips byte for byte.
 * - `trimValues: false`: meaningful leading/trailing spaces in a value are kept; whitespace-only text between
 *   elements is dropped here (it is only indentation).
 * - comments and CDATA are reported as their own nodes so nothing is lost.
 */
const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
} as const;

const FIX_MALFORMED = 'Fix the XML at that position (an editor with XML support shows the problem), then run the command again.';

/**
 * Parses a metadata XML file; throws InputError (code 'MalformedXml', exit 2) naming file, line, column and problem.
 *
 * Decisions (documented for users in the format command's help):
 * - Comments are kept: a comment belongs to the element that follows it and moves with it when entries are sorted;
 *   comments after the last child of an element stay at its end; comments before/after the root stay there.
 * - Only the root may have attributes, and only `xmlns` = the metadata namespace (added when missing).
 * - An element holds either text or child elements, never both (metadata has no mixed content).
 * - CRLF and CR line ends are read as LF (XML 1.0 §2.11); a UTF-8 byte order mark is ignored.
 * - DOCTYPE declarations, processing instructions other than the declaration, namespace prefixes and entity
 *   references other than the five XML ones and numeric ones are refused.
 */
export function parseMetadataXml(text: string, file: string): MetadataDocument {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = lineStarts(source);
  const fail = (offsetOrLine: Position, message: string, fix: string = FIX_MALFORMED): never => {
    throw malformed(file, offsetOrLine.line, offsetOrLine.column, message, fix);
  };

  const valid = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const fix = msg.includes("'&'") ? 'Write a literal "&" as "&amp;".' : msg.includes("'<'") ? 'Write a literal "<" as "&lt;".' : FIX_MALFORMED;
    fail({ line: line ?? 1, column: col ?? 1 }, msg, fix);
  }

  const masked = scanLexically(source, (offset, message, fix) => fail(positionOf(lines, offset), message, fix));
  const tagOffsets = startTagOffsets(masked);

  const parsed = new XMLParser(PARSER_OPTIONS).parse(source) as unknown as Node[];
  const cursor = { next: 0 };
  const position = (): Position => positionOf(lines, tagOffsets[cursor.next++] ?? 0);

  let root: { name: string; element: XmlElement; attrs: Record<string, string>; at: Position } | undefined;
  const before: string[] = [];
  const after: string[] = [];
  for (const node of parsed) {
    const kind = nodeKind(node);
    if (kind.type === 'text') {
      if (kind.value.trim() !== '') fail(positionOf(lines, source.lastIndexOf(kind.value.trim())), 'text is not allowed outside the root element');
      continue;
    }
    if (kind.type === 'comment') {
      (root ? after : before).push(kind.value);
      continue;
    }
    if (kind.type === 'cdata') fail(positionOf(lines, source.indexOf('<![CDATA[')), 'CDATA is not allowed outside the root element');
    if (kind.type === 'pi') fail(positionOf(lines, Math.max(0, source.indexOf('<?', 1))), `processing instruction <?${kind.name.slice(1)}?> is not allowed in metadata files`, 'Remove it.');
    if (kind.type === 'element') {
      const at = position();
      if (root) fail(at, `a second root element <${kind.name}> after <${root.name}>; a metadata file has exactly one root`);
      const element = convert(kind, at, fail, position);
      root = { name: kind.name, element, attrs: kind.attrs, at };
    }
  }
  if (!root) return fail({ line: 1, column: 1 }, 'no root element');

  for (const [attr, value] of Object.entries(root.attrs)) {
    if (attr === 'xmlns') {
      if (value !== METADATA_NS) {
        fail(root.at, `the root element's namespace is "${value}", not the Metadata API namespace`, `Use xmlns="${METADATA_NS}".`);
      }
      continue;
    }
    fail(root.at, `unexpected attribute ${attr}="${value}" on the root element <${root.name}>`, `Remove the attribute; Salesforce writes only xmlns="${METADATA_NS}".`);
  }
  if (root.element.text !== undefined && root.element.text.trim() !== '') fail(root.at, `the root element <${root.name}> holds text; it must hold elements`);

  return {
    type: root.name,
    children: root.element.children ?? [],
    ...(before.length ? { comments: before } : {}),
    ...(root.element.endComments?.length ? { endComments: root.element.endComments } : {}),
    ...(after.length ? { trailingComments: after } : {}),
  };
}

interface Position {
  readonly line: number;
  readonly column: number;
}

type Node = Record<string, unknown>;
type Kind =
  | { type: 'text'; value: string }
  | { type: 'comment'; value: string }
  | { type: 'cdata'; value: string }
  | { type: 'pi'; name: string }
  | { type: 'element'; name: string; content: Node[]; attrs: Record<string, string> };

function nodeKind(node: Node): Kind {
  if ('#text' in node) return { type: 'text', value: String(node['#text']) };
  if ('#comment' in node) return { type: 'comment', value: innerText(node['#comment']) };
  if ('#cdata' in node) return { type: 'cdata', value: innerText(node['#cdata']) };
  const name = Object.keys(node).find((k) => k !== ':@') ?? '';
  if (name.startsWith('?')) return { type: 'pi', name };
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k.replace(/^@_/, '')] = String(v);
  return { type: 'element', name, content: (node[name] ?? []) as Node[], attrs };
}

function innerText(value: unknown): string {
  return Array.isArray(value) ? value.map((v: Node) => String(v['#text'] ?? '')).join('') : '';
}

function convert(
  kind: Extract<Kind, { type: 'element' }>,
  at: Position,
  fail: (at: Position, message: string, fix?: string) => never,
  position: () => Position,
  isRoot = true,
): XmlElement {
  if (!ELEMENT_NAME.test(kind.name)) {
    fail(at, `element name <${kind.name}> is not a Metadata API element name (no namespace prefixes)`, 'Rename the element or remove it.');
  }
  if (!isRoot) {
    const attr = Object.keys(kind.attrs)[0];
    if (attr !== undefined) {
      fail(at, `unexpected attribute ${attr}="${kind.attrs[attr]}" on <${kind.name}>; metadata elements have no attributes`, 'Remove the attribute.');
    }
  }
  const children: XmlElement[] = [];
  let pendingComments: string[] = [];
  const textParts: string[] = [];
  let meaningfulText = false;
  for (const node of kind.content) {
    const k = nodeKind(node);
    switch (k.type) {
      case 'text':
        textParts.push(k.value);
        if (k.value.trim() !== '') meaningfulText = true;
        break;
      case 'cdata':
        textParts.push(`<![CDATA[${k.value}]]>`);
        meaningfulText = true;
        break;
      case 'comment':
        pendingComments.push(k.value);
        break;
      case 'pi':
        fail(at, `processing instruction <${k.name}> inside <${kind.name}> is not allowed in metadata files`, 'Remove it.');
        break;
      case 'element': {
        const childAt = position();
        const child = convert(k, childAt, fail, position, false);
        children.push(pendingComments.length ? { ...child, comments: pendingComments } : child);
        pendingComments = [];
        break;
      }
    }
  }
  if (children.length > 0 && meaningfulText) {
    fail(at, `<${kind.name}> mixes text with child elements; a metadata element holds either a value or elements`, 'Move the text into its own element or remove it.');
  }
  if (meaningfulText && pendingComments.length) {
    fail(at, `<${kind.name}> has a comment inside its value`, 'Move the comment before the element.');
  }
  const endComments = pendingComments.length ? { endComments: pendingComments } : {};
  if (children.length > 0) return { name: kind.name, children, ...endComments };
  const text = textParts.join('');
  // Whitespace-only text is kept for a leaf (`<a> </a>` is a value) unless the element only holds comments.
  if (text !== '' && !(pendingComments.length && text.trim() === '')) return { name: kind.name, text };
  return { name: kind.name, ...endComments };
}

function malformed(file: string, line: number, column: number, message: string, fix: string): InputError {
  return new InputError('MalformedXml', [{ file, location: `line ${line}, column ${column}`, message: `${message} (${file}:${line}:${column})`, fix }], {
    actions: [fix],
  });
}

/**
 * Lexical checks fast-xml-parser's validator does not make, on the source with comments, CDATA sections and
 * processing instructions blanked out (newlines kept, so offsets and lines stay true). Returns that masked text.
 */
function scanLexically(source: string, fail: (offset: number, message: string, fix?: string) => never): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  let masked = source.replace(/<!--([\s\S]*?)-->/g, (whole, body: string, offset: number) => {
    const dash = body.indexOf('--');
    if (dash >= 0) fail(offset + 4 + dash, 'an XML comment cannot contain "--"', 'Remove the "--" from the comment.');
    if (body.endsWith('-')) fail(offset + 3 + body.length, 'an XML comment cannot end with "-"', 'Remove the "-" before "-->".');
    return blank(whole);
  });
  masked = masked.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, blank);
  const doctype = masked.search(/<!DOCTYPE/i);
  if (doctype >= 0) fail(doctype, 'DOCTYPE declarations are not allowed in metadata files', 'Remove the <!DOCTYPE ...> declaration.');
  masked = masked.replace(/<\?[\s\S]*?\?>/g, (whole, offset: number) => (offset === 0 ? whole : blank(whole)));
  const lastTagEnd = masked.lastIndexOf('>');
  const tail = masked.slice(lastTagEnd + 1);
  if (tail.trim() !== '') fail(lastTagEnd + 1 + tail.search(/\S/), 'text is not allowed outside the root element', 'Remove the text after the closing root tag.');
  const cdataEnd = masked.indexOf(']]>');
  if (cdataEnd >= 0) fail(cdataEnd, '"]]>" is not allowed in text', 'Write it as "]]&gt;".');
  for (const m of masked.matchAll(/&([^;\s<&]*);?/g)) {
    const ref = m[1] ?? '';
    const ok = m[0].endsWith(';') && (NAMED_REFS.has(ref) || validCharRef(ref));
    if (!ok) {
      fail(
        m.index,
        `"${m[0]}" is not an XML entity; only &amp; &lt; &gt; &quot; &apos; and numeric references like &#160; are allowed`,
        'Write a literal "&" as "&amp;".',
      );
    }
  }
  return masked;
}

const NAMED_REFS = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function validCharRef(ref: string): boolean {
  let code: number;
  if (/^#x[0-9a-fA-F]+$/.test(ref)) code = parseInt(ref.slice(2), 16);
  else if (/^#[0-9]+$/.test(ref)) code = parseInt(ref.slice(1), 10);
  else return false;
  return (
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Offsets of every start tag in document order; a preorder walk of the parsed tree meets elements in this order. */
function startTagOffsets(masked: string): number[] {
  return [...masked.matchAll(/<[^\s/>!?][^\s/>]*/g)].map((m) => m.index);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}
