/**
 * `apionly org start`: flag mapping, the one JSON line on stdout, logs on stderr, clean stop; in process
 * (orgStart with a stop promise) and end to end (the built bin, stopped with SIGTERM).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orgStart, parseSeats, toOrgStartOptions, type OrgArgs } from '../../../src/cli/commands/org';
import { InputError, UsageError } from '../../../src/errors';
import { run } from '../../../src/cli/index';
import { ensureBuilt, REPO_ROOT } from '../../helpers/bin';
import { childEnv } from '../../helpers/childEnv';
import { memoryIo } from '../../helpers/memoryIo';

const baseArgs: OrgArgs = { action: 'start', port: 0, sandbox: false };

describe('apionly org start (in process)', () => {
  it('Given default flags, When started and stopped, Then stdout holds exactly one JSON line with the org and status is 0', async () => {
    const io = memoryIo();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const outcome = orgStart(toOrgStartOptions(baseArgs, io), io, stopped);
    while (io.out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const line = JSON.parse(io.out[0] ?? '') as Record<string, string>;
    expect(Object.keys(line)).toEqual(['instanceUrl', 'accessToken', 'username', 'orgId']);
    expect(line['instanceUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line['accessToken']).toMatch(/^00D\w{12}!/);
    expect(line['orgId']).toMatch(/^00D\w{15}$/);
    const versions = (await (await fetch(`${line['instanceUrl']}/services/data`)).json()) as Array<{ version: string }>;
    expect(versions.at(-1)?.version).toBe('66.0');
    stop();
    const result = await outcome;
    expect(result).toEqual(expect.objectContaining({ status: 0, human: [] }));
    expect(io.out).toHaveLength(1);
    expect(io.err.join('')).toContain('GET /services/data versions -> 200');
  });

  it('Given --https, When started, Then the JSON line has an https instanceUrl and a certificate that verifies it', async () => {
    const io = memoryIo();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const outcome = orgStart(toOrgStartOptions({ ...baseArgs, https: true }, io), io, stopped);
    while (io.out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const line = JSON.parse(io.out[0] ?? '') as Record<string, string>;
    expect(line['instanceUrl']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(io.err.join('')).toContain(`NODE_EXTRA_CA_CERTS=${line['certificatePath']}`);
    const { get } = require('node:https') as typeof import('node:https');
    const ca = readFileSync(line['certificatePath'] ?? '');
    const status = (ca2: Buffer | undefined): Promise<number | string> =>
      new Promise((resolve) => {
        get(`${line['instanceUrl']}/services/data`, ca2 ? { ca: ca2 } : {}, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
    expect(await status(ca)).toBe(200);
    expect(await status(undefined)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    stop();
    expect(await outcome).toEqual(expect.objectContaining({ status: 0 }));
  });

  it('Given --sandbox, --edition and --seats, When started, Then the Organization row says so', async () => {
    const io = memoryIo();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const outcome = orgStart(toOrgStartOptions({ ...baseArgs, sandbox: true, edition: 'Developer Edition', seats: 'Salesforce=3' }, io), io, stopped);
    while (io.out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const line = JSON.parse(io.out[0] ?? '') as Record<string, string>;
    const q = encodeURIComponent('SELECT IsSandbox, OrganizationType FROM Organization');
    const res = await fetch(`${line['instanceUrl']}/services/data/v66.0/query?q=${q}`, { headers: { Authorization: `Bearer ${line['accessToken']}` } });
    const body = (await res.json()) as { records: Array<Record<string, unknown>> };
    expect(body.records[0]).toEqual(expect.objectContaining({ IsSandbox: true, OrganizationType: 'Developer Edition' }));
    const lic = encodeURIComponent("SELECT TotalLicenses FROM UserLicense WHERE Name = 'Salesforce'");
    const licBody = (await (await fetch(`${line['instanceUrl']}/services/data/v66.0/query?q=${lic}`, { headers: { Authorization: `Bearer ${line['accessToken']}` } })).json()) as {
      records: Array<Record<string, unknown>>;
    };
    expect(licBody.records[0]?.['TotalLicenses']).toBe(3);
    stop();
    await outcome;
  });

  it('Given --features Orders,Quotes and --custom-objects 5 --fields-per-object 7, When started, Then the org has those objects and fields', async () => {
    const io = memoryIo();
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const options = toOrgStartOptions({ ...baseArgs, features: 'Orders,Quotes,Ideas=false', 'custom-objects': 5, 'fields-per-object': 7 }, io);
    expect(options).toMatchObject({ features: { Orders: true, Quotes: true, Ideas: false }, customObjects: { count: 5, fieldsPerObject: 7 } });
    const outcome = orgStart(options, io, stopped);
    while (io.out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const line = JSON.parse(io.out[0] ?? '') as Record<string, string>;
    const d = (await (await fetch(`${line['instanceUrl']}/services/data/v66.0/sobjects/ObjectPermissions/describe`, { headers: { Authorization: `Bearer ${line['accessToken']}` } })).json()) as {
      fields: Array<{ name: string; picklistValues: Array<{ value: string }> }>;
    };
    const types = d.fields.find((f) => f.name === 'SobjectType')?.picklistValues.map((v) => v.value) ?? [];
    expect(types).toEqual(expect.arrayContaining(['Order', 'Quote', 'Obj0001__c', 'Obj0005__c']));
    expect(types).not.toContain('Idea');
    expect(types).not.toContain('Obj0006__c');
    const obj = (await (await fetch(`${line['instanceUrl']}/services/data/v66.0/sobjects/Obj0005__c/describe`, { headers: { Authorization: `Bearer ${line['accessToken']}` } })).json()) as { fields: Array<{ name: string }> };
    expect(obj.fields.filter((f) => f.name.endsWith('__c'))).toHaveLength(7);
    stop();
    await outcome;
  });

  it.each([
    [{ ...baseArgs, features: 'Orders,No Such' }, 'BadFeatures'],
    [{ ...baseArgs, 'custom-objects': -1 }, 'BadCustomObjects'],
    [{ ...baseArgs, 'custom-objects': 2, 'fields-per-object': 801 }, 'BadFieldsPerObject'],
  ])('Given bad scale or feature flags (%#), Then a usage error %s', (args, code) => {
    expect(() => toOrgStartOptions(args as OrgArgs, memoryIo())).toThrow(expect.objectContaining({ code, exitCode: 2 }));
  });

  it('Given an unknown feature name, When started, Then a usage error lists the known ones', async () => {
    const io = memoryIo();
    await expect(orgStart(toOrgStartOptions({ ...baseArgs, features: 'Telepathy' }, io), io, Promise.resolve())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/Unknown org feature 'Telepathy'; known: .*Orders/) });
  });

  it.each([
    [{ ...baseArgs, port: 70000 }, 'BadPort'],
    [{ ...baseArgs, seats: 'Salesforce=ten' }, 'BadSeats'],
    [{ ...baseArgs, edition: ' ' }, 'BadEdition'],
    [{ ...baseArgs, 'deploy-polls': -1 }, 'BadDeployPolls'],
    [{ ...baseArgs, 'cometd-timeout': 0 }, 'BadCometdTimeout'],
    [{ ...baseArgs, 'cometd-timeout': 601 }, 'BadCometdTimeout'],
  ] as Array<[OrgArgs, string]>)('Given bad flags %j, When mapped, Then a usage error %s', (args, code) => {
    expect(() => toOrgStartOptions(args, memoryIo())).toThrow(expect.objectContaining({ code, exitCode: 2 }));
  });

  it('Given a bad --fault, When started, Then a usage error names the field and nothing listens', async () => {
    const io = memoryIo();
    const err = await orgStart(toOrgStartOptions({ ...baseArgs, fault: ['{"kind":"explode"}'] }, io), io, Promise.resolve()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('"kind" must be one of');
    expect(io.out).toEqual([]);
  });

  it('Given a corrupt state file, When started, Then an input error (exit 2) names the file and the file is untouched', async () => {
    const io = memoryIo();
    const state = join(io.cwd, 'org.json');
    writeFileSync(state, '{ not json');
    const err = await orgStart(toOrgStartOptions({ ...baseArgs, state: 'org.json' }, io), io, Promise.resolve()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as Error).message).toContain(state);
    expect(readFileSync(state, 'utf8')).toBe('{ not json');
  });

  it('Given --cometd-timeout 2.5, When mapped, Then the CometD long poll is held 2.5 s', () => {
    expect(toOrgStartOptions({ ...baseArgs, 'cometd-timeout': 2.5 }, memoryIo()).cometdTimeoutSeconds).toBe(2.5);
    expect(toOrgStartOptions(baseArgs, memoryIo())).not.toHaveProperty('cometdTimeoutSeconds');
  });

  it('parses seats lists', () => {
    expect(parseSeats('Salesforce=10, Salesforce Integration=5')).toEqual({ Salesforce: 10, 'Salesforce Integration': 5 });
  });

  it('Given an unknown action, When the CLI parses it, Then exit 2', async () => {
    const io = memoryIo();
    expect(await run(['org', 'stop'], io)).toBe(2);
  });
});

describe('apionly org start (built bin)', () => {
  beforeAll(() => ensureBuilt(), 240_000);

  it('Given the bin, When started then sent SIGTERM, Then one JSON line, logs on stderr, exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'apionly-org-home-'));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'apionly.js'), 'org', 'start', '--port', '0'], { env: childEnv({}, home), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
    });
    const info = JSON.parse(firstLine) as Record<string, string>;
    const res = await fetch(`${info['instanceUrl']}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${info['accessToken']}` } });
    expect(((await res.json()) as Record<string, string>)['preferred_username']).toBe(info['username']);
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stdout).toBe(`${firstLine}\n`);
    expect(stderr).toContain('SIGTERM received');
  }, 60_000);
});
