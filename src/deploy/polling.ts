/**
 * Adaptive status polling for a metadata deploy: the first check at once, the next ones within a few hundred
 * milliseconds, then backing off to one check every 2 s (a small deploy usually finishes in well under a second; the
 * Salesforce CLI checks once a second from the start). A fixed frequency (--poll / APIONLY_POLL_FREQUENCY_MS) replaces
 * the schedule. Network hiccups while checking are retried like SDR does; --wait bounds the whole.
 */
import { isTransient } from './orgClient';

/** Delay before check number `attempt + 1` (attempt 0 = the first re-check after the immediate one). */
export const BACKOFF_MS: readonly number[] = [100, 150, 250, 400, 600, 1000, 1500, 2000];

export function nextPollDelay(attempt: number, fixedMs?: number): number {
  if (fixedMs !== undefined) return fixedMs;
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] as number;
}

export interface PollTarget<S> {
  checkStatus(): Promise<S>;
}

export class PollTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Deploy status polling timed out after ${Math.round(waitedMs / 1000)} s`);
    this.name = 'PollTimeoutError';
  }
}

export interface PollOptions<S> {
  readonly timeoutMs: number;
  readonly fixedMs?: number;
  readonly onUpdate?: (status: S) => void;
  /** Consecutive transient errors tolerated (SDR: SF_METADATA_POLL_ERROR_RETRY_LIMIT, default 1000). */
  readonly errorRetryLimit?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Checks until the status says done; resolves to that status. */
export async function pollUntilDone<S extends { readonly done?: unknown }>(target: PollTarget<S>, options: PollOptions<S>): Promise<S> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => performance.now());
  const start = now();
  const errorLimit = options.errorRetryLimit ?? 1000;
  let attempt = 0;
  let errors = 0;
  for (;;) {
    let status: S | undefined;
    try {
      status = await target.checkStatus();
      errors = 0;
    } catch (err) {
      if (!isTransient(err) || ++errors > errorLimit) throw err;
    }
    if (status && (status.done === true || status.done === 'true')) return status;
    if (status) options.onUpdate?.(status);
    const delay = nextPollDelay(attempt++, options.fixedMs);
    if (now() - start + delay > options.timeoutMs) throw new PollTimeoutError(now() - start);
    await sleep(delay);
  }
}
