/**
 * Runs before every test file (jest `setupFiles`). No test may touch the real ~/.sf or ~/.sfdx, reach a
 * proxy, or write Salesforce log files: each test file gets its own temporary HOME.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY']) {
  delete process.env[name];
}
const home = mkdtempSync(join(tmpdir(), 'apionly-test-home-'));
process.env['HOME'] = home;
process.env['USERPROFILE'] = home;
// Jest gives each test file a copy of process.env, so os.homedir() (which reads the real environment)
// would still answer the real HOME: @salesforce/core then reads and writes the real ~/.sfdx. Point it here.
(require('node:os') as { homedir: () => string }).homedir = () => home;
// @salesforce/core creates ~/.sfdx/alias.json on ENOENT only when `e instanceof Error`, which is false for
// Node's own errors inside jest's sandbox (another realm); start with an empty alias file instead.
mkdirSync(join(home, '.sfdx'), { recursive: true });
writeFileSync(join(home, '.sfdx', 'alias.json'), JSON.stringify({ orgs: {} }));
process.env['SF_DISABLE_LOG_FILE'] = 'true';
process.env['SF_DISABLE_TELEMETRY'] = 'true';
process.env['SF_USE_GENERIC_UNIX_KEYCHAIN'] = 'true';
process.env['SF_DISABLE_AUTOUPDATE'] = 'true';
process.env['SF_SKIP_NEW_VERSION_CHECK'] = 'true';
delete process.env['SF_TARGET_ORG'];
delete process.env['SF_ORG_INSTANCE_URL'];
delete process.env['SF_ORG_API_VERSION'];
