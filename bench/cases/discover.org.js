'use strict';
// The emulated org of the discover benchmark: `node bench/cases/discover.org.js <customObjects> <fieldsPerObject>`
// prints one JSON line {instanceUrl, accessToken, username, orgId} when ready, counts every request it answers, and on
// SIGTERM prints a second line {"requests": N, "byRoute": {...}} and exits.
const path = require('node:path');
const { DIST } = require('../lib/common');

async function main() {
  const { startEmulatedOrg } = require(path.join(DIST, 'emulator'));
  const count = Number(process.argv[2] ?? 0);
  const fieldsPerObject = Number(process.argv[3] ?? 40);
  let requests = 0;
  const byRoute = {};
  const org = await startEmulatedOrg({
    port: 0,
    orgs: [{ kind: 'sandbox', customObjects: { count, fieldsPerObject } }],
    deployTiming: { queuedPolls: 1, inProgressPolls: 1 },
    // One log line per request: "<METHOD> <path> <route …> -> <status>"; events have no " -> ".
    log: (line) => {
      const m = /^\S+ \S+ (\S+).* -> \d+/.exec(line);
      if (!m) return;
      requests++;
      byRoute[m[1]] = (byRoute[m[1]] ?? 0) + 1;
    },
  });
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
