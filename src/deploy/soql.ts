/**
 * SOQL string literals and Salesforce ids. Every value that goes into a query passes through `soqlString`,
 * never through plain interpolation (a profile called `O'Brien's API` must not break, or widen, the query).
 */

/** Escapes a value for use inside a single-quoted SOQL string literal (SOQL's own escape rules). */
export function escapeSoql(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => {
    switch (ch) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${ch}`;
    }
  });
}

/** A quoted SOQL string literal: `'API Only'`. */
export function soqlString(value: string): string {
  return `'${escapeSoql(value)}'`;
}

/** `('a', 'b')` for `IN`; callers never pass an empty list. */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Normalizes a 15-character Salesforce id to its 18-character form; other values are returned unchanged. */
export function normalizeId(id: string): string {
  if (!/^[a-zA-Z0-9]{15}$/.test(id)) return id;
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(block * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

/** Whether two ids name the same record (15- and 18-character forms compare equal). */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return normalizeId(a) === normalizeId(b);
}
