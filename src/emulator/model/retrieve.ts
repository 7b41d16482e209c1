import type { FileProperties, MetadataTypeDescription, RetrieveOutcome, RetrieveTypeMembers } from './api';
import { featureOn } from './orgCatalog';
import { PERMISSION_SET_EXTRAS, PROFILE_EXTRAS, sortedExtra } from './rules/extraElements';
import { STANDARD_OBJECTS } from './seed/objects';
import type { CustomObjectState, ObjectPermissionFlags, OrgState, PermissionSetState, ProfileState, XmlValue } from './state';
import { toOrdered, writeMetadataXml, type OrderedNode } from './xml/writeMetadataXml';
import { ECA_METADATA_TYPES, isEcaType, listEca, retrieveEca } from './oauth/ecaRetrieve';

type Entry = readonly [string, string | OrderedNode];
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const b = (v: boolean): string => (v ? 'true' : 'false');

/** describeMetadata: the types this org knows (registry values as in SDR's metadataRegistry.json). */
export const METADATA_TYPES: readonly MetadataTypeDescription[] = [
  { xmlName: 'ApexClass', directoryName: 'classes', suffix: 'cls', inFolder: false, metaFile: true, childXmlNames: [] },
  { xmlName: 'CustomApplication', directoryName: 'applications', suffix: 'app', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'CustomObject', directoryName: 'objects', suffix: 'object', inFolder: false, metaFile: false, childXmlNames: ['CustomField', 'Index', 'BusinessProcess', 'CompactLayout', 'RecordType', 'WebLink', 'ValidationRule', 'SharingReason', 'ListView', 'FieldSet'] },
  { xmlName: 'CustomPermission', directoryName: 'customPermissions', suffix: 'customPermission', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'CustomTab', directoryName: 'tabs', suffix: 'tab', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'Flow', directoryName: 'flows', suffix: 'flow', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'Layout', directoryName: 'layouts', suffix: 'layout', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'PermissionSet', directoryName: 'permissionsets', suffix: 'permissionset', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'PermissionSetGroup', directoryName: 'permissionsetgroups', suffix: 'permissionsetgroup', inFolder: false, metaFile: false, childXmlNames: [] },
  { xmlName: 'Profile', directoryName: 'profiles', suffix: 'profile', inFolder: false, metaFile: false, childXmlNames: [] },
  ...ECA_METADATA_TYPES,
];

/** WSDL66 Profile element order (facts a.2). */
const PROFILE_ORDER = [
  'agentAccesses', 'applicationVisibilities', 'categoryGroupVisibilities', 'classAccesses', 'custom', 'customMetadataTypeAccesses',
  'customPermissions', 'customSettingAccesses', 'description', 'externalDataSourceAccesses', 'fieldPermissions', 'flowAccesses',
  'genComputingSummaryDefAccesses', 'layoutAssignments', 'loginFlows', 'loginHours', 'loginIpRanges', 'objectPermissions',
  'pageAccesses', 'profileActionOverrides', 'recordTypeVisibilities', 'servicePresenceStatusAccesses', 'tabVisibilities',
  'userLicense', 'userPermissions',
];
/** WSDL66 PermissionSet element order (facts a.8). */
const PERMISSION_SET_ORDER = [
  'agentAccesses', 'applicationVisibilities', 'classAccesses', 'customMetadataTypeAccesses', 'customPermissions', 'customSettingAccesses',
  'dataspaceScopes', 'description', 'emailRoutingAddressAccesses', 'externalCredentialPrincipalAccesses', 'externalDataSourceAccesses',
  'fieldPermissions', 'flowAccesses', 'genComputingSummaryDefAccesses', 'hasActivationRequired', 'label', 'license', 'objectPermissions',
  'pageAccesses', 'recordTypeVisibilities', 'servicePresenceStatusAccesses', 'tabSettings', 'userPermissions',
];
/** Profile elements a retrieve returns whatever else is in the request (facts a.5). */
const ALWAYS_RETRIEVED_EXTRAS = new Set(['loginHours', 'loginIpRanges']);

function objectEntry(object: string, f: ObjectPermissionFlags, apiVersion: number): OrderedNode {
  const out: Entry[] = [
    ['allowCreate', b(f.allowCreate)], ['allowDelete', b(f.allowDelete)], ['allowEdit', b(f.allowEdit)], ['allowRead', b(f.allowRead)],
    ['modifyAllRecords', b(f.modifyAllRecords)], ['object', object],
  ];
  if (apiVersion >= 63) out.push(['viewAllFields', b(f.viewAllFields)]); // viewAllFields exists from API 63.0 (facts a.3)
  out.push(['viewAllRecords', b(f.viewAllRecords)]);
  return out;
}

function extraEntries(element: string, values: readonly XmlValue[], specs: Parameters<typeof sortedExtra>[2]): Entry[] {
  return sortedExtra(element, values, specs).map((v) => {
    const o = toOrdered(v);
    return [element, o === '' ? [] : o] as Entry;
  });
}

export interface RetrieveScope {
  readonly objects: ReadonlySet<string>;
  readonly fields: ReadonlySet<string>;
  readonly apiVersion: number;
}

function inScope(field: string, scope: RetrieveScope): boolean {
  return scope.fields.has(field) || scope.objects.has(field.slice(0, field.indexOf('.')));
}

/** A profile in Salesforce's canonical bytes: object and field permissions only for objects in the request, enabled user permissions only. */
export function writeProfile(p: ProfileState, scope: RetrieveScope): string {
  const out: Entry[] = [];
  for (const element of PROFILE_ORDER) {
    switch (element) {
      case 'custom':
        out.push(['custom', b(p.custom)]);
        break;
      case 'description':
        if (p.description !== null) out.push(['description', p.description]);
        break;
      case 'fieldPermissions':
        for (const field of Object.keys(p.fieldPermissions).filter((f) => inScope(f, scope)).sort(byteOrder)) {
          const f = p.fieldPermissions[field] as { editable: boolean; readable: boolean };
          out.push(['fieldPermissions', [['editable', b(f.editable)], ['field', field], ['readable', b(f.readable)]]]);
        }
        break;
      case 'objectPermissions':
        for (const object of Object.keys(p.objectPermissions).filter((o) => scope.objects.has(o)).sort(byteOrder)) {
          const f = p.objectPermissions[object] as ObjectPermissionFlags;
          // all-false entries are not returned (https://salesforce.stackexchange.com/questions/140988)
          if (!f.allowCreate && !f.allowDelete && !f.allowEdit && !f.allowRead && !f.modifyAllRecords && !f.viewAllRecords) continue;
          out.push(['objectPermissions', objectEntry(object, f, scope.apiVersion)]);
        }
        break;
      case 'userLicense':
        out.push(['userLicense', p.userLicense]);
        break;
      case 'userPermissions':
        for (const name of Object.keys(p.userPermissions).filter((n) => p.userPermissions[n]).sort(byteOrder)) {
          out.push(['userPermissions', [['enabled', 'true'], ['name', name]]]);
        }
        break;
      default:
        if (ALWAYS_RETRIEVED_EXTRAS.has(element) && p.extras[element]) out.push(...extraEntries(element, p.extras[element] ?? [], PROFILE_EXTRAS));
    }
  }
  return writeMetadataXml('Profile', out);
}

/** A permission set in canonical bytes; permission sets return all their entries. */
export function writePermissionSet(ps: PermissionSetState, apiVersion: number): string {
  const out: Entry[] = [];
  for (const element of PERMISSION_SET_ORDER) {
    switch (element) {
      case 'description':
        if (ps.description !== null) out.push(['description', ps.description]);
        break;
      case 'fieldPermissions':
        for (const field of Object.keys(ps.fieldPermissions).sort(byteOrder)) {
          const f = ps.fieldPermissions[field] as { editable: boolean; readable: boolean };
          out.push(['fieldPermissions', [['editable', b(f.editable)], ['field', field], ['readable', b(f.readable)]]]);
        }
        break;
      case 'hasActivationRequired':
        out.push(['hasActivationRequired', b(ps.hasActivationRequired)]);
        break;
      case 'label':
        out.push(['label', ps.label]);
        break;
      case 'license':
        if (ps.license !== null) out.push(['license', ps.license]);
        break;
      case 'objectPermissions':
        for (const object of Object.keys(ps.objectPermissions).sort(byteOrder)) {
          out.push(['objectPermissions', objectEntry(object, ps.objectPermissions[object] as ObjectPermissionFlags, apiVersion)]);
        }
        break;
      case 'userPermissions':
        for (const name of Object.keys(ps.userPermissions).filter((n) => ps.userPermissions[n]).sort(byteOrder)) {
          out.push(['userPermissions', [['enabled', 'true'], ['name', name]]]);
        }
        break;
      default:
        if (ps.extras[element]) out.push(...extraEntries(element, ps.extras[element] ?? [], PERMISSION_SET_EXTRAS));
    }
  }
  return writeMetadataXml('PermissionSet', out);
}

/** objects/<Name>.object: stored definition (children in alphabetical WSDL order) with its custom fields (fullName first). */
export function writeObject(obj: CustomObjectState | undefined, onlyFields: ReadonlySet<string> | undefined): string {
  const entries: Entry[] = [];
  const xml = onlyFields ? {} : (obj?.xml ?? {});
  const fields = (obj?.fields ?? []).filter((f) => !onlyFields || onlyFields.has(f.fullName)).sort((x, y) => byteOrder(x.fullName, y.fullName));
  const keys = [...new Set([...Object.keys(xml), ...(fields.length > 0 ? ['fields'] : [])])].sort();
  for (const key of keys) {
    if (key === 'fields') {
      for (const f of fields) {
        const rest = { ...f.xml };
        delete rest['fullName'];
        const body = toOrdered(rest as XmlValue);
        entries.push(['fields', [['fullName', f.fullName], ...(typeof body === 'string' ? [] : body)]]);
      }
      continue;
    }
    const v = xml[key] as XmlValue | XmlValue[];
    for (const item of Array.isArray(v) ? v : [v]) entries.push([key, toOrdered(item)]);
  }
  return writeMetadataXml('CustomObject', entries);
}

export function writePackageXml(types: ReadonlyMap<string, readonly string[]>, version: string): string {
  const out: Entry[] = [];
  for (const type of [...types.keys()].sort(byteOrder)) {
    const members = [...new Set(types.get(type) ?? [])].sort(byteOrder);
    if (members.length === 0) continue;
    out.push(['types', [...members.map((m) => ['members', m] as Entry), ['name', type]]]);
  }
  out.push(['version', version]);
  return writeMetadataXml('Package', out);
}

function customObjectsByName(state: OrgState): Map<string, CustomObjectState> {
  return new Map(state.customObjects.map((o) => [o.fullName, o]));
}

function allObjectNames(state: OrgState): string[] {
  const names = STANDARD_OBJECTS.filter((o) => featureOn(state, o.feature)).map((o) => o.name);
  for (const c of state.customObjects) names.push(c.fullName);
  return [...new Set(names)].sort(byteOrder);
}

export function fileProps(state: OrgState, type: string, fullName: string, fileName: string, id: string, created: string, modified: string): FileProperties {
  const admin = state.users.find((u) => u.id === state.identity.userId);
  const adminName = admin ? `${String(admin.fields['FirstName'] ?? '')} ${String(admin.fields['LastName'] ?? '')}`.trim() : 'Admin';
  return {
    createdById: state.identity.userId, createdByName: adminName, createdDate: created, fileName, fullName, id,
    lastModifiedById: state.identity.userId, lastModifiedByName: adminName, lastModifiedDate: modified, manageableState: 'unmanaged', type,
  };
}

const NO_DATE = '1970-01-01T00:00:00.000Z';
/** FileProperties of an object: a standard object without custom fields has no stored entry (no id, epoch dates). */
function objectFileProps(state: OrgState, name: string, c: CustomObjectState | undefined): FileProperties {
  return fileProps(state, 'CustomObject', name, `objects/${name}.object`, c?.id ?? '', c?.createdDate ?? NO_DATE, c?.lastModifiedDate ?? NO_DATE);
}

/** listMetadata for one type. */
export function listMetadataOf(state: OrgState, type: string): FileProperties[] {
  switch (type) {
    case 'Profile':
      return state.profiles.map((p) => fileProps(state, 'Profile', p.fullName, `profiles/${p.fullName}.profile`, p.id, p.createdDate, p.lastModifiedDate));
    case 'PermissionSet':
      return state.permissionSets.map((p) => fileProps(state, 'PermissionSet', p.name, `permissionsets/${p.name}.permissionset`, p.id, p.createdDate, p.lastModifiedDate));
    case 'CustomObject': {
      const custom = customObjectsByName(state);
      return allObjectNames(state).map((n) => objectFileProps(state, n, custom.get(n)));
    }
    case 'CustomField':
      return state.customObjects.flatMap((o) =>
        o.fields.map((f) => fileProps(state, 'CustomField', `${o.fullName}.${f.fullName}`, `objects/${o.fullName}.object`, f.id, f.createdDate, f.lastModifiedDate)),
      );
    default:
      return isEcaType(type) ? listEca(state, type, fileProps) : [];
  }
}

/** Builds a retrieve result. Profiles carry object/field permissions only for CustomObject/CustomField members of the same request. */
export function runRetrieve(state: OrgState, types: readonly RetrieveTypeMembers[], apiVersion: string): RetrieveOutcome {
  const files = new Map<string, string>();
  const fileProperties: FileProperties[] = [];
  const messages: { fileName: string; problem: string }[] = [];
  const retrieved = new Map<string, string[]>();
  const noteRetrieved = (type: string, fullName: string): void => {
    const list = retrieved.get(type);
    if (list) list.push(fullName);
    else retrieved.set(type, [fullName]);
  };
  const custom = customObjectsByName(state);
  const version = Number(apiVersion);
  const want = (type: string): string[] => [...new Set(types.filter((t) => t.name === type).flatMap((t) => t.members))];
  const expand = (type: string, list: string[]): string[] => {
    if (!list.includes('*')) return list;
    const all = listMetadataOf(state, type).map((p) => p.fullName);
    return [...new Set([...list.filter((m) => m !== '*'), ...all])];
  };
  const notFound = (type: string, m: string): void => {
    messages.push({ fileName: 'package.xml', problem: `Entity of type '${type}' named '${m}' cannot be found` });
  };
  const known = new Set(METADATA_TYPES.map((t) => t.xmlName).concat(['CustomField']));
  for (const t of types) {
    if (!known.has(t.name)) messages.push({ fileName: 'package.xml', problem: `Unknown type name '${t.name}' specified in package.xml` });
    else if (!['Profile', 'PermissionSet', 'CustomObject', 'CustomField'].includes(t.name) && !isEcaType(t.name)) for (const m of t.members) if (m !== '*') notFound(t.name, m);
  }
  const objectNames = new Set(allObjectNames(state));
  const objects = new Set<string>();
  for (const m of expand('CustomObject', want('CustomObject'))) {
    if (!objectNames.has(m)) notFound('CustomObject', m);
    else objects.add(m);
  }
  const fields = new Set<string>();
  for (const m of expand('CustomField', want('CustomField'))) {
    const dot = m.indexOf('.');
    const obj = custom.get(m.slice(0, dot));
    if (dot < 0 || !obj?.fields.some((f) => f.fullName === m.slice(dot + 1))) notFound('CustomField', m);
    else fields.add(m);
  }
  const scope: RetrieveScope = { objects, fields, apiVersion: version };
  for (const o of objects) {
    const c = custom.get(o);
    files.set(`objects/${o}.object`, writeObject(c, undefined));
    fileProperties.push(objectFileProps(state, o, c));
    noteRetrieved('CustomObject', o);
  }
  const fieldsByObject = new Map<string, Set<string>>();
  for (const f of fields) {
    const [o, n] = [f.slice(0, f.indexOf('.')), f.slice(f.indexOf('.') + 1)];
    if (!fieldsByObject.has(o)) fieldsByObject.set(o, new Set());
    fieldsByObject.get(o)?.add(n);
    noteRetrieved('CustomField', f);
    const fs = custom.get(o)?.fields.find((x) => x.fullName === n);
    if (fs) fileProperties.push(fileProps(state, 'CustomField', f, `objects/${o}.object`, fs.id, fs.createdDate, fs.lastModifiedDate));
  }
  for (const [o, names] of fieldsByObject) {
    if (!objects.has(o)) files.set(`objects/${o}.object`, writeObject(custom.get(o), names));
  }
  for (const m of expand('Profile', want('Profile'))) {
    const p = state.profiles.find((x) => x.fullName === m);
    if (!p) {
      notFound('Profile', m);
      continue;
    }
    const fileName = `profiles/${m}.profile`;
    files.set(fileName, writeProfile(p, scope));
    fileProperties.push(fileProps(state, 'Profile', m, fileName, p.id, p.createdDate, p.lastModifiedDate));
    noteRetrieved('Profile', m);
  }
  for (const m of expand('PermissionSet', want('PermissionSet'))) {
    const ps = state.permissionSets.find((x) => x.name === m);
    if (!ps) {
      notFound('PermissionSet', m);
      continue;
    }
    const fileName = `permissionsets/${m}.permissionset`;
    files.set(fileName, writePermissionSet(ps, version));
    fileProperties.push(fileProps(state, 'PermissionSet', m, fileName, ps.id, ps.createdDate, ps.lastModifiedDate));
    noteRetrieved('PermissionSet', m);
  }
  for (const type of [...new Set(types.map((t) => t.name))].filter(isEcaType)) {
    const r = retrieveEca(state, type, want(type), fileProps);
    for (const m of r.missing) notFound(type, m);
    for (const f of r.files) {
      files.set(f.fileName, f.content);
      fileProperties.push(f.props);
      noteRetrieved(type, f.fullName);
    }
  }
  files.set('package.xml', writePackageXml(retrieved, Number.isFinite(version) ? version.toFixed(1) : apiVersion));
  const now = new Date().toISOString();
  fileProperties.push(fileProps(state, 'Package', 'package.xml', 'package.xml', '000000000000000AAA', now, now));
  return { files, fileProperties, messages };
}
