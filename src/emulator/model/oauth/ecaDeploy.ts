/**
 * Deploying External Client App components (oauth-eca.md §1, "Deploy rules and errors"):
 * - the four types exist from API 59; the client-credentials elements from API 60 (earlier they are unknown elements);
 * - every settings/policies record names an existing app (in the org or the same deploy);
 * - the run-as user (clientCredentialsFlowUser) must be an existing, active, API-enabled user given by username:
 *   "Enter a valid execution user for the OAuth client credentials flow." (the text seen in a real deploy log);
 * - one policies record per OAuth settings: another name for the same app fails with DUPLICATE_VALUE; OAuth settings
 *   deployed without policies get Salesforce's generated `<oauth settings>_defaultPolicy` (flow off, no user);
 * - global OAuth settings get a consumer key and secret the first time (the org issues them; a deployed consumerKey
 *   is kept, as sfdx-hardis relies on); `oauthLink` and `orgScopedExternalApp` are generated, a wrong one refused.
 */
import { randomBytes } from 'node:crypto';
import { contentJson } from '../stableJson';
import type { EcaComponentState, OrgState } from '../state';
import { asList, childText, locate, METADATA_NS, type ParsedXml } from '../xml/parseMetadataXml';
import { INVENTED, type ComponentResult, type DeployContext, type Problem } from '../rules/types';
import { BOOLEAN_ELEMENTS, defaultPolicyName, ECA_TYPE_SPECS, ENUMS } from './types';
import { findUser, hasUserPermission } from './userAccess';

export const RUN_AS_USER_INVALID = 'Enter a valid execution user for the OAuth client credentials flow.';

export function ecaComponents(state: OrgState): EcaComponentState[] {
  state.ecaComponents ??= [];
  return state.ecaComponents;
}

function findComponent(state: OrgState, type: string, fullName: string): EcaComponentState | undefined {
  return (state.ecaComponents ?? []).find((c) => c.type === type && c.fullName === fullName);
}

/** Issues the consumer key and secret of an app's global OAuth settings (once; a deployed key wins). */
function ensureConsumer(ctx: DeployContext, app: string, deployedKey: string | undefined, deployedSecret: string | undefined): void {
  const consumers = (ctx.state.ecaConsumers ??= []);
  const existing = consumers.find((c) => c.app === app);
  if (existing) {
    if (deployedKey) existing.key = deployedKey;
    if (deployedSecret) existing.secret = deployedSecret;
    return;
  }
  consumers.push({
    app,
    id: ctx.nextId('888'),
    key: deployedKey ?? `3MVG9${randomBytes(60).toString('base64url').replace(/[-_]/g, 'x').slice(0, 80)}`,
    secret: deployedSecret ?? randomBytes(32).toString('hex').toUpperCase(),
    createdDate: ctx.now,
  });
}

/**
 * Deploys one component into the deploy's working copy of the org. Components of one deploy run in ECA_DEPLOY_ORDER,
 * so an app or OAuth settings deployed earlier in the same deploy count as existing for the later ones.
 */
export function deployEcaComponent(ctx: DeployContext, type: string, fullName: string, xml: ParsedXml): ComponentResult {
  const spec = ECA_TYPE_SPECS[type];
  if (!spec) return { problems: [{ problem: `Unknown type ${type}` + INVENTED }], created: false, changed: false };
  const problems: Problem[] = [];
  const { state } = ctx;
  if (ctx.apiVersion < spec.sinceApi) {
    problems.push({ problem: `${type} is not available in API version ${ctx.apiVersion.toFixed(1)}; it needs ${spec.sinceApi}.0 or later` + INVENTED });
    return { problems, created: false, changed: false };
  }
  if (xml.rootName !== type) problems.push({ problem: `Error parsing file: the root element must be ${type}, not ${xml.rootName}` + INVENTED });
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(xml.root)) {
    const known = spec.elements.includes(name) && !(ctx.apiVersion < 60 && spec.api60.includes(name));
    if (!known) {
      problems.push({ problem: `Error parsing file: Element {${METADATA_NS}}${name} invalid at this location in type ${type}`, ...(locate(xml.text, name) ?? {}) });
      continue;
    }
    const list = asList(value);
    if (name === 'customAttributes' || name === 'trustedIpRanges' || name === 'idTokenConfig') {
      fields[name] = JSON.stringify(list);
      continue;
    }
    const text = typeof list[0] === 'string' ? (list[0] as string) : '';
    if (BOOLEAN_ELEMENTS.has(name) && text !== 'true' && text !== 'false') {
      problems.push({ problem: `Error parsing file: '${text}' is not a valid value for the type xsd:boolean`, ...(locate(xml.text, name) ?? {}) });
    }
    const allowed = ENUMS[name];
    if (allowed && !allowed.includes(text)) {
      problems.push({ problem: `Error parsing file: '${text}' is not a valid value for the enum '${name}'`, ...(locate(xml.text, name) ?? {}) });
    }
    fields[name] = text;
  }
  const label = childText(xml.root, 'label');
  if (!label) problems.push({ problem: 'Required field is missing: label' + INVENTED });

  let app = fullName;
  if (type === 'ExternalClientApplication') {
    if (!fields['contactEmail']) problems.push({ problem: 'Required field is missing: contactEmail' + INVENTED });
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName) || fullName.includes('__') || fullName.endsWith('_')) {
      problems.push({ problem: 'The Name field can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.' });
    }
    const scoped = fields['orgScopedExternalApp'];
    if (scoped !== undefined && scoped !== `${state.identity.orgId.slice(0, 15)}:${fullName}` && scoped !== `${state.identity.orgId}:${fullName}`) {
      problems.push({ problem: `In field: orgScopedExternalApp - ${scoped} does not belong to this org` + INVENTED, ...(locate(xml.text, 'orgScopedExternalApp') ?? {}) });
    }
    delete fields['orgScopedExternalApp'];
  } else {
    app = fields['externalClientApplication'] ?? '';
    if (!app) problems.push({ problem: 'Required field is missing: externalClientApplication' + INVENTED });
    else if (!findComponent(state, 'ExternalClientApplication', app)) {
      problems.push({ problem: `In field: externalClientApplication - no ExternalClientApplication named ${app} found` + INVENTED, ...(locate(xml.text, 'externalClientApplication') ?? {}) });
    }
  }
  if (type === 'ExtlClntAppOauthSettings' && fields['oauthLink'] !== undefined) {
    const own = findComponent(state, type, fullName)?.fields['oauthLink'];
    if (fields['oauthLink'] !== own) problems.push({ problem: `In field: oauthLink - ${fields['oauthLink']} is not a valid OAuth link in this org` + INVENTED, ...(locate(xml.text, 'oauthLink') ?? {}) });
  }
  if (type === 'ExtlClntAppOauthConfigurablePolicies' && app) {
    const sameApp = (state.ecaComponents ?? []).find((c) => c.type === type && c.app === app && c.fullName !== fullName);
    if (sameApp) problems.push({ problem: `DUPLICATE_VALUE: ExtlClntAppOauthSettingsId duplicates value on ${sameApp.fullName}` });
    if (!(state.ecaComponents ?? []).some((c) => c.type === 'ExtlClntAppOauthSettings' && c.app === app)) {
      problems.push({ problem: `The OAuth policies of ${app} need its OAuth settings (ExtlClntAppOauthSettings) first` + INVENTED });
    }
    const runAs = fields['clientCredentialsFlowUser'];
    if (runAs !== undefined || fields['isClientCredentialsFlowEnabled'] === 'true') {
      const user = runAs ? findUser(state, runAs) : undefined;
      const byUsername = user !== undefined && String(user.fields['Username']).toLowerCase() === (runAs ?? '').toLowerCase();
      if (!user || !byUsername || user.fields['IsActive'] !== true || !hasUserPermission(state, user, 'ApiEnabled')) {
        problems.push({ problem: RUN_AS_USER_INVALID, ...(locate(xml.text, 'clientCredentialsFlowUser') ?? {}) });
      }
    }
  }
  if (problems.length) return { problems, created: false, changed: false };

  const list = ecaComponents(state);
  const existing = findComponent(state, type, fullName);
  if (type === 'ExternalClientApplication') fields['orgScopedExternalApp'] = `${state.identity.orgId.slice(0, 15)}:${fullName}`;
  if (type === 'ExtlClntAppOauthSettings') fields['oauthLink'] ??= existing?.fields['oauthLink'] ?? `${state.identity.orgId.slice(0, 15)}:${ctx.nextId('888').slice(0, 15)}`;
  const consumerKey = fields['consumerKey'];
  const consumerSecret = fields['consumerSecret'];
  delete fields['consumerKey'];
  delete fields['consumerSecret'];
  if (type === 'ExtlClntAppGlobalOauthSettings') {
    fields['isPkceRequired'] ??= 'true'; // the platform default (oauth-eca.md §1)
    ensureConsumer(ctx, app, consumerKey, consumerSecret);
  }
  const next: EcaComponentState = {
    type,
    fullName,
    id: existing?.id ?? '',
    app,
    fields,
    createdDate: existing?.createdDate ?? ctx.now,
    lastModifiedDate: ctx.now,
    createdById: existing?.createdById ?? state.identity.userId,
    lastModifiedById: state.identity.userId,
  };
  const created = existing === undefined;
  const changed = !created && contentJson(existing) !== contentJson(next);
  if (created) {
    next.id = ctx.nextId(spec.keyPrefix);
    list.push(next);
  } else if (changed) list[list.indexOf(existing)] = next;
  return { problems, created, changed };
}

/** After a deploy: OAuth settings without policies get the policies Salesforce generates (flow off, no run-as user). */
export function addDefaultPolicies(ctx: DeployContext): void {
  const list = ctx.state.ecaComponents ?? [];
  for (const settings of list.filter((c) => c.type === 'ExtlClntAppOauthSettings')) {
    if (list.some((c) => c.type === 'ExtlClntAppOauthConfigurablePolicies' && c.app === settings.app)) continue;
    const name = defaultPolicyName(settings.fullName);
    list.push({
      type: 'ExtlClntAppOauthConfigurablePolicies',
      fullName: name,
      id: ctx.nextId(ECA_TYPE_SPECS['ExtlClntAppOauthConfigurablePolicies']?.keyPrefix ?? '0xL'),
      app: settings.app,
      fields: { externalClientApplication: settings.app, ipRelaxationPolicyType: 'Enforce', isClientCredentialsFlowEnabled: 'false', label: name, permittedUsersPolicyType: 'AllSelfAuthorized' },
      createdDate: ctx.now,
      lastModifiedDate: ctx.now,
      createdById: ctx.state.identity.userId,
      lastModifiedById: ctx.state.identity.userId,
    });
  }
}
