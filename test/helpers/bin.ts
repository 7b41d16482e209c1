/**
 * Runs the built CLI (bin/apionly.js) as a child process, for end-to-end tests.
 * `ensureBuilt()` runs `npm run build` once when dist/ is missing or older than src/ (a lock directory keeps
 * parallel jest workers from building at the same time); `runBin` spawns node on bin/apionly.js.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from './childEnv';

export const REPO_ROOT = join(__dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'apionly.js');
const DIST_ENTRY = join(REPO_ROOT, 'dist', 'cli', 'index.js');
const LOCK = join(REPO_ROOT, 'dist', '.build-lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(DIST_ENTRY) && statSync(DIST_ENTRY).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ when it is missing or older than src/. Throws with the compiler output when no CLI comes out. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`ensureBuilt: ${LOCK} is held for too long; remove it if no build is running`);
      sleep(500);
      if (isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = spawnSync(npm, ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', env: process.env });
    // tsc emits even when some file has type errors; only a missing entry point is fatal here.
    if (!existsSync(DIST_ENTRY)) throw new Error(`npm run build produced no dist/cli/index.js:\n${out.stdout}\n${out.stderr}`);
  } finally {
    rmdirSync(LOCK);
  }
}

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns `node bin/apionly.js ...args` with an isolated environment (childEnv) and collects its output. */
export function runBin(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: childEnv(options.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
