/**
 * Checks as the integration user, through the client-credentials flow the vendor will use: the token is issued,
 * its identity (the `id` URL, then userinfo) is this org's integration user, and a one-row query on each object
 * the config grants read on succeeds (sampled when there are many). Only reads: nothing is written to the org.
 */
import { soqlString } from '../deploy/soql';
import { describeError } from '../deploy/scrub';
import { grantedObjects } from './grantedObjects';
import type { CheckContext, CheckGroup, CheckResult, IntegrationSession } from './types';

const IDENTITY = 'Token runs as the integration user';

async function identityCheck(ctx: CheckContext, session: IntegrationSession): Promise<CheckResult> {
  const want = String(ctx.user.fields['Username']);
  const fix = `Point the app's run-as user at ${want}: \`npm run deploy -- --target-org ${ctx.org.target}\` sets clientCredentialsFlowUser from the config.`;
  if (session.orgId.slice(0, 15) !== ctx.org.id.slice(0, 15)) {
    return { name: IDENTITY, passed: false, detail: `the token is for org ${session.orgId}, not ${ctx.org.id}`, fix: 'The client id belongs to another org\'s app: use this org\'s consumer key and secret.' };
  }
  const rows = await ctx.admin.client.query(`SELECT Id FROM User WHERE Username = ${soqlString(want)}`);
  const expectedId = typeof rows[0]?.['Id'] === 'string' ? (rows[0]['Id'] as string) : undefined;
  let shownName = session.userId;
  try {
    const info = (await session.connection.request({ method: 'GET', url: '/services/oauth2/userinfo' })) as { user_id?: string; preferred_username?: string };
    if (info.user_id && info.user_id.slice(0, 15) !== session.userId.slice(0, 15)) {
      return { name: IDENTITY, passed: false, detail: `userinfo names user ${info.user_id}, the token's id URL ${session.userId}`, fix: 'Report this: the org answered inconsistent identities.' };
    }
    if (info.preferred_username) shownName = info.preferred_username;
  } catch (err) {
    // Userinfo may need the openid scope; the id URL alone identifies the user (oauth-eca.md §5).
    ctx.progress(`userinfo not available to the token (${describeError(err).code}); using the id URL`);
  }
  if (expectedId && expectedId.slice(0, 15) === session.userId.slice(0, 15)) {
    return { name: IDENTITY, passed: true, detail: `${shownName} (${session.userId}), from the token's id URL${shownName === session.userId ? '' : ' and userinfo'}` };
  }
  return { name: IDENTITY, passed: false, detail: `the token runs as ${shownName} (${session.userId}), not ${want}${expectedId ? ` (${expectedId})` : ' (no such user in this org)'}`, fix };
}

async function objectChecks(ctx: CheckContext, session: IntegrationSession): Promise<CheckResult[]> {
  const granted = await grantedObjects(ctx.config);
  const results: CheckResult[] = [];
  if (granted.objects.length < granted.total) {
    ctx.progress(`Querying ${granted.objects.length} of the ${granted.total} objects the config grants read on (an even sample).`);
  }
  for (const object of granted.objects) {
    const name = `Read ${object}`;
    try {
      const rows = await session.client.query(`SELECT Id FROM ${object} LIMIT 1`);
      results.push({ name, passed: true, detail: `SELECT Id FROM ${object} LIMIT 1 as the integration user: ${rows.length} row${rows.length === 1 ? '' : 's'}` });
    } catch (err) {
      const { code, message } = describeError(err, [session.accessToken]);
      results.push({
        name,
        passed: false,
        detail: `SELECT Id FROM ${object} LIMIT 1 as the integration user failed: ${code}: ${message.trim().split('\n').pop() ?? message}`,
        fix:
          code === 'INVALID_TYPE'
            ? `The integration user cannot read ${object}: its profile or permission sets in the org lack Read on it (the config grants it). Run \`npm run deploy -- --target-org ${ctx.org.target}\` and check nothing else removes the grant.`
            : `Check ${object} exists in this org and is readable by the integration user.`,
      });
    }
  }
  if (granted.total === 0) results.push({ name: 'Read granted objects', passed: true, detail: 'the config grants read on no queryable object' });
  if (granted.skipped.length) ctx.progress(`Not queried (no plain SELECT): ${granted.skipped.join(', ')}`);
  return results;
}

export const integrationChecks: CheckGroup = {
  id: 'integration',
  title: 'As the integration user (client credentials)',
  run: async (ctx) => {
    const login = await ctx.integration();
    if (!login.ok) return [login.result];
    return [login.result, await identityCheck(ctx, login.session), ...(await objectChecks(ctx, login.session))];
  },
};
