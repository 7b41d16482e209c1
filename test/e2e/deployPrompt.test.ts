/**
 * The production guard on a real terminal: the built bin runs under util-linux `script`, which gives it a
 * pseudo-terminal, and the test answers the prompt when it appears. "n" changes nothing; "y" deploys.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../helpers/bin';
import { childEnv } from '../helpers/childEnv';
import { withEmulatedOrg } from '../helpers/emulator';
import type { RunningEmulatedOrg, StartEmulatedOrgOptions } from '../../src/emulator';
import { configUsername, makeProject, profilesNamed, usersNamed } from './deploy.helpers';

jest.setTimeout(120_000);

const SCRIPT = '/usr/bin/script';
const PRODUCTION = { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'production' as const }] } satisfies StartEmulatedOrgOptions;
const PROMPT = '[y/N]';

let project: string;

beforeAll(async () => {
  if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} (util-linux) is needed to give the deploy a terminal: apt-get install util-linux`);
  ensureBuilt();
  project = await makeProject();
});

/** Runs `apionly deploy` on a pseudo-terminal and types `answer` once the prompt is shown. */
function deployOnTerminal(emu: RunningEmulatedOrg, answer: string): Promise<{ code: number | null; screen: string }> {
  const token = emu.orgs[0]?.accessToken ?? '';
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, 'bin', 'apionly.js'))} deploy --target-org '${token}'`;
  const child = spawn(SCRIPT, ['-qefc', command, '/dev/null'], {
    cwd: project,
    env: childEnv({ SF_ORG_INSTANCE_URL: emu.instanceUrl, APIONLY_POLL_FREQUENCY_MS: '20', TERM: 'dumb' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let answered = false;
  const onData = (chunk: Buffer): void => {
    screen += chunk.toString('utf8');
    if (!answered && screen.includes(PROMPT)) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('deploy to production on a terminal (bin under a pseudo-terminal)', () => {
  it('Given the prompt is answered "n", Then nothing changes and the exit is 1; answered "y", Then it deploys and verifies', async () => {
    await withEmulatedOrg(async (emu) => {
      const no = await deployOnTerminal(emu, 'n');
      expect(no.screen).toContain(`to PRODUCTION org Emulated Org (${emu.orgs[0]?.orgId})? ${PROMPT}`);
      expect(no.screen).toContain('Error (ProductionNotConfirmed): Nothing was changed: the deploy to production was not confirmed.');
      expect(no.code).toBe(1);
      expect(profilesNamed(emu, 'API Only')).toEqual([]);
      expect(usersNamed(emu, configUsername(project))).toEqual([]);

      const yes = await deployOnTerminal(emu, 'y');
      expect(yes.screen).toContain('Deployed and verified.');
      expect(yes.code).toBe(0);
      expect(profilesNamed(emu, 'API Only')).toHaveLength(1);
      expect(usersNamed(emu, configUsername(project))).toEqual([expect.objectContaining({ IsActive: true })]);
      for (const o of emu.orgs) expect(yes.screen + no.screen).not.toContain(o.accessToken);
    }, PRODUCTION);
  });
});
