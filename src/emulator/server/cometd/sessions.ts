/**
 * Who a CometD request runs as. Sessions as a user other than the org's admin (the integration user) live in the org
 * model with the OAuth sessions, so the same token works on REST too; `open` is the test/admin hook behind
 * POST /__emulator/sessions (a real org hands such tokens out through OAuth).
 */
import type { EmulatedOrg, EmulatedWorld } from '../../model/api';

export interface Principal {
  readonly org: EmulatedOrg;
  readonly userId: string;
}

export class UserSessions {
  constructor(private readonly world: EmulatedWorld) {}

  /** A new access token for the user (shaped like Salesforce's: '00D…!…'). */
  open(org: EmulatedOrg, userId: string): string {
    if (!org.openSession) throw new Error('this org model keeps no user sessions');
    return org.openSession(userId);
  }

  revoke(token: string): boolean {
    return this.world.orgs.some((o) => o.revokeSession?.(token) === true);
  }

  /** The org and user behind a token: the org's admin token, or a user session (client credentials or opened here). */
  resolve(token: string): Principal | undefined {
    const admin = this.world.orgForToken(token);
    if (admin) return { org: admin, userId: admin.identity.userId };
    const session = this.world.sessionForToken?.(token);
    return session ? { org: session.org, userId: session.userId } : undefined;
  }
}

/** The token of an Authorization header in any of the three forms clients send: 'Bearer t', 'OAuth t', or the bare token (streaming.md §1). */
export function tokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === '') return undefined;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(trimmed);
  return (m?.[1] ?? trimmed).trim();
}
