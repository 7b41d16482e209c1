import { run } from '../../../src/cli';
import { checkReadArgs, toPlanOptions } from '../../../src/cli/commands/plan';
import { memoryIo } from '../../helpers/memoryIo';

describe('plan and status flags', () => {
  it.each(['plan', 'status'])('Given %s --markdown --json, When run, Then exit 2 naming both flags, nothing on stdout but the envelope', async (cmd) => {
    const io = memoryIo();
    expect(await run([cmd, '--markdown', '--json'], io)).toBe(2);
    const body = JSON.parse(io.out.join('')) as { name: string; message: string };
    expect(body.name).toBe('BadFlag');
    expect(body.message).toContain("--markdown and --json don't make sense together");
  });

  it('Given one of the two, When checked, Then fine; flags become camelCase options', () => {
    expect(checkReadArgs({ markdown: true, json: false }, 'plan')).toBe(true);
    expect(toPlanOptions({ 'target-org': 'uat', config: 'c.json', 'org-key': 'uat', markdown: false, json: true }, '/p')).toEqual({ cwd: '/p', targetOrg: 'uat', configPath: 'c.json', orgKey: 'uat' });
  });

  it('Given plan in a folder with no config, When run with --json, Then exit 2 with the error envelope', async () => {
    const io = memoryIo();
    expect(await run(['plan', '--target-org', 'uat', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out.join('')).exitCode).toBe(2);
  });
});
