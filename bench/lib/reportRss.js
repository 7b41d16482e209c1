'use strict';
// Preloaded (`node --require`) into whole-process benchmark runs: writes the process's peak RSS at exit to the
// file named by APIONLY_BENCH_RSS_FILE. Adds the same small cost to apionly and to its baseline.
const file = process.env.APIONLY_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }));
  });
}
