/**
 * What the deploy needs from the project: the generated files (refused when stale, as `generate --check` would),
 * the project's sourceApiVersion, and the user declared for the target org. The generate/config/model modules
 * are required lazily, through their public index.
 */
import { isAbsolute, resolve, sep } from 'node:path';
import { InputError, type InputProblem } from '../errors';
import { STALE_FIX } from './messages';
import type { UserSpec } from './types';

/** The agreed shapes of src/generate, src/config and src/model (kept local so this module compiles on its own). */
interface GenerateModule {
  generate(options: { cwd: string; configPath?: string; check: true }): Promise<{
    readonly files: ReadonlyArray<{ readonly path: string; readonly status: string }>;
    readonly profilePath: string;
    readonly userDefinitionPath?: string;
    readonly warnings: readonly unknown[];
  }>;
}
interface ConfigModule {
  loadConfig(options: { cwd: string; configPath?: string }): Promise<{ path: string; projectDir: string; config: unknown }>;
}
interface IoModule {
  readSfdxProject(projectDir: string): Promise<{ readonly apiVersion: string; readonly packageDirectories: readonly string[] }>;
}
interface ModelModule {
  userForOrg(config: unknown, orgKey: string | undefined): UserSpec;
}

export interface ProjectState {
  readonly projectDir: string;
  readonly configPath: string;
  readonly sourceApiVersion: string;
  /** Absolute path of the generated Profile file. */
  readonly profilePath: string;
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
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { generate } = require('../generate') as GenerateModule;
  const { loadConfig } = require('../config') as ConfigModule;
  const { userForOrg } = require('../model') as ModelModule;
  const { readSfdxProject } = require('../io') as IoModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const pathOpt = options.configPath === undefined ? {} : { configPath: options.configPath };
  const loaded = await loadConfig({ cwd: options.cwd, ...pathOpt });
  const result = await generate({ cwd: options.cwd, ...pathOpt, check: true });

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
  const project = await readSfdxProject(projectDir);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(projectDir, p));
  const profilePath = abs(result.profilePath);
  const packageDirs = project.packageDirectories.map((d) => resolve(projectDir, d));
  const metadataPaths = new Set<string>([profilePath]);
  for (const f of result.files) {
    const p = abs(f.path);
    if (p.endsWith('-meta.xml') && packageDirs.some((d) => p === d || p.startsWith(d + sep))) metadataPaths.add(p);
  }
  const config = loaded.config as { orgs?: Record<string, unknown> };
  return {
    projectDir,
    configPath: loaded.path,
    sourceApiVersion: project.apiVersion,
    profilePath,
    metadataPaths: [...metadataPaths],
    orgKeys: Object.keys(config.orgs ?? {}),
    userFor: (orgKey) => userForOrg(loaded.config, orgKey),
    warnings: result.warnings.map((w) => (typeof w === 'string' ? w : String((w as { message?: unknown })?.message ?? JSON.stringify(w)))),
  };
}
