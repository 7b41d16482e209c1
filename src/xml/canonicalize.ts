import { parseMetadataXml } from './parseMetadataXml';
import { renderMetadataXml } from './renderMetadataXml';

/** Parses a metadata file and renders its canonical bytes. A file already canonical comes back byte-identical. */
export function canonicalize(text: string, file: string): string {
  return renderMetadataXml(parseMetadataXml(text, file));
}
