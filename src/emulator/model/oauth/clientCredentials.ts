/**
 * The client-credentials grant as an org decides it (oauth-eca.md §2): the consumer key names an app of this org,
 * the secret matches, the flow is on in both the global OAuth settings and the policies, and the policies name a
 * run-as user who exists, is active and is API enabled. Errors are Salesforce's documented ones where known.
 */
import { OAuthError } from '../api';
import { INVENTED } from '../rules/types';
import type { EcaComponentState, OrgState, UserState } from '../state';
import { findUser, hasUserPermission } from './userAccess';

function component(state: OrgState, type: string, app: string): EcaComponentState | undefined {
  return (state.ecaComponents ?? []).find((c) => c.type === type && c.app === app);
}

const SCOPES: Readonly<Record<string, string>> = { Api: 'api', Web: 'web', Full: 'full', Basic: 'id', RefreshToken: 'refresh_token offline_access', OpenID: 'openid' };

/** The OAuth scope string of an app's OAuth settings (`Api,OpenID` → `api openid`). */
export function scopeOf(state: OrgState, app: string): string {
  const list = (component(state, 'ExtlClntAppOauthSettings', app)?.fields['commaSeparatedOauthScopes'] ?? 'Api').split(',').map((s) => s.trim()).filter(Boolean);
  return list.map((s) => SCOPES[s] ?? s.toLowerCase()).join(' ');
}

export function grantClientCredentials(state: OrgState, clientId: string, clientSecret: string): { user: UserState; app: string } {
  const consumer = (state.ecaConsumers ?? []).find((c) => c.key === clientId);
  if (!consumer) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if (consumer.secret !== clientSecret) throw new OAuthError('invalid_client', 'invalid client credentials');
  const app = consumer.app;
  const global = component(state, 'ExtlClntAppGlobalOauthSettings', app);
  if (global?.fields['isClientCredentialsFlowEnabled'] !== 'true') {
    throw new OAuthError('invalid_grant', `the client credentials flow is not enabled for this app${INVENTED}`);
  }
  const policies = component(state, 'ExtlClntAppOauthConfigurablePolicies', app);
  const runAs = policies?.fields['clientCredentialsFlowUser'];
  if (policies?.fields['isClientCredentialsFlowEnabled'] !== 'true' || !runAs) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
  const user = findUser(state, runAs);
  if (!user) throw new OAuthError('invalid_grant', 'no client credentials user enabled');
  if (user.fields['IsActive'] !== true) throw new OAuthError('invalid_grant', `the client credentials user is inactive${INVENTED}`);
  if (!hasUserPermission(state, user, 'ApiEnabled')) throw new OAuthError('invalid_grant', `the client credentials user is not API enabled${INVENTED}`);
  return { user, app };
}
