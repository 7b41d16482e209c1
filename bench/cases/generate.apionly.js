'use strict';
// One measurement of apionly's generate() on a synthetic project: node bench/cases/generate.apionly.js <projectDir>
// The outputs are removed first, so generate reads, plans, renders and writes everything.
const fs = require('node:fs');
const path = require('node:path');
const { DIST, report, round } = require('../lib/common');

async function main() {
  const [dir] = process.argv.slice(2);
  const profile = path.join(dir, 'force-app', 'main', 'default', 'profiles', 'API Only.profile-meta.xml');
  fs.rmSync(path.join(dir, 'force-app', 'main', 'default', 'profiles'), { recursive: true, force: true });
  fs.rmSync(path.join(dir, 'config'), { recursive: true, force: true });

  const loadStart = performance.now();
  const { generate } = require(path.join(DIST, 'generate'));
  const loadMs = performance.now() - loadStart;

  const start = performance.now();
  const result = await generate({ cwd: dir });
  const ms = performance.now() - start;
  if (!result.files.every((f) => f.status === 'written')) throw new Error(`unexpected statuses ${JSON.stringify(result.files)}`);
  report({ ms: round(ms), loadMs: round(loadMs), outBytes: fs.statSync(profile).size, output: profile });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
