import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Environment for a spawned apionly or sf process: its own temporary HOME, no proxies, no log files. */
export function childEnv(extra: Record<string, string | undefined> = {}, home?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete env[name];
  for (const name of ['SF_TARGET_ORG', 'SF_ORG_INSTANCE_URL', 'SF_ORG_API_VERSION', 'CI', 'FORCE_COLOR']) delete env[name];
  const dir = home ?? mkdtempSync(join(tmpdir(), 'apionly-child-home-'));
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
