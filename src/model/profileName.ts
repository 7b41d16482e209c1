/**
 * Profile file names (salesforce-facts a.7): the fullName with letters, digits, space, '-' and '_' kept
 * literal and every other ASCII character percent-encoded with uppercase hex ('API Only' stays, ':' -> %3A,
 * '.' -> %2E, '(' -> %28). Non-ASCII names are refused: Salesforce leaves them unencoded and their redeploy fails.
 */
export function encodeProfileFileName(name: string): string {
  let out = '';
  for (const ch of name) {
    if (/^[A-Za-z0-9 _-]$/.test(ch)) out += ch;
    else out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Problems with a profile name, as messages (empty when the name is usable). */
export function profileNameProblems(name: string): string[] {
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7E]/.test(name)) {
    problems.push('profile names must be printable ASCII: Salesforce does not encode other characters in file names and such a profile fails to redeploy (UNKNOWN_EXCEPTION)');
  }
  if (name !== name.trim()) problems.push('profile names cannot start or end with a space');
  if (name.trim() === '') problems.push('profile names cannot be empty');
  return problems;
}

/** Source-format file name of a profile. */
export function profileFileName(name: string): string {
  return `${encodeProfileFileName(name)}.profile-meta.xml`;
}
