/**
 * The deploy's message catalogue: what went wrong, and what to do about it. One place, keyed by code.
 */

export interface Explained {
  readonly code: string;
  readonly message: string;
  readonly actions: readonly string[];
}

export interface UserErrorContext {
  readonly username: string;
  readonly orgKey: string | undefined;
  readonly rerun: string;
}

/** Explains a platform error from the user step (REST errorCode), with the fix. */
export function explainUserError(code: string, message: string, ctx: UserErrorContext): Explained {
  const key = ctx.orgKey ?? '<alias>';
  switch (code) {
    case 'DUPLICATE_USERNAME':
      return {
        code,
        message:
          `Username ${ctx.username} is already taken somewhere in Salesforce (${message}). Usernames are unique across ` +
          'every Salesforce org, production and sandboxes of all companies, and stay taken after a user is deactivated.',
        actions: [
          `Set a username for this org in apionly.config.json: "orgs": { "${key}": { "user": { "Username": "api.user@yourcompany.com.${key}" } } }`,
          'Then run `npm run generate`, commit the result, and rerun: ' + ctx.rerun,
        ],
      };
    case 'LICENSE_LIMIT_EXCEEDED':
      return {
        code,
        message:
          `No free Salesforce user licence for ${ctx.username} (${message}). The API Only user takes a full Salesforce seat.`,
        actions: [
          'Free a seat (Setup > Users: deactivate a user nobody uses) or buy one (Setup > Company Information shows the licences).',
          'Then rerun: ' + ctx.rerun,
        ],
      };
    case 'PERMISSION_SET_NOT_FOUND':
      return {
        code,
        message,
        actions: [
          'Deploy the permission set first (or fix its name in apionly.config.json: it is the API name, PermissionSet.Name).',
          'Then rerun: ' + ctx.rerun,
        ],
      };
    case 'PROFILE_NOT_FOUND':
      return { code, message, actions: ['The deploy reported success but the profile is not there; rerun: ' + ctx.rerun] };
    case 'INSUFFICIENT_ACCESS':
    case 'INSUFFICIENT_ACCESS_OR_READONLY':
      return {
        code,
        message: `${message} Creating and updating users needs the Manage Internal Users permission.`,
        actions: ['Deploy with a user who has Manage Internal Users (a System Administrator), then rerun: ' + ctx.rerun],
      };
    default:
      return { code, message, actions: ['Fix the cause above, then rerun: ' + ctx.rerun + ' (a rerun finishes the job and creates no duplicate).'] };
  }
}

export const STALE_FIX = 'Run `npm run generate` (apionly generate), review and commit the result, then deploy again.';

export function noTargetOrgActions(): string[] {
  return [
    'Authorise the org once with the Salesforce CLI: `sf org login web --alias prod` (or JWT in CI: `sf org login jwt …`).',
    'Then pass it: `npm run deploy -- --target-org prod`, or make it the default: `sf config set target-org prod`.',
  ];
}

export function followCommand(deployId: string, target: string): string {
  return `sf project deploy report --job-id ${deployId} --target-org ${target}`;
}
