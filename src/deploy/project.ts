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
  readonly warnings: readonly string[];
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
  const metadataPaths = new Set<string>([profilePath]);
  for (const f of result.files) {
    const p = abs(f.path);
    if (p.endsWith('-meta.xml') && packageDirs.some((d) => p === d || p.startsWith(d + sep))) metadataPaths.add(p);
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
    warnings: result.warnings,
  };
}
