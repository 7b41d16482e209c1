import { KEY_PREFIX } from '../ids';
import { permissionSetLicenseNamed } from '../orgCatalog';
import { NONE } from '../seed/profiles';
import { contentJson } from '../stableJson';
import type { OrgState, PermissionSetState } from '../state';
import { childText, locate, METADATA_NS, type ParsedXml } from '../xml/parseMetadataXml';
import { PERMISSION_SET_EXTRAS, readExtras } from './extraElements';
import { checkEffectivePermissions, readPermissionEntries } from './permissionEntries';
import { INVENTED, type ComponentResult, type DeployContext, type Problem } from './types';

const MODELLED = new Set(['fullName', 'description', 'fieldPermissions', 'hasActivationRequired', 'label', 'license', 'objectPermissions', 'userPermissions']);

/** The user licence whose permission list applies to a permission set's licence (a PSL maps to its user licence). */
export function userLicenseOfPermissionSetLicense(state: OrgState, license: string | null): string | null {
  if (license === null) return null;
  if (state.licenses.some((l) => l.name === license)) return license;
  return permissionSetLicenseNamed(state, license)?.allowedUserLicenses[0] ?? null;
}

export function knownLicense(state: OrgState, license: string): boolean {
  return state.licenses.some((l) => l.name === license) || permissionSetLicenseNamed(state, license) !== undefined;
}

/**
 * Deploys one PermissionSet. Unlike profiles, a permission set deploy replaces its content: permissions the file
 * leaves out end up off (salesforce-facts c, CopadoSolutions/Copado-Manual PR #8).
 */
export function deployPermissionSet(ctx: DeployContext, fullName: string, xml: ParsedXml): ComponentResult {
  const problems: Problem[] = [];
  const { state } = ctx;
  for (const child of Object.keys(xml.root)) {
    if (!MODELLED.has(child) && !(child in PERMISSION_SET_EXTRAS)) {
      problems.push({ problem: `Error parsing file: Element {${METADATA_NS}}${child} invalid at this location in type PermissionSet`, ...(locate(xml.text, child) ?? {}) });
    }
  }
  const label = childText(xml.root, 'label');
  if (!label) problems.push({ problem: 'Required field is missing: label' + INVENTED });
  else if (label.length > 80) problems.push({ problem: `Label: data value too large: ${label} (max length=80)`, ...(locate(xml.text, 'label') ?? {}) });
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName) || fullName.includes('__') || fullName.endsWith('_')) {
    // Salesforce API names: letters, digits and single underscores, starting with a letter.
    problems.push({ problem: `The Name field can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.` });
  }
  const existing = state.permissionSets.find((p) => p.name === fullName);
  const license = childText(xml.root, 'license') ?? null;
  if (license !== null && !knownLicense(state, license)) {
    problems.push({ problem: `In field: license - no License named ${license} found` + INVENTED, ...(locate(xml.text, 'license') ?? {}) });
  } else if (existing && existing.license !== license) {
    problems.push({ problem: `Cannot change the license of permission set ${fullName}` + INVENTED, ...(locate(xml.text, 'license') ?? {}) });
  }
  const description = childText(xml.root, 'description') ?? null;
  const activation = childText(xml.root, 'hasActivationRequired') === 'true';
  const entries = readPermissionEntries(xml.root, xml.text, 'PermissionSet', ctx.apiVersion, state, userLicenseOfPermissionSetLicense(state, license), problems);
  const extras = readExtras(xml.root, xml.text, PERMISSION_SET_EXTRAS, state, problems, 'PermissionSet', ctx.apiVersion);
  const next: PermissionSetState = {
    id: existing?.id ?? '',
    name: fullName,
    label: label ?? fullName,
    description,
    license,
    hasActivationRequired: activation,
    userPermissions: Object.fromEntries(entries.userPermissions),
    objectPermissions: {},
    fieldPermissions: {},
    extras,
    createdDate: existing?.createdDate ?? ctx.now,
    lastModifiedDate: ctx.now,
    createdById: existing?.createdById ?? state.identity.userId,
    lastModifiedById: state.identity.userId,
  };
  for (const [o, patch] of entries.objectPermissions) {
    next.objectPermissions[o] = { ...NONE, ...patch };
  }
  for (const [f, patch] of entries.fieldPermissions) next.fieldPermissions[f] = { editable: false, readable: false, ...patch };
  if (problems.length === 0) checkEffectivePermissions(next, state, xml.text, problems);
  if (problems.length > 0) return { problems, created: false, changed: false };
  const created = existing === undefined;
  const changed = !created && contentJson(existing) !== contentJson(next);
  if (created) {
    next.id = ctx.nextId(KEY_PREFIX.PermissionSet);
    state.permissionSets.push(next);
  } else if (changed) state.permissionSets[state.permissionSets.indexOf(existing)] = next;
  return { problems, created, changed };
}
