/**
 * `apionly plan` and `apionly status` end to end: the built bin against an emulated org. Deploy, then plan says
 * nothing; a config edit is exactly what plan lists; drift made through the real API (freeze through UserLogin, a
 * powerful permission set assigned, an object permission lowered through ObjectPermissions) is what status reports;
 * deploy repairs what it can, and status is healthy once the admin undoes the rest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { ensureBuilt, runBin, type BinResult } from '../helpers/bin';
import { connectionFor, withEmulatedOrg } from '../helpers/emulator';
import type { RunningEmulatedOrg } from '../../src/emulator';
import { configUsername, makeProject } from './deploy.helpers';

jest.setTimeout(240_000);

let project: string;
let username: string;

beforeAll(async () => {
  ensureBuilt();
  project = await makeProject();
  username = configUsername(project);
});

function bin(emu: RunningEmulatedOrg, args: readonly string[]): Promise<BinResult> {
  const token = emu.orgs[0]?.accessToken as string;
  return runBin([...args, '--target-org', token], { cwd: project, env: { APIONLY_POLL_FREQUENCY_MS: '20', SF_ORG_INSTANCE_URL: emu.instanceUrl }, timeoutMs: 120_000 });
}

function json<T>(r: BinResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

interface PlanJson { status: number; result: { pending: boolean; profile: { changes: Array<Record<string, unknown>>; extras: unknown[] }; user: { action: string } } }
interface StatusJson { status: number; result: { healthy: boolean; findings: Array<{ severity: string; code: string; message: string; action?: string }> } }

async function one(conn: Connection, soql: string): Promise<Record<string, unknown>> {
  const r = await conn.query<Record<string, unknown>>(soql);
  expect(r.records).toHaveLength(1);
  return r.records[0] as Record<string, unknown>;
}

async function regenerate(): Promise<void> {
  const { generate } = require('../../src/generate') as { generate(o: { cwd: string }): Promise<unknown> };
  await generate({ cwd: project });
}

it('Given a deployed project, When plan, config edits, drift and repair happen, Then plan and status report each with their exit codes', async () => {
  await withEmulatedOrg(
    async (emu) => {
      // A fresh org: plan lists the profile and user to create.
      const first = await bin(emu, ['plan', '--json']);
      expect(first.code).toBe(3);
      expect(json<PlanJson>(first).result.user.action).toBe('create');

      const deployed = await bin(emu, ['deploy']);
      expect(deployed.code).toBe(0);

      const clean = await bin(emu, ['plan']);
      expect(clean.stderr).not.toMatch(/Error/);
      expect(clean.code).toBe(0);
      expect(clean.stdout).toContain('No changes');

      // Edit the config: Lead down to read. plan lists exactly that object, lowered.
      const configPath = join(project, 'apionly.config.json');
      const original = readFileSync(configPath, 'utf8');
      const edited = JSON.parse(original) as { profile: Record<string, unknown> };
      edited.profile['objects'] = { overrides: { Lead: 'read' } };
      writeFileSync(configPath, `${JSON.stringify(edited, undefined, 2)}\n`);
      await regenerate();
      const pending = await bin(emu, ['plan', '--json']);
      expect(pending.code).toBe(3);
      const changes = json<PlanJson>(pending).result.profile.changes;
      expect(changes).toEqual([
        { kind: 'object', object: 'Lead', change: 'lowered', flags: [
          { flag: 'allowCreate', from: true, to: false }, { flag: 'allowEdit', from: true, to: false }, { flag: 'allowDelete', from: true, to: false },
          { flag: 'viewAllRecords', from: true, to: false }, { flag: 'modifyAllRecords', from: true, to: false },
        ] },
      ]);
      const md = await bin(emu, ['plan', '--markdown']);
      expect(md.code).toBe(3);
      expect(md.stdout).toContain('| Object permissions | 0 | 0 | 1 | 0 |');
      expect(md.stdout).toContain('<details>');
      writeFileSync(configPath, original);
      await regenerate();

      // Healthy right after the deploy.
      const healthy = await bin(emu, ['status', '--json']);
      expect(healthy.code).toBe(0);
      expect(json<StatusJson>(healthy).result.findings.map((f) => f.code)).toEqual(['NeverUsed']);

      // Drift, through the real API as an admin would.
      const conn = await connectionFor(emu);
      const user = await one(conn, `SELECT Id FROM User WHERE Username = '${username}'`);
      const login = await one(conn, `SELECT Id FROM UserLogin WHERE UserId = '${String(user['Id'])}'`);
      await conn.sobject('UserLogin').update({ Id: login['Id'] as string, IsFrozen: true });
      const ps = (await conn.sobject('PermissionSet').create({ Name: 'Break_Glass', Label: 'Break glass', PermissionsViewAllData: true, PermissionsModifyAllData: true })) as { id: string };
      const assignment = (await conn.sobject('PermissionSetAssignment').create({ AssigneeId: user['Id'], PermissionSetId: ps.id })) as { id: string };
      const account = await one(conn, "SELECT Id FROM ObjectPermissions WHERE Parent.Profile.Name = 'API Only' AND SobjectType = 'Account'");
      await conn.sobject('ObjectPermissions').update({ Id: account['Id'] as string, PermissionsModifyAllRecords: false });

      const drift = await bin(emu, ['status', '--json']);
      expect(drift.code).toBe(4);
      const codes = json<StatusJson>(drift).result.findings.filter((f) => f.severity === 'drift').map((f) => f.code).sort();
      expect(codes).toEqual(['ObjectPermissionLowered', 'PowerfulPermission', 'PowerfulPermission', 'UserFrozen']);
      const human = await bin(emu, ['status']);
      expect(human.code).toBe(4);
      expect(human.stdout).toContain('Modify All Data reaches');
      expect(human.stdout).toContain('→ ');

      // plan sees the lowered object (a deploy raises it back) and nothing else to change.
      const repairPlan = await bin(emu, ['plan', '--json']);
      expect(repairPlan.code).toBe(3);
      expect(json<PlanJson>(repairPlan).result.profile.changes).toEqual([
        { kind: 'object', object: 'Account', change: 'raised', flags: [{ flag: 'modifyAllRecords', from: false, to: true }] },
      ]);

      // deploy repairs the object permission; the freeze and the extra set are the admin's to undo.
      expect((await bin(emu, ['deploy'])).code).toBe(0);
      const after = await bin(emu, ['status', '--json']);
      expect(after.code).toBe(4);
      expect(json<StatusJson>(after).result.findings.filter((f) => f.severity === 'drift').map((f) => f.code).sort()).toEqual(['PowerfulPermission', 'PowerfulPermission', 'UserFrozen']);

      await conn.sobject('UserLogin').update({ Id: login['Id'] as string, IsFrozen: false });
      await conn.sobject('PermissionSetAssignment').destroy(assignment.id);
      const fixed = await bin(emu, ['status']);
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toContain('Healthy');
    },
    { deployTiming: { queuedPolls: 0, inProgressPolls: 1 }, orgs: [{ kind: 'sandbox' }] },
  );
});
