import { KEY_PREFIX } from '../ids';
import { contentJson } from '../stableJson';
import { permissionableObjects, profileLabelFromFullName } from '../orgCatalog';
import { NONE, TEMPLATE_PROFILE_FOR_LICENSE } from '../seed/profiles';
import type { ProfileState } from '../state';
import { childText, locate, METADATA_NS, type ParsedXml } from '../xml/parseMetadataXml';
import { overlayExtras, PROFILE_EXTRAS, readExtras } from './extraElements';
import { applyModifyAllData, checkEffectivePermissions, readPermissionEntries } from './permissionEntries';
import { INVENTED, type ComponentResult, type DeployContext, type Problem } from './types';

/** Profile's WSDL66 elements (facts a.2) besides the ones stored as extras. */
const MODELLED = new Set(['fullName', 'custom', 'description', 'fieldPermissions', 'objectPermissions', 'userLicense', 'userPermissions']);

/**
 * Deploys one Profile (facts c): a new name starts as a clone of its licence's standard profile (Standard User for
 * `Salesforce`); a redeploy overlays, so only what the file states changes. Mutates ctx.state only when valid.
 */
export function deployProfile(ctx: DeployContext, fullName: string, xml: ParsedXml): ComponentResult {
  const problems: Problem[] = [];
  const { state } = ctx;
  if (xml.rootName !== 'Profile') {
    return { problems: [{ problem: `Error parsing file: Element {${METADATA_NS}}${xml.rootName} invalid at this location in type Package` + INVENTED }], created: false, changed: false };
  }
  for (const child of Object.keys(xml.root)) {
    if (!MODELLED.has(child) && !(child in PROFILE_EXTRAS)) {
      problems.push({ problem: `Error parsing file: Element {${METADATA_NS}}${child} invalid at this location in type Profile`, ...(locate(xml.text, child) ?? {}) });
    }
  }
  const existing = state.profiles.find((p) => p.fullName === fullName);
  const fileLicense = childText(xml.root, 'userLicense');
  const license = fileLicense ?? existing?.userLicense ?? 'Salesforce';
  if (!state.licenses.some((l) => l.name === license)) {
    problems.push({ problem: `In field: userLicense - no UserLicense named ${license} found` + INVENTED, ...(locate(xml.text, 'userLicense') ?? {}) });
  } else if (existing && fileLicense !== undefined && fileLicense !== existing.userLicense) {
    problems.push({ problem: `Cannot change the user license of profile ${fullName} from ${existing.userLicense} to ${fileLicense}` + INVENTED, ...(locate(xml.text, 'userLicense') ?? {}) });
  }
  const description = childText(xml.root, 'description');
  if (description !== undefined && description.length > 255) {
    problems.push({ problem: `Description: data value too large: ${description.slice(0, 40)}… (max length=255)`, ...(locate(xml.text, 'description') ?? {}) });
  }
  const entries = readPermissionEntries(xml.root, xml.text, 'Profile', ctx.apiVersion, state, license, problems);
  const extras = readExtras(xml.root, xml.text, PROFILE_EXTRAS, state, problems, 'Profile', ctx.apiVersion);

  const templateName = TEMPLATE_PROFILE_FOR_LICENSE[license] ?? 'Standard';
  const template = state.profiles.find((p) => p.fullName === templateName);
  const base: ProfileState = existing ?? {
    id: '',
    fullName,
    name: profileLabelFromFullName(fullName),
    custom: true,
    description: null,
    userLicense: license,
    userPermissions: { ...(template?.userPermissions ?? {}) },
    objectPermissions: structuredClone(template?.objectPermissions ?? {}),
    fieldPermissions: structuredClone(template?.fieldPermissions ?? {}),
    extras: structuredClone(template?.extras ?? {}),
    createdDate: ctx.now,
    lastModifiedDate: ctx.now,
    createdById: state.identity.userId,
    lastModifiedById: state.identity.userId,
  };
  const next: ProfileState = structuredClone(base);
  if (description !== undefined) next.description = description;
  for (const [n, v] of entries.userPermissions) next.userPermissions[n] = v;
  for (const [o, patch] of entries.objectPermissions) {
    next.objectPermissions[o] = { ...(next.objectPermissions[o] ?? NONE), ...patch };
  }
  for (const [f, patch] of entries.fieldPermissions) {
    next.fieldPermissions[f] = { ...(next.fieldPermissions[f] ?? { editable: false, readable: false }), ...patch };
  }
  next.extras = overlayExtras(next.extras, extras, PROFILE_EXTRAS);
  if (problems.length === 0) {
    applyModifyAllData(next, permissionableObjects(state));
    checkEffectivePermissions(next, state, xml.text, problems);
  }
  if (problems.length > 0) return { problems, created: false, changed: false };

  const created = existing === undefined;
  const changed = !created && contentJson(existing) !== contentJson(next);
  if (created) next.id = ctx.nextId(KEY_PREFIX.Profile);
  if (created || changed) {
    next.lastModifiedDate = ctx.now;
    next.lastModifiedById = state.identity.userId;
    if (created) state.profiles.push(next);
    else state.profiles[state.profiles.indexOf(existing)] = next;
  }
  return { problems, created, changed };
}
