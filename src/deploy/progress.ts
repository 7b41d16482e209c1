/**
 * Progress while the deploy runs, always on stderr (stdout is for the result): a live bar on a terminal,
 * plain lines when not (CI), one line per change of state.
 */
import type { DeployStatusUpdate } from './metadataClient';

export interface ProgressSink {
  /** One line about a step (connecting, deploying, the user…). */
  step(line: string): void;
  deployStarted(id: string, total: number): void;
  deployUpdate(update: DeployStatusUpdate): void;
  deployDone(status: string): void;
}

export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const silentProgress: ProgressSink = {
  step: () => undefined,
  deployStarted: () => undefined,
  deployUpdate: () => undefined,
  deployDone: () => undefined,
};

/** Plain lines: CI logs and --json runs. */
export function lineProgress(out: Writable): ProgressSink {
  let last = '';
  return {
    step: (line) => void out.write(`${line}\n`),
    deployStarted: (id, total) => void out.write(`Deploy ${id} started (${total} component${total === 1 ? '' : 's'}).\n`),
    deployUpdate: (u) => {
      const line = `Deploy ${u.status}: ${u.deployed}/${u.total} components${u.errors ? `, ${u.errors} errors` : ''}`;
      if (line !== last) out.write(`${line}\n`);
      last = line;
    },
    deployDone: (status) => void out.write(`Deploy ${status}.\n`),
  };
}

/** A live bar (cli-progress) on a terminal. */
export function ttyProgress(out: Writable): ProgressSink {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  let bar: import('cli-progress').SingleBar | undefined;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    step: (line) => {
      stop();
      out.write(`${line}\n`);
    },
    deployStarted: (id, total) => {
      stop();
      bar = new cliProgress.SingleBar(
        { stream: out as NodeJS.WritableStream, format: `Deploy ${id} {bar} {value}/{total} components | {status}`, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { status: 'Queued' });
    },
    deployUpdate: (u) => {
      if (!bar) return;
      if (u.total) bar.setTotal(u.total);
      bar.update(u.deployed, { status: u.status });
    },
    deployDone: (status) => {
      if (bar) {
        bar.update(bar.getTotal(), { status });
        stop();
      } else out.write(`Deploy ${status}.\n`);
    },
  };
}

export function progressFor(out: Writable): ProgressSink {
  return out.isTTY ? ttyProgress(out) : lineProgress(out);
}

/** A count that grows to a total (discover's describes): a bar on a terminal, a line per tenth in CI. */
export interface CountProgress {
  update(done: number, total: number): void;
  done(): void;
}

export function countProgressFor(out: Writable, label: string): CountProgress {
  if (out.isTTY) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cliProgress = require('cli-progress') as typeof import('cli-progress');
    let bar: import('cli-progress').SingleBar | undefined;
    return {
      update: (done, total) => {
        if (!bar) {
          bar = new cliProgress.SingleBar({ stream: out as NodeJS.WritableStream, format: `${label} {bar} {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(Math.max(total, 1), done);
        } else bar.update(done);
      },
      done: () => {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth !== lastTenth) out.write(`${label}: ${done}/${total}\n`);
      lastTenth = tenth;
    },
    done: () => undefined,
  };
}
