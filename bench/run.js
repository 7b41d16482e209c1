'use strict';
/**
 * `npm run bench`: apionly measured side by side with baselines, in one run, as ratios.
 *
 *   node bench/run.js [--quick] [--only generate,format,startup,deploy] [--runs N] [--out FILE]
 *
 * Every measurement runs in its own child process (peak memory is that case's own `maxRSS`), each case is repeated
 * and reported as the median, and each apionly run is interleaved with its baseline run (A B, B A, A B, ...) so that
 * machine noise hits both alike. Prints a table and writes every number as JSON (default
 * bench/results/bench-<timestamp>.json; bench/results/ is git-ignored). Builds dist/ first when it is stale.
 * No absolute thresholds anywhere except the one the product states (generate of the default project < 0.5 s).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { XMLParser } = require('fast-xml-parser');
const { REPO, BIN, median, round, runCase, runProcess, cleanEnv, ensureBuilt, startJsonLineProcess, stopProcess } = require('./lib/common');
const { makeProject, makeBigProfile } = require('./fixtures');

const CASES = ['generate', 'format', 'startup', 'deploy', 'planstatus', 'discover', 'streaming'];
const FIELDS_PER_OBJECT = 40;

function parseArgs(argv) {
  const opts = { quick: false, only: CASES, out: undefined, runs: undefined, sizes: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--only') {
      opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = opts.only.filter((c) => !CASES.includes(c));
      if (bad.length) usage(`--only: unknown case ${bad.join(', ')}`);
    } else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--runs') {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1) usage('--runs must be a whole number ≥ 1');
    } else if (a === '--sizes') {
      opts.sizes = value().split(',').map((v) => Number(v.replace(/_/g, '')));
      if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1)) usage('--sizes takes whole numbers of objects, e.g. 100,1000,5000');
    } else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return opts;
}

function usage(problem) {
  const text = [
    'Usage: npm run bench -- [--quick] [--only <case>[,<case>...]] [--runs N] [--sizes N,N,...] [--out FILE]',
    `  cases: ${CASES.join(', ')}`,
    '  --quick   small sizes and few runs (a smoke run, numbers not meaningful)',
    '  --runs N  runs per side of every case (default: 5; 3 at 5,000 objects and for deploy; 15 for startup)',
    '  --sizes   object counts of the generate case (default 100,500,1000,5000; 40 fields per object)',
    '  discover  runs at 100 and 1,000 custom objects × 40 fields (--quick: 20 and 100)',
    '  --out     JSON results file (default bench/results/bench-<timestamp>.json)',
    '  APIONLY_SF_CLI=<path to sf>: the deploy case also runs `sf project deploy start` of the same profile (target: apionly ≤ 0.6×)',
    '  APIONLY_BENCH_BEFORE=<built checkouts of other commits, comma-separated>: discover also runs their generate + deploy from the catalogue (each its own org), interleaved: before/after',
  ].join('\n');
  if (problem) {
    process.stderr.write(`bench: ${problem}\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(`${text}\n`);
  process.exit(0);
}

const log = (line) => process.stderr.write(`${line}\n`);

function machine() {
  const cpus = os.cpus();
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    commit = undefined;
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
    commit,
  };
}

// ---------------------------------------------------------------- fixtures

const FIXTURES = path.join(os.tmpdir(), 'apionly-bench-fixtures-v1');

/** The repo's own project files, copied into a temp folder and generated once (so --check and deploy start current). */
function defaultProjectCopy(work) {
  const dir = path.join(work, 'default-project');
  for (const entry of ['apionly.config.json', 'sfdx-project.json', 'templates', 'force-app', 'config', 'schema']) {
    const from = path.join(REPO, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  const r = runProcess([BIN, 'generate'], { cwd: dir, expectExit: 0 });
  if (r.code !== 0) throw new Error(`generate in ${dir} failed:\n${r.stderr}`);
  return dir;
}

/** A synthetic project of `objects` custom objects × 40 fields with the repo's config; cached across runs. */
function syntheticProject(objects) {
  const dir = path.join(FIXTURES, `project-${objects}x${FIELDS_PER_OBJECT}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  log(`  making a project of ${objects} objects × ${FIELDS_PER_OBJECT} fields in ${dir}`);
  const config = JSON.parse(fs.readFileSync(path.join(REPO, 'apionly.config.json'), 'utf8'));
  delete config.$schema;
  makeProject(dir, objects, FIELDS_PER_OBJECT, config);
  fs.writeFileSync(done, '');
  return dir;
}

function bigProfile(bytes) {
  const file = path.join(FIXTURES, `big-${bytes}.profile-meta.xml`);
  if (!fs.existsSync(file)) {
    log(`  making a ${round(bytes / 2 ** 20)} MB out-of-order profile`);
    makeBigProfile(`${file}.tmp`, bytes);
    fs.renameSync(`${file}.tmp`, file);
  }
  return file;
}

/** What the generate baseline needs to build the same tree: the default project's non-custom entries and flags. */
function baselineSpec(defaultProject, work) {
  const profile = path.join(defaultProject, 'force-app', 'main', 'default', 'profiles', 'API Only.profile-meta.xml');
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: false, isArray: (n) => n.endsWith('Permissions') }).parse(fs.readFileSync(profile, 'utf8')).Profile;
  const standardObjects = doc.objectPermissions.filter((o) => !o.object.endsWith('__c'));
  const spec = {
    description: doc.description,
    userLicense: doc.userLicense,
    userPermissions: doc.userPermissions,
    standardObjects,
    customObjectFlags: { allowCreate: 'true', allowDelete: 'true', allowEdit: 'true', allowRead: 'true', modifyAllRecords: 'true', viewAllFields: 'false', viewAllRecords: 'true' },
  };
  const file = path.join(work, 'baseline-spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

// ---------------------------------------------------------------- measuring

/** Runs `a()` and `b()` `runs` times each (sync or async, one at a time), alternating which goes first; returns both series. */
async function interleave(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      as.push(await a(i));
      bs.push(await b(i));
    } else {
      bs.push(await b(i));
      as.push(await a(i));
    }
  }
  return [as, bs];
}

function summary(series, key = 'ms') {
  const values = series.map((r) => r[key]).filter((v) => typeof v === 'number');
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), values };
}

function verdict(ok) {
  return ok ? 'PASS' : 'MISS';
}

// ---------------------------------------------------------------- cases

async function benchGenerate(ctx) {
  const sizes = ctx.sizes ?? (ctx.quick ? [20, 200] : [100, 500, 1000, 5000]);
  const rows = [];
  const bySize = {};
  for (const objects of sizes) {
    const dir = syntheticProject(objects);
    const runs = ctx.runs ?? (ctx.quick ? 2 : objects >= 5000 ? 3 : 5);
    const baselineOut = path.join(ctx.work, `baseline-generate-${objects}`, 'API Only.profile-meta.xml');
    log(`generate, ${objects} objects × ${FIELDS_PER_OBJECT} fields: warm-up, then ${runs} interleaved runs per side`);
    runCase('generate.apionly.js', [dir]);
    runCase('generate.baseline.js', [dir, ctx.spec, baselineOut]);
    const [apionly, baseline] = await interleave(
      runs,
      () => runCase('generate.apionly.js', [dir]),
      () => runCase('generate.baseline.js', [dir, ctx.spec, baselineOut]),
    );
    const same = fs.readFileSync(apionly[0].output).equals(fs.readFileSync(baseline[0].output));
    const a = summary(apionly);
    const b = summary(baseline);
    const peak = summary(apionly, 'peakMB');
    const entry = {
      objects,
      fieldPermissions: objects * FIELDS_PER_OBJECT,
      runs,
      apionly: { ms: a, peakMB: peak, loadMs: summary(apionly, 'loadMs'), outBytes: apionly[0].outBytes },
      baseline: { ms: b, peakMB: summary(baseline, 'peakMB'), loadMs: summary(baseline, 'loadMs'), outBytes: baseline[0].outBytes },
      ratio: round(a.median / b.median, 2),
      sameBytesAsBaseline: same,
    };
    bySize[objects] = entry;
    // The issue's target is for org scale (5,000 objects); smaller runs (--quick, --sizes) only report.
    const top = objects === Math.max(...sizes) && objects >= 5000;
    const target = top ? '≤ 2× raw, < 400 MB' : 'report';
    const ok = entry.ratio <= 2 && peak.median < 400;
    rows.push({
      case: `generate ${objects.toLocaleString('en-US')} obj (${(objects * FIELDS_PER_OBJECT).toLocaleString('en-US')} fields)`,
      apionly: `${ms(a.median)}`,
      baseline: `${ms(b.median)}`,
      ratio: `${entry.ratio}×`,
      peak: `${peak.median} / ${entry.baseline.peakMB.median}`,
      target,
      verdict: top ? verdict(ok) : '',
      data: entry,
    });
  }
  const largest = Math.max(...sizes);
  for (const from of sizes.filter((s) => s !== largest && largest / s <= 10 && largest / s >= 5)) {
    const objectRatio = largest / from;
    const growth = round(bySize[largest].apionly.ms.median / bySize[from].apionly.ms.median, 2);
    const baseGrowth = round(bySize[largest].baseline.ms.median / bySize[from].baseline.ms.median, 2);
    // The issue's target is stated for 10× the objects (within 11× the time); other steps are reported.
    const isTarget = objectRatio === 10;
    const limit = round(objectRatio * 1.1, 2);
    rows.push({
      case: `generate growth ${from.toLocaleString('en-US')}→${largest.toLocaleString('en-US')} (${objectRatio}× obj)`,
      apionly: `${growth}× time`,
      baseline: `${baseGrowth}× time`,
      ratio: `${round(growth / baseGrowth, 2)}×`,
      peak: '',
      target: isTarget ? `≤ ${limit}× time` : `report (linear: ${objectRatio}×)`,
      verdict: isTarget ? verdict(growth <= limit) : '',
      data: { from, to: largest, objectRatio, timeRatio: growth, baselineTimeRatio: baseGrowth, growthVsBaseline: round(growth / baseGrowth, 2), ...(isTarget ? { limit } : {}) },
    });
  }
  return rows;
}

async function benchFormat(ctx) {
  const bytes = ctx.quick ? 1 * 2 ** 20 : 10 * 2 ** 20;
  const source = bigProfile(bytes);
  const runs = ctx.runs ?? (ctx.quick ? 2 : 5);
  const work = path.join(ctx.work, 'format');
  log(`format, ${round(fs.statSync(source).size / 2 ** 20)} MB profile: warm-up, then ${runs} interleaved runs per side`);
  runCase('format.apionly.js', [source, work]);
  runCase('format.baseline.js', [source, path.join(work, 'baseline.xml')]);
  const [apionly, baseline] = await interleave(
    runs,
    () => runCase('format.apionly.js', [source, work]),
    () => runCase('format.baseline.js', [source, path.join(work, 'baseline.xml')]),
  );
  const a = summary(apionly);
  const b = summary(baseline);
  const ratio = round(a.median / b.median, 2);
  const peak = summary(apionly, 'peakMB');
  return [
    {
      case: `format ${round(apionly[0].inBytes / 2 ** 20)} MB profile`,
      apionly: ms(a.median),
      baseline: ms(b.median),
      ratio: `${ratio}×`,
      peak: `${peak.median} / ${summary(baseline, 'peakMB').median}`,
      target: '≤ 2.5× raw parse+build',
      verdict: verdict(ratio <= 2.5),
      data: { runs, inBytes: apionly[0].inBytes, apionly: { ms: a, peakMB: peak, loadMs: summary(apionly, 'loadMs') }, baseline: { ms: b, peakMB: summary(baseline, 'peakMB'), loadMs: summary(baseline, 'loadMs') }, ratio },
    },
  ];
}

async function benchStartup(ctx) {
  const runs = ctx.runs ?? (ctx.quick ? 3 : 15);
  const env = cleanEnv();
  log(`generate --check on the default project vs node -e 0: warm-up, then ${runs} interleaved runs per side`);
  const check = () => runProcess([BIN, 'generate', '--check'], { cwd: ctx.defaultProject, env, expectExit: 0 });
  const empty = () => runProcess(['-e', '0'], { cwd: ctx.defaultProject, env, expectExit: 0 });
  check();
  empty();
  const [apionly, baseline] = await interleave(runs, check, empty);
  const a = summary(apionly);
  const b = summary(baseline);
  const peak = summary(apionly, 'peakMB');
  return [
    {
      case: 'generate --check, default project (process)',
      apionly: ms(a.median),
      baseline: `${ms(b.median)} (node -e 0)`,
      ratio: `${round(a.median / b.median, 2)}×`,
      peak: `${peak.median} / ${summary(baseline, 'peakMB').median}`,
      target: '< 500 ms',
      verdict: verdict(a.median < 500),
      data: { runs, apionly: { ms: a, peakMB: peak }, baseline: { ms: b, peakMB: summary(baseline, 'peakMB') }, ratio: round(a.median / b.median, 2), overheadMs: round(a.median - b.median) },
    },
  ];
}

async function benchDeploy(ctx) {
  const runs = ctx.runs ?? (ctx.quick ? 1 : 3);
  const pollMs = '100';
  const config = JSON.parse(fs.readFileSync(path.join(ctx.defaultProject, 'apionly.config.json'), 'utf8'));
  const username = config.user.Username;
  const profileName = config.profile.name;
  log(`deploy (profile + user + verify) to a fresh emulated org per run, status checks every ${pollMs} ms: ${runs} interleaved runs per side`);

  const withOrg = async (fn) => {
    const { child, info } = await startJsonLineProcess([path.join(__dirname, 'cases', 'emulator.js'), 'production']);
    try {
      return await fn(info);
    } finally {
      await stopProcess(child);
    }
  };
  const apionlyRun = () =>
    withOrg(async (org) => {
      const env = cleanEnv({ SF_ORG_INSTANCE_URL: org.instanceUrl, APIONLY_POLL_FREQUENCY_MS: pollMs });
      const r = runProcess([BIN, 'deploy', '--target-org', org.accessToken, '--yes', '--json'], { cwd: ctx.defaultProject, env });
      let out;
      try {
        out = JSON.parse(r.stdout);
      } catch {
        throw new Error(`apionly deploy printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }
      if (r.code !== 0 || out.result?.outcome !== 'Succeeded') throw new Error(`apionly deploy: exit ${r.code}, ${JSON.stringify(out).slice(0, 2000)}`);
      return { ms: r.ms, peakMB: r.peakMB, timings: out.result.timings ?? {} };
    });
  const baselineRun = () =>
    withOrg(async (org) => {
      const env = cleanEnv({ SF_ORG_INSTANCE_URL: org.instanceUrl, APIONLY_POLL_FREQUENCY_MS: pollMs, APIONLY_BENCH_TOKEN: org.accessToken, FORCE_SFDC_LOGIN_URL: 'https://login.salesforce.com' });
      const r = runProcess([path.join(__dirname, 'cases', 'deploy.baseline.js'), ctx.defaultProject, profileName, username], { cwd: ctx.defaultProject, env });
      const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (r.code !== 0 || !line) throw new Error(`deploy baseline failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      return { ms: r.ms, peakMB: r.peakMB, timings: JSON.parse(line.slice('BENCH_RESULT '.length)).timings };
    });

  await apionlyRun();
  await baselineRun();
  const [apionly, baseline] = await interleave(runs, apionlyRun, baselineRun);
  const a = summary(apionly);
  const b = summary(baseline);
  const phases = ['connect', 'package', 'deployWait', 'user', 'verify'];
  const phaseMedians = (series) => Object.fromEntries(phases.map((p) => [p, round(median(series.map((r) => r.timings[p]).filter((v) => typeof v === 'number')), 0)]));
  const ap = phaseMedians(apionly);
  const bp = phaseMedians(baseline);
  const ratio = round(a.median / b.median, 2);
  const peak = summary(apionly, 'peakMB');
  const rows = [
    {
      case: 'deploy profile+user+verify (process)',
      apionly: ms(a.median),
      baseline: `${ms(b.median)} (raw core+SDR)`,
      ratio: `${ratio}×`,
      peak: `${peak.median} / ${summary(baseline, 'peakMB').median}`,
      target: 'report',
      verdict: '',
      data: { runs, pollFrequencyMs: Number(pollMs), apionly: { ms: a, peakMB: peak, phases: ap, runs: apionly }, baseline: { ms: b, peakMB: summary(baseline, 'peakMB'), phases: bp, runs: baseline }, ratio },
    },
  ];
  for (const p of phases) {
    rows.push({
      case: `  deploy phase: ${p}`,
      apionly: Number.isFinite(ap[p]) ? ms(ap[p]) : 'n/a',
      baseline: Number.isFinite(bp[p]) ? ms(bp[p]) : 'n/a',
      ratio: Number.isFinite(ap[p]) && bp[p] > 0 ? `${round(ap[p] / bp[p], 2)}×` : '',
      peak: '',
      target: 'report',
      verdict: '',
    });
  }
  const sf = process.env.APIONLY_SF_CLI;
  if (sf) rows.push(...(await benchDeployVsSf(ctx, sf)));
  else log('deploy: APIONLY_SF_CLI is not set, so the comparison with `sf project deploy start` is skipped');
  return rows;
}

// ---------------------------------------------------------------- emulated orgs with a request log

/** Starts a fresh emulated org (default settings) whose every request is logged to a file; `fn(org, log)`. */
async function withLoggedOrg(work, fn, kind = 'production') {
  const logFile = path.join(work, `requests-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
  const { child, info } = await startJsonLineProcess([path.join(__dirname, 'cases', 'emulator.js'), kind, logFile]);
  try {
    return await fn(info, () => readRequestLog(logFile));
  } finally {
    await stopProcess(child);
  }
}

/** The request log: [{ at (epoch ms), line }]. */
function readRequestLog(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
    const sp = l.indexOf(' ');
    return { at: Number(l.slice(0, sp)), line: l.slice(sp + 1) };
  });
}

/**
 * Phases of a client's run from the org's request log (the emulator's monotonic clock) and the process's wall time:
 * connect (first request → the deploy request), deployWait (deploy request → the last status check), after (last
 * status check → the last request), outside (process time with no request in flight: start-up, loading, exit).
 */
function phasesFromLog(entries, processMs) {
  if (!entries.length) return {};
  const deployAt = entries.find((e) => /soap deploy|deployRequest ->/.test(e.line) && !/deployRequestStatus/.test(e.line));
  const checks = entries.filter((e) => /checkDeployStatus|deployRequestStatus/.test(e.line));
  const lastCheck = checks[checks.length - 1];
  const first = entries[0];
  const last = entries[entries.length - 1];
  return {
    connect: deployAt ? Math.round(deployAt.at - first.at) : undefined,
    deployWait: deployAt && lastCheck ? Math.round(lastCheck.at - deployAt.at) : undefined,
    statusChecks: checks.length,
    after: lastCheck ? Math.round(last.at - lastCheck.at) : undefined,
    outside: Math.round(processMs - (last.at - first.at)),
    apiCalls: entries.length,
  };
}

/** `sf project deploy start` of the generated profile, as a user would run it, against the org. */
function runSfDeploy(sf, project, org) {
  const env = cleanEnv({
    SF_ORG_INSTANCE_URL: org.instanceUrl,
    // In a project, core 9 validates sfdcLoginUrl (defaults to SF_ORG_INSTANCE_URL, refuses 127.0.0.1).
    FORCE_SFDC_LOGIN_URL: 'https://login.salesforce.com',
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  });
  const start = performance.now();
  const out = require('node:child_process').spawnSync(sf, ['project', 'deploy', 'start', '--source-dir', path.join('force-app', 'main', 'default', 'profiles'), '--target-org', org.accessToken, '--wait', '33', '--json'], {
    cwd: project, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000,
  });
  const ms = performance.now() - start;
  let status;
  try {
    status = JSON.parse(out.stdout).result?.status;
  } catch {
    status = undefined;
  }
  if (out.status !== 0 || status !== 'Succeeded') throw new Error(`sf project deploy start: exit ${out.status}, status ${status}:\n${out.stdout.slice(0, 2000)}\n${out.stderr.slice(0, 2000)}`);
  return { ms };
}

/** apionly deploy (profile + user + verify, default adaptive polling) vs `sf project deploy start` (profile only). */
async function benchDeployVsSf(ctx, sf) {
  const runs = ctx.runs ?? (ctx.quick ? 1 : 3);
  log(`deploy: apionly deploy (profile + user + verify) vs sf project deploy start (profile) against a fresh emulated org with its default settings: ${runs} interleaved runs per side`);
  const apionlyRun = () =>
    withLoggedOrg(ctx.work, async (org, requests) => {
      const env = cleanEnv({ SF_ORG_INSTANCE_URL: org.instanceUrl });
      const r = runProcess([BIN, 'deploy', '--target-org', org.accessToken, '--yes', '--json'], { cwd: ctx.defaultProject, env });
      const out = JSON.parse(r.stdout);
      if (r.code !== 0 || out.result?.outcome !== 'Succeeded') throw new Error(`apionly deploy: exit ${r.code}, ${r.stdout.slice(0, 2000)}`);
      return { ms: r.ms, timings: out.result.timings ?? {}, log: phasesFromLog(requests(), r.ms) };
    });
  const sfRun = () =>
    withLoggedOrg(ctx.work, async (org, requests) => {
      const r = runSfDeploy(sf, ctx.defaultProject, org);
      return { ms: r.ms, log: phasesFromLog(requests(), r.ms) };
    });
  await apionlyRun();
  await sfRun();
  const [apionly, sfs] = await interleave(runs, apionlyRun, sfRun);
  const a = summary(apionly);
  const b = summary(sfs);
  const ratio = round(a.median / b.median, 2);
  const med = (series, pick) => round(median(series.map(pick).filter((v) => typeof v === 'number')), 0);
  const rows = [{
    case: 'deploy vs sf project deploy start (process)',
    apionly: ms(a.median),
    baseline: `${ms(b.median)} (sf CLI)`,
    ratio: `${ratio}×`,
    peak: '',
    target: '≤ 0.6×',
    verdict: verdict(ratio <= 0.6),
    data: { runs, apionly: { ms: a, runs: apionly }, sf: { ms: b, runs: sfs }, ratio },
  }];
  const phase = (name, ap, bp) => rows.push({ case: `  ${name}`, apionly: ap === undefined ? 'n/a' : (typeof ap === 'string' ? ap : ms(ap)), baseline: bp === undefined ? 'n/a' : (typeof bp === 'string' ? bp : ms(bp)), ratio: '', peak: '', target: 'report', verdict: '' });
  phase('outside requests (start-up, loading, exit)', med(apionly, (r) => r.log.outside), med(sfs, (r) => r.log.outside));
  phase('connect (→ deploy request)', med(apionly, (r) => r.log.connect), med(sfs, (r) => r.log.connect));
  phase('deploy wait (deploy → last status check)', med(apionly, (r) => r.log.deployWait), med(sfs, (r) => r.log.deployWait));
  phase('status checks', `${med(apionly, (r) => r.log.statusChecks)}`, `${med(sfs, (r) => r.log.statusChecks)}`);
  phase('after the deploy (apionly: user + verify; sf: none)', med(apionly, (r) => r.log.after), med(sfs, (r) => r.log.after));
  phase('  of which apionly user / verify', `${med(apionly, (r) => r.timings.user)} / ${med(apionly, (r) => r.timings.verify)} ms`, '');
  phase('API calls', `${med(apionly, (r) => r.log.apiCalls)}`, `${med(sfs, (r) => r.log.apiCalls)}`);
  return rows;
}

/** A copy of the synthetic project of `objects` custom objects with the repo's templates, generated. */
function scaleProjectCopy(work, objects) {
  const src = syntheticProject(objects);
  const dir = path.join(work, `scale-${objects}`);
  fs.cpSync(src, dir, { recursive: true });
  for (const entry of ['templates', 'schema']) {
    const from = path.join(REPO, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  const r = runProcess([BIN, 'generate'], { cwd: dir });
  if (r.code !== 0) throw new Error(`generate in ${dir} failed:\n${r.stderr}`);
  return dir;
}

/** plan and status wall time and API calls on a deployed org: the default project (16 objects) and 1,000 objects. */
async function benchPlanStatus(ctx) {
  const runs = ctx.runs ?? (ctx.quick ? 2 : 5);
  const sizes = ctx.quick ? [['default project', ctx.defaultProject]] : [['default project', ctx.defaultProject], ['1,000 objects × 40 fields', scaleProjectCopy(ctx.work, 1000)]];
  const rows = [];
  for (const [label, project] of sizes) {
    log(`plan and status, ${label}: deploy once, then ${runs} runs of each`);
    await withLoggedOrg(ctx.work, async (org, requests) => {
      const env = cleanEnv({ SF_ORG_INSTANCE_URL: org.instanceUrl });
      const setupEnv = cleanEnv({ SF_ORG_INSTANCE_URL: org.instanceUrl, APIONLY_BENCH_TOKEN: org.accessToken, FORCE_SFDC_LOGIN_URL: 'https://login.salesforce.com' });
      runProcess([path.join(__dirname, 'cases', 'deployObjects.js'), project], { cwd: project, env: setupEnv, expectExit: 0, timeoutMs: 20 * 60_000 });
      const d = runProcess([BIN, 'deploy', '--target-org', org.accessToken, '--yes', '--json'], { cwd: project, env, timeoutMs: 20 * 60_000 });
      if (d.code !== 0) throw new Error(`apionly deploy (setup) exit ${d.code}: ${d.stdout.slice(0, 2000)}\n${d.stderr.slice(0, 2000)}`);
      const objects = JSON.parse(d.stdout).result.checks?.find((c) => c.name.startsWith('Object permissions'))?.detail ?? '';
      for (const command of ['plan', 'status']) {
        const series = [];
        for (let i = 0; i < runs; i++) {
          const before = requests().length;
          const r = runProcess([BIN, command, '--target-org', org.accessToken, '--json'], { cwd: project, env, timeoutMs: 10 * 60_000 });
          if (r.code !== 0) throw new Error(`apionly ${command} exit ${r.code} right after a deploy: ${r.stdout.slice(0, 3000)}\n${r.stderr.slice(0, 2000)}`);
          const out = JSON.parse(r.stdout).result;
          series.push({ ms: r.ms, peakMB: r.peakMB, readMs: out.readMs, apiCalls: requests().length - before, readerCalls: out.apiCalls });
        }
        const a = summary(series);
        const calls = median(series.map((x) => x.apiCalls));
        rows.push({
          case: `${command}, ${label} (process)`,
          apionly: ms(a.median),
          baseline: `read ${ms(median(series.map((x) => x.readMs)))}`,
          ratio: '',
          peak: `${summary(series, 'peakMB').median}`,
          target: 'report',
          verdict: '',
          data: { runs, project: label, deployed: objects, ms: a, readMs: summary(series, 'readMs'), httpRequests: calls, readerCalls: median(series.map((x) => x.readerCalls)) },
        });
        rows[rows.length - 1].case += ` — ${calls} HTTP requests (${median(series.map((x) => x.readerCalls))} reader queries/describes)`;
      }
    });
  }
  return rows;
}

// The emulated org's Streaming API: DML through REST to a jsforce subscriber (bench/cases/streaming.js). Baselines are
// the same REST calls without waiting for (or having) a subscriber, so the ratio is what streaming adds.
async function benchStreaming(ctx) {
  const runs = ctx.runs ?? (ctx.quick ? 1 : 5);
  const single = ctx.quick ? 20 : 200;
  const burst = 1000;
  log(`streaming: latency of one event (${single} updates) and a burst of ${burst} updates, ${runs} interleaved runs per side`);
  const [lat, latRest] = await interleave(runs, () => runCase('streaming.js', ['latency', String(single)]), () => runCase('streaming.js', ['latency-rest', String(single)]));
  const [b, bRest] = await interleave(runs, () => runCase('streaming.js', ['burst', String(burst)]), () => runCase('streaming.js', ['burst-rest', String(burst)]));
  const latency = summary(lat, 'medianMs');
  const rest = summary(latRest, 'medianMs');
  const perSecond = summary(b, 'perSecond');
  const restPerSecond = summary(bRest, 'perSecond');
  const complete = b.every((r) => r.events === burst && r.inOrder === true);
  return [
    {
      case: 'streaming: one update -> its change event (median)',
      apionly: `${latency.median} ms`,
      baseline: `${rest.median} ms (REST PATCH alone)`,
      ratio: `${round(latency.median / rest.median, 2)}×`,
      peak: `${summary(lat, 'peakMB').median} / ${summary(latRest, 'peakMB').median}`,
      target: 'report',
      verdict: '',
      data: { runs, updates: single, latencyMs: latency, p95Ms: summary(lat, 'p95Ms'), restMs: rest },
    },
    {
      case: `streaming: burst of ${burst} updates (8 in flight) -> events/s at the subscriber`,
      apionly: `${perSecond.median}/s`,
      baseline: `${restPerSecond.median}/s (DML without a subscriber)`,
      ratio: `${round(perSecond.median / restPerSecond.median, 2)}×`,
      peak: `${summary(b, 'peakMB').median} / ${summary(bRest, 'peakMB').median}`,
      target: `${burst} events, in order`,
      verdict: verdict(complete),
      data: { runs, burst, eventsPerSecond: perSecond, dmlPerSecond: restPerSecond, events: b.map((r) => r.events), inOrder: b.map((r) => r.inOrder) },
    },
  ];
}

/**
 * An emulated org of `objects` custom objects × 40 fields (bench/cases/emulator.js); stop() resolves to the requests
 * it answered. `repo`: another checkout's org (APIONLY_BENCH_BEFORE), from its bench/cases/discover.org.js when it has
 * one (older checkouts), else its emulator.js.
 */
async function countingOrg(objects, repo = REPO) {
  const older = path.join(repo, 'bench', 'cases', 'discover.org.js');
  const args = repo !== REPO && fs.existsSync(older)
    ? [older, String(objects), String(FIELDS_PER_OBJECT)]
    : [path.join(repo, 'bench', 'cases', 'emulator.js'), 'sandbox', '-', String(objects), String(FIELDS_PER_OBJECT)];
  const { child, info } = await startJsonLineProcess(args, { timeoutMs: 120_000, cwd: repo });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return {
    info,
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('close', () => {
          try {
            resolve(JSON.parse(out.trim().split('\n').pop()));
          } catch (e) {
            reject(new Error(`the discover org's request count: ${e.message}`));
          }
        });
        child.kill('SIGTERM');
      }),
  };
}

async function benchDiscover(ctx) {
  const sizes = ctx.quick ? [20, 100] : [100, 1000];
  const runs = ctx.runs ?? (ctx.quick ? 1 : 3);
  const rows = [];
  const project = path.join(ctx.work, 'discover-project');
  fs.mkdirSync(project, { recursive: true });
  for (const f of ['apionly.config.json', 'sfdx-project.json']) fs.copyFileSync(path.join(ctx.defaultProject, f), path.join(project, f));
  const catalogue = path.join(project, 'apionly.catalogue.json');
  const bySize = {};
  for (const objects of sizes) {
    log(`discover, ${objects} custom objects × ${FIELDS_PER_OBJECT} fields: a fresh emulated org per run, ${runs} interleaved runs per side`);
    const naiveRun = async () => {
      const org = await countingOrg(objects);
      let r;
      try {
        r = runProcess([path.join(__dirname, 'cases', 'discover.naive.js'), path.join(ctx.work, `naive-${objects}.json`)], {
          cwd: project,
          env: cleanEnv({ SF_ORG_INSTANCE_URL: org.info.instanceUrl, APIONLY_BENCH_TOKEN: org.info.accessToken, FORCE_SFDC_LOGIN_URL: 'https://login.salesforce.com' }),
        });
      } finally {
        org.tally = await org.stop();
      }
      if (r.code !== 0) throw new Error(`naive discover exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
      return { ms: r.ms, peakMB: r.peakMB, requests: org.tally.requests };
    };
    const apionlyCounted = async () => {
      const org = await countingOrg(objects);
      try {
        fs.rmSync(catalogue, { force: true });
        const r = runProcess([BIN, 'discover', '--target-org', org.info.accessToken, '--json'], { cwd: project, env: cleanEnv({ SF_ORG_INSTANCE_URL: org.info.instanceUrl }) });
        if (r.code !== 0) throw new Error(`apionly discover exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
        return { ms: r.ms, peakMB: r.peakMB, counts: JSON.parse(r.stdout).result.counts, requests: (await org.stop()).requests };
      } catch (err) {
        await org.stop();
        throw err;
      }
    };
    // Request counts are the org's own tally of what it answered (connection set-up included on both sides).
    const [apionly, naive] = await interleave(runs, apionlyCounted, naiveRun);
    const a = summary(apionly);
    const b = summary(naive);
    const entry = {
      objects,
      fieldsPerObject: FIELDS_PER_OBJECT,
      runs,
      apionly: { ms: a, peakMB: summary(apionly, 'peakMB'), requests: apionly[0].requests, counts: apionly[0].counts },
      naive: { ms: b, peakMB: summary(naive, 'peakMB'), requests: naive[0].requests },
      timeRatio: round(a.median / b.median, 2),
      requestRatio: round(apionly[0].requests / naive[0].requests, 3),
    };
    bySize[objects] = entry;
    rows.push({
      case: `discover ${objects.toLocaleString('en-US')} obj × ${FIELDS_PER_OBJECT} fields`,
      apionly: `${ms(a.median)}, ${apionly[0].requests} calls`,
      baseline: `${ms(b.median)}, ${naive[0].requests} calls (naive)`,
      ratio: `${entry.timeRatio}× time, ${entry.requestRatio}× calls`,
      peak: `${entry.apionly.peakMB.median} / ${entry.naive.peakMB.median}`,
      target: 'calls grow far slower than objects',
      verdict: '',
      data: entry,
    });
  }
  const [small, large] = sizes;
  const callGrowth = round(bySize[large].apionly.requests / bySize[small].apionly.requests, 2);
  const naiveGrowth = round(bySize[large].naive.requests / bySize[small].naive.requests, 2);
  rows.push({
    case: `discover growth ${small}→${large} (${large / small}× obj)`,
    apionly: `${callGrowth}× calls, ${round(bySize[large].apionly.ms.median / bySize[small].apionly.ms.median, 2)}× time`,
    baseline: `${naiveGrowth}× calls, ${round(bySize[large].naive.ms.median / bySize[small].naive.ms.median, 2)}× time`,
    ratio: '',
    peak: '',
    target: `calls ≪ ${large / small}×`,
    verdict: verdict(callGrowth < (large / small) / 2),
    data: { callGrowth, naiveGrowth },
  });

  // Then generate from the catalogue of the largest org, and deploy the result to such an org. With
  // APIONLY_BENCH_BEFORE=<built checkouts of other commits, comma-separated>, each does the same (its own emulated org
  // and bin), interleaved with this one, for before/after ratios in one run.
  const befores = (process.env.APIONLY_BENCH_BEFORE ?? '').split(',').filter(Boolean).map((d) => path.resolve(d));
  const sides = [REPO, ...befores];
  const byRepo = new Map(sides.map((r) => [r, []]));
  for (let i = 0; i < (befores.length ? runs : 1); i++) {
    for (const [k, repo] of (i % 2 ? [...sides].reverse() : sides).entries()) {
      byRepo.get(repo).push(await deployFromCatalogue(repo, large, path.join(ctx.work, `catalogue-deploy-${i}-${k}`)));
    }
  }
  const mediansOf = (list) => ({
    g: { ms: median(list.map((r) => r.g.ms)), peakMB: median(list.map((r) => r.g.peakMB)) },
    dep: { ms: median(list.map((r) => r.dep.ms)), peakMB: median(list.map((r) => r.dep.peakMB)) },
    profileBytes: list[0].profileBytes,
    outcome: list.every((r) => r.outcome === 'Succeeded') ? 'Succeeded' : list.map((r) => r.outcome).join(','),
    timings: list.map((r) => r.timings),
  });
  const after = mediansOf(byRepo.get(REPO));
  const commitOf = (repo) => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return path.basename(repo);
    }
  };
  const versus = befores.map((repo) => ({ repo, label: commitOf(repo), ...mediansOf(byRepo.get(repo)) }));
  rows.push({
    case: `  generate from the ${large.toLocaleString('en-US')}-object catalogue`,
    apionly: ms(after.g.ms), baseline: '', ratio: '', peak: `${after.g.peakMB}`, target: 'report', verdict: '',
    data: { ms: after.g.ms, peakMB: after.g.peakMB, profileBytes: after.profileBytes },
  });
  rows.push({
    case: `  deploy of that profile (${round(after.profileBytes / 2 ** 20)} MB) + user + verify`,
    apionly: ms(after.dep.ms), baseline: '', ratio: '', peak: `${after.dep.peakMB}`, target: 'report', verdict: after.outcome === 'Succeeded' ? '' : 'MISS',
    data: { ms: after.dep.ms, peakMB: after.dep.peakMB, outcome: after.outcome, timings: after.timings },
  });
  for (const v of versus) {
    rows.push({
      case: `    the same deploy, before (${v.label})`,
      apionly: ms(after.dep.ms), baseline: ms(v.dep.ms), ratio: `${round(after.dep.ms / v.dep.ms, 3)}×`, peak: `${after.dep.peakMB} / ${v.dep.peakMB}`, target: 'report',
      verdict: v.outcome === 'Succeeded' ? '' : 'MISS',
      data: { repo: v.repo, commit: v.label, ms: v.dep.ms, peakMB: v.dep.peakMB, outcome: v.outcome, timings: v.timings, generateMs: v.g.ms },
    });
  }
  return rows;
}

/**
 * discover → generate → deploy of the result, with `repo`'s bin against a fresh emulated org of `objects` custom
 * objects from `repo`'s bench/cases/discover.org.js (so another checkout brings its own org).
 */
async function deployFromCatalogue(repo, objects, project) {
  fs.mkdirSync(project, { recursive: true });
  for (const f of ['apionly.config.json', 'sfdx-project.json']) fs.copyFileSync(path.join(REPO, f), path.join(project, f));
  const bin = path.join(repo, 'bin', 'apionly.js');
  const org = await countingOrg(objects, repo);
  try {
    const env = cleanEnv({ SF_ORG_INSTANCE_URL: org.info.instanceUrl, APIONLY_POLL_FREQUENCY_MS: '100' });
    const d = runProcess([bin, 'discover', '--target-org', org.info.accessToken], { cwd: project, env });
    if (d.code !== 0) throw new Error(`discover (${repo}) exited ${d.code}:\n${d.stderr}`);
    const g = runProcess([bin, 'generate', '--json'], { cwd: project, env });
    if (g.code !== 0) throw new Error(`generate from the catalogue (${repo}) exited ${g.code}:\n${g.stdout}\n${g.stderr}`);
    const profileFile = path.join(project, 'force-app', 'main', 'default', 'profiles', 'API Only.profile-meta.xml');
    const profileBytes = fs.statSync(profileFile).size;
    const dep = runProcess([bin, 'deploy', '--target-org', org.info.accessToken, '--yes', '--json'], { cwd: project, env, timeoutMs: 10 * 60_000 });
    const result = (() => {
      try {
        return JSON.parse(dep.stdout).result;
      } catch {
        return undefined;
      }
    })();
    if (dep.code !== 0) throw new Error(`deploy of the generated profile (${repo}) exited ${dep.code}:\n${dep.stdout.slice(0, 3000)}\n${dep.stderr}`);
    return { g, dep, profileBytes, outcome: result?.outcome, timings: result?.timings };
  } finally {
    await org.stop();
  }
}

function ms(n) {
  return n >= 10_000 ? `${round(n / 1000, 1)} s` : `${Math.round(n)} ms`;
}

// ---------------------------------------------------------------- output

function table(rows) {
  const head = { case: 'case', apionly: 'apionly', baseline: 'baseline', ratio: 'ratio', peak: 'peak MB (apionly / baseline)', target: 'target', verdict: 'verdict' };
  const cols = Object.keys(head);
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(head[c].length, ...rows.map((r) => String(r[c] ?? '').length))]));
  const line = (r) => `| ${cols.map((c) => String(r[c] ?? '').padEnd(width[c])).join(' | ')} |`;
  return [line(head), `|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  const out = opts.out ?? path.join(REPO, 'bench', 'results', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  ensureBuilt(log);
  const info = machine();
  log(`apionly bench on ${info.nproc} × ${info.cpuModel}, node ${info.node}, load ${info.loadAverageAtStart.join(' ')}${opts.quick ? ' (--quick)' : ''}`);
  fs.mkdirSync(FIXTURES, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'apionly-bench-'));
  const ctx = { quick: opts.quick, runs: opts.runs, sizes: opts.sizes, work };
  const rows = [];
  try {
    if (opts.only.some((c) => c !== 'format' && c !== 'streaming')) {
      ctx.defaultProject = defaultProjectCopy(work);
      ctx.spec = baselineSpec(ctx.defaultProject, work);
    }
    const run = { generate: benchGenerate, format: benchFormat, startup: benchStartup, deploy: benchDeploy, planstatus: benchPlanStatus, discover: benchDiscover, streaming: benchStreaming };
    for (const name of CASES.filter((c) => opts.only.includes(c))) {
      // One broken case (say, the emulated org does not start) is reported, and the others still run.
      try {
        rows.push(...(await run[name](ctx)));
      } catch (err) {
        log(`${name}: ${err.stack ?? err}`);
        rows.push({ case: name, apionly: 'ERROR', baseline: '', ratio: '', peak: '', target: '', verdict: 'ERROR', data: { error: String(err.message ?? err) } });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  info.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
  const text = table(rows);
  process.stdout.write(`\n${text}\n\nTimes are medians of interleaved runs, each in its own process; ratio = apionly ÷ baseline in this run.\n`);
  process.stdout.write(`Machine: ${info.nproc} × ${info.cpuModel}, ${info.memoryGB} GB, node ${info.node}, load ${info.loadAverageAtStart.join(' ')} → ${info.loadAverageAtEnd.join(' ')}\n`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ startedAt: started.toISOString(), finishedAt: new Date().toISOString(), options: { quick: opts.quick, only: opts.only, runs: opts.runs ?? 'default', sizes: opts.sizes ?? 'default' }, machine: info, table: text, results: rows.map(({ data, ...shown }) => ({ ...shown, ...(data ? { data } : {}) })) }, null, 2)}\n`,
  );
  process.stdout.write(`Results: ${path.relative(process.cwd(), out) || out}\n`);
  const sizes = rows.filter((r) => r.data?.sameBytesAsBaseline !== undefined);
  if (sizes.length) {
    const differ = sizes.filter((r) => !r.data.sameBytesAsBaseline).map((r) => r.data.objects);
    process.stdout.write(`generate: apionly's profile and the baseline's are ${differ.length ? `NOT byte-identical at ${differ.join(', ')} objects` : 'byte-identical at every size'}.\n`);
  }
  const missed = rows.filter((r) => r.verdict === 'MISS');
  if (missed.length) process.stdout.write(`Targets missed: ${missed.map((r) => r.case.trim()).join('; ')}\n`);
  // Missed targets are findings, not failures; a case that could not be measured is.
  if (rows.some((r) => r.verdict === 'ERROR')) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack ?? err}\n`);
  process.exit(1);
});
