/**
 * Checks as the admin: the External Client App exists in the org, its client-credentials flow is on (global OAuth
 * settings and OAuth policies), it runs as this org's integration user, and that user is active, API only and API
 * enabled. Reads the app's metadata with listMetadata/readMetadata and the user with SOQL; writes nothing.
 */
import { describeError } from '../deploy/scrub';
import { readOrgState, readUserState } from '../orgState';
import type { OrgSession } from '../deploy/targetOrg';
import { ecaFileNames } from '../model/externalClientApp';
import type { CheckContext, CheckGroup, CheckResult } from './types';

const APP = 'External Client App exists';
const GLOBAL_FLOW = 'Client-credentials flow on (global OAuth settings)';
const POLICY_FLOW = 'Client-credentials flow on (OAuth policies)';
const RUN_AS = 'Runs as this org\'s integration user';
const USER_ACTIVE = 'Integration user is active';
const USER_API = 'Integration user is API only and API enabled';

type MetadataRecord = Readonly<Record<string, unknown>>;

/** Reads one metadata component (undefined when the org has none by that name). */
async function readComponent(admin: OrgSession, type: string, fullName: string): Promise<MetadataRecord | undefined> {
  const conn = admin.connection;
  if (!conn) throw new Error('no admin connection to read metadata with');
  const read = conn.metadata.read.bind(conn.metadata) as unknown as (type: string, names: string[]) => Promise<unknown>;
  const result = await read(type, [fullName]);
  const record = (Array.isArray(result) ? result[0] : result) as MetadataRecord | undefined;
  return record && typeof record['fullName'] === 'string' && record['fullName'] !== '' ? record : undefined;
}

/** Policies of the app: the one named as apionly names it, else any policies record for the app (listMetadata). */
async function findPolicies(admin: OrgSession, appName: string, expected: string): Promise<MetadataRecord | undefined> {
  const own = await readComponent(admin, 'ExtlClntAppOauthConfigurablePolicies', expected);
  if (own) return own;
  const conn = admin.connection;
  if (!conn) return undefined;
  const listed = (await conn.metadata.list([{ type: 'ExtlClntAppOauthConfigurablePolicies' }])) as unknown;
  const names = (Array.isArray(listed) ? listed : listed ? [listed] : []).map((p) => String((p as { fullName?: unknown }).fullName ?? '')).filter(Boolean);
  for (const name of names) {
    const record = await readComponent(admin, 'ExtlClntAppOauthConfigurablePolicies', name);
    if (record && record['externalClientApplication'] === appName) return record;
  }
  return undefined;
}

const isTrue = (v: unknown): boolean => v === true || v === 'true';

async function appChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const app = ctx.config.config.externalClientApp;
  const deployFix = `Run \`npm run deploy -- --target-org ${ctx.org.target}\` (it deploys the app after the user).`;
  if (!app) {
    return [{ name: APP, passed: false, detail: 'apionly.config.json has no "externalClientApp", so the vendor has no client-credentials app to log in with', fix: 'Add an "externalClientApp" section (name, label, contactEmail), run `npm run generate`, commit, and deploy.' }];
  }
  const names = ecaFileNames(app.name);
  const results: CheckResult[] = [];
  const eca = await readComponent(ctx.admin, 'ExternalClientApplication', app.name);
  results.push(eca ? { name: APP, passed: true, detail: `${app.name} (${String(eca['label'] ?? app.label)})` } : { name: APP, passed: false, detail: `the org has no External Client App ${app.name}`, fix: deployFix });
  if (!eca) return results;

  const global = await readComponent(ctx.admin, 'ExtlClntAppGlobalOauthSettings', names.globalOauth);
  results.push(
    global && isTrue(global['isClientCredentialsFlowEnabled'])
      ? { name: GLOBAL_FLOW, passed: true, detail: `${names.globalOauth}: isClientCredentialsFlowEnabled=true` }
      : { name: GLOBAL_FLOW, passed: false, detail: global ? `${names.globalOauth}: isClientCredentialsFlowEnabled=${String(global['isClientCredentialsFlowEnabled'] ?? false)}` : `the org has no global OAuth settings ${names.globalOauth}`, fix: `Someone turned it off in Setup > External Client App Manager > ${app.name} > Settings > OAuth Settings > Flow Enablement; ${deployFix}` },
  );

  const policies = await findPolicies(ctx.admin, app.name, names.policies);
  if (!policies) {
    results.push({ name: POLICY_FLOW, passed: false, detail: `the org has no OAuth policies for ${app.name}`, fix: deployFix });
    return results;
  }
  const policyName = String(policies['fullName']);
  results.push(
    isTrue(policies['isClientCredentialsFlowEnabled'])
      ? { name: POLICY_FLOW, passed: true, detail: `${policyName}: isClientCredentialsFlowEnabled=true` }
      : { name: POLICY_FLOW, passed: false, detail: `${policyName}: isClientCredentialsFlowEnabled=${String(policies['isClientCredentialsFlowEnabled'] ?? false)}`, fix: `Turn it on in Setup > External Client App Manager > ${app.name} > Policies > OAuth Policies > Enable Client Credentials Flow, or ${deployFix}` },
  );
  const runAs = typeof policies['clientCredentialsFlowUser'] === 'string' ? policies['clientCredentialsFlowUser'] : '';
  const want = String(ctx.user.fields['Username']);
  results.push(
    runAs.toLowerCase() === want.toLowerCase()
      ? { name: RUN_AS, passed: true, detail: `clientCredentialsFlowUser=${runAs}` }
      : { name: RUN_AS, passed: false, detail: `clientCredentialsFlowUser=${runAs || '(none)'}, but this org's integration user is ${want}${ctx.orgKey ? ` (orgs.${ctx.orgKey})` : ''}`, fix: `${deployFix} It sets the run-as user to ${want}; check --org-key if this org's user differs.` },
  );
  return results;
}

async function userChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const username = String(ctx.user.fields['Username']);
  const deployFix = `Run \`npm run deploy -- --target-org ${ctx.org.target}\`.`;
  // The shared org-state reader (src/orgState): the user, then the profile and permission sets it holds.
  const user = await readUserState(ctx.admin.client, username);
  if (!user) {
    return [
      { name: USER_ACTIVE, passed: false, detail: `no user ${username} in this org`, fix: deployFix },
      { name: USER_API, passed: false, detail: `no user ${username} in this org`, fix: deployFix },
    ];
  }
  const results: CheckResult[] = [];
  if (!user.isActive) {
    results.push({ name: USER_ACTIVE, passed: false, detail: `${username} is inactive: the client-credentials flow cannot run as it`, fix: `${deployFix} It reactivates the user (users are deactivated, never deleted).` });
  } else if (user.isFrozen === true) {
    results.push({ name: USER_ACTIVE, passed: false, detail: `${username} is frozen: it cannot log in`, fix: `Unfreeze it in Setup > Users > ${username} > Unfreeze, if the freeze was not meant to stop the integration.` });
  } else results.push({ name: USER_ACTIVE, passed: true, detail: `${username} is active${user.isFrozen === false ? ', not frozen' : ''}` });

  const setNames = user.permissionSetAssignments.filter((a) => a.route === 'permissionSet').map((a) => a.name);
  const state = await readOrgState(ctx.admin.client, { ...(user.profileName ? { profileName: user.profileName } : {}), permissionSets: setNames });
  const holdings = [
    ...(state.profile ? [{ via: `profile ${state.profile.name}`, perms: state.profile.userPermissions }] : []),
    ...[...state.permissionSets.values()].map((p) => ({ via: `permission set ${p.name}`, perms: p.userPermissions })),
  ];
  const grants = (permission: string): string[] => holdings.filter((h) => h.perms.get(permission) === true).map((h) => h.via);
  const apiOnly = grants('ApiUserOnly');
  const apiEnabled = grants('ApiEnabled');
  results.push(
    apiOnly.length && apiEnabled.length
      ? { name: USER_API, passed: true, detail: `ApiUserOnly (${apiOnly.join(', ')}) and ApiEnabled (${apiEnabled.join(', ')})` }
      : {
          name: USER_API,
          passed: false,
          detail: `${username}: ApiUserOnly ${apiOnly.length ? 'granted' : 'not granted'}, ApiEnabled ${apiEnabled.length ? 'granted' : 'not granted'} (profile ${user.profileName ?? user.profileId}${setNames.length ? `, permission sets ${setNames.join(', ')}` : ''})`,
          fix: `The profile or permission set lost them: ${deployFix}`,
        },
  );
  return results;
}

/** Runs one part; an error reading the org becomes one failed check naming the part, so the other part still runs. */
async function guarded(name: string, fix: string, ctx: CheckContext, part: (ctx: CheckContext) => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await part(ctx);
  } catch (err) {
    const { code, message } = describeError(err);
    return [{ name, passed: false, detail: `could not read it as ${ctx.org.username}: ${code}: ${message}`, fix }];
  }
}

export const adminChecks: CheckGroup = {
  id: 'admin',
  title: 'As the admin',
  run: async (ctx) => [
    ...(await guarded(
      APP,
      'Check as an admin who may read External Client Apps through the Metadata API (listMetadata/readMetadata of ExternalClientApplication, ExtlClntAppGlobalOauthSettings, ExtlClntAppOauthConfigurablePolicies).',
      ctx,
      appChecks,
    )),
    ...(await guarded(USER_ACTIVE, 'Check as an admin with View Setup who may read users, profiles and permission sets.', ctx, userChecks)),
  ],
};
