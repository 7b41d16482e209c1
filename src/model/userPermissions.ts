import type { UserPermission } from './types';

/** User permissions (salesforce-facts b.1, b.3). Pure. */

/** On unless the config sets them to false. */
export const DEFAULT_USER_PERMISSIONS: Readonly<Record<string, boolean>> = { ApiEnabled: true, ApiUserOnly: true };

/**
 * Known dependencies: enabling the key needs the listed permissions on. ApiUserOnly -> ApiEnabled (the
 * platform's own API-only profile enables both; unverified either way, so we do too); ModifyAllData ->
 * ViewAllData (Help KA 000321298).
 */
export const USER_PERMISSION_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  ApiUserOnly: ['ApiEnabled'],
  ModifyAllData: ['ViewAllData'],
};

/** Config entries that contradict a dependency, e.g. ApiUserOnly true with ApiEnabled false. */
export function userPermissionProblems(configured: Readonly<Record<string, boolean>>): Array<{ name: string; message: string; fix: string }> {
  const effective = { ...DEFAULT_USER_PERMISSIONS, ...configured };
  const problems: Array<{ name: string; message: string; fix: string }> = [];
  for (const [perm, needs] of Object.entries(USER_PERMISSION_DEPENDENCIES)) {
    if (effective[perm] !== true) continue;
    for (const need of needs) {
      if (effective[need] === false) {
        problems.push({ name: need, message: `${perm} depends on ${need}, which is set to false`, fix: `remove "${need}": false, or set "${perm}": false` });
      }
    }
  }
  return problems;
}

/**
 * The userPermissions entries to write: a cloned reference profile's enabled permissions (opt-in), defaults, config,
 * and the dependencies' closure; sorted by name.
 */
export function resolveUserPermissions(configured: Readonly<Record<string, boolean>>, cloned: readonly string[] = []): UserPermission[] {
  const effective: Record<string, boolean> = { ...Object.fromEntries(cloned.map((n) => [n, true])), ...DEFAULT_USER_PERMISSIONS, ...configured };
  let changed = true;
  while (changed) {
    changed = false;
    for (const [perm, needs] of Object.entries(USER_PERMISSION_DEPENDENCIES)) {
      if (effective[perm] !== true) continue;
      for (const need of needs) {
        if (effective[need] === undefined) {
          effective[need] = true;
          changed = true;
        }
      }
    }
  }
  return Object.keys(effective)
    .sort(byteOrder)
    .map((name) => ({ name, enabled: effective[name] === true }));
}

/** Byte-order comparison (UTF-16 code units; equals byte order for ASCII). Never localeCompare. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
