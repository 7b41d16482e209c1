/**
 * Sessions opened as a user other than the org's admin (the integration user), so that a streaming client can connect
 * as that user. Test/admin hook behind POST /__emulator/sessions; a real org hands such tokens out through OAuth.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatedOrg, EmulatedWorld } from '../../model/api';

export interface Principal {
  readonly org: EmulatedOrg;
  readonly userId: string;
}

export class UserSessions {
  private readonly byToken = new Map<string, { orgId: string; userId: string }>();

  constructor(private readonly world: EmulatedWorld) {}

  /** A new access token for the user (shaped like Salesforce's: '00D…!…'). */
  open(org: EmulatedOrg, userId: string): string {
    const token = `${org.identity.orgId.slice(0, 15)}!AR${randomBytes(24).toString('hex')}`;
    this.byToken.set(token, { orgId: org.identity.orgId, userId });
    return token;
  }

  revoke(token: string): boolean {
    return this.byToken.delete(token);
  }

  /** The org and user behind a token: the org's admin token, an OAuth session (client credentials), or a session opened here. */
  resolve(token: string): Principal | undefined {
    const admin = this.world.orgForToken(token);
    if (admin) return { org: admin, userId: admin.identity.userId };
    const oauth = this.world.sessionForToken?.(token);
    if (oauth) return { org: oauth.org, userId: oauth.userId };
    const s = this.byToken.get(token);
    const org = s ? this.world.orgs.find((o) => o.identity.orgId === s.orgId) : undefined;
    return org && s ? { org, userId: s.userId } : undefined;
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
