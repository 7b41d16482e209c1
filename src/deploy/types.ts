/**
 * The deploy pipeline's public types: options in, one readonly report out.
 * files → ComponentSet → deploy → user upsert → verify.
 */

/** What `apionly deploy` flags turn into (kebab-case flag → camelCase field). */
export interface DeployOptions {
  /** Project root (where apionly.config.json and sfdx-project.json are). */
  readonly cwd: string;
  readonly configPath?: string;
  /** Alias, username or access token (with SF_ORG_INSTANCE_URL); default: the sf CLI's target-org. */
  readonly targetOrg?: string;
  /** Which `orgs.<key>` entry of the config applies; default: --target-org as typed, else the org's alias. */
  readonly orgKey?: string;
  /** checkOnly deploy plus the user plan; nothing is written to the org. */
  readonly dryRun?: boolean;
  /** Confirms changes to a production org without a prompt. */
  readonly yes?: boolean;
  /** Minutes to wait for the deploy (default 33, as `sf project deploy start`). */
  readonly waitMinutes?: number;
  /** 'new': send Salesforce's password-reset email when the user is created or reactivated; 'always': on every run. */
  readonly resetPassword?: ResetPasswordMode;
  /** Milliseconds between deploy status checks (default: SDR's, 1 s and up); env APIONLY_POLL_FREQUENCY_MS too. */
  readonly pollFrequencyMs?: number;
  /** Whether a person can answer the production prompt. */
  readonly interactive?: boolean;
}

export type ResetPasswordMode = 'never' | 'new' | 'always';

/** The User as the config declares it for one org (src/model userForOrg). */
export type { UserSpec } from '../model';

export interface OrgFacts {
  readonly id: string;
  readonly name: string;
  readonly edition: string;
  readonly isSandbox: boolean;
  readonly instanceUrl: string;
  /** How the target was named, safe to print: alias or username; never a token. */
  readonly target: string;
  /** The deploying user's username (a token target prints as redacted). */
  readonly username: string;
}

export interface ComponentLine {
  readonly type: string;
  readonly fullName: string;
  readonly state: string;
  readonly filePath?: string;
}

export interface ComponentFailure {
  readonly type: string;
  readonly fullName: string;
  readonly filePath?: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
  readonly problem: string;
}

/** NotRun: the licence check failed first (integration route), so nothing was sent. */
export type MetadataDeployStatus = 'Succeeded' | 'Failed' | 'Canceled' | 'TimedOut' | 'Error' | 'SucceededPartial' | 'NotRun';

export interface MetadataDeployReport {
  readonly id?: string;
  readonly status: MetadataDeployStatus;
  readonly checkOnly: boolean;
  readonly apiVersion: string;
  readonly components: readonly ComponentLine[];
  readonly failures: readonly ComponentFailure[];
  /** The request-level error (SOAP fault, poll failure, timeout), scrubbed. */
  readonly error?: { readonly code: string; readonly message: string };
  /** How to follow a deploy that is still running (timeout). */
  readonly followCommand?: string;
}

export interface FieldChange {
  readonly field: string;
  readonly from: string | boolean | null;
  readonly to: string | boolean;
}

export type UserAction = 'create' | 'update' | 'none';

export interface PermissionSetLine {
  readonly name: string;
  readonly action: 'assign' | 'already-assigned';
  readonly done: boolean;
}

export interface UserReport {
  readonly username: string;
  readonly id?: string;
  readonly action: UserAction;
  /** Fields set on create (Username included), or the fields that differ on update (Username never changes); never a password. */
  readonly changes: readonly FieldChange[];
  readonly reactivated: boolean;
  readonly profileName: string;
  readonly permissionSets: readonly PermissionSetLine[];
  /** Permission set licences (integration route), assigned before the permission sets. */
  readonly permissionSetLicenses?: readonly PermissionSetLine[];
  readonly passwordReset: 'sent' | 'not-requested' | 'skipped' | 'planned';
  /** planned (dry run), done, or failed (with error). */
  readonly status: 'planned' | 'done' | 'failed' | 'not-run';
  readonly error?: { readonly code: string; readonly message: string; readonly actions: readonly string[] };
}

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
  /** What to do when the check failed (`apionly check` prints it under the failure). */
  readonly fix?: string;
}

export type DeployOutcomeKind =
  | 'Succeeded'
  | 'DryRunSucceeded'
  | 'DeployFailed'
  | 'DeployTimedOut'
  | 'UserStepFailed'
  | 'VerificationFailed'
  | 'AppStepFailed'
  /** Integration route: not enough seats, a missing permission set licence, or a user that cannot move; nothing changed. */
  | 'LicenseCheckFailed';

/** The External Client App step (after the user): never a consumer key or secret, only where to find them. */
export interface AppReport {
  readonly name: string;
  readonly label: string;
  /** clientCredentialsFlowUser as deployed to this org. */
  readonly runAsUsername: string;
  /** deployed / validated (dry run) / skipped (dry run, user not created yet) / failed. */
  readonly status: 'deployed' | 'validated' | 'skipped' | 'failed';
  readonly detail?: string;
  readonly deploy?: MetadataDeployReport;
  /** Where the admin finds the consumer key and secret (Setup path, Connect REST API). */
  readonly credentials: readonly string[];
}

/**
 * Wall-clock milliseconds of each phase that ran: connect (session + Organization read), package (component set,
 * zip and the deploy request, until the org accepts it), deployWait (status checks until the deploy is done),
 * user (plan + upsert + permission sets), verify (read back).
 */
export interface DeployTimings {
  connect?: number;
  package?: number;
  deployWait?: number;
  user?: number;
  /** the External Client App deploy */
  app?: number;
  verify?: number;
}

export interface DeployReport {
  readonly outcome: DeployOutcomeKind;
  /** 0 success; 1 deploy failed, timed out or a check failed; 68 deploy succeeded but the user or app step failed. */
  readonly exitCode: 0 | 1 | 68;
  readonly dryRun: boolean;
  readonly org: OrgFacts;
  readonly orgKey?: string;
  readonly deploy: MetadataDeployReport;
  /** Integration route: seats and permission set licences, checked before anything changes. */
  readonly licences?: import('./licenceCheck').LicenceCheckReport;
  readonly user?: UserReport;
  /** The External Client App step, when the config has one. */
  readonly app?: AppReport;
  readonly checks: readonly CheckResult[];
  /** What to run to finish the job after a failure. */
  readonly rerun?: string;
  readonly warnings: readonly string[];
  /** Per-phase wall-clock times (ms), for people and `npm run bench`. */
  readonly timings?: Readonly<DeployTimings>;
}
