/**
 * Salesforce record ids: 15-char case-sensitive ids plus the 3-char case-safe suffix (18-char form).
 * Suffix algorithm: for each 5-char chunk, bit i is set when char i is an uppercase A–Z; the 5-bit value
 * indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" (documented in the Salesforce Help, "What is a Salesforce ID").
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function caseSafeSuffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET[bits];
  }
  return out;
}

const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/** True when `s` is a well-formed 15- or 18-char id (an 18-char id must carry the right suffix, case-insensitively). */
export function isWellFormedId(s: string): boolean {
  if (ID15.test(s)) return true;
  if (!ID18.test(s)) return false;
  return caseSafeSuffix(s.slice(0, 15)) === s.slice(15).toUpperCase();
}

/** 15 or 18 chars in, 18 out; undefined for anything that is not an id. */
export function toId18(s: string): string | undefined {
  if (!isWellFormedId(s)) return undefined;
  const id15 = s.slice(0, 15);
  return id15 + caseSafeSuffix(id15);
}

/** Builds an 18-char id from a 3-char key prefix, a 2-char pod tag and a sequence number. */
export function makeId(prefix: string, podTag: string, seq: number): string {
  let n = seq;
  let digits = '';
  do {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  } while (n > 0);
  const id15 = (prefix + podTag + '0'.repeat(10) + '').slice(0, 5) + digits.padStart(10, '0');
  return id15 + caseSafeSuffix(id15);
}

/** Key prefixes (the first 3 chars of an id) per sObject type. */
export const KEY_PREFIX = {
  Organization: '00D',
  User: '005',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  UserLicense: '100',
  PermissionSetLicense: '0PL',
  PermissionSetLicenseAssign: '2LA',
  ObjectPermissions: '110',
  FieldPermissions: '01k',
  UserLogin: '060',
  CustomObject: '01I',
  CustomField: '00N',
  DeployRequest: '0Af',
  RetrieveRequest: '09S',
} as const;
