'use strict';
// Shared helpers of the benchmark: paths, statistics, child processes, the environment of spawned CLIs.
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'apionly.js');
const DIST = path.join(REPO, 'dist');
const RSS_PRELOAD = path.join(__dirname, 'reportRss.js');
const RESULT_PREFIX = 'BENCH_RESULT ';

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** What a measuring child prints as its last line: `BENCH_RESULT {json}`. */
function report(result) {
  const rss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ peakMB: round(rss), ...result })}\n`);
}

/** Runs `node <script> ...args` in its own process and returns the result it reported. */
function runCase(script, args, options = {}) {
  const out = spawnSync(process.execPath, [...(options.nodeArgs ?? []), path.join(__dirname, '..', 'cases', script), ...args], {
    cwd: options.cwd ?? REPO,
    env: options.env ?? cleanEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 15 * 60_000,
  });
  const line = (out.stdout ?? '').split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
  if (out.status !== 0 || !line) {
    const why = out.error ? out.error.message : `exit ${out.status}${out.signal ? `, ${out.signal}` : ''}`;
    throw new Error(`bench case ${script} ${args.join(' ')} failed (${why}):\n${out.stdout ?? ''}\n${out.stderr ?? ''}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length));
}

/**
 * Runs a whole process (`node [--require reportRss] ...args`) and measures it from outside: wall time from spawn to
 * exit, and its peak RSS as reported by the preload at exit.
 */
function runProcess(args, options = {}) {
  const rssFile = path.join(os.tmpdir(), `apionly-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const env = { ...(options.env ?? cleanEnv()), APIONLY_BENCH_RSS_FILE: rssFile };
  const start = performance.now();
  const out = spawnSync(process.execPath, ['--require', RSS_PRELOAD, ...args], {
    cwd: options.cwd ?? REPO,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 5 * 60_000,
  });
  const ms = performance.now() - start;
  let peakMB;
  try {
    peakMB = round(JSON.parse(fs.readFileSync(rssFile, 'utf8')).maxRSS / 1024);
    fs.rmSync(rssFile, { force: true });
  } catch {
    peakMB = undefined;
  }
  if (out.error) throw new Error(`node ${args.join(' ')} could not run: ${out.error.message}`);
  if (options.expectExit !== undefined && out.status !== options.expectExit) {
    throw new Error(`node ${args.join(' ')} exited ${out.status} (expected ${options.expectExit}):\n${out.stdout}\n${out.stderr}`);
  }
  return { ms, peakMB, code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** Environment for spawned processes: a temporary HOME, no proxies, no Salesforce log files or telemetry. */
function cleanEnv(extra = {}, home) {
  const env = { ...process.env };
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY']) delete env[name];
  for (const name of ['SF_TARGET_ORG', 'SF_ORG_INSTANCE_URL', 'SF_ORG_API_VERSION', 'CI', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[name];
  const dir = home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'apionly-bench-home-'));
  Object.assign(env, {
    HOME: dir,
    USERPROFILE: dir,
    SF_DISABLE_LOG_FILE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function newestMtime(dir, ext) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/ (the benchmark measures the built code). */
function ensureBuilt(log) {
  const entry = path.join(DIST, 'cli', 'index.js');
  if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= newestMtime(path.join(REPO, 'src'), '.ts')) return false;
  log('dist/ is missing or older than src/: npm run build');
  const out = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
  if (!fs.existsSync(entry)) throw new Error(`npm run build produced no dist/cli/index.js:\n${out.stdout}\n${out.stderr}`);
  return true;
}

/** Starts a background process that prints one JSON line on stdout when ready (within options.timeoutMs, default 60 s); resolves with it and the child. */
function startJsonLineProcess(args, options = {}) {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? REPO, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} printed no JSON line in ${timeoutMs / 1000} s:\n${out}\n${err}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try {
          resolve({ child, info: JSON.parse(out.slice(0, nl)) });
        } catch (e) {
          child.kill('SIGKILL');
          reject(new Error(`${args.join(' ')} printed ${out.slice(0, nl)}: ${e.message}`));
        }
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} could not start: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited ${code} before it was ready:\n${out}\n${err}`));
    });
  });
}

/** Stops a child this process started (by its own handle) and waits for it to exit. */
function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

module.exports = {
  REPO,
  BIN,
  DIST,
  median,
  round,
  report,
  runCase,
  runProcess,
  cleanEnv,
  ensureBuilt,
  startJsonLineProcess,
  stopProcess,
};
