import type { DeployMessage, DeployOutcome, DeployRequestOptions } from './api';
import { permissionableObjects } from './orgCatalog';
import { applyModifyAllData } from './rules/permissionEntries';
import { deployObjectFile } from './rules/objectDeploy';
import { deployPermissionSet } from './rules/permissionSetDeploy';
import { deployProfile } from './rules/profileDeploy';
import { addDefaultPolicies, deployEcaComponent } from './oauth/ecaDeploy';
import { ECA_DEPLOY_ORDER, ECA_TYPE_SPECS } from './oauth/types';
import type { ComponentResult, DeployContext } from './rules/types';
import { INVENTED } from './rules/types';
import type { OrgState } from './state';
import { asList, childText, isProblem, parseMetadataXml, type ParsedXml } from './xml/parseMetadataXml';
import { deployStreamingComponents } from './streaming/deployStreaming';

/** Metadata types the emulated org deploys: folder and suffix in the mdapi layout. */
const TYPES: Readonly<Record<string, { dir: string; suffix: string }>> = {
  Profile: { dir: 'profiles', suffix: 'profile' },
  PermissionSet: { dir: 'permissionsets', suffix: 'permissionset' },
  CustomObject: { dir: 'objects', suffix: 'object' },
  PlatformEventChannelMember: { dir: 'platformEventChannelMembers', suffix: 'platformEventChannelMember' },
  Settings: { dir: 'settings', suffix: 'settings' },
  ...Object.fromEntries(Object.entries(ECA_TYPE_SPECS).map(([type, spec]) => [type, { dir: spec.dir, suffix: spec.suffix }])),
};
const TEST_LEVELS = new Set(['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg', 'RunRelevantTests']);

export interface DeployEnv {
  readonly now: string;
  nextId(state: OrgState, prefix: string): string;
}

function refused(code: string, message: string): DeployOutcome {
  return { status: 'Failed', successes: [], failures: [], errorStatusCode: code, errorMessage: message, numberComponentsTotal: 0 };
}

/** Strips the one folder that holds package.xml ('zip/', 'unpackaged/') so paths are package-root relative. */
function packageRoot(files: ReadonlyMap<string, Buffer>): Map<string, Buffer> | undefined {
  const names = [...files.keys()].map((k) => k.replace(/\\/g, '/'));
  const pkg = names.find((n) => n === 'package.xml') ?? names.find((n) => /^[^/]+\/package\.xml$/.test(n));
  if (!pkg) return undefined;
  const prefix = pkg.slice(0, pkg.length - 'package.xml'.length);
  const out = new Map<string, Buffer>();
  for (const [k, v] of files) {
    const n = k.replace(/\\/g, '/');
    if (n.startsWith(prefix) && !n.endsWith('/')) out.set(n.slice(prefix.length), v);
  }
  return out;
}

/**
 * Validates a deploy and applies it to `state` (a copy is worked on; the caller's state changes only on success,
 * never for checkOnly, and with rollbackOnError any failure leaves it untouched).
 */
export function runDeploy(state: OrgState, files: ReadonlyMap<string, Buffer>, options: DeployRequestOptions, env: DeployEnv): { outcome: DeployOutcome; next?: OrgState } {
  if (options.testLevel !== undefined && !TEST_LEVELS.has(options.testLevel)) {
    return { outcome: refused('INVALID_OPERATION', `Invalid testLevel: ${options.testLevel}` + INVENTED) };
  }
  if (options.testLevel === 'NoTestRun' && state.kind === 'production') {
    // forcedotcom/cli#2105
    return { outcome: refused('INVALID_OPERATION', 'testLevel of NoTestRun cannot be used in production organizations') };
  }
  if (options.testLevel === 'RunSpecifiedTests' && (options.runTests ?? []).length === 0) {
    return { outcome: refused('INVALID_OPERATION', 'You must specify at least one test class when using RunSpecifiedTests' + INVENTED) };
  }
  const pkgFiles = packageRoot(files);
  const successes: DeployMessage[] = [];
  const failures: DeployMessage[] = [];
  const fail = (componentType: string, fullName: string, fileName: string, p: { problem: string; lineNumber?: number; columnNumber?: number }): void => {
    failures.push({
      componentType, fullName, fileName, success: false, changed: false, created: false, deleted: false, problemType: 'Error', problem: p.problem,
      ...(p.lineNumber !== undefined ? { lineNumber: p.lineNumber } : {}), ...(p.columnNumber !== undefined ? { columnNumber: p.columnNumber } : {}),
    });
  };
  if (!pkgFiles) {
    fail('', 'package.xml', 'package.xml', { problem: 'No package.xml found' });
    return { outcome: { status: 'Failed', successes, failures, numberComponentsTotal: 0 } };
  }
  const pkg = parseMetadataXml(pkgFiles.get('package.xml') as Buffer);
  if (isProblem(pkg) || pkg.rootName !== 'Package') {
    fail('', 'package.xml', 'package.xml', isProblem(pkg) ? pkg : { problem: 'Error parsing file: package.xml root element must be Package' + INVENTED });
    return { outcome: { status: 'Failed', successes, failures, numberComponentsTotal: 0 } };
  }
  const versionText = childText(pkg.root, 'version');
  const apiVersion = versionText !== undefined ? Number(versionText) : 66;

  const work: OrgState = structuredClone(state);
  const ctx: DeployContext = { state: work, now: env.now, apiVersion: Number.isFinite(apiVersion) ? apiVersion : 66, nextId: (prefix) => env.nextId(work, prefix) };

  // Collect members per type; '*' means every file of that type in the zip.
  const members = new Map<string, string[]>();
  for (const t of asList(pkg.root['types'])) {
    const name = childText(t, 'name') ?? '';
    const list = typeof t === 'string' ? [] : asList(t['members']).map((m) => (typeof m === 'string' ? m : ''));
    members.set(name, [...(members.get(name) ?? []), ...list]);
  }
  const expand = (type: string, list: string[]): string[] => {
    const spec = TYPES[type];
    if (!list.includes('*') || !spec) return list;
    const fromZip = [...pkgFiles.keys()].filter((k) => k.startsWith(`${spec.dir}/`) && k.endsWith(`.${spec.suffix}`)).map((k) => k.slice(spec.dir.length + 1, -spec.suffix.length - 1));
    return [...new Set([...list.filter((m) => m !== '*'), ...fromZip])];
  };
  const record = (type: string, fullName: string, fileName: string, r: ComponentResult): void => {
    if (r.problems.length === 0) successes.push({ componentType: type, fullName, fileName, success: true, changed: r.changed, created: r.created, deleted: false });
    else for (const p of r.problems) fail(type, fullName, fileName, p);
  };
  let total = 0;
  for (const [type, list] of members) {
    if (!TYPES[type] && type !== 'CustomField') {
      for (const m of list) {
        total++;
        fail(type, m, 'package.xml', { problem: `The emulated org does not support metadata type ${type}` + INVENTED });
      }
    }
  }
  // Objects and fields first: profiles and permission sets in the same deploy may name them.
  const objectMembers = expand('CustomObject', members.get('CustomObject') ?? []);
  const fieldMembers = members.get('CustomField') ?? [];
  const byObject = new Map<string, Set<string>>();
  for (const f of fieldMembers) {
    const dot = f.indexOf('.');
    const o = dot > 0 ? f.slice(0, dot) : f;
    if (!byObject.has(o)) byObject.set(o, new Set());
    byObject.get(o)?.add(dot > 0 ? f.slice(dot + 1) : '');
  }
  const objectNames = [...new Set([...objectMembers, ...byObject.keys()])].sort();
  const pendingObjects = new Set(objectMembers);
  for (const objectName of objectNames) {
    const fileName = `objects/${objectName}.object`;
    const bytes = pkgFiles.get(fileName);
    const listed = pendingObjects.has(objectName);
    const fields = byObject.get(objectName) ?? new Set<string>();
    total += (listed ? 1 : 0) + fields.size;
    if (!bytes) {
      if (listed) fail('CustomObject', objectName, 'package.xml', { problem: `An object '${objectName}' of type CustomObject was named in package.xml, but was not found in zipped directory` });
      for (const f of fields) fail('CustomField', `${objectName}.${f}`, 'package.xml', { problem: `An object '${objectName}.${f}' of type CustomField was named in package.xml, but was not found in zipped directory` });
      continue;
    }
    const xml = parseMetadataXml(bytes);
    if (isProblem(xml)) {
      if (listed) fail('CustomObject', objectName, fileName, xml);
      for (const f of fields) fail('CustomField', `${objectName}.${f}`, fileName, xml);
      continue;
    }
    const r = deployObjectFile(ctx, objectName, xml, { objectListed: listed, fields }, pendingObjects);
    if (r.object) record('CustomObject', objectName, fileName, r.object);
    for (const [name, fr] of r.fields) {
      if (listed && !fields.has(name.slice(objectName.length + 1))) total++;
      record('CustomField', name, fileName, fr);
    }
  }
  total += deployStreamingComponents(ctx, state, pkgFiles, {
    members: (type) => expand(type, members.get(type) ?? []),
    record,
    fail,
  });
  // One file per member, in the type's folder: each found, parsed and handed to its type's rules.
  const deployFiles = (type: string, apply: (member: string, xml: ParsedXml) => ComponentResult): void => {
    const spec = TYPES[type] as { dir: string; suffix: string };
    for (const member of expand(type, members.get(type) ?? [])) {
      total++;
      const fileName = `${spec.dir}/${member}.${spec.suffix}`;
      const bytes = pkgFiles.get(fileName);
      if (!bytes) {
        fail(type, member, 'package.xml', { problem: `An object '${member}' of type ${type} was named in package.xml, but was not found in zipped directory` });
        continue;
      }
      const xml = parseMetadataXml(bytes);
      if (isProblem(xml)) {
        fail(type, member, fileName, xml);
        continue;
      }
      record(type, member, fileName, apply(member, xml));
    }
  };
  deployFiles('PermissionSet', (member, xml) => deployPermissionSet(ctx, member, xml));
  deployFiles('Profile', (member, xml) => deployProfile(ctx, member, xml));
  // External Client Apps after the users' profiles and permission sets: the app, its settings, then its policies.
  for (const type of ECA_DEPLOY_ORDER) deployFiles(type, (member, xml) => deployEcaComponent(ctx, type, member, xml));
  if (failures.length === 0) addDefaultPolicies(ctx);
  // Profiles with Modify All Data get every object, new custom objects included.
  const objects = permissionableObjects(work);
  for (const p of work.profiles) applyModifyAllData(p, objects);

  successes.unshift({ componentType: '', fullName: 'package.xml', fileName: 'package.xml', success: true, changed: true, created: false, deleted: false });
  const componentSucceeded = successes.length > 1;
  const status: DeployOutcome['status'] = failures.length === 0 ? 'Succeeded' : options.rollbackOnError || !componentSucceeded ? 'Failed' : 'SucceededPartial';
  const outcome: DeployOutcome = { status, successes, failures, numberComponentsTotal: total };
  const apply = !options.checkOnly && status !== 'Failed';
  return apply ? { outcome, next: work } : { outcome };
}
