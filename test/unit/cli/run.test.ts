/** The CLI shell (src/cli/index.ts): usage errors, --json envelopes and exit codes, in process. */
import { run } from '../../../src/cli';
import { memoryIo } from '../../helpers/memoryIo';

describe('run (the CLI shell)', () => {
  it('Given an unknown command, Then exit 2 and the commands are named', async () => {
    const io = memoryIo();
    expect(await run(['deplo'], io)).toBe(2);
    expect(io.out.join('')).toBe('');
    expect(io.err.join('')).toBe('Error (UnknownCommand): Unknown command "deplo".\n\nTry this:\n  Use one of: generate, format, deploy, org, discover, check, plan, status (`apionly --help` lists them).\n');
  });

  it('Given an unknown command with --json, Then the error envelope is on stdout', async () => {
    const io = memoryIo();
    expect(await run(['deplo', '--json'], io)).toBe(2);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ name: 'UnknownCommand', status: 2, exitCode: 2 });
    expect(io.err.join('')).toBe('');
  });

  it('Given no command, Then exit 2 asks for one', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(2);
    expect(io.err.join('')).toMatch(/Name a command: generate, format, deploy, org, .*check/);
  });

  it('Given an unknown flag, Then exit 2 names it', async () => {
    const io = memoryIo();
    expect(await run(['generate', '--chek'], io)).toBe(2);
    expect(io.err.join('')).toContain('Unknown argument: chek');
  });

  it('Given generate --json in a folder with no config, Then exit 2 with the error envelope and nothing on stderr', async () => {
    const io = memoryIo();
    expect(await run(['generate', '--json'], io)).toBe(2);
    const body = JSON.parse(io.out.join('')) as { status: number; message: string };
    expect(body.status).toBe(2);
    expect(body.message).toContain('apionly.config.json');
    expect(io.err.join('')).toBe('');
  });
});
