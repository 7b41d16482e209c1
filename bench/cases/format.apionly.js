'use strict';
// One measurement of apionly's formatFiles() on a large, out-of-order profile:
//   node bench/cases/format.apionly.js <sourceProfile> <workDir>
// The source is copied into workDir first (not timed); formatFiles then reads, parses, sorts, renders and writes it.
const fs = require('node:fs');
const path = require('node:path');
const { DIST, report, round } = require('../lib/common');

async function main() {
  const [source, work] = process.argv.slice(2);
  const rel = path.join('profiles', 'Big.profile-meta.xml');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'profiles'), { recursive: true });
  fs.copyFileSync(source, path.join(work, rel));

  const loadStart = performance.now();
  const { formatFiles } = require(path.join(DIST, 'format'));
  const loadMs = performance.now() - loadStart;

  const start = performance.now();
  const result = await formatFiles({ paths: [rel], cwd: work, check: false });
  const ms = performance.now() - start;
  if (result.changed.length !== 1) throw new Error(`expected the profile to change: ${JSON.stringify(result)}`);
  report({ ms: round(ms), loadMs: round(loadMs), inBytes: fs.statSync(source).size, outBytes: fs.statSync(path.join(work, rel)).size });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
