import { BACKOFF_MS, nextPollDelay, pollUntilDone, PollTimeoutError } from '../../../src/deploy/polling';

function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; }, slept };
}

describe('adaptive deploy polling', () => {
  it('Given no fixed frequency, When polling, Then the first re-checks come within a few hundred ms, then back off to 2 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => nextPollDelay(a))).toEqual([100, 150, 250, 400, 600, 1000, 1500, 2000, 2000, 2000]);
    expect(BACKOFF_MS.slice(0, 3).reduce((a, b) => a + b, 0)).toBeLessThan(600);
  });

  it('Given APIONLY_POLL_FREQUENCY_MS (fixed), When polling, Then every delay is that value', () => {
    expect(nextPollDelay(0, 20)).toBe(20);
    expect(nextPollDelay(9, 20)).toBe(20);
  });

  it('Given a deploy done on the third check, When polled, Then it checks at once, reports the two updates, and resolves with the done status', async () => {
    const c = clock();
    const answers = [{ done: false, status: 'Queued' }, { done: false, status: 'InProgress' }, { done: true, status: 'Succeeded' }];
    const updates: string[] = [];
    const done = await pollUntilDone({ checkStatus: async () => answers.shift() as { done: boolean; status: string } }, { timeoutMs: 60_000, onUpdate: (s) => updates.push(s.status), sleep: c.sleep, now: c.now });
    expect(done.status).toBe('Succeeded');
    expect(updates).toEqual(['Queued', 'InProgress']);
    expect(c.slept).toEqual([100, 150]);
  });

  it('Given transient errors while checking, When polled, Then they are retried; a platform error is thrown', async () => {
    const c = clock();
    let n = 0;
    const status = await pollUntilDone({ checkStatus: async () => (++n < 3 ? Promise.reject(new Error('socket hang up')) : { done: true }) }, { timeoutMs: 60_000, sleep: c.sleep, now: c.now });
    expect(status).toEqual({ done: true });
    await expect(pollUntilDone({ checkStatus: async () => Promise.reject(Object.assign(new Error('bad'), { errorCode: 'INVALID_ID' })) }, { timeoutMs: 60_000, sleep: c.sleep, now: c.now })).rejects.toThrow('bad');
  });

  it('Given a deploy that never finishes, When --wait runs out, Then PollTimeoutError', async () => {
    const c = clock();
    await expect(pollUntilDone({ checkStatus: async () => ({ done: false }) }, { timeoutMs: 5000, sleep: c.sleep, now: c.now })).rejects.toBeInstanceOf(PollTimeoutError);
  });
});
