/**
 * External Client Apps in listMetadata, retrieve and readMetadata. A retrieve of the global OAuth settings carries
 * the consumerKey and never the consumerSecret (oauth-eca.md §1, chrzasz/sf-th-eca-via-metadata).
 */
import type { FileProperties, MetadataTypeDescription } from '../api';
import type { EcaComponentState, OrgState, XmlValue } from '../state';
import { toOrdered, writeMetadataXml, type OrderedNode } from '../xml/writeMetadataXml';
import { ECA_TYPE_SPECS } from './types';

type FilePropsFn = (state: OrgState, type: string, fullName: string, fileName: string, id: string, created: string, modified: string) => FileProperties;

export const ECA_METADATA_TYPES: readonly MetadataTypeDescription[] = Object.entries(ECA_TYPE_SPECS).map(([xmlName, spec]) => ({
  xmlName, directoryName: spec.dir, suffix: spec.suffix, inFolder: false, metaFile: false, childXmlNames: [],
}));

export function isEcaType(type: string): boolean {
  return type in ECA_TYPE_SPECS;
}

function componentsOf(state: OrgState, type: string): EcaComponentState[] {
  return (state.ecaComponents ?? []).filter((c) => c.type === type);
}

export function ecaFileName(type: string, fullName: string): string {
  const spec = ECA_TYPE_SPECS[type];
  return `${spec?.dir ?? type}/${fullName}.${spec?.suffix ?? type}`;
}

export function listEca(state: OrgState, type: string, fileProps: FilePropsFn): FileProperties[] {
  return componentsOf(state, type).map((c) => fileProps(state, type, c.fullName, ecaFileName(type, c.fullName), c.id, c.createdDate, c.lastModifiedDate));
}

/** The component's elements as stored, plus the consumer key for global OAuth settings (never the secret). */
function visibleFields(state: OrgState, c: EcaComponentState): Record<string, string> {
  const fields = { ...c.fields };
  if (c.type === 'ExtlClntAppGlobalOauthSettings') {
    const consumer = (state.ecaConsumers ?? []).find((x) => x.app === c.app);
    if (consumer) fields['consumerKey'] = consumer.key;
  }
  return fields;
}

export function writeEcaFile(state: OrgState, c: EcaComponentState): string {
  const spec = ECA_TYPE_SPECS[c.type];
  const fields = visibleFields(state, c);
  const out: Array<readonly [string, string | OrderedNode]> = [];
  for (const name of spec?.elements ?? Object.keys(fields).sort()) {
    const v = fields[name];
    if (v === undefined) continue;
    if (name === 'customAttributes' || name === 'trustedIpRanges' || name === 'idTokenConfig') {
      for (const item of JSON.parse(v) as XmlValue[]) out.push([name, toOrdered(item)]);
    } else out.push([name, v]);
  }
  return writeMetadataXml(c.type, out);
}

/** Retrieves the named components (or '*'): file per component; unknown names are reported like other types. */
export function retrieveEca(state: OrgState, type: string, members: readonly string[], fileProps: FilePropsFn) {
  const all = componentsOf(state, type);
  const names = members.includes('*') ? [...new Set([...members.filter((m) => m !== '*'), ...all.map((c) => c.fullName)])] : members;
  const files: Array<{ fileName: string; content: string; props: FileProperties; fullName: string }> = [];
  const missing: string[] = [];
  for (const m of names) {
    const c = all.find((x) => x.fullName === m);
    if (!c) {
      missing.push(m);
      continue;
    }
    const fileName = ecaFileName(type, m);
    files.push({ fileName, content: writeEcaFile(state, c), props: fileProps(state, type, m, fileName, c.id, c.createdDate, c.lastModifiedDate), fullName: m });
  }
  return { files, missing };
}

/** readMetadata records: `{fullName, …elements}` with values as text; `{}`-like (no fullName) for a missing name, as jsforce reads it. */
export function readEca(state: OrgState, type: string, fullNames: readonly string[]): Array<Record<string, unknown>> {
  return fullNames.map((name) => {
    const c = componentsOf(state, type).find((x) => x.fullName === name);
    if (!c) return {};
    const fields = visibleFields(state, c);
    const out: Record<string, unknown> = { fullName: c.fullName };
    for (const [k, v] of Object.entries(fields)) out[k] = k === 'customAttributes' || k === 'trustedIpRanges' || k === 'idTokenConfig' ? JSON.parse(v) : v;
    return out;
  });
}
