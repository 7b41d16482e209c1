/**
 * Access tokens never reach output, logs or errors. Every message that leaves the deploy library passes here.
 * Besides the exact secrets we know of, anything shaped like a Salesforce session id (`00D…!…`) is masked.
 */
export const REDACTED = '<access token redacted>';

/** Core's accessTokenRegex, widened to the characters a session id's second part may hold. */
const SESSION_ID = /00D[a-zA-Z0-9]{12,15}![^\s"'<>&,;)]+/g;

export function looksLikeAccessToken(value: string): boolean {
  return /^00D[a-zA-Z0-9]{12,15}!\S+$/.test(value);
}

export function scrubText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(SESSION_ID, REDACTED);
}

/** Deep-copies JSON-like data with every string scrubbed. */
export function scrubData<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => scrubData(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubData(v, secrets);
    return out as T;
  }
  return value;
}

/** An error's message (and code), scrubbed, for reports. */
export function describeError(err: unknown, secrets: readonly string[] = []): { code: string; message: string } {
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown };
  const rawCode = typeof e?.errorCode === 'string' ? e.errorCode : typeof e?.name === 'string' ? e.name : 'Error';
  const code = rawCode.replace(/^sf:/, '');
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return { code: scrubText(code, secrets), message: scrubText(message, secrets) };
}
