import type { InputProblem } from '../errors';
import { lineColumnAt } from '../config/parseJson';

/**
 * Template placeholders: `{{name}}`, `{{description}}`, `{{userLicense}}`, `{{apiVersion}}` and
 * `{{user.<Field>}}` (a User field of the user being rendered, e.g. {{user.Username}}). Spaces inside the braces
 * are allowed. An unknown name, or a known one with no value, is an error naming the file, line and column.
 */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

export const PROFILE_PLACEHOLDERS: readonly string[] = ['name', 'description', 'userLicense', 'apiVersion'];

const PATTERN = /\{\{([^{}]*)\}\}/g;

export function isKnownPlaceholder(name: string): boolean {
  return PROFILE_PLACEHOLDERS.includes(name) || /^user\.[A-Z][A-Za-z0-9_]*$/.test(name);
}

export interface PlaceholderUse {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export function findPlaceholders(text: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const { line, column } = lineColumnAt(text, m.index);
    uses.push({ name: (m[1] ?? '').trim(), line, column });
  }
  return uses;
}

/** Every unknown placeholder and every placeholder without a value, at once. */
export function placeholderProblems(text: string, file: string, values: PlaceholderValues): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const use of findPlaceholders(text)) {
    const location = `line ${use.line}, column ${use.column}`;
    if (!isKnownPlaceholder(use.name)) {
      problems.push({
        file,
        location,
        message: `unknown placeholder {{${use.name}}}`,
        fix: `use one of {{${PROFILE_PLACEHOLDERS.join('}}, {{')}}} or {{user.<Field>}} (e.g. {{user.Username}}), or remove it`,
      });
    } else if (values[use.name] === undefined || values[use.name] === '') {
      const where = use.name.startsWith('user.') ? `user.${use.name.slice(5)}` : `profile.${use.name}`;
      problems.push({
        file,
        location,
        message: `placeholder {{${use.name}}} has no value`,
        fix: `set ${where} in apionly.config.json, or remove the placeholder from the template`,
      });
    }
  }
  return problems;
}

/** Replaces placeholders in one string; `encode` escapes the value for the file's format. Names must be checked first. */
export function substitute(text: string, values: PlaceholderValues, encode: (value: string) => string): string {
  return text.replace(PATTERN, (_, name: string) => encode(values[name.trim()] ?? ''));
}
