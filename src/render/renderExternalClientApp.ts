/**
 * The External Client App's four files in canonical bytes: the app, its OAuth settings, its global OAuth settings
 * (client-credentials flow on, PKCE off, no consumer key or secret: the org issues them), and its OAuth policies
 * (client-credentials flow on, run as the integration user). Pure.
 *
 * The run-as username is per org: the committed policies file names the base user's username (reviewable), and
 * `apionly deploy` renders the same file with the target org's username (renderExternalClientAppPolicies) into a
 * temporary folder and deploys that copy (deploy-time rendering; see README "External Client App").
 */
import type { ExternalClientAppConfig } from '../config/types';
import { InputError } from '../errors';
import { apiMajor } from '../model/apiVersion';
import { ECA_MIN_API_VERSION, ECA_TYPES, ecaFileNames, type EcaType } from '../model/externalClientApp';
import { el, renderMetadataXml, type XmlElement } from '../xml';

export interface EcaRenderInput {
  readonly app: ExternalClientAppConfig;
  /** The run-as user's username (the base user's in committed files, the org's at deploy). */
  readonly runAsUsername: string;
  readonly profileName: string;
  readonly permissionSets: readonly string[];
  /** The PEM certificate's text, when app.jwt is set. */
  readonly certificate?: string;
  readonly apiVersion: string;
  /** The config file as shown in messages. */
  readonly configFile: string;
}

export interface EcaFile {
  readonly type: EcaType;
  readonly fullName: string;
  /** Relative to the package directory's main/default folder, e.g. `externalClientApps/Vendor_X.eca-meta.xml`. */
  readonly path: string;
  readonly content: string;
}

function file(type: EcaType, fullName: string, children: XmlElement[]): EcaFile {
  const { folder, suffix } = ECA_TYPES[type];
  return { type, fullName, path: `${folder}/${fullName}.${suffix}-meta.xml`, content: renderMetadataXml({ type, children }) };
}

function checkApiVersion(input: EcaRenderInput): void {
  if (apiMajor(input.apiVersion) >= ECA_MIN_API_VERSION) return;
  throw new InputError('EcaNeedsApi60', [
    {
      file: 'sfdx-project.json',
      location: '/sourceApiVersion',
      message: `the External Client App in ${input.configFile} needs API ${ECA_MIN_API_VERSION}.0 or later (its client-credentials fields arrived in API 60.0)`,
      value: input.apiVersion,
      fix: `set "sourceApiVersion": "${ECA_MIN_API_VERSION}.0" or later, or remove "externalClientApp" from ${input.configFile}`,
    },
  ]);
}

/** The OAuth policies file alone (deploy renders it per org). */
export function renderExternalClientAppPolicies(input: EcaRenderInput): EcaFile {
  checkApiVersion(input);
  const { app } = input;
  const names = ecaFileNames(app.name);
  const preAuth: XmlElement[] = [];
  if (app.jwt?.preAuthorize === 'profile') preAuth.push(el('commaSeparatedProfile', input.profileName));
  if (app.jwt?.preAuthorize === 'permissionSets' && input.permissionSets.length) preAuth.push(el('commaSeparatedPermissionSet', input.permissionSets.join(',')));
  return file('ExtlClntAppOauthConfigurablePolicies', names.policies, [
    el('clientCredentialsFlowUser', input.runAsUsername),
    ...preAuth,
    el('externalClientApplication', app.name),
    el('ipRelaxationPolicyType', 'Enforce'),
    el('isClientCredentialsFlowEnabled', 'true'),
    el('label', names.policies),
    el('permittedUsersPolicyType', 'AdminApprovedPreAuthorized'),
  ]);
}

/** All four files, in deploy order (app, OAuth settings, global OAuth settings, policies). */
export function renderExternalClientApp(input: EcaRenderInput): EcaFile[] {
  checkApiVersion(input);
  const { app } = input;
  const names = ecaFileNames(app.name);
  if (app.jwt && !input.certificate) throw new InputError('EcaCertificateMissing', [{ file: input.configFile, location: '/externalClientApp/jwt/certificate', message: 'the certificate file was not read', value: app.jwt.certificate }]);
  return [
    file('ExternalClientApplication', names.app, [
      el('contactEmail', app.contactEmail),
      ...(app.description === undefined ? [] : [el('description', app.description)]),
      el('distributionState', 'Local'),
      el('isProtected', 'false'),
      el('label', app.label),
    ]),
    file('ExtlClntAppOauthSettings', names.oauthSettings, [
      el('commaSeparatedOauthScopes', app.scopes.join(',')),
      el('externalClientApplication', app.name),
      el('label', names.oauthSettings),
    ]),
    file('ExtlClntAppGlobalOauthSettings', names.globalOauth, [
      el('callbackUrl', app.callbackUrl),
      ...(input.certificate === undefined ? [] : [el('certificate', input.certificate.replace(/\r\n/g, '\n').trim())]),
      el('externalClientApplication', app.name),
      el('isClientCredentialsFlowEnabled', 'true'),
      el('isConsumerSecretOptional', 'false'),
      el('isPkceRequired', 'false'),
      el('label', names.globalOauth),
    ]),
    renderExternalClientAppPolicies(input),
  ];
}
