import { InputError } from '../errors';
import type { ApionlyConfig } from '../config/types';
import { buildProfileModel } from '../model/buildProfile';
import { buildPermissionSetModel } from '../model/buildPermissionSet';
import { renderPermissionSet } from '../render/renderPermissionSet';
import { userForOrg } from '../model/userForOrg';
import type { ProjectInfo, UserSpec } from '../model/types';
import type { RenderedFile } from '../io/writeFiles';
import { renderProfile } from '../render/renderProfile';
import { renderUserDefinition } from '../render/renderUserDefinition';
import { renderExternalClientApp } from '../render/renderExternalClientApp';
import type { PlaceholderValues } from '../render/placeholders';
import { byteOrder } from '../model/userPermissions';
import { profileFileName } from '../model/profileName';
import { renderChannelMembers } from '../render/renderChannelMembers';
import { DEFAULT_CDC_ENTITY_LIMIT, streamingProblems } from '../model/streaming';
import { checkAgainstCatalogue } from '../model/checkAgainstCatalogue';
import type { OrgCatalogue } from '../model/orgCatalogue';

export interface TemplateSource {
  /** Project-relative path (or the packaged default's name), as shown in messages. */
  readonly file: string;
  readonly text: string;
}

export interface GenerationInputs {
  readonly config: ApionlyConfig;
  /** The config file as shown in messages (default apionly.config.json). */
  readonly configFile?: string;
  readonly project: ProjectInfo;
  readonly templates: { readonly profile: TemplateSource; readonly userDefinition: TemplateSource };
  /** The org catalogue (apionly discover), when the project has one. */
  readonly catalogue?: { readonly file: string; readonly catalogue: OrgCatalogue };
  /** The PEM text of externalClientApp.jwt.certificate, when set. */
  readonly ecaCertificate?: string;
  /**
   * How many entities the org lets Change Data Capture select, and where that number comes from (the discover
   * catalogue, when present); default 5, the allocation of every edition without the add-on.
   */
  readonly cdcEntityLimit?: { readonly limit: number; readonly source: string };
}

export interface GenerationPlan {
  readonly files: readonly RenderedFile[];
  /** The generated Profile (profile route); absent on the integration route, which uses a standard profile. */
  readonly profilePath?: string;
  /** The generated PermissionSet (integration route). */
  readonly permissionSetPath?: string;
  readonly userDefinitionPath: string;
  /** Per-org user definition paths, by alias. */
  readonly orgUserDefinitionPaths: Readonly<Record<string, string>>;
  /** The External Client App's four files (project-relative), in deploy order; empty without one. */
  readonly externalClientAppPaths: readonly string[];
  /** One PlatformEventChannelMember per object selected for Change Data Capture (project-relative); empty without. */
  readonly channelMemberPaths: readonly string[];
  readonly warnings: readonly string[];
}

/** Where an org's user definition goes: the base name with `.<alias>` before `.user-def.json` (or `.json`). */
export function orgUserDefinitionPath(base: string, alias: string): string {
  const suffix = base.endsWith('.user-def.json') ? '.user-def.json' : '.json';
  return `${base.slice(0, -suffix.length)}.${alias}${suffix}`;
}

function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
}

function placeholderValues(config: ApionlyConfig, project: ProjectInfo, user: UserSpec): PlaceholderValues {
  const values: Record<string, string | undefined> = {
    name: config.profile.name,
    description: config.profile.description,
    userLicense: config.profile.userLicense,
    apiVersion: project.apiVersion,
  };
  for (const [k, v] of Object.entries(user.fields)) values[`user.${k}`] = String(v);
  return values;
}

/** Where each route writes its permissions file: the profile (profile route) and the permission set (integration route). */
export function routeOutputPaths(config: ApionlyConfig, project: ProjectInfo): { readonly profile: string; readonly permissionSet: string } {
  const base = project.packageDirectories[0] ?? 'force-app';
  const profileDir = normalizePath(config.output.profileDirectory ?? `${base}/main/default/profiles`);
  return {
    profile: `${profileDir}/${profileFileName(config.profile.name)}`,
    permissionSet: `${normalizePath(base)}/main/default/permissionsets/${config.permissionSet.name}.permissionset-meta.xml`,
  };
}

/** Pure: inputs -> every output file with its exact content. Throws InputError before anything is written. */
export function planGeneration(inputs: GenerationInputs): GenerationPlan {
  const { config, project, templates } = inputs;
  const warnings: string[] = [];
  const limit = inputs.cdcEntityLimit ?? { limit: DEFAULT_CDC_ENTITY_LIMIT, source: 'the default for every edition without the add-on' };
  const streaming = streamingProblems(config, inputs.configFile ?? 'apionly.config.json', limit.limit, limit.source);
  if (streaming.length > 0) throw new InputError('StreamingConfig', streaming);
  const selectsStreaming = config.streaming.changeDataCapture.length > 0 || config.streaming.pushTopics;
  if (selectsStreaming && inputs.catalogue?.catalogue.features.streamingApi === false) {
    warnings.push(`${inputs.catalogue.file} records the org's Streaming API as off (EventSettings.enableStreamingApi): the vendor's subscriptions will be refused until an admin turns it on in Setup > User Interface`);
  }
  const catalogueFile = inputs.catalogue?.file ?? config.catalogue.path;
  const problems = checkAgainstCatalogue(config, project, inputs.catalogue?.catalogue, catalogueFile);
  if (problems.length) {
    throw new InputError('ConfigNotForThisOrg', problems.map((p) => ({ file: inputs.configFile ?? 'apionly.config.json', ...p })));
  }
  const baseUser = userForOrg(config, undefined);
  const files: RenderedFile[] = [];
  let profilePath: string | undefined;
  let permissionSetPath: string | undefined;
  if (config.route === 'integration') {
    // The user takes the standard Minimum Access - API Only Integrations profile; its access is this permission set.
    const model = buildPermissionSetModel(config, project, inputs.catalogue?.catalogue);
    warnings.push(...model.warnings);
    permissionSetPath = routeOutputPaths(config, project).permissionSet;
    files.push({ path: permissionSetPath, content: renderPermissionSet(model) });
  } else {
    const model = buildProfileModel(config, project, inputs.catalogue?.catalogue);
    warnings.push(...model.warnings);
    profilePath = routeOutputPaths(config, project).profile;
    const profile = renderProfile(templates.profile.text, templates.profile.file, model, placeholderValues(config, project, baseUser));
    warnings.push(...profile.warnings);
    files.push({ path: profilePath, content: profile.content });
  }

  const userDefinitionPath = normalizePath(config.output.userDefinition);
  const base = renderUserDefinition(templates.userDefinition.text, templates.userDefinition.file, baseUser, placeholderValues(config, project, baseUser));
  warnings.push(...base.warnings);
  files.push({ path: userDefinitionPath, content: base.content });

  const orgUserDefinitionPaths: Record<string, string> = {};
  for (const alias of Object.keys(config.orgs).sort(byteOrder)) {
    const user = userForOrg(config, alias);
    const path = normalizePath(config.orgs[alias]?.userDefinition ?? orgUserDefinitionPath(userDefinitionPath, alias));
    // Template warnings are the same for every org; report them once.
    const rendered = renderUserDefinition(templates.userDefinition.text, templates.userDefinition.file, user, placeholderValues(config, project, user));
    files.push({ path, content: rendered.content });
    orgUserDefinitionPaths[alias] = path;
  }

  const externalClientAppPaths: string[] = [];
  if (config.externalClientApp) {
    const ecaDir = `${normalizePath(project.packageDirectories[0] ?? 'force-app')}/main/default`;
    const ecaFiles = renderExternalClientApp({
      app: config.externalClientApp,
      runAsUsername: String(baseUser.fields['Username']),
      // The user's profile: the generated one, or Minimum Access - API Only Integrations on the integration route.
      profileName: baseUser.profileName,
      permissionSets: baseUser.permissionSets,
      ...(inputs.ecaCertificate === undefined ? {} : { certificate: inputs.ecaCertificate }),
      apiVersion: project.apiVersion,
      configFile: inputs.configFile ?? 'apionly.config.json',
    });
    for (const f of ecaFiles) {
      files.push({ path: `${ecaDir}/${f.path}`, content: f.content });
      externalClientAppPaths.push(`${ecaDir}/${f.path}`);
    }
  }

  const channelMemberPaths: string[] = [];
  const defaultDir = `${normalizePath(project.packageDirectories[0] ?? 'force-app')}/main/default`;
  for (const f of renderChannelMembers(config.streaming.changeDataCapture)) {
    files.push({ path: `${defaultDir}/${f.path}`, content: f.content });
    channelMemberPaths.push(`${defaultDir}/${f.path}`);
  }

  const seen = new Set<string>();
  for (const f of files) {
    const key = f.path.toLowerCase();
    if (seen.has(key)) {
      throw new InputError('OutputCollision', [
        { file: inputs.configFile ?? 'apionly.config.json', location: '/output', message: `two outputs would be written to the same file ${f.path}`, fix: 'give each org its own orgs.<alias>.userDefinition, or change output.userDefinition' },
      ]);
    }
    seen.add(key);
  }
  return {
    files,
    ...(profilePath !== undefined ? { profilePath } : {}),
    ...(permissionSetPath !== undefined ? { permissionSetPath } : {}),
    userDefinitionPath,
    orgUserDefinitionPaths,
    externalClientAppPaths,
    channelMemberPaths,
    warnings: [...new Set(warnings)],
  };
}
