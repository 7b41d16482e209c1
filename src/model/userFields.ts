import { TIME_ZONE_SID_KEYS } from './data/timeZones';
import { EMAIL_ENCODING_KEYS, LANGUAGE_LOCALE_KEYS, LOCALE_SID_KEYS } from './data/userValues';

/** User field rules (salesforce-facts d.1): lengths, shapes and picklist values, as data. */

/** Defaults where Salesforce has sensible ones (also written as `default` in the JSON Schema). */
export const USER_FIELD_DEFAULTS: Readonly<Record<string, string>> = {
  TimeZoneSidKey: 'America/Los_Angeles',
  LocaleSidKey: 'en_US',
  LanguageLocaleKey: 'en_US',
  EmailEncodingKey: 'UTF-8',
};

/** The order User fields are written in (then other fields, sorted). */
export const USER_FIELD_ORDER: readonly string[] = [
  'Username', 'FirstName', 'LastName', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'LanguageLocaleKey', 'EmailEncodingKey',
];

export const REQUIRED_USER_FIELDS: readonly string[] = ['Username', 'LastName', 'Email'];

const EMAIL_SHAPE = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmailShaped(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** Alias Salesforce's UI would suggest: first letter of the first name plus the first four of the last name. */
export function defaultAlias(firstName: string | undefined, lastName: string): string {
  const clean = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '');
  const alias = `${clean(firstName ?? '').slice(0, 1)}${clean(lastName).slice(0, 4)}`.toLowerCase();
  return alias || 'apionly';
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly value: unknown;
  readonly fix: string;
}

const PICKLISTS: ReadonlyArray<{ field: string; values: readonly string[]; example: string }> = [
  { field: 'TimeZoneSidKey', values: TIME_ZONE_SID_KEYS, example: 'America/New_York' },
  { field: 'LocaleSidKey', values: LOCALE_SID_KEYS, example: 'en_US' },
  { field: 'LanguageLocaleKey', values: LANGUAGE_LOCALE_KEYS, example: 'en_US' },
  { field: 'EmailEncodingKey', values: EMAIL_ENCODING_KEYS, example: 'UTF-8' },
];

/** The closest known values, for "did you mean". */
export function closest(value: string, values: readonly string[], count = 3): string[] {
  const v = value.toLowerCase();
  const scored = values.map((candidate) => ({ candidate, d: distance(v, candidate.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d || (a.candidate < b.candidate ? -1 : 1));
  return scored.slice(0, count).map((s) => s.candidate);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/**
 * Checks User field values (only the fields present; `required` adds the required ones). Pure: returns every
 * problem, with the field name, the bad value and the fix.
 */
export function userFieldProblems(fields: Readonly<Record<string, unknown>>, options: { required: boolean }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (options.required) {
    for (const f of REQUIRED_USER_FIELDS) {
      if (fields[f] === undefined) problems.push({ field: f, message: `${f} is required`, value: undefined, fix: `add "${f}" to the user` });
    }
  }
  const username = fields['Username'];
  if (typeof username === 'string') {
    if (username.length > 80) {
      problems.push({ field: 'Username', message: `Username is ${username.length} characters; Salesforce allows at most 80`, value: username, fix: 'use a shorter username' });
    }
    if (!isEmailShaped(username)) {
      problems.push({ field: 'Username', message: 'Username must be in the form of an email address (it need not be a real mailbox)', value: username, fix: 'use a name like api.only@yourcompany.com.prod, unique across all Salesforce orgs' });
    }
  }
  const email = fields['Email'];
  if (typeof email === 'string' && !isEmailShaped(email)) {
    problems.push({ field: 'Email', message: 'Email is not an email address', value: email, fix: 'use a mailbox the integration owner reads' });
  }
  const alias = fields['Alias'];
  if (typeof alias === 'string') {
    if (alias.length > 8) problems.push({ field: 'Alias', message: `Alias is ${alias.length} characters; Salesforce allows at most 8`, value: alias, fix: `shorten it, e.g. "${alias.slice(0, 8)}"` });
    if (alias.trim() === '') problems.push({ field: 'Alias', message: 'Alias cannot be empty', value: alias, fix: 'remove Alias to get a default, or set up to 8 characters' });
  }
  for (const { field, values, example } of PICKLISTS) {
    const value = fields[field];
    if (typeof value === 'string' && !values.includes(value)) {
      problems.push({
        field,
        message: `unknown ${field}`,
        value,
        fix: `use a Salesforce ${field} value such as ${closest(value, values).map((v) => `"${v}"`).join(', ')} (e.g. "${example}")`,
      });
    }
  }
  return problems;
}
