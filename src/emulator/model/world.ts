import { SalesforceError, type CreateWorld, type EmulatedOrg, type EmulatedWorld, type OrgOptions } from './api';
import { isWellFormedId } from './ids';
import { Org } from './org';
import { newOrgState } from './seed/newOrgState';
import type { WorldState } from './state';
import { validateWorldState } from './validateState';

const POD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Two-char pod tag per org (the id part after the key prefix), so ids never collide between orgs of a world. */
function podTag(index: number): string {
  return `${POD_ALPHABET[Math.floor(index / 26) % 26]}${POD_ALPHABET[index % 26]}`.replace(/^A/, '5');
}

/** Every org one server hosts: one username namespace, tokens → orgs. */
export class World implements EmulatedWorld {
  private readonly list: Org[] = [];

  constructor(private readonly clock: () => string = () => new Date().toISOString()) {}

  get orgs(): readonly EmulatedOrg[] {
    return [...this.list];
  }

  /** Usernames are unique across every org (facts d.1), case-insensitively. */
  usernameTaken(username: string, exceptUserId?: string): boolean {
    const lower = username.toLowerCase();
    return this.list.some((o) => o.stateForWorld.users.some((u) => u.id !== exceptUserId && String(u.fields['Username']).toLowerCase() === lower));
  }

  orgForToken(token: string): EmulatedOrg | undefined {
    return this.list.find((o) => o.identity.accessToken === token);
  }

  sessionForToken(token: string): { readonly org: EmulatedOrg; readonly userId: string } | undefined {
    for (const org of this.list) {
      const userId = org.sessionUserId(token);
      if (userId) return { org, userId };
    }
    return undefined;
  }

  addOrg(options: OrgOptions): EmulatedOrg {
    if (options.orgId !== undefined && (!isWellFormedId(options.orgId) || !options.orgId.startsWith('00D'))) {
      throw new SalesforceError('INVALID_ID_FIELD', `Not an organization id: ${options.orgId}`);
    }
    const state = newOrgState(options, podTag(this.list.length), this.clock());
    this.checkUnique(state.identity.orgId, state.identity.accessToken, state.identity.username);
    return this.attach(state);
  }

  private checkUnique(orgId: string, token: string, username: string): void {
    if (this.list.some((o) => o.identity.orgId.slice(0, 15) === orgId.slice(0, 15))) throw new SalesforceError('DUPLICATE_VALUE', `An org with id ${orgId} already exists in this world`);
    if (this.orgForToken(token)) throw new SalesforceError('DUPLICATE_VALUE', 'An org with this access token already exists in this world');
    if (this.usernameTaken(username)) throw new SalesforceError('DUPLICATE_USERNAME', `Duplicate Username.<br>The username ${username} already exists in this world.`, 400, ['Username']);
  }

  private attach(state: WorldState['orgs'][number]): Org {
    const org = new Org(state, { usernameTaken: (u, except) => this.usernameTaken(u, except), now: this.clock });
    this.list.push(org);
    return org;
  }

  /** Restores orgs from a saved state (already validated). */
  restore(state: WorldState): void {
    for (const o of state.orgs) {
      this.checkUnique(o.identity.orgId, o.identity.accessToken, o.identity.username);
      this.attach(o);
    }
  }

  toJSON(): WorldState {
    return { format: 'apionly-emulated-world', version: 1, orgs: this.list.map((o) => o.toJSON() as WorldState['orgs'][number]) };
  }
}

export const createWorldImpl: CreateWorld = (options) => {
  const world = new World();
  if ('state' in options) world.restore(validateWorldState(options.state));
  else for (const o of options.orgs) world.addOrg(o);
  return world;
};
