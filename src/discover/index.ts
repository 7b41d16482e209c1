/**
 * `discover(options)`: the target org -> the committed catalogue file (apionly.catalogue.json by default).
 *
 *   config (catalogue path, reference profile) -> connect (as deploy does) -> read the org (readOrgCatalogue)
 *   -> render stable bytes -> compare with the committed file -> write it atomically (or, with check, only report)
 *
 * The file is written only after the whole org was read, in one atomic replace (src/io), and only when its bytes
 * change; a failure anywhere leaves the committed catalogue as it was.
 */
import { relative } from 'node:path';
import { diffCatalogues, renderCatalogue, type CatalogueDiff } from '../catalogue';
import { loadConfig } from '../config';
import { AppError, InputError, OperationError } from '../errors';
import { checkFiles, readCatalogue, writeFiles } from '../io';
import type { OrgCatalogue } from '../model/orgCatalogue';
import { coreWarnings, withOrgSession } from '../deploy/deploy';
import { lineProgress, type CountProgress, type ProgressSink } from '../deploy/progress';
import { describeError } from '../deploy/scrub';
import { connectOrg, type OrgSession } from '../deploy/targetOrg';
import { readOrgCatalogue } from './readOrgCatalogue';

export { readOrgCatalogue, type DiscoverPorts, type DiscoverProgress } from './readOrgCatalogue';

export interface DiscoverOptions {
  readonly cwd: string;
  readonly configPath?: string;
  readonly targetOrg?: string;
  /** Write nothing; report what changed in the org since the committed catalogue (exit 1 when anything did). */
  readonly check?: boolean;
}

export type DiscoverStatus = 'written' | 'unchanged' | 'stale' | 'missing';

export interface DiscoverResult {
  /** The catalogue file, project-relative. */
  readonly path: string;
  /** written / unchanged (write mode); unchanged / stale / missing (check). */
  readonly status: DiscoverStatus;
  readonly org: OrgCatalogue['org'] & { readonly target: string };
  readonly counts: {
    readonly objects: number;
    readonly objectPermissionObjects: number;
    readonly fields: number;
    readonly userPermissions: number;
    readonly referenceProfilePermissions: number;
  };
  /** What changed against the committed catalogue (absent when there was none). */
  readonly diff?: CatalogueDiff;
  readonly warnings: string[];
}

export interface DiscoverDeps {
  readonly connect: (targetOrg: string | undefined) => Promise<Pick<OrgSession, 'client' | 'reader' | 'displayName' | 'secrets' | 'instanceUrl'>>;
  readonly progress: ProgressSink;
  readonly count: CountProgress;
  readonly collectCoreWarnings: (sink: (warning: string) => void) => () => void;
}

export async function discover(options: DiscoverOptions, deps: Partial<DiscoverDeps> = {}): Promise<DiscoverResult> {
  const d: DiscoverDeps = {
    connect: connectOrg,
    progress: lineProgress(process.stderr),
    count: { update: () => undefined, done: () => undefined },
    collectCoreWarnings: coreWarnings,
    ...deps,
  };
  const loaded = await loadConfig({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const { projectDir, config } = loaded;
  const configFile = relative(options.cwd, loaded.path) || loaded.path;
  const path = config.catalogue.path;
  const warnings: string[] = [];

  let committed: Awaited<ReturnType<typeof readCatalogue>>;
  try {
    committed = await readCatalogue(projectDir, path);
  } catch (err) {
    if (options.check || !(err instanceof InputError)) throw err;
    warnings.push(`the committed catalogue ${path} could not be read (${err.problems[0]?.message ?? err.message}); it is replaced`);
    committed = undefined;
  }

  const org = { targetOrg: options.targetOrg, connect: d.connect, collectCoreWarnings: d.collectCoreWarnings, progress: (line: string) => d.progress.step(line), warnings };
  return withOrgSession(org, async (session, secrets) => {
    let catalogue: OrgCatalogue;
    try {
      catalogue = await readOrgCatalogue(
        { client: session.client, reader: session.reader },
        config.catalogue.referenceProfile,
        { step: (line) => d.progress.step(line), describes: (done, total) => d.count.update(done, total) },
        configFile,
      );
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw readFailure(err, secrets, path, session.displayName);
    } finally {
      d.count.done();
    }
    const content = renderCatalogue(catalogue);
    const file = { path, content };
    const status: DiscoverStatus = options.check
      ? ((await checkFiles([file], projectDir))[0]?.status ?? 'missing')
      : ((await writeFiles([file], projectDir))[0]?.status ?? 'written');
    const fields = Object.values(catalogue.objects).reduce((n, o) => n + Object.keys(o.fields).length, 0);
    return {
      path,
      status,
      org: { ...catalogue.org, target: session.displayName },
      counts: {
        objects: Object.keys(catalogue.objects).length,
        objectPermissionObjects: Object.values(catalogue.objects).filter((o) => o.objectPermissions).length,
        fields,
        userPermissions: catalogue.userPermissions.length,
        referenceProfilePermissions: catalogue.referenceProfile.userPermissions.length,
      },
      ...(committed ? { diff: diffCatalogues(committed.catalogue, catalogue) } : {}),
      warnings,
    };
  });
}

/** An org call that failed while reading: exit 1 (2 for a session the org refuses), the catalogue untouched. */
function readFailure(err: unknown, secrets: readonly string[], path: string, target: string): AppError {
  const { code, message } = describeError(err, secrets);
  const untouched = `Nothing was written: ${path} is as it was.`;
  if (code === 'INVALID_SESSION_ID') {
    return new InputError('SessionExpired', [
      { file: `--target-org ${target}`, location: '', message: `the org refused the session (${code}): ${message}`, fix: `log in again (\`sf org login web --alias ${target}\`) or pass a fresh access token, then rerun` },
    ], { actions: [untouched] });
  }
  return new OperationError('DiscoverFailed', `Reading the org failed (${code}): ${message}`, {
    cause: err,
    actions: [untouched, `Rerun \`npm run discover -- --target-org ${target}\`; a server error is usually transient. The deploying user needs View Setup and Configuration.`],
  });
}
