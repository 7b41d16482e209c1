import { escapeXmlText } from './escapeXmlText';

/**
 * One element. `text` is RAW XML character data exactly as in the file (entities NOT decoded); an element with
 * neither text nor children is written self-closing (<loginHours/>). Elements have no attributes except the root.
 *
 * `comments` / `endComments` carry XML comments found in a parsed file (Salesforce never writes comments, but we
 * never drop what a person wrote): `comments` are the bodies of the comments right before this element (they move
 * with it when entries are sorted), `endComments` those after its last child. Builders leave both out.
 */
export interface XmlElement {
  readonly name: string;
  readonly text?: string;
  readonly children?: readonly XmlElement[];
  readonly comments?: readonly string[];
  readonly endComments?: readonly string[];
}

/**
 * A metadata file: root element name (Profile, PermissionSet, ...) and its children in file order.
 * `comments`: comments before the root element; `endComments`: comments inside the root after its last child;
 * `trailingComments`: comments after the root element. All optional, only set by the parser.
 */
export interface MetadataDocument {
  readonly type: string;
  readonly children: readonly XmlElement[];
  readonly comments?: readonly string[];
  readonly endComments?: readonly string[];
  readonly trailingComments?: readonly string[];
}

/** Namespace of every Metadata API file (SDR `XML_NS_URL`; WSDL targetNamespace). */
export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** Element names the parser accepts and the renderer writes: ASCII letters, digits, `_`, `.` and `-`, no namespace prefix. */
export const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The declaration line Salesforce and SDR write (SDR `src/common/constants.ts` `XML_DECL`). */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A leaf element; `text` is a PLAIN value and is escaped here. `el('loginHours')` is an empty (self-closing) element. */
export function el(name: string, text?: string): XmlElement {
  return text === undefined ? { name } : { name, text: escapeXmlText(text) };
}

/** An element with child elements, e.g. `group('userPermissions', [el('enabled', 'true'), el('name', 'ApiEnabled')])`. */
export function group(name: string, children: readonly XmlElement[]): XmlElement {
  return { name, children };
}
