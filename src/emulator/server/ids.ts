/** Salesforce-shaped ids for the server's async jobs; the checksum comes from the model's id rules. */
import { caseSafeSuffix } from '../model/ids';

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
    const id15 = `${this.prefix}${body}`;
    return id15 + caseSafeSuffix(id15);
  }
}
