/**
 * Custom objects and fields for an org worth discovering at scale (`org start --custom-objects N --fields-per-object M`)
 * and for tests that add schema to a running org (POST /__emulator/schema). Each synthetic object carries the field kinds
 * generation must tell apart: editable ones, a formula and an auto-number (read-only), a required field and a
 * master-detail to Account (never in fieldPermissions), a lookup, a roll-up summary.
 */
import { SalesforceError } from '../api';
import { KEY_PREFIX } from '../ids';
import type { CustomFieldState, CustomObjectState, OrgState, XmlValue } from '../state';
import { standardObject } from './objects';

/** What a test or the CLI asks for: an object and its fields, in Metadata API terms. */
export interface CustomObjectSpec {
  readonly fullName: string;
  readonly label?: string;
  readonly fields?: readonly CustomFieldSpec[];
}
export interface CustomFieldSpec {
  readonly fullName: string;
  readonly label?: string;
  /** Metadata FieldType: Text, Number, Checkbox, Date, Lookup, MasterDetail, AutoNumber, Summary, … */
  readonly type: string;
  readonly required?: boolean;
  readonly formula?: string;
  readonly referenceTo?: string;
}

/** The kinds a synthetic object's fields cycle through (index 0 first); one master-detail per object. */
const SYNTHETIC_KINDS: ReadonlyArray<Omit<CustomFieldSpec, 'fullName'>> = [
  { type: 'Text' },
  { type: 'Number' },
  { type: 'Checkbox' },
  { type: 'Date' },
  { type: 'Picklist' },
  { type: 'Text', formula: 'Name & "!"' },
  { type: 'AutoNumber' },
  { type: 'Text', required: true },
  { type: 'Lookup', referenceTo: 'Contact' },
  { type: 'MasterDetail', referenceTo: 'Account' },
  { type: 'Currency' },
  { type: 'Email' },
  { type: 'Phone' },
  { type: 'Url' },
  { type: 'TextArea' },
  { type: 'Percent' },
  { type: 'DateTime' },
  { type: 'Number', formula: '1 + 1' },
  { type: 'LongTextArea' },
  { type: 'Text' },
];

/** The specs of N synthetic objects with M fields each: Obj0001__c … with Field01__c …. */
export function syntheticObjects(count: number, fieldsPerObject: number): CustomObjectSpec[] {
  const width = Math.max(4, String(count).length);
  const out: CustomObjectSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const fields: CustomFieldSpec[] = [];
    for (let j = 0; j < fieldsPerObject; j++) {
      // Every kind after the first cycle is an editable kind again, except master-detail (once) and required/auto-number (once).
      const kind = j < SYNTHETIC_KINDS.length ? (SYNTHETIC_KINDS[j] as Omit<CustomFieldSpec, 'fullName'>) : ({ type: j % 3 === 0 ? 'Number' : 'Text' } as const);
      fields.push({ fullName: `Field${String(j + 1).padStart(2, '0')}__c`, ...kind });
    }
    out.push({ fullName: `Obj${String(i).padStart(width, '0')}__c`, label: `Object ${i}`, fields });
  }
  return out;
}

function fieldXml(spec: CustomFieldSpec, label: string): Record<string, XmlValue | XmlValue[]> {
  const xml: Record<string, XmlValue | XmlValue[]> = { fullName: spec.fullName, label, type: spec.type };
  if (spec.type === 'Text') xml['length'] = '255';
  if (spec.formula !== undefined) xml['formula'] = spec.formula;
  if (spec.required) xml['required'] = 'true';
  if (spec.referenceTo !== undefined) {
    xml['referenceTo'] = spec.referenceTo;
    xml['relationshipName'] = spec.fullName.replace(/__c$/, '');
  }
  return xml;
}

/**
 * Adds (or extends) custom objects in the org state, as a metadata deploy of them would. Field types, names and
 * references are checked; a bad spec throws SalesforceError and changes nothing (callers run it on a draft).
 */
export function addCustomSchema(state: OrgState, specs: readonly CustomObjectSpec[], nextId: (prefix: string) => string, now: string): void {
  for (const spec of specs) {
    const standard = standardObject(spec.fullName) !== undefined;
    if (!standard && (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.fullName) || spec.fullName.includes('___'))) {
      throw new SalesforceError('INVALID_INPUT', `Object name ${JSON.stringify(spec.fullName)} must be a standard object or look like Invoice__c (emulator-invented message)`);
    }
    let target: CustomObjectState | undefined = state.customObjects.find((o) => o.fullName === spec.fullName);
    if (!target && standard) {
      // Custom fields on a standard object: kept as a fields-only entry, as a deploy of Account.Tier__c does.
      target = { fullName: spec.fullName, id: nextId(KEY_PREFIX.CustomObject), fields: [], createdDate: now, lastModifiedDate: now, xml: {} };
      state.customObjects.push(target);
    }
    if (!target) {
      const label = spec.label ?? spec.fullName.replace(/__c$/, '').replace(/_/g, ' ');
      target = {
        fullName: spec.fullName, id: nextId(KEY_PREFIX.CustomObject), fields: [], createdDate: now, lastModifiedDate: now,
        xml: { label, pluralLabel: label, nameField: { label: `${label} Name`, type: 'Text' }, deploymentStatus: 'Deployed', sharingModel: 'ReadWrite' },
      };
      state.customObjects.push(target);
    }
    for (const f of spec.fields ?? []) {
      if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(f.fullName)) {
        throw new SalesforceError('INVALID_INPUT', `Custom field name ${JSON.stringify(f.fullName)} on ${spec.fullName} must look like Amount__c (emulator-invented message)`);
      }
      if ((f.type === 'Lookup' || f.type === 'MasterDetail') && !f.referenceTo) {
        throw new SalesforceError('INVALID_INPUT', `${spec.fullName}.${f.fullName}: a ${f.type} field needs referenceTo (emulator-invented message)`);
      }
      const label = f.label ?? f.fullName.replace(/__c$/, '').replace(/_/g, ' ');
      const field: CustomFieldState = {
        fullName: f.fullName, label, type: f.type, required: f.required === true || f.type === 'MasterDetail', referenceTo: f.referenceTo ?? null,
        xml: fieldXml(f, label), id: nextId(KEY_PREFIX.CustomField), createdDate: now, lastModifiedDate: now,
      };
      const at = target.fields.findIndex((x) => x.fullName === f.fullName);
      if (at >= 0) target.fields[at] = field;
      else target.fields.push(field);
    }
    target.lastModifiedDate = now;
  }
}
