/** Salesforce-shaped ids: a 3-character key prefix, then a 15-character id plus the 3-character case checksum. */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Appends Salesforce's documented case-insensitivity checksum to a 15-character id. */
export function to18(id15: string): string {
  if (id15.length !== 15) return id15;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id15 + suffix;
}

/** Sequential ids for async jobs (deploy 0Af, retrieve 09S), unique per server (with a per-start stamp). */
export class IdSequence {
  private n = 0;
  private readonly stamp: string;

  constructor(private readonly prefix: string) {
    // Two base-36 characters from the start time keep ids of successive server runs apart.
    this.stamp = (Date.now() % 1296).toString(36).padStart(2, '0');
  }

  next(): string {
    this.n += 1;
    const body = `${this.stamp}${this.n.toString(36)}`.padStart(12, '0');
    return to18(`${this.prefix}${body}`);
  }
}
