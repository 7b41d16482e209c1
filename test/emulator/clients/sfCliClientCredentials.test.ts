/**
 * The official `sf` CLI logs in as the integration user over HTTPS (the emulated org's certificate trusted through
 * NODE_EXTRA_CA_CERTS), then queries as that user. Runs only when APIONLY_SF_CLI points at an sf binary.
 *
 * `sf org login client-credentials` (plugin-auth source: src/commands/org/login/client-credentials.ts) refuses
 * non-https instance URLs. When the installed CLI has that command, it is used as is. When it does not (the
 * published @salesforce/plugin-auth up to 6.0.0 ships without it), the test does what that command does: the
 * client-credentials token from the token endpoint (jsforce's OAuth2, in a child process that trusts the
 * certificate), then `sf org login access-token` with it; the test prints which path ran.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { childEnv } from '../../helpers/childEnv';
import { useEmulatedOrg } from '../../helpers/emulator';
import { setUpEcaOrg, type EcaOrg } from './ecaSetup';

const SF = process.env['APIONLY_SF_CLI'];
const describeWithSf = SF ? describe : describe.skip;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, [...args], { env, timeout: 150_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const TOKEN_SCRIPT = `
const { OAuth2 } = require('@jsforce/jsforce-node');
new OAuth2({ loginUrl: process.env.URL, clientId: process.env.CLIENT_ID, clientSecret: process.env.CLIENT_SECRET })
  .requestToken({ grant_type: 'client_credentials' })
  .then((t) => process.stdout.write(t.access_token))
  .catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exitCode = 1; });
`;

describeWithSf('sf CLI client-credentials login over HTTPS (APIONLY_SF_CLI)', () => {
  const emu = useEmulatedOrg({ https: true, orgs: [{ kind: 'sandbox' }] });
  const home = mkdtempSync(join(tmpdir(), 'apionly-sf-cc-home-'));
  let eca: EcaOrg;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    eca = setUpEcaOrg(emu.get().world.orgs[0] as never);
    expect(emu.get().instanceUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    env = childEnv({ NODE_EXTRA_CA_CERTS: emu.get().certificatePath, PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` }, home);
  });

  const sf = (args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> => exec(SF ?? 'sf', args, { ...env, ...extra });

  it('logs in as the integration user over HTTPS, and its queries run with that user\'s permissions', async () => {
    const url = emu.get().instanceUrl;
    const hasCommand = (await sf(['org', 'login', 'client-credentials', '--help'])).code === 0;
    let login: Run;
    if (hasCommand) {
      process.stdout.write('sf org login client-credentials is available: using it\n');
      const http = await sf(['org', 'login', 'client-credentials', '--client-id', eca.key, '--instance-url', url.replace('https:', 'http:'), '--alias', 'nope', '--json'], { SF_CLIENT_SECRET: eca.secret });
      expect(http.code).not.toBe(0);
      login = await sf(['org', 'login', 'client-credentials', '--client-id', eca.key, '--instance-url', url, '--alias', 'vendor', '--json'], { SF_CLIENT_SECRET: eca.secret });
    } else {
      process.stdout.write('this sf CLI has no `org login client-credentials`: token from the token endpoint, then `sf org login access-token`\n');
      const token = await exec(process.execPath, ['-e', TOKEN_SCRIPT], { ...env, URL: url, CLIENT_ID: eca.key, CLIENT_SECRET: eca.secret, NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules') });
      expect(token.stderr).toBe('');
      login = await sf(['org', 'login', 'access-token', '--instance-url', url, '--alias', 'vendor', '--no-prompt', '--json'], { SF_ACCESS_TOKEN: token.stdout });
    }
    expect([login.code, login.stderr]).toEqual([0, expect.any(String)]);
    expect((JSON.parse(login.stdout) as { result: { username: string } }).result.username).toBe(eca.username);

    const account = await sf(['data', 'query', '-q', 'SELECT Id FROM Account', '--target-org', 'vendor', '--json']);
    expect(account.code).toBe(0);
    const contact = await sf(['data', 'query', '-q', 'SELECT Id FROM Contact', '--target-org', 'vendor', '--json']);
    expect(contact.code).not.toBe(0);
    expect(contact.stdout).toContain("sObject type 'Contact' is not supported");
  }, 300_000);
});
