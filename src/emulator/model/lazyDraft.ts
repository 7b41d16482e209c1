import type { OrgState } from './state';

/**
 * A working copy of `state` for one mutation that may throw (Org.transact). Each top-level part (users, profiles,
 * customObjects, …) is deep-copied the first time the mutation reaches it, by reading or writing; parts it never
 * reaches stay shared with `state`, which nothing mutates afterwards. A copy of the whole state per DML call cost
 * ~160 ms in an org of 1,000 custom objects × 40 fields (the custom objects are most of it), for a User insert that
 * reads users, profiles and licences only.
 *
 * `result()` is the plain new state (not the proxy). The state holds no references across its top-level parts (it
 * is JSON: saved and restored as text), so copying the parts one by one keeps what a whole copy would.
 */
export function lazyDraft(state: OrgState): { readonly draft: OrgState; result(): OrgState } {
  const next: OrgState = { ...state };
  const own = new Set<PropertyKey>(Reflect.ownKeys(state));
  const reached = new Set<PropertyKey>();
  const draft = new Proxy(next, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (reached.has(key) || !own.has(key) || typeof value !== 'object' || value === null) return value;
      reached.add(key);
      const copy: unknown = structuredClone(value);
      Reflect.set(target, key, copy);
      return copy;
    },
    set(target, key, value) {
      // A part replaced wholesale needs no copy of what it held.
      reached.add(key);
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      reached.add(key);
      return Reflect.deleteProperty(target, key);
    },
  });
  return { draft, result: () => next };
}
