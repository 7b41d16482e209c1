/** bin/apionly.js on a Node older than 22.19: one clear line and exit 2, before anything is loaded. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../helpers/bin';
import { childEnv } from '../helpers/childEnv';

const BIN = join(REPO_ROOT, 'bin', 'apionly.js');

/** Runs the bin in a node whose reported version is `version` (the check reads process.versions.node). */
function runAs(version: string): { status: number | null; stdout: string; stderr: string } {
  const script =
    `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: ${JSON.stringify(version)} } });` +
    `Object.defineProperty(process, 'version', { value: ${JSON.stringify(`v${version}`)} });` +
    `process.argv = [process.argv[0], ${JSON.stringify(BIN)}, '--help'];` +
    `require(${JSON.stringify(BIN)});`;
  const r = spawnSync(process.execPath, ['-e', script], { env: childEnv(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => ensureBuilt(), 300_000);

describe('bin/apionly.js Node version check', () => {
  it.each(['20.20.2', '22.18.0', '18.0.0'])('Given Node %s, Then one line on stderr names the version needed and exit is 2', (version) => {
    const r = runAs(version);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `apionly needs Node.js 22.19 or newer (found v${version}); install Node 22 LTS, e.g. \`npm install --prefix ~/.node22 node@22\` and put ~/.node22/node_modules/.bin first on PATH.\n`,
    );
  });

  it('Given Node 22.19 or newer, Then the CLI runs', () => {
    const r = runAs('22.19.0');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('apionly <command> [options]');
    expect(r.status).toBe(0);
  });
});
