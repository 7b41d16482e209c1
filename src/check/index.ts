/**
 * `apionly check --target-org ORG`: proves the hand-over works before the vendor tries it.
 *
 * The runner (./check.ts) connects as the admin, loads the config, builds one CheckContext and runs every group
 * of CHECK_GROUPS (./groups.ts) in order. Each group is `(ctx) => Promise<CheckResult[]>`; a failed check is a
 * result with `passed: false`, a `detail` and a `fix`, never an exception (an exception thrown by a group is
 * turned into one failed result naming the group). Any failed result makes the command exit 5
 * (CHECK_FAILED_EXIT_CODE); a check that cannot start at all (no config, no org) exits 2 or 1 as everywhere.
 *
 * To add a group (e.g. streaming, `src/check/streaming.ts`):
 *   1. export `const streamingChecks: CheckGroup = { id: 'streaming', title: 'Streaming', run: async (ctx) => [...] }`;
 *   2. add it to CHECK_GROUPS in ./groups.ts (the order there is the order of the report);
 *   3. for calls as the integration user, `const login = await ctx.integration()`: when `login.ok` is false, return
 *      one failed result that points at the login check (login.result) rather than repeating it; else use
 *      `login.session.connection` (a @salesforce/core Connection) or `login.session.client` (queries);
 *   4. never write to the org; register any token or secret you obtain with `ctx.addSecret` (the report is scrubbed);
 *   5. test it with a CheckContext built by test/unit/check/context.ts (`fakeContext`), and end-to-end in
 *      test/e2e/check.test.ts against the emulated org.
 */
export { check, CHECK_FAILED_EXIT_CODE, type CheckDeps } from './check';
export { CHECK_GROUPS } from './groups';
export { renderCheckReport } from './render';
export type * from './types';
