/**
 * The canonical metadata XML layer: parse Profile/PermissionSet (and other metadata) files, build documents in code,
 * and render the exact bytes Salesforce's retrieve writes.
 */
export { METADATA_NS, XML_DECLARATION, el, group } from './model';
export type { MetadataDocument, XmlElement } from './model';
export { parseMetadataXml } from './parseMetadataXml';
export { renderMetadataXml } from './renderMetadataXml';
export { escapeXmlText, decodeXmlText } from './escapeXmlText';
export { canonicalize } from './canonicalize';
export { compareCodePoints } from './compareCodePoints';
export { sortDocument } from './sortElements';
export { METADATA_TYPES, PROFILE, PERMISSION_SET } from './orderTables';
export type { ElementSpec, TypeSpec } from './orderTables';
