/**
 * What `apionly discover` learns about an org (the committed catalogue file) and the Salesforce rules that turn describe
 * answers into it. Pure: no IO. Field classes follow standard-objects.md §3c; View All / Modify All §3a.
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { NO_VIEW_ALL_OBJECTS, objectKindOf, type ObjectKind } from './catalogue';
import { byteOrder } from './userPermissions';

/**
 * How a permissionable field takes field permissions:
 * - editable: read and edit at the configured fieldAccess;
 * - calculated (formula, roll-up summary), autoNumber, readOnly (the platform writes it): read only;
 * - required, masterDetail: never in fieldPermissions ("You cannot deploy to a required field").
 */
export const FIELD_CLASSES = ['editable', 'calculated', 'autoNumber', 'readOnly', 'required', 'masterDetail'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

export interface CatalogueObject {
  readonly kind: ObjectKind;
  /** In ObjectPermissions.SobjectType; false for objects that take field permissions only (OpportunityLineItem, Task, …). */
  readonly objectPermissions: boolean;
  /** Whether View All and Modify All exist for it (false for Idea, Pricebook2, Product2, PushTopic, Question, SocialPersona, external objects, platform events). */
  readonly viewAllModifyAll: boolean;
  /** Every field of FieldPermissions.Field on this object, by field name. */
  readonly fields: Readonly<Record<string, FieldClass>>;
}

export interface CatalogueLicence {
  readonly masterLabel: string;
  readonly status: string;
  /** TotalLicenses (used seats change with every user, so they are not kept). */
  readonly seats: number;
}

export interface OrgCatalogue {
  readonly format: 'apionly-catalogue';
  readonly version: 1;
  readonly org: { readonly id: string; readonly edition: string; readonly sandbox: boolean; readonly apiVersion: string };
  readonly features: { readonly streamingApi: boolean };
  /** UserLicense by Name. */
  readonly userLicenses: Readonly<Record<string, CatalogueLicence>>;
  /** PermissionSetLicense by DeveloperName. */
  readonly permissionSetLicenses: Readonly<Record<string, CatalogueLicence>>;
  /** The org's user permission names (PermissionSet describe: Permissions<Name> booleans), byte order. */
  readonly userPermissions: readonly string[];
  /** The reference profile (System Administrator by default) and its enabled user permissions, byte order. */
  readonly referenceProfile: { readonly name: string; readonly userPermissions: readonly string[] };
  readonly objects: Readonly<Record<string, CatalogueObject>>;
}

/** The describe properties the field rules read (REST describe / partner WSDL Field). */
export interface FieldFacts {
  readonly type: string;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate?: boolean;
  readonly calculated?: boolean;
  readonly autoNumber?: boolean;
  readonly cascadeDelete?: boolean;
  readonly relationshipOrder?: number | null;
}

/**
 * A field's class from its describe. Master-detail: the detail side has `relationshipOrder` (0 or 1) set; required:
 * `nillable=false && createable && !defaultedOnCreate` (standard-objects §3c); computed fields are read-only.
 */
export function classifyField(f: FieldFacts): FieldClass {
  if (f.type === 'reference' && (typeof f.relationshipOrder === 'number' || (f.cascadeDelete === true && !f.nillable))) return 'masterDetail';
  if (f.calculated) return 'calculated';
  if (f.autoNumber) return 'autoNumber';
  if (!f.nillable && f.createable && !f.defaultedOnCreate) return 'required';
  if (!f.createable && !f.updateable) return 'readOnly';
  return 'editable';
}

/** Whether View All / Modify All exist for an object (standard-objects §3a, facts b.5). */
export function hasViewAllModifyAll(object: string, kind: ObjectKind = objectKindOf(object)): boolean {
  if (NO_VIEW_ALL_OBJECTS.has(object)) return false;
  return kind !== 'externalObject' && kind !== 'platformEvent' && kind !== 'bigObject';
}

/** Whether the org's Streaming API setting is on: PushTopic and StreamingChannel exist only then (salesforce-facts f). */
export function streamingApiOn(objects: ReadonlySet<string>): boolean {
  return objects.has('PushTopic') || objects.has('StreamingChannel');
}

/**
 * A managed package's object (`ns__Name__c`): since Winter '21 a profile cannot grant licensed managed objects ("Read on
 * X can't be granted. Grant the permissions using a permission set with the required license…", standard-objects §3b),
 * so "every custom object" leaves them out.
 */
export function isManagedPackageObject(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*__[A-Za-z][A-Za-z0-9_]*__[a-z]+$/.test(name);
}

/** Whether a field class takes a fieldPermissions entry at all. */
export function takesFieldPermission(c: FieldClass): boolean {
  return c !== 'required' && c !== 'masterDetail';
}

/** Whether a field class can be editable. */
export function isEditableClass(c: FieldClass): boolean {
  return c === 'editable';
}

/** The names of `known` nearest to `name` (at most `max`, closest first, then byte order); substring matches count as close. */
export function nearestNames(name: string, known: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase();
  return known
    .map((k) => {
      const d = levenshtein(lower, k.toLowerCase());
      return { k, d: k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()) ? Math.min(1, d) : d };
    })
    .filter((e) => e.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || byteOrder(a.k, b.k))
    .slice(0, max)
    .map((e) => e.k);
}
