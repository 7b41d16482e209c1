'use strict';
// Starts the emulated org from dist/ for the deploy benchmark and prints one JSON line:
// {"instanceUrl", "accessToken", "username", "orgId"}; serves until SIGTERM or SIGINT.
const path = require('node:path');
const { DIST } = require('../lib/common');

async function main() {
  const { startEmulatedOrg } = require(path.join(DIST, 'emulator'));
  const kind = process.argv[2] ?? 'production';
  const org = await startEmulatedOrg({ port: 0, orgs: [{ kind }], deployTiming: { queuedPolls: 1, inProgressPolls: 1 } });
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
