import type { ExtraElements, OrgState, XmlValue } from '../state';
import { findObject } from '../orgCatalog';
import { asList, childText, locate, METADATA_NS } from '../xml/parseMetadataXml';
import { INVENTED, type Problem } from './types';

/**
 * Profile / PermissionSet elements the emulator stores without modelling their meaning. `key` is the child that
 * identifies an entry (redeploys overlay entries by key; facts a.4 lists the sort keys); `ref` names the
 * referenced component type, checked as a real org does ("In field: <child> - no <Type> named <x> found").
 */
export interface ExtraSpec {
  /** First API version whose WSDL has the element (facts a.2: agentAccesses 64, genComputingSummaryDefAccesses 66, …). */
  readonly since?: number;
  readonly key?: readonly string[];
  readonly single?: boolean;
  readonly ref?: { readonly child: string; readonly type: string };
  /** Keep the file's order (loginIpRanges are in address order, not text order: facts a.4). */
  readonly keepOrder?: boolean;
}

export const PROFILE_EXTRAS: Readonly<Record<string, ExtraSpec>> = {
  agentAccesses: { since: 64, key: ['agentName'], ref: { child: 'agentName', type: 'Bot' } },
  applicationVisibilities: { key: ['application'], ref: { child: 'application', type: 'CustomApplication' } },
  categoryGroupVisibilities: { key: ['dataCategoryGroup'], ref: { child: 'dataCategoryGroup', type: 'DataCategoryGroup' } },
  classAccesses: { key: ['apexClass'], ref: { child: 'apexClass', type: 'ApexClass' } },
  customMetadataTypeAccesses: { key: ['name'], ref: { child: 'name', type: 'CustomObject' } },
  customPermissions: { key: ['name'], ref: { child: 'name', type: 'CustomPermission' } },
  customSettingAccesses: { key: ['name'], ref: { child: 'name', type: 'CustomObject' } },
  externalDataSourceAccesses: { key: ['externalDataSource'], ref: { child: 'externalDataSource', type: 'ExternalDataSource' } },
  flowAccesses: { key: ['flow'], ref: { child: 'flow', type: 'Flow' } },
  genComputingSummaryDefAccesses: { since: 66, keepOrder: true },
  layoutAssignments: { key: ['layout', 'recordType'] },
  loginFlows: { keepOrder: true, ref: { child: 'flow', type: 'Flow' } },
  loginHours: { single: true },
  loginIpRanges: { keepOrder: true },
  pageAccesses: { key: ['apexPage'], ref: { child: 'apexPage', type: 'ApexPage' } },
  profileActionOverrides: { keepOrder: true },
  recordTypeVisibilities: { key: ['recordType'], ref: { child: 'recordType', type: 'RecordType' } },
  servicePresenceStatusAccesses: { since: 64, keepOrder: true },
  tabVisibilities: { key: ['tab'] },
};

export const PERMISSION_SET_EXTRAS: Readonly<Record<string, ExtraSpec>> = {
  agentAccesses: PROFILE_EXTRAS['agentAccesses'] as ExtraSpec,
  applicationVisibilities: PROFILE_EXTRAS['applicationVisibilities'] as ExtraSpec,
  classAccesses: PROFILE_EXTRAS['classAccesses'] as ExtraSpec,
  customMetadataTypeAccesses: PROFILE_EXTRAS['customMetadataTypeAccesses'] as ExtraSpec,
  customPermissions: PROFILE_EXTRAS['customPermissions'] as ExtraSpec,
  customSettingAccesses: PROFILE_EXTRAS['customSettingAccesses'] as ExtraSpec,
  dataspaceScopes: { keepOrder: true },
  emailRoutingAddressAccesses: { keepOrder: true },
  externalCredentialPrincipalAccesses: { keepOrder: true },
  externalDataSourceAccesses: PROFILE_EXTRAS['externalDataSourceAccesses'] as ExtraSpec,
  flowAccesses: PROFILE_EXTRAS['flowAccesses'] as ExtraSpec,
  genComputingSummaryDefAccesses: { since: 66, keepOrder: true },
  pageAccesses: PROFILE_EXTRAS['pageAccesses'] as ExtraSpec,
  recordTypeVisibilities: PROFILE_EXTRAS['recordTypeVisibilities'] as ExtraSpec,
  servicePresenceStatusAccesses: { since: 64, keepOrder: true },
  tabSettings: { key: ['tab'] },
};

/**
 * Whether a referenced component exists. The emulated org has the standard apps (`standard__<X>`) and none of the
 * other referenced types (classes, pages, flows, custom permissions, record types, …), so those references fail as
 * they would in an org without them.
 */
function referenceExists(element: string, value: string): boolean {
  if (element === 'applicationVisibilities') return value.startsWith('standard__');
  return false;
}

/** IPv4 address as a number; undefined when malformed (the emulator does not model IPv6 ranges). */
function ipv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function entryKey(spec: ExtraSpec, entry: XmlValue): string {
  return (spec.key ?? []).map((k) => childText(entry, k) ?? '').join('\u0000');
}

/** Checks references and returns the file's extras, one list per element. */
export function readExtras(
  root: Readonly<Record<string, unknown>>, text: string, specs: Readonly<Record<string, ExtraSpec>>, state: OrgState, problems: Problem[], typeName: string, apiVersion: number,
): ExtraElements {
  const out: ExtraElements = {};
  for (const [element, spec] of Object.entries(specs)) {
    const entries = asList(root[element] as XmlValue | XmlValue[] | undefined);
    if (entries.length === 0) continue;
    if (spec.since !== undefined && apiVersion < spec.since) {
      problems.push({ problem: `Error parsing file: Element {${METADATA_NS}}${element} invalid at this location in type ${typeName}`, ...(locate(text, element) ?? {}) });
      continue;
    }
    const kept: XmlValue[] = [];
    for (const entry of entries) {
      if (spec.ref) {
        const v = childText(entry, spec.ref.child) ?? '';
        if (!referenceExists(element, v)) {
          problems.push({ problem: `In field: ${spec.ref.child} - no ${spec.ref.type} named ${v} found`, ...(locate(text, element, spec.ref.child, v) ?? {}) });
          continue;
        }
      }
      if (element === 'layoutAssignments') {
        const layout = childText(entry, 'layout') ?? '';
        const recordType = childText(entry, 'recordType');
        const dash = layout.indexOf('-');
        const object = dash > 0 ? layout.slice(0, dash) : '';
        // Every object has its default layout "<Object>-<Label> Layout"; the emulator knows no others.
        const info = findObject(state, object);
        const label = info?.standard?.label ?? (info?.customState ? String((info.customState.xml['label'] as string | undefined) ?? object) : object);
        if (!info || layout !== `${object}-${label} Layout`) {
          problems.push({ problem: `In field: layout - no Layout named ${layout} found`, ...(locate(text, element, 'layout', layout) ?? {}) });
          continue;
        }
        if (recordType !== undefined) {
          problems.push({ problem: `In field: recordType - no RecordType named ${recordType} found`, ...(locate(text, element, 'recordType', recordType) ?? {}) });
          continue;
        }
      }
      if (element === 'loginIpRanges') {
        const start = childText(entry, 'startAddress') ?? '';
        const end = childText(entry, 'endAddress') ?? '';
        const at = locate(text, element, 'startAddress', start) ?? {};
        const a = ipv4(start);
        const b = ipv4(end);
        if (a === undefined || b === undefined) {
          problems.push({ problem: `Invalid IP address in loginIpRanges: ${a === undefined ? start : end}` + INVENTED, ...at });
          continue;
        }
        if (a > b) {
          problems.push({ problem: `The start address ${start} is after the end address ${end} in loginIpRanges` + INVENTED, ...at });
          continue;
        }
      }
      if (element === 'tabVisibilities' || element === 'tabSettings') {
        const tab = childText(entry, 'tab') ?? '';
        if (!tab.startsWith('standard-')) {
          problems.push({ problem: `In field: tab - no CustomTab named ${tab} found`, ...(locate(text, element, 'tab', tab) ?? {}) });
          continue;
        }
      }
      kept.push(entry === '' ? {} : entry);
    }
    out[element] = spec.single ? kept.slice(-1) : kept;
  }
  return out;
}

/** Overlay: entries with the same key replace the old ones; lists without a key and single elements are replaced. */
export function overlayExtras(base: ExtraElements, patch: ExtraElements, specs: Readonly<Record<string, ExtraSpec>>): ExtraElements {
  const out: ExtraElements = { ...base };
  for (const [element, entries] of Object.entries(patch)) {
    const spec = specs[element] ?? {};
    if (!spec.key) {
      out[element] = [...entries];
      continue;
    }
    const merged = new Map<string, XmlValue>();
    for (const e of base[element] ?? []) merged.set(entryKey(spec, e), e);
    for (const e of entries) merged.set(entryKey(spec, e), e);
    out[element] = [...merged.values()];
  }
  return out;
}

/** Entries sorted by key in byte order (facts a.4) unless the element keeps its order. */
export function sortedExtra(element: string, entries: readonly XmlValue[], specs: Readonly<Record<string, ExtraSpec>>): XmlValue[] {
  const spec = specs[element] ?? {};
  if (!spec.key) return [...entries];
  return [...entries].sort((a, b) => {
    const ka = entryKey(spec, a);
    const kb = entryKey(spec, b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
