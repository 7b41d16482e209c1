import { parseJsonFile } from '../config/parseJson';
import { InputError } from '../errors';
import { orderUserFields } from '../model/userForOrg';
import type { UserSpec } from '../model/types';
import { placeholderProblems, substitute, type PlaceholderValues } from './placeholders';

/**
 * The Salesforce CLI user definition (`sf org create user --definition-file`): UpperCamel User fields, then
 * `profileName` and `permsets` (only when there are permission sets), then the template's other keys (DX options
 * such as generatePassword) in template order. Keys are matched case-insensitively, as the CLI does; the
 * generator's values replace the template's. JSON with 2-space indentation and a final newline.
 */
export function renderUserDefinition(template: string, templateFile: string, user: UserSpec, values: PlaceholderValues): { content: string; warnings: string[] } {
  const problems = placeholderProblems(template, templateFile, values);
  if (problems.length) throw new InputError('TemplateError', problems);
  const parsed = parseJsonFile(template, templateFile);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('TemplateError', [
      { file: templateFile, location: '', message: 'the user definition template must be a JSON object', value: parsed, fix: 'start from the templates/user-def.json in the apionly repository, e.g. { "generatePassword": false }' },
    ]);
  }
  const warnings: string[] = [];
  const resolved = substituteDeep(parsed, values) as Record<string, unknown>;
  const owned = new Set([...Object.keys(user.fields), 'profileName', 'permsets', 'permsetLicenses'].map((k) => k.toLowerCase()));
  const templateFields: Record<string, string | boolean> = {};
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resolved)) {
    if (owned.has(key.toLowerCase())) continue;
    if (/^[A-Z]/.test(key) && (typeof value === 'string' || typeof value === 'boolean')) {
      templateFields[key] = value;
      warnings.push(`${templateFile} sets the User field ${key}, which \`apionly deploy\` does not set; move it to "user" in apionly.config.json`);
    } else options[key] = value;
  }
  const out: Record<string, unknown> = { ...orderUserFields({ ...templateFields, ...user.fields }), profileName: user.profileName };
  if (user.permissionSets.length) out['permsets'] = [...user.permissionSets];
  // Integration route: the permission set licences `apionly deploy` assigns before the sets (not a key `sf org create
  // user` knows: on a scratch org assign them with `sf org assign permsetlicense` and drop the key).
  if (user.permissionSetLicenses?.length) out['permsetLicenses'] = [...user.permissionSetLicenses];
  Object.assign(out, options);
  return { content: `${JSON.stringify(out, undefined, 2)}\n`, warnings };
}

function substituteDeep(value: unknown, values: PlaceholderValues): unknown {
  if (typeof value === 'string') return substitute(value, values, (v) => v);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, values)]));
  }
  return value;
}
