import { access, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadConfig } from '../config';
import { CONFIG_DEFAULTS } from '../config/validateConfig';
import type { LoadedConfig } from '../config/types';
import { InputError } from '../errors';
import { checkFiles, discoverObjects, readCatalogue, readSfdxProject, writeFiles } from '../io';
import { planGeneration, routeOutputPaths, type GenerationInputs, type TemplateSource } from './planGeneration';

export { planGeneration, routeOutputPaths, orgUserDefinitionPath, type GenerationInputs, type GenerationPlan, type TemplateSource } from './planGeneration';

export interface GenerateOptions {
  readonly cwd: string;
  readonly configPath?: string;
  /** Write nothing; report stale and missing files. */
  readonly check?: boolean;
}

export type GeneratedFileStatus = 'written' | 'unchanged' | 'stale' | 'missing';

export interface GenerateResult {
  /** Paths relative to the project root. */
  files: Array<{ path: string; status: GeneratedFileStatus }>;
  /** The generated Profile (profile route). */
  profilePath?: string;
  /** The generated PermissionSet (integration route). */
  permissionSetPath?: string;
  /** The External Client App's files (project-relative), in deploy order; absent without one. */
  externalClientAppPaths?: string[];
  userDefinitionPath: string;
  /** sfdx-project.json's sourceApiVersion: the API version of everything generated (and deployed). */
  sourceApiVersion: string;
  /** sfdx-project.json's package directories, relative to the project root. */
  packageDirectories: string[];
  warnings: string[];
}

/** Templates shipped in the package, used when the project has none at the default paths. */
export const PACKAGED_TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');

async function readTemplate(projectDir: string, path: string, defaultPath: string): Promise<TemplateSource> {
  try {
    return { file: path, text: await readFile(join(projectDir, path), 'utf8') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (path === defaultPath) {
    const packaged = join(PACKAGED_TEMPLATES_DIR, defaultPath.replace(/^templates\//, ''));
    return { file: `${path} (apionly's default)`, text: await readFile(packaged, 'utf8') };
  }
  throw new InputError('TemplateNotFound', [
    { file: path, location: '', message: 'template not found', fix: `create it, or remove the setting from "templates" in apionly.config.json to use apionly's default ${defaultPath}` },
  ]);
}

/** Reads everything generation needs (config already loaded): sfdx-project.json, objects and fields, templates. */
export async function readGenerationInputs(loaded: LoadedConfig): Promise<GenerationInputs> {
  const { projectDir, config } = loaded;
  const sfdx = await readSfdxProject(projectDir);
  const objects = await discoverObjects(projectDir, sfdx.packageDirectories);
  const catalogue = await readCatalogue(projectDir, config.catalogue.path);
  const [profile, userDefinition] = await Promise.all([
    readTemplate(projectDir, config.templates.profile, CONFIG_DEFAULTS.profileTemplate),
    readTemplate(projectDir, config.templates.userDefinition, CONFIG_DEFAULTS.userDefinitionTemplate),
  ]);
  const configFile = relative(projectDir, loaded.path) || loaded.path;
  const ecaCertificate = config.externalClientApp?.jwt ? await readCertificate(projectDir, config.externalClientApp.jwt.certificate, configFile) : undefined;
  return {
    config,
    configFile,
    project: { apiVersion: sfdx.apiVersion, packageDirectories: sfdx.packageDirectories, objects },
    templates: { profile, userDefinition },
    ...(catalogue ? { catalogue: { file: config.catalogue.path, catalogue: catalogue.catalogue } } : {}),
    ...(ecaCertificate === undefined ? {} : { ecaCertificate }),
  };
}

/** The External Client App's JWT certificate: a PEM certificate, never a private key (it would be committed). */
async function readCertificate(projectDir: string, path: string, configFile: string): Promise<string> {
  const location = '/externalClientApp/jwt/certificate';
  let text: string;
  try {
    text = await readFile(join(projectDir, path), 'utf8');
  } catch (err) {
    throw new InputError('CertificateNotFound', [{ file: configFile, location, message: `cannot read the certificate file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, value: path, fix: 'give the path of the PEM certificate (public part), relative to the project' }]);
  }
  if (/PRIVATE KEY-----/.test(text)) {
    throw new InputError('CertificateHasPrivateKey', [{ file: path, location: '', message: 'the file holds a private key, which must never be committed or deployed', fix: 'keep the private key with the vendor; point jwt.certificate at the certificate only (-----BEGIN CERTIFICATE-----)' }]);
  }
  if (!/^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/.test(text.trim() + '\n')) {
    throw new InputError('CertificateNotPem', [{ file: path, location: '', message: 'not a PEM certificate (one -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- block)', fix: 'export the certificate in PEM format, e.g. `openssl x509 -in cert.der -inform der -out cert.pem`' }]);
  }
  return text;
}

/**
 * config + templates -> the Profile and user definition files. Everything is validated and rendered before the
 * first write; with `check`, nothing is written and stale or missing files are reported.
 * Loads neither source-deploy-retrieve nor @salesforce/core.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const loaded = await loadConfig(options.configPath === undefined ? { cwd: options.cwd } : { cwd: options.cwd, configPath: options.configPath });
  return generateFromConfig(loaded, { check: options.check ?? false });
}

/** `generate` for a config already loaded (deploy loads it once and checks the files with it). */
export async function generateFromConfig(loaded: LoadedConfig, options: { readonly check: boolean }): Promise<GenerateResult> {
  const inputs = await readGenerationInputs(loaded);
  const plan = planGeneration(inputs);
  const files = options.check ? await checkFiles(plan.files, loaded.projectDir) : await writeFiles(plan.files, loaded.projectDir);
  const leftover = await otherRouteFile(loaded, inputs);
  return {
    files,
    ...(plan.profilePath !== undefined ? { profilePath: plan.profilePath } : {}),
    ...(plan.permissionSetPath !== undefined ? { permissionSetPath: plan.permissionSetPath } : {}),
    userDefinitionPath: plan.userDefinitionPath,
    ...(plan.externalClientAppPaths.length ? { externalClientAppPaths: [...plan.externalClientAppPaths] } : {}),
    sourceApiVersion: inputs.project.apiVersion,
    packageDirectories: [...inputs.project.packageDirectories],
    warnings: [...plan.warnings, ...leftover],
  };
}

/** The permissions file of the other route, when it is still in the project after a switch (never deleted for you). */
async function otherRouteFile(loaded: LoadedConfig, inputs: GenerationInputs): Promise<string[]> {
  const { config } = loaded;
  const paths = routeOutputPaths(config, inputs.project);
  const other = config.route === 'integration' ? paths.profile : paths.permissionSet;
  try {
    await access(join(loaded.projectDir, other));
  } catch {
    return [];
  }
  return [
    `${other} is no longer generated (route "${config.route}"), and deploy no longer sends it; ` +
      'delete it once the org no longer needs it, or keep it deliberately (see README "Two routes").',
  ];
}
