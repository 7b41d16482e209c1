/**
 * Zips in and out of the Metadata API.
 * In: a deploy zip has package.xml at its root (an SDR ComponentSet deploy) or under one folder (an mdapi
 * folder deploy adds `zip/`, a retrieved zip `unpackaged/`), wire-protocol §6. The model gets root-relative paths.
 * Out: a retrieve zip keeps every entry under `unpackaged/` unless singlePackage is true (§12.4).
 */
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';

export class DeployZipError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DeployZip {
  /** Root-relative entry paths (no folder entries) to bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Members named in package.xml, as 'Type:fullName' (wildcards left out). */
  readonly members: readonly string[];
}

const packageParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => name === 'types' || name === 'members',
});

/** 'Type:fullName' for every member of a package.xml; '*' members are skipped. Throws on unparseable XML. */
export function packageMembers(xml: string): string[] {
  const doc = packageParser.parse(xml, true) as Record<string, unknown>;
  const pkg = doc['Package'] as Record<string, unknown> | undefined;
  const types = (pkg?.['types'] as Array<Record<string, unknown>> | undefined) ?? [];
  const out: string[] = [];
  for (const t of types) {
    const name = typeof t['name'] === 'string' ? t['name'] : '';
    for (const m of (t['members'] as unknown[] | undefined) ?? []) {
      if (typeof m === 'string' && m !== '*') out.push(`${name}:${m}`);
    }
  }
  return out;
}

export async function readDeployZip(zipBytes: Buffer): Promise<DeployZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (err) {
    // Emulator-invented text; a real org reports an unreadable zip as a failed deploy too.
    throw new DeployZipError('INVALID_ZIP', `The deploy zip could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const manifests = entries.filter((f) => f.name === 'package.xml' || f.name.endsWith('/package.xml'));
  const rootManifest =
    manifests.find((f) => f.name === 'package.xml') ??
    manifests.filter((f) => f.name.split('/').length === 2).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (!rootManifest) {
    // Salesforce answers a zip without a manifest with "No package.xml found" on the package.xml entry.
    throw new DeployZipError('NO_PACKAGE_XML', 'No package.xml found');
  }
  const prefix = rootManifest.name.slice(0, rootManifest.name.length - 'package.xml'.length);
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.name.startsWith(prefix)) continue;
    files.set(entry.name.slice(prefix.length), await entry.async('nodebuffer'));
  }
  let members: string[] = [];
  try {
    members = packageMembers(files.get('package.xml')?.toString('utf8') ?? '');
  } catch {
    members = []; // the model reports a malformed package.xml; here it only feeds progress counts
  }
  return { files, members };
}

/** Builds the retrieve zip: entries under `unpackaged/` unless singlePackage. */
export async function buildRetrieveZip(files: ReadonlyMap<string, string>, singlePackage: boolean): Promise<Buffer> {
  const zip = new JSZip();
  const prefix = singlePackage ? '' : 'unpackaged/';
  for (const [path, content] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    zip.file(`${prefix}${path}`, content, { date: new Date(Date.UTC(2026, 0, 1)) });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
