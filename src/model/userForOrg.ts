import type { ApionlyConfig } from '../config/types';
import { USER_FIELD_DEFAULTS, USER_FIELD_ORDER, defaultAlias } from './userFields';
import { INTEGRATION_PROFILE_NAME, INTEGRATION_PSL, INTEGRATION_USER_LICENSE } from './integrationRoute';
import type { UserSpec } from './types';
import { byteOrder } from './userPermissions';

/**
 * The User for an org: the base user with the org's overrides applied (orgKey undefined, or an alias with no
 * entry in `orgs`, gives the base user), defaults filled in, fields in a stable order.
 */
export function userForOrg(config: ApionlyConfig, orgKey: string | undefined): UserSpec {
  const org = orgKey === undefined ? undefined : config.orgs[orgKey];
  const merged: Record<string, string | boolean> = { ...USER_FIELD_DEFAULTS, ...config.user.fields, ...(org?.user.fields ?? {}) };
  if (merged['Alias'] === undefined) {
    const first = merged['FirstName'];
    const last = merged['LastName'];
    merged['Alias'] = defaultAlias(typeof first === 'string' ? first : undefined, typeof last === 'string' ? last : '');
  }
  const permissionSets = [...(org?.user.permissionSets ?? config.user.permissionSets)];
  if (config.route === 'integration') {
    // The generated set first; the licence it needs is assigned before any set.
    const license = config.permissionSet.license;
    return {
      fields: orderUserFields(merged),
      profileName: INTEGRATION_PROFILE_NAME,
      permissionSets: [...new Set([config.permissionSet.name, ...permissionSets])],
      permissionSetLicenses: [...new Set([INTEGRATION_PSL, ...(license === INTEGRATION_USER_LICENSE ? [] : [license])])],
    };
  }
  return { fields: orderUserFields(merged), profileName: config.profile.name, permissionSets };
}

/** Known fields in USER_FIELD_ORDER, then the others in byte order. */
export function orderUserFields<T>(fields: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of USER_FIELD_ORDER) if (fields[k] !== undefined) out[k] = fields[k] as T;
  for (const k of Object.keys(fields).sort(byteOrder)) if (!(k in out) && fields[k] !== undefined) out[k] = fields[k] as T;
  return out;
}
