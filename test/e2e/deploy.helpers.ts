/**
 * Fixtures for the deploy end-to-end tests (owned by deploy): a temporary apionly project with its generated,
 * current files, and helpers to read an emulated org's state.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulatedOrg } from '../../src/emulator';

export const REPO = join(__dirname, '..', '..');

export interface ProjectOptions {
  readonly username?: string;
  readonly orgs?: Record<string, { user: Record<string, unknown> }>;
  readonly permissionSets?: readonly string[];
  readonly profileName?: string;
  /** Feature objects to list in profile.objects.include (e.g. Order, which the emulated org has off). */
  readonly include?: readonly string[];
  /** Top-level config entries added as they are (e.g. { route: 'integration', permissionSet: {…} }). */
  readonly extra?: Record<string, unknown>;
}

/** A temporary project: apionly.config.json, sfdx-project.json, templates/, and `generate` run once. */
export async function makeProject(options: ProjectOptions = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'apionly-deploy-e2e-'));
  if (existsSync(join(REPO, 'templates'))) cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'sfdx-project.json'),
    `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], name: 'e2e', namespace: '', sourceApiVersion: '66.0' }, undefined, 2)}\n`,
  );
  const config = {
    profile: {
      name: options.profileName ?? 'API Only',
      description: 'Integration user, API access only',
      ...(options.include ? { objects: { include: options.include } } : {}),
    },
    user: {
      Username: options.username ?? `api.user.${process.pid}.${Date.now()}@e2e.example.com`,
      LastName: 'Integration',
      FirstName: 'Vendor',
      Email: 'integrations@e2e.example.com',
      ...(options.permissionSets ? { permissionSets: options.permissionSets } : {}),
    },
    ...(options.orgs ? { orgs: options.orgs } : {}),
    ...(options.extra ?? {}),
  };
  writeFileSync(join(dir, 'apionly.config.json'), `${JSON.stringify(config, undefined, 2)}\n`);
  const { generate } = require('../../src/generate') as {
    generate(o: { cwd: string; check?: boolean }): Promise<unknown>;
  };
  await generate({ cwd: dir });
  return dir;
}

/** Merges top-level keys into the project's apionly.config.json (the caller then runs generate, as a user would). */
export function patchConfig(dir: string, patch: Readonly<Record<string, unknown>>): void {
  const path = join(dir, 'apionly.config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...config, ...patch }, undefined, 2)}\n`);
}

/** Rows of a SOQL query run straight against the emulated org's model (no HTTP, no faults). */
export function orgQuery(emu: RunningEmulatedOrg, soql: string, index = 0): Array<Record<string, unknown>> {
  const org = emu.world.orgs[index];
  if (!org) throw new Error(`no org #${index}`);
  return org.query(soql).records.map((r) => ({ ...r }));
}

export function usersNamed(emu: RunningEmulatedOrg, username: string, index = 0): Array<Record<string, unknown>> {
  return orgQuery(emu, `SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username = '${username.replace(/'/g, "\\'")}'`, index);
}

export function profilesNamed(emu: RunningEmulatedOrg, name: string, index = 0): Array<Record<string, unknown>> {
  return orgQuery(emu, `SELECT Id, Name FROM Profile WHERE Name = '${name.replace(/'/g, "\\'")}'`, index);
}

/** The generated config's base username. */
export function configUsername(dir: string): string {
  const config = JSON.parse(readFileSync(join(dir, 'apionly.config.json'), 'utf8')) as { user: { Username: string } };
  return config.user.Username;
}
