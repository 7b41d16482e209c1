/** plan and status: the diff is data; text, Markdown and --json are renderings of it. */
import type { FieldChange, OrgFacts } from '../deploy/types';
import type { OrgObjectFlags } from '../model';

/** What a deploy does to one grant: adds access where there was none, raises, lowers, or revokes all of it. */
export type ChangeKind = 'added' | 'raised' | 'lowered' | 'revoked';

export type FieldAccess = 'none' | 'read' | 'edit';

export interface FlagChange {
  readonly flag: keyof OrgObjectFlags;
  readonly from: boolean;
  readonly to: boolean;
}

export type ProfileChange =
  | { readonly kind: 'object'; readonly object: string; readonly change: ChangeKind; readonly flags: readonly FlagChange[] }
  | { readonly kind: 'field'; readonly field: string; readonly change: ChangeKind; readonly from: FieldAccess; readonly to: FieldAccess }
  | { readonly kind: 'userPermission'; readonly name: string; readonly change: 'added' | 'revoked' };

/** What the org grants beyond the committed file, which a deploy (an overlay) leaves in place. */
export type OverlayExtra =
  | { readonly kind: 'object'; readonly object: string; readonly flags: readonly (keyof OrgObjectFlags)[] }
  | { readonly kind: 'field'; readonly field: string; readonly access: FieldAccess }
  | { readonly kind: 'userPermission'; readonly name: string };

export interface ProfileDiff {
  /** What the committed file is: the Profile (profile route) or the PermissionSet (integration route). */
  readonly holder: { readonly kind: 'profile' | 'permissionSet'; readonly name: string };
  /** False when the org has no profile (permission set) of that name: the deploy creates it (every grant is 'added'). */
  readonly exists: boolean;
  readonly changes: readonly ProfileChange[];
  readonly extras: readonly OverlayExtra[];
  /** Committed View All / Modify All on objects that always read back false (not counted as changes). */
  readonly readBackFalse: readonly string[];
}

export interface UserDiff {
  readonly username: string;
  readonly action: 'create' | 'update' | 'none';
  /** Field changes (Username included on create), a profile move as ProfileId, reactivation as IsActive. */
  readonly changes: readonly FieldChange[];
  readonly reactivate: boolean;
  /** Moving the user from another profile (its name) to the committed one. */
  readonly profileMove?: { readonly from: string; readonly to: string };
  readonly permissionSetsToAssign: readonly string[];
  /** Permission set licences (integration route) to assign, before the sets. */
  readonly permissionSetLicensesToAssign: readonly string[];
  /** Named in the config, absent from the org: the deploy's user step would fail on them. */
  readonly missingPermissionSets: readonly string[];
}

export interface PlanReport {
  readonly org: OrgFacts;
  readonly profileName: string;
  readonly orgKey?: string;
  readonly profile: ProfileDiff;
  readonly user: UserDiff;
  /** True when a deploy would change something. */
  readonly pending: boolean;
  /** 0 nothing to change, 3 changes pending. */
  readonly exitCode: 0 | 3;
  readonly counts: PlanCounts;
  /** Queries and describes the read made, and wall-clock ms of the read. */
  readonly apiCalls: number;
  readonly readMs: number;
  readonly warnings: readonly string[];
}

export interface PlanCounts {
  readonly objects: Readonly<Record<ChangeKind, number>>;
  readonly fields: Readonly<Record<ChangeKind, number>>;
  readonly userPermissions: Readonly<Record<'added' | 'revoked', number>>;
  readonly extras: number;
  readonly user: number;
}

export type FindingSeverity = 'drift' | 'info';

export interface Finding {
  readonly severity: FindingSeverity;
  /** Stable code, e.g. UserFrozen, ObjectPermissionLowered, PowerfulPermission. */
  readonly code: string;
  readonly message: string;
  /** What to do about it (drift only). */
  readonly action?: string;
  /** Whether `apionly deploy` repairs it. */
  readonly deployRepairs?: boolean;
}

export interface StatusReport {
  readonly org: OrgFacts;
  readonly profileName: string;
  readonly username: string;
  readonly orgKey?: string;
  readonly healthy: boolean;
  /** 0 healthy, 4 drift. */
  readonly exitCode: 0 | 4;
  readonly findings: readonly Finding[];
  readonly apiCalls: number;
  readonly readMs: number;
  readonly warnings: readonly string[];
}

export interface PlanOptions {
  readonly cwd: string;
  readonly configPath?: string;
  readonly targetOrg?: string;
  readonly orgKey?: string;
}
