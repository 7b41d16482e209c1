import type { EmulatedOrg } from '../../../src/emulator/model';
import { lazyDraft } from '../../../src/emulator/model/lazyDraft';
import { newOrgState } from '../../../src/emulator/model/seed/newOrgState';
import type { OrgState } from '../../../src/emulator/model/state';
import { newOrg, profileId, validUser } from './helpers';

const seeded = (): OrgState => newOrgState({ customObjects: { count: 3, fieldsPerObject: 4 } }, 'Ab', '2026-01-01T00:00:00.000Z');
const stateOf = (org: EmulatedOrg): OrgState => (org as unknown as { stateForWorld: OrgState }).stateForWorld;

describe('lazyDraft: the working copy of one mutation', () => {
  it('Given a mutation that writes users only, Then users change in the result only and the parts it never reached are shared', () => {
    // Arrange
    const state = seeded();
    const usersBefore = structuredClone(state.users);
    const { draft, result } = lazyDraft(state);
    // Act
    draft.users.push({ ...structuredClone(state.users[0] as OrgState['users'][number]), id: '005000000000000AAA' });
    draft.seq += 1;
    const next = result();
    // Assert
    expect(next.users).toHaveLength(usersBefore.length + 1);
    expect(state.users).toEqual(usersBefore);
    expect(next.seq).toBe(state.seq + 1);
    expect(next.customObjects).toBe(state.customObjects);
    expect(next.profiles).toBe(state.profiles);
    expect(next.users).not.toBe(state.users);
  });

  it('Given a mutation that reaches a part and changes something deep in it, Then the original part is untouched', () => {
    const state = seeded();
    const before = structuredClone(state);
    const { draft, result } = lazyDraft(state);
    const field = draft.customObjects[0]?.fields[0];
    if (!field) throw new Error('the seeded org has custom fields');
    field.label = 'changed';
    delete draft.records;
    draft.features = { Orders: true };
    expect(state).toEqual(before);
    expect(result().customObjects[0]?.fields[0]?.label).toBe('changed');
    expect(result().features).toEqual({ Orders: true });
  });
});

describe('Org DML copies only what it reaches', () => {
  it('Given an org with custom objects, When a user is inserted, Then the custom objects are not copied; When an insert fails, Then the state is the same object', () => {
    // Arrange
    const org = newOrg({ customObjects: { count: 5, fieldsPerObject: 4 } });
    const profile = profileId(org, 'Standard User');
    const before = stateOf(org);
    // Act
    org.create('User', validUser(profile, { Username: 'lazy@acme.example.com' }));
    const after = stateOf(org);
    // Assert
    expect(after).not.toBe(before);
    expect(after.customObjects).toBe(before.customObjects);
    expect(after.users).toHaveLength(before.users.length + 1);
    expect(() => org.create('User', validUser(profile, { Username: 'lazy@acme.example.com' }))).toThrow();
    expect(stateOf(org)).toBe(after);
    expect(after.users).toHaveLength(before.users.length + 1);
  });
});
