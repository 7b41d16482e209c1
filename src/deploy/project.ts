/**
 * What the deploy needs from the project: the generated files (refused when stale, as `generate --check` would),
 * the project's sourceApiVersion, and the user declared for the target org. The config is loaded once and the
 * generate check runs on it. None of these modules loads SDR or @salesforce/core.
 */
import { isAbsolute, resolve, sep } from 'node:path';
import { loadConfig } from '../config';
import { InputError, type InputProblem } from '../errors';
import { generateFromConfig } from '../generate';
import { INTEGRATION_USER_LICENSE, userForOrg } from '../model';
import { renderExternalClientAppPolicies, type EcaFile } from '../render/renderExternalClientApp';
import { readGenerationInputs } from '../generate';
import { STALE_FIX } from './messages';
import type { UserSpec } from './types';

export interface ProjectState {
  readonly projectDir: string;
  readonly configPath: string;
  readonly sourceApiVersion: string;
  /** Absolute path of the generated permissions file: the Profile (profile route) or the PermissionSet (integration route). */
  readonly profilePath: string;
  /** Integration route: the generated permission set, its licence, and the user licence the user takes. */
  readonly integration?: { readonly permissionSetName: string; readonly permissionSetLicense: string; readonly userLicense: string };
  /** Absolute paths of every generated metadata file to deploy (the profile included). */
  readonly metadataPaths: readonly string[];
  /** Keys of the config's `orgs` section. */
  readonly orgKeys: readonly string[];
  readonly userFor: (orgKey: string | undefined) => UserSpec;
  /** The External Client App, deployed after the user (absent without one in the config). */
  readonly externalClientApp?: ExternalClientAppFiles;
  readonly warnings: readonly string[];
}

/** The app's committed files, and its policies rendered for one org (deploy-time rendering of the run-as username). */
export interface ExternalClientAppFiles {
  readonly name: string;
  readonly label: string;
  /** Absolute paths of the app, OAuth settings and global OAuth settings files (deployed as committed). */
  readonly fixedPaths: readonly string[];
  /** Absolute path of the committed policies file (the base user's username). */
  readonly policiesPath: string;
  /** The policies file for an org: the org's username as clientCredentialsFlowUser. */
  readonly policiesFor: (orgKey: string | undefined) => EcaFile;
}

export interface LoadProjectOptions {
  readonly cwd: string;
  readonly configPath?: string;
}

export async function loadProject(options: LoadProjectOptions): Promise<ProjectState> {
  const loaded = await loadConfig({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const result = await generateFromConfig(loaded, { check: true });

  const stale = result.files.filter((f) => f.status === 'stale' || f.status === 'missing');
  if (stale.length) {
    const problems: InputProblem[] = stale.map((f) => ({
      file: f.path,
      location: '',
      message:
        f.status === 'missing'
          ? 'missing: apionly generate would write this file, and it is not in the project'
          : 'stale: the committed file differs from what apionly generate writes from apionly.config.json and templates/',
      fix: STALE_FIX,
    }));
    throw new InputError('StaleGeneratedFiles', problems, {
      actions: [STALE_FIX, 'Deploy only ever sends the committed, generated files, so they must be current.'],
    });
  }

  const projectDir = loaded.projectDir;
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(projectDir, p));
  const profilePath = abs(result.permissionSetPath ?? result.profilePath ?? '');
  const packageDirs = result.packageDirectories.map((d) => resolve(projectDir, d));
  const ecaPaths = (result.externalClientAppPaths ?? []).map(abs);
  const metadataPaths = new Set<string>([profilePath]);
  for (const f of result.files) {
    const p = abs(f.path);
    if (p.endsWith('-meta.xml') && !ecaPaths.includes(p) && packageDirs.some((d) => p === d || p.startsWith(d + sep))) metadataPaths.add(p);
  }
  const app = loaded.config.externalClientApp;
  let externalClientApp: ExternalClientAppFiles | undefined;
  if (app && ecaPaths.length === 4) {
    const inputs = await readGenerationInputs(loaded);
    externalClientApp = {
      name: app.name,
      label: app.label,
      fixedPaths: ecaPaths.slice(0, 3),
      policiesPath: ecaPaths[3] as string,
      policiesFor: (orgKey) => {
        const user = userForOrg(loaded.config, orgKey);
        return renderExternalClientAppPolicies({
          app,
          runAsUsername: String(user.fields['Username']),
          profileName: user.profileName,
          permissionSets: user.permissionSets,
          ...(inputs.ecaCertificate === undefined ? {} : { certificate: inputs.ecaCertificate }),
          apiVersion: result.sourceApiVersion,
          configFile: loaded.path,
        });
      },
    };
  }
  return {
    projectDir,
    configPath: loaded.path,
    sourceApiVersion: result.sourceApiVersion,
    profilePath,
    ...(loaded.config.route === 'integration'
      ? { integration: { permissionSetName: loaded.config.permissionSet.name, permissionSetLicense: loaded.config.permissionSet.license, userLicense: INTEGRATION_USER_LICENSE } }
      : {}),
    metadataPaths: [...metadataPaths],
    orgKeys: Object.keys(loaded.config.orgs),
    userFor: (orgKey) => userForOrg(loaded.config, orgKey),
    ...(externalClientApp ? { externalClientApp } : {}),
    warnings: result.warnings,
  };
}
