import { InputError } from '../errors';
import type { ProfileModel } from '../model/types';
import { decodeXmlText, el, escapeXmlText, group, parseMetadataXml, renderMetadataXml, type XmlElement } from '../xml';
import { placeholderProblems, substitute, type PlaceholderValues } from './placeholders';

/**
 * What the generator owns in the Profile. Singles (custom, description, userLicense) are always the generator's:
 * a template value for them is replaced. Lists (objectPermissions, fieldPermissions, userPermissions) are merged by
 * key: a generated entry replaces the template's entry for the same object/field/permission; template entries for
 * other keys are kept. Everything else in the template flows through unchanged.
 */
export const OWNED_SINGLES: readonly string[] = ['custom', 'description', 'userLicense'];
export const OWNED_LISTS: Readonly<Record<string, string>> = { objectPermissions: 'object', fieldPermissions: 'field', userPermissions: 'name' };

/** Shared `<name>true</name>` / `<name>false</name>` leaves (elements are immutable): a profile can hold 200,000 entries. */
const boolLeaves = new Map<string, readonly [XmlElement, XmlElement]>();
function flag(name: string, value: boolean): XmlElement {
  let pair = boolLeaves.get(name);
  if (!pair) {
    pair = [el(name, 'false'), el(name, 'true')];
    boolLeaves.set(name, pair);
  }
  return pair[value ? 1 : 0];
}

/** The generator's elements for a profile model (the renderer puts them in WSDL order and sorts the lists). */
export function profileElements(model: ProfileModel): XmlElement[] {
  const out: XmlElement[] = [el('custom', 'true')];
  if (model.description !== undefined) out.push(el('description', model.description));
  out.push(...permissionElements(model), el('userLicense', model.userLicense));
  return out;
}

/** Object, field and user permission entries, the same for a Profile and a PermissionSet (WSDL: the same child order). */
export function permissionElements(model: Pick<ProfileModel, 'objectPermissions' | 'fieldPermissions' | 'userPermissions'>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const p of model.fieldPermissions) {
    out.push(group('fieldPermissions', [flag('editable', p.editable), el('field', p.field), flag('readable', p.readable)]));
  }
  for (const p of model.objectPermissions) {
    const children = [
      flag('allowCreate', p.allowCreate),
      flag('allowDelete', p.allowDelete),
      flag('allowEdit', p.allowEdit),
      flag('allowRead', p.allowRead),
      flag('modifyAllRecords', p.modifyAllRecords),
      el('object', p.object),
    ];
    if (p.viewAllFields !== undefined) children.push(flag('viewAllFields', p.viewAllFields));
    children.push(flag('viewAllRecords', p.viewAllRecords));
    out.push(group('objectPermissions', children));
  }
  for (const p of model.userPermissions) out.push(group('userPermissions', [flag('enabled', p.enabled), el('name', p.name)]));
  return out;
}

function keyOf(entry: XmlElement, keyName: string): string | undefined {
  const key = entry.children?.find((c) => c.name === keyName);
  return key?.text === undefined ? undefined : decodeXmlText(key.text);
}

/** The identity of an owned list entry (`objectPermissions` + `\n` + `Account`); undefined for other elements and keyless entries. */
function entryId(element: XmlElement): string | undefined {
  const keyName = OWNED_LISTS[element.name];
  const key = keyName === undefined ? undefined : keyOf(element, keyName);
  return key === undefined ? undefined : `${element.name}\n${key}`;
}

function substituteTree(element: XmlElement, values: PlaceholderValues): XmlElement {
  const out: { -readonly [K in keyof XmlElement]: XmlElement[K] } = { ...element };
  if (element.text !== undefined) out.text = substitute(element.text, values, escapeXmlText);
  if (element.children) out.children = element.children.map((c) => substituteTree(c, values));
  return out;
}

/** Renders the profile from its template: placeholders, then the generator's elements, then canonical bytes. */
export function renderProfile(template: string, templateFile: string, model: ProfileModel, values: PlaceholderValues): { content: string; warnings: string[] } {
  const problems = placeholderProblems(template, templateFile, values);
  if (problems.length) throw new InputError('TemplateError', problems);
  const doc = parseMetadataXml(template, templateFile);
  if (doc.type !== 'Profile') {
    throw new InputError('TemplateError', [
      { file: templateFile, location: 'line 1', message: `the profile template's root element is <${doc.type}>, not <Profile>`, fix: 'start from the templates/profile.profile-meta.xml in the apionly repository' },
    ]);
  }
  const generated = profileElements(model);
  const children = doc.children.map((c) => substituteTree(c, values)).filter((c) => !OWNED_SINGLES.includes(c.name));
  // Only the template's own keyed entries (a handful) are looked up among the generated ones (up to 200,000).
  const templateIds = new Set<string>();
  for (const child of children) {
    const id = entryId(child);
    if (id !== undefined) templateIds.add(id);
  }
  const replaced = new Set<string>();
  if (templateIds.size) {
    for (const g of generated) {
      const id = entryId(g);
      if (id !== undefined && templateIds.has(id)) replaced.add(id);
    }
  }
  const warnings: string[] = [];
  const kept: XmlElement[] = [];
  for (const child of children) {
    const id = entryId(child);
    if (id !== undefined && replaced.has(id)) {
      warnings.push(`${templateFile}: the template's ${child.name} entry for ${id.slice(child.name.length + 1)} is replaced by the generated one`);
      continue;
    }
    kept.push(child);
  }
  return { content: renderMetadataXml({ ...doc, children: [...kept, ...generated] }), warnings };
}
