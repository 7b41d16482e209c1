import { check, CHECK_FAILED_EXIT_CODE, renderCheckReport } from '../../../src/check';
import type { CheckGroup } from '../../../src/check/types';
import { makeProject } from '../../helpers/project';
import { FakeOrg, fakeSession } from '../deploy/fakeOrg';
import { fakeContext } from './context';

const TOKEN = '00D000000000001!SECRET.token.value';

function runner(groups: CheckGroup[], login?: () => Promise<never>) {
  const org = new FakeOrg();
  const dir = makeProject();
  const session = fakeSession(org, {} as never, { secrets: [TOKEN] });
  return {
    org,
    run: () =>
      check(
        { cwd: dir, targetOrg: 'acme' },
        { connect: async () => session, groups, progress: () => undefined, env: {}, collectCoreWarnings: () => () => undefined, ...(login ? { login } : {}) },
      ),
  };
}

describe('check runner', () => {
  it('Given groups that all pass, When check runs, Then the report passes with exit 0 and one section per group', async () => {
    // Arrange
    const { run } = runner([
      { id: 'a', title: 'Group A', run: async () => [{ name: 'one', passed: true, detail: 'ok' }] },
      { id: 'b', title: 'Group B', run: async () => [{ name: 'two', passed: true, detail: 'ok' }] },
    ]);
    // Act
    const report = await run();
    // Assert
    expect(report.exitCode).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.groups.map((g) => g.id)).toEqual(['a', 'b']);
    expect(report.integrationUser).toBe('api@example.com');
    expect(renderCheckReport(report).at(-1)).toBe('All 2 checks passed.');
  });

  it('Given one failed check, When check runs, Then exit is CHECK_FAILED_EXIT_CODE (5) and the fix is printed under it', async () => {
    const { run } = runner([{ id: 'a', title: 'Group A', run: async () => [{ name: 'one', passed: false, detail: 'broken', fix: 'do this' }] }]);
    const report = await run();
    expect(CHECK_FAILED_EXIT_CODE).toBe(5);
    expect(report.exitCode).toBe(5);
    expect(renderCheckReport(report)).toEqual(expect.arrayContaining(['  FAIL  one: broken', '        fix: do this', '1 of 1 checks failed (exit 5).']));
  });

  it('Given a group that throws, When check runs, Then it becomes one failed result and later groups still run', async () => {
    const { run } = runner([
      { id: 'a', title: 'Group A', run: async () => Promise.reject(new Error('boom')) },
      { id: 'b', title: 'Group B', run: async () => [{ name: 'two', passed: true, detail: 'ok' }] },
    ]);
    const report = await run();
    expect(report.groups[0]?.results).toEqual([expect.objectContaining({ name: 'Group A', passed: false, detail: 'could not run: Error: boom' })]);
    expect(report.groups[1]?.results[0]?.passed).toBe(true);
  });

  it('Given a group that echoes the admin token and a registered secret, When check runs, Then the report holds neither', async () => {
    const { run } = runner([
      {
        id: 'a',
        title: 'Group A',
        run: async (ctx) => {
          ctx.addSecret('consumer-secret-1234');
          return [{ name: 'leak', passed: false, detail: `token ${TOKEN} secret consumer-secret-1234`, fix: 'consumer-secret-1234' }];
        },
      },
    ]);
    const report = await run();
    const text = JSON.stringify(report);
    expect(text).not.toContain('SECRET.token');
    expect(text).not.toContain('consumer-secret-1234');
  });

  it('Given two groups asking for the integration login, When check runs, Then the login happens once', async () => {
    let logins = 0;
    const login = (async () => {
      logins++;
      return { ok: false, result: { name: 'Client-credentials login', passed: false, detail: 'x' } };
    }) as never;
    const group: CheckGroup = { id: 'a', title: 'A', run: async (ctx) => [(await ctx.integration()).result] };
    const { run } = runner([group, { ...group, id: 'b' }], login);
    await run();
    expect(logins).toBe(1);
  });

  it('Given an --org-key not in the config, When check runs, Then it is a usage error (exit 2) before any connection', async () => {
    const dir = makeProject();
    await expect(check({ cwd: dir, orgKey: 'nope' }, { connect: async () => Promise.reject(new Error('not called')), groups: [], env: {}, collectCoreWarnings: () => () => undefined })).rejects.toMatchObject({ code: 'UnknownOrgKey', exitCode: 2 });
  });
});

describe('fakeContext (for group authors)', () => {
  it('Given no login, When a group asks for the integration session, Then it gets the failed login result to point at', async () => {
    const ctx = await fakeContext();
    const login = await ctx.integration();
    expect(login.ok).toBe(false);
    expect(ctx.user.fields['Username']).toBe('api@example.com');
  });
});
