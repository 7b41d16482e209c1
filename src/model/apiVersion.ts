/** API version rules: the version comes from sfdx-project.json's sourceApiVersion. */

export function isApiVersion(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9][0-9]*\.0$/.test(value);
}

export function apiMajor(version: string): number {
  return Number.parseInt(version, 10);
}

/** `viewAllFields` exists in ProfileObjectPermissions from API 63.0 on (salesforce-facts a.3). */
export function hasViewAllFields(version: string): boolean {
  return apiMajor(version) >= 63;
}
