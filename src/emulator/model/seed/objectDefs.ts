/** The shapes and builders of the emulator's standard object definitions (seed/objects.ts, seed/moreObjects.ts). */
export interface StandardFieldDef {
  readonly name: string;
  readonly type: string; // describe type: string, picklist, reference, currency, …
  /** Required on create (nillable=false, no default): never in fieldPermissions (standard-objects §3c). */
  readonly required?: boolean;
  /** False for fields that never take FLS (Id, Name, audit fields, compound parts). */
  readonly permissionable?: boolean;
  readonly referenceTo?: string;
  /** A formula or roll-up the platform computes (describe `calculated`): read-only, still takes read FLS. */
  readonly calculated?: boolean;
  /** An auto-number (describe `autoNumber`): read-only. */
  readonly autoNumber?: boolean;
  /** The master-detail field on the detail (describe `relationshipOrder` set, `cascadeDelete`): never in fieldPermissions. */
  readonly masterDetail?: boolean;
  /** Never null, set to a default on create (PushTopic's IsActive and NotifyFor* flags): writable, takes no FLS. */
  readonly defaulted?: boolean;
}

export interface StandardObjectDef {
  readonly name: string;
  readonly label: string;
  readonly keyPrefix: string;
  /** Feature switch the object needs (absent = always on). */
  readonly feature?: string;
  /** View All / Modify All exist for it (false for Idea, Pricebook2, Product2, PushTopic, Question: §3a). */
  readonly viewAll: boolean;
  /** False for objects that take field permissions only (FieldPermissions.SobjectType, not ObjectPermissions: permission-model §2). */
  readonly objectPermissions?: false;
  readonly fields: readonly StandardFieldDef[];
}

export const SYSTEM: readonly StandardFieldDef[] = [
  { name: 'Id', type: 'id', permissionable: false },
  { name: 'OwnerId', type: 'reference', permissionable: false, referenceTo: 'User' },
  { name: 'CreatedById', type: 'reference', permissionable: false, referenceTo: 'User' },
  { name: 'CreatedDate', type: 'datetime', permissionable: false },
  { name: 'LastModifiedById', type: 'reference', permissionable: false, referenceTo: 'User' },
  { name: 'LastModifiedDate', type: 'datetime', permissionable: false },
];
export const f = (name: string, type = 'string', extra: Partial<StandardFieldDef> = {}): StandardFieldDef => ({ name, type, ...extra });
export const req = (name: string, type = 'string'): StandardFieldDef => ({ name, type, required: true });
export const noFls = (name: string, type = 'string', extra: Partial<StandardFieldDef> = {}): StandardFieldDef => ({ name, type, permissionable: false, ...extra });

export function obj(name: string, label: string, keyPrefix: string, fields: StandardFieldDef[], opts: { feature?: string; viewAll?: boolean; fieldOnly?: boolean } = {}): StandardObjectDef {
  return {
    name, label, keyPrefix, viewAll: opts.viewAll ?? true, fields: [...SYSTEM, ...fields], ...(opts.feature ? { feature: opts.feature } : {}),
    ...(opts.fieldOnly ? { objectPermissions: false as const } : {}),
  };
}

