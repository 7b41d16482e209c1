'use strict';
// Starts the emulated org from dist/ for the deploy, plan, status and discover benchmarks and prints one JSON line:
// {"instanceUrl", "accessToken", "username", "orgId"}; serves until SIGTERM or SIGINT, then prints a second line
// {"requests": N, "byRoute": {...}} (every request it answered) and exits.
//   node bench/cases/emulator.js [production|sandbox] [REQUEST_LOG_FILE|-] [CUSTOM_OBJECTS [FIELDS_PER_OBJECT]]
// With a log file, every request is appended as "<ms since the emulator started> <method> <url> <route> -> <status>
// (<ms> ms)" (a monotonic clock, so only differences between lines mean anything), so the bench can count API calls
// and split another client's run (the sf CLI) into phases. CUSTOM_OBJECTS (default 0) custom objects of
// FIELDS_PER_OBJECT (default 40) fields each are seeded (the discover benchmark).
const fs = require('node:fs');
const path = require('node:path');
const { DIST } = require('../lib/common');

async function main() {
  const { startEmulatedOrg } = require(path.join(DIST, 'emulator'));
  const kind = process.argv[2] ?? 'production';
  const logFile = process.argv[3] && process.argv[3] !== '-' ? process.argv[3] : undefined;
  const customObjects = Number(process.argv[4] ?? 0);
  const fieldsPerObject = Number(process.argv[5] ?? 40);
  let requests = 0;
  const byRoute = {};
  // One log line per request: "<METHOD> <path> <route …> -> <status>"; events have no " -> ".
  const log = (line) => {
    if (logFile) fs.appendFileSync(logFile, `${performance.now().toFixed(1)} ${line}\n`);
    const m = /^\S+ \S+ (\S+).* -> \d+/.exec(line);
    if (!m) return;
    requests++;
    byRoute[m[1]] = (byRoute[m[1]] ?? 0) + 1;
  };
  // The emulated org's defaults (one Queued and one InProgress status check per deploy), as `apionly org start`.
  const org = await startEmulatedOrg({ port: 0, orgs: [{ kind, ...(customObjects ? { customObjects: { count: customObjects, fieldsPerObject } } : {}) }], log });
  const identity = org.orgs[0];
  process.stdout.write(`${JSON.stringify({ instanceUrl: org.instanceUrl, accessToken: identity.accessToken, username: identity.username, orgId: identity.orgId })}\n`);
  const stop = () => {
    process.stdout.write(`${JSON.stringify({ requests, byRoute })}\n`);
    org.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
