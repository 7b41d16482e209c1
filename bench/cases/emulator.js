'use strict';
// Starts the emulated org from dist/ for the deploy, plan and status benchmarks and prints one JSON line:
// {"instanceUrl", "accessToken", "username", "orgId"}; serves until SIGTERM or SIGINT.
//   node bench/cases/emulator.js [production|sandbox] [REQUEST_LOG_FILE]
// With a log file, every request is appended as "<ms since the emulator started> <method> <url> <route> -> <status>
// (<ms> ms)" (a monotonic clock, so only differences between lines mean anything), so the bench can count API calls
// and split another client's run (the sf CLI) into phases.
const fs = require('node:fs');
const path = require('node:path');
const { DIST } = require('../lib/common');

async function main() {
  const { startEmulatedOrg } = require(path.join(DIST, 'emulator'));
  const kind = process.argv[2] ?? 'production';
  const logFile = process.argv[3];
  const log = logFile ? (line) => fs.appendFileSync(logFile, `${performance.now().toFixed(1)} ${line}\n`) : undefined;
  // The emulated org's defaults (one Queued and one InProgress status check per deploy), as `apionly org start`.
  const org = await startEmulatedOrg({ port: 0, orgs: [{ kind }], ...(log ? { log } : {}) });
  const identity = org.orgs[0];
  process.stdout.write(`${JSON.stringify({ instanceUrl: org.instanceUrl, accessToken: identity.accessToken, username: identity.username, orgId: identity.orgId })}\n`);
  const stop = () => {
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
