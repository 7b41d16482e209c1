import { KEY_PREFIX } from '../ids';
import { findObject } from '../orgCatalog';
import { standardObject } from '../seed/objects';
import { stableJson } from '../stableJson';
import type { CustomFieldState, CustomObjectState, XmlValue } from '../state';
import { asList, childText, locate, type ParsedXml, type XmlNode } from '../xml/parseMetadataXml';
import { INVENTED, type ComponentResult, type DeployContext, type Problem } from './types';

/** Field types a CustomField may have (Metadata API FieldType values the emulator accepts). */
const FIELD_TYPES = new Set([
  'AutoNumber', 'Checkbox', 'Currency', 'Date', 'DateTime', 'Email', 'EncryptedText', 'Html', 'Location', 'LongTextArea', 'Lookup',
  'MasterDetail', 'MultiselectPicklist', 'Number', 'Percent', 'Phone', 'Picklist', 'Summary', 'Text', 'TextArea', 'Time', 'Url',
]);

export interface ObjectFileSelection {
  /** CustomObject member listed in package.xml: the object's own definition is deployed (and all its fields). */
  readonly objectListed: boolean;
  /** CustomField members listed for this object (field names without the object). */
  readonly fields: ReadonlySet<string>;
}

export interface ObjectFileResult {
  readonly object?: ComponentResult;
  readonly fields: ReadonlyMap<string, ComponentResult>;
}

function xmlWithoutFields(root: XmlNode): Record<string, XmlValue | XmlValue[]> {
  const out: Record<string, XmlValue | XmlValue[]> = {};
  for (const [k, v] of Object.entries(root)) if (k !== 'fields' && k !== 'fullName') out[k] = v as XmlValue | XmlValue[];
  return out;
}

function checkField(ctx: DeployContext, objectName: string, node: XmlValue, text: string, pendingObjects: ReadonlySet<string>): { problems: Problem[]; field?: Omit<CustomFieldState, 'id' | 'createdDate' | 'lastModifiedDate'> } {
  const problems: Problem[] = [];
  const name = childText(node, 'fullName') ?? '';
  const at = locate(text, 'fields', 'fullName', name) ?? {};
  if (typeof node === 'string') return { problems: [{ problem: 'Must specify a fullName for the CustomField' + INVENTED, ...at }] };
  if (!name.endsWith('__c')) {
    // Standard fields may appear in an object file (customizations); the emulator does not model them.
    return { problems };
  }
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) || name.slice(0, -3).includes('__')) {
    problems.push({ problem: `The API name of the field ${objectName}.${name} is invalid` + INVENTED, ...at });
  }
  const label = childText(node, 'label');
  const type = childText(node, 'type');
  if (!label) problems.push({ problem: 'Must specify a non-empty label for the CustomField', ...at });
  if (!type) problems.push({ problem: `Must specify a type for the CustomField ${objectName}.${name}` + INVENTED, ...at });
  else if (!FIELD_TYPES.has(type)) problems.push({ problem: `'${type}' is not a valid value for the enum 'FieldType'`, ...at });
  let referenceTo: string | null = null;
  if (type === 'Lookup' || type === 'MasterDetail') {
    referenceTo = childText(node, 'referenceTo') ?? null;
    if (!referenceTo) problems.push({ problem: `Must specify referenceTo for the ${type} field ${objectName}.${name}` + INVENTED, ...at });
    else if (!findObject(ctx.state, referenceTo) && !pendingObjects.has(referenceTo) && referenceTo !== 'User') {
      problems.push({ problem: `In field: referenceTo - no CustomObject named ${referenceTo} found`, ...at });
    }
  }
  if ((type === 'Text' || type === 'EncryptedText') && childText(node, 'length') === undefined) {
    problems.push({ problem: `Must specify a length for the Text field ${objectName}.${name}` + INVENTED, ...at });
  }
  const required = childText(node, 'required') === 'true';
  if (required && type === 'Checkbox') problems.push({ problem: `A Checkbox field cannot be required: ${objectName}.${name}` + INVENTED, ...at });
  if (problems.length > 0) return { problems };
  return { problems, field: { fullName: name, label: label as string, type: type as string, required: required || type === 'MasterDetail', referenceTo, xml: node as Record<string, XmlValue | XmlValue[]> } };
}

/**
 * Deploys objects/<Name>.object: the object itself when listed, then its fields (all of them when the object is
 * listed, else the CustomField members). Standard objects take custom fields only.
 */
export function deployObjectFile(ctx: DeployContext, objectName: string, xml: ParsedXml, sel: ObjectFileSelection, pendingObjects: ReadonlySet<string>): ObjectFileResult {
  const { state } = ctx;
  const fieldResults = new Map<string, ComponentResult>();
  const objProblems: Problem[] = [];
  const std = standardObject(objectName);
  const existing = state.customObjects.find((o) => o.fullName === objectName);
  if (xml.rootName !== 'CustomObject') objProblems.push({ problem: `Error parsing file: root element ${xml.rootName} is not CustomObject` + INVENTED });
  if (std) {
    if (!findObject(state, objectName)) objProblems.push({ problem: `In field: fullName - no CustomObject named ${objectName} found` + INVENTED });
  } else if (!objectName.endsWith('__c')) {
    objProblems.push({ problem: `Cannot create a custom object named ${objectName}: custom object names end in __c` + INVENTED });
  } else if (sel.objectListed) {
    if (!childText(xml.root, 'label')) objProblems.push({ problem: 'Must specify a non-empty label for the CustomObject', ...(locate(xml.text, 'CustomObject') ?? {}) });
    if (!childText(xml.root, 'pluralLabel')) objProblems.push({ problem: 'Must specify a non-empty plural label for the CustomObject' + INVENTED, ...(locate(xml.text, 'CustomObject') ?? {}) });
    const nameField = xml.root['nameField'];
    if (nameField === undefined || typeof nameField === 'string' || !childText(nameField as XmlValue, 'label')) {
      objProblems.push({ problem: 'Must specify a name field for the CustomObject' + INVENTED, ...(locate(xml.text, 'CustomObject') ?? {}) });
    }
  } else if (!existing) {
    objProblems.push({ problem: `In field: fullName - no CustomObject named ${objectName} found` + INVENTED });
  }
  const fieldNodes = asList(xml.root['fields']);
  const wanted = sel.objectListed ? new Set(fieldNodes.map((n) => childText(n, 'fullName') ?? '').filter((n) => n.endsWith('__c'))) : sel.fields;
  for (const f of sel.fields) {
    if (!fieldNodes.some((n) => childText(n, 'fullName') === f)) {
      fieldResults.set(`${objectName}.${f}`, { problems: [{ problem: `An object '${objectName}.${f}' of type CustomField was named in package.xml, but was not found in zipped directory` }], created: false, changed: false });
    }
  }
  const objectFailed = objProblems.length > 0;
  let objectResult: ComponentResult | undefined;
  let target: CustomObjectState | undefined = existing;
  if (sel.objectListed) {
    if (objectFailed) objectResult = { problems: objProblems, created: false, changed: false };
    else if (std && !existing) {
      // A standard object has no stored definition until custom fields arrive; listing it changes nothing.
      objectResult = { problems: [], created: false, changed: false };
    } else {
      const xmlBody = xmlWithoutFields(xml.root);
      if (!existing) {
        target = { fullName: objectName, id: ctx.nextId(KEY_PREFIX.CustomObject), xml: xmlBody, fields: [], createdDate: ctx.now, lastModifiedDate: ctx.now };
        if (!std) state.customObjects.push(target);
        objectResult = { problems: [], created: !std, changed: false };
      } else {
        const changed = stableJson(existing.xml) !== stableJson(xmlBody);
        if (changed) {
          existing.xml = xmlBody;
          existing.lastModifiedDate = ctx.now;
        }
        objectResult = { problems: [], created: false, changed };
      }
    }
  }
  for (const node of fieldNodes) {
    const name = childText(node, 'fullName') ?? '';
    if (!wanted.has(name)) continue;
    const key = `${objectName}.${name}`;
    if (objectFailed) {
      fieldResults.set(key, { problems: [{ problem: `In field: field - no CustomObject named ${objectName} found` }], created: false, changed: false });
      continue;
    }
    const checked = checkField(ctx, objectName, node, xml.text, pendingObjects);
    if (!checked.field) {
      fieldResults.set(key, { problems: checked.problems, created: false, changed: false });
      continue;
    }
    if (!target) {
      // custom fields on a standard object: the object gets a stored entry to hold them
      target = { fullName: objectName, id: ctx.nextId(KEY_PREFIX.CustomObject), xml: {}, fields: [], createdDate: ctx.now, lastModifiedDate: ctx.now };
    }
    if (!state.customObjects.includes(target)) state.customObjects.push(target);
    const prev = target.fields.find((f) => f.fullName === name);
    if (prev && prev.type !== checked.field.type && (prev.type === 'MasterDetail' || checked.field.type === 'MasterDetail')) {
      fieldResults.set(key, { problems: [{ problem: `Cannot change the type of ${key} from ${prev.type} to ${checked.field.type}` + INVENTED }], created: false, changed: false });
      continue;
    }
    if (!prev) {
      target.fields.push({ ...checked.field, id: ctx.nextId(KEY_PREFIX.CustomField), createdDate: ctx.now, lastModifiedDate: ctx.now });
      fieldResults.set(key, { problems: [], created: true, changed: false });
    } else {
      const changed = stableJson(prev.xml) !== stableJson(checked.field.xml);
      if (changed) Object.assign(prev, checked.field, { lastModifiedDate: ctx.now });
      fieldResults.set(key, { problems: [], created: false, changed });
    }
  }
  return { ...(objectResult ? { object: objectResult } : {}), fields: fieldResults };
}
