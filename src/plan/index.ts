/**
 * `plan(options)` and `status(options)`: read the committed files and the org (through the org-state reader, never
 * a retrieve or a deploy), then the pure views in ./assess. Exceptions only for "cannot start" (bad input, no org);
 * the reports carry their own exit codes (plan: 0 / 3 changes pending; status: 0 / 4 drift).
 */
import { chooseOrgKey, coreWarnings, readCommittedProfile, readOrgFacts, refuseUnknownOrgKey, userSpecFor, withOrgSession } from '../deploy/deploy';
import { loadProject as defaultLoadProject, type LoadProjectOptions, type ProjectState } from '../deploy/project';
import { scrubData } from '../deploy/scrub';
import { connectOrg, type OrgSession } from '../deploy/targetOrg';
import { writableFields } from '../deploy/userPlan';
import { readOrgState } from '../orgState';
import { planReport, statusReport, type AssessInput } from './assess';
import type { PlanOptions, PlanReport, StatusReport } from './types';

export { planReport, statusReport, diffUser, PLAN_CHANGES_PENDING, STATUS_DRIFT } from './assess';
export { diffProfile } from './diffProfile';
export { renderPlan, renderStatus, renderPlanMarkdown, renderStatusMarkdown } from './render';
export type * from './types';

export interface PlanDeps {
  readonly loadProject: (options: LoadProjectOptions) => Promise<ProjectState>;
  readonly connect: (targetOrg: string | undefined) => Promise<OrgSession>;
  readonly collectCoreWarnings: (sink: (warning: string) => void) => () => void;
  readonly progress: (line: string) => void;
}

async function gather(options: PlanOptions, deps: Partial<PlanDeps>): Promise<{ input: AssessInput; secrets: string[] }> {
  const d: PlanDeps = { loadProject: defaultLoadProject, connect: connectOrg, collectCoreWarnings: coreWarnings, progress: () => undefined, ...deps };
  const project = await d.loadProject({ cwd: options.cwd, ...(options.configPath === undefined ? {} : { configPath: options.configPath }) });
  const committed = await readCommittedProfile(project, options.cwd, { fields: true });
  refuseUnknownOrgKey(options.orgKey, project.orgKeys, project.configPath);
  const warnings: string[] = [...project.warnings];
  return withOrgSession({ targetOrg: options.targetOrg, connect: d.connect, collectCoreWarnings: d.collectCoreWarnings, progress: d.progress, warnings }, async (session, secrets) => {
    const org = await readOrgFacts(session, secrets);
    const orgKey = chooseOrgKey(options, project.orgKeys, session);
    const spec = userSpecFor(project, orgKey);
    d.progress(`Reading ${project.integration ? `permission set ${project.integration.permissionSetName}, profile` : 'profile'} "${spec.profileName}" and user ${String(spec.fields['Username'])} from ${org.name}…`);
    const started = performance.now();
    const state = await readOrgState(session.client, {
      profileName: spec.profileName,
      username: String(spec.fields['Username']),
      userFields: Object.keys(writableFields(spec).fields),
      permissionSets: spec.permissionSets,
      permissionSetLicenses: spec.permissionSetLicenses ?? [],
    });
    const readMs = Math.round(performance.now() - started);
    const integration = project.integration ? { permissionSetName: project.integration.permissionSetName } : undefined;
    return { input: { org, spec, committed, state, ...(orgKey ? { orgKey } : {}), ...(integration ? { integration } : {}), readMs, warnings }, secrets };
  });
}

/** What `deploy` would change in the org, without deploying or retrieving. */
export async function plan(options: PlanOptions, deps: Partial<PlanDeps> = {}): Promise<PlanReport> {
  const { input, secrets } = await gather(options, deps);
  return scrubData(planReport(input), secrets);
}

/** Whether the org still matches the committed files: the user, its profile, its grants. */
export async function status(options: PlanOptions, deps: Partial<PlanDeps> = {}): Promise<StatusReport> {
  const { input, secrets } = await gather(options, deps);
  return scrubData(statusReport(input), secrets);
}
