'use strict';
/**
 * The baseline of deploy: the same calls made straight with @salesforce/core and source-deploy-retrieve, with no
 * apionly logic (no config, no stale-file check, no user plan, no production guard, no report).
 *   node bench/cases/deploy.baseline.js <projectDir> <profileName> <username>   (SF_ORG_INSTANCE_URL + APIONLY_BENCH_TOKEN)
 * connect: token AuthInfo + Connection, Organization query; package + deploy wait: ComponentSet.fromSource of the
 * profile, deploy, pollStatus; user: Profile id and User by SOQL, create the User; verify: Profile and User by SOQL,
 * and a retrieve of the profile with its objects (as apionly's verify does).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { report, round } = require('../lib/common');

const POLL_MS = Number(process.env.APIONLY_POLL_FREQUENCY_MS ?? 100);

async function main() {
  const [dir, profileName, username] = process.argv.slice(2);
  // Loaded where apionly loads them: @salesforce/core before the phases start, source-deploy-retrieve (lazily)
  // in the package phase.
  const { AuthInfo, Connection } = require('@salesforce/core');
  const timings = {};
  let t = performance.now();
  const lap = (name) => {
    const now = performance.now();
    timings[name] = round(now - t, 0);
    t = now;
  };

  const token = process.env.APIONLY_BENCH_TOKEN;
  const authInfo = await AuthInfo.create({ username: token, accessTokenOptions: { accessToken: token, instanceUrl: process.env.SF_ORG_INSTANCE_URL } });
  const conn = await Connection.create({ authInfo });
  await conn.query('SELECT Id, Name, IsSandbox, OrganizationType, InstanceName FROM Organization');
  lap('connect');

  const { ComponentSet } = require('@salesforce/source-deploy-retrieve');
  const profilePath = path.join(dir, 'force-app', 'main', 'default', 'profiles', `${profileName}.profile-meta.xml`);
  const cs = ComponentSet.fromSource({ fsPaths: [profilePath] });
  cs.sourceApiVersion = JSON.parse(fs.readFileSync(path.join(dir, 'sfdx-project.json'), 'utf8')).sourceApiVersion;
  const op = await cs.deploy({ usernameOrConnection: conn, apiOptions: { rollbackOnError: true } });
  lap('package');
  const result = await op.pollStatus(POLL_MS, 600);
  if (result.response.status !== 'Succeeded') throw new Error(`deploy ${result.response.status}: ${JSON.stringify(result.getFileResponses())}`);
  lap('deployWait');

  const q = (s) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const profile = (await conn.query(`SELECT Id FROM Profile WHERE Name = '${q(profileName)}'`)).records[0];
  const existing = (await conn.query(`SELECT Id FROM User WHERE Username = '${q(username)}'`)).records[0];
  const user = JSON.parse(fs.readFileSync(path.join(dir, 'config', 'users', 'api-only.user-def.json'), 'utf8'));
  const fields = Object.fromEntries(Object.entries(user).filter(([k]) => /^[A-Z]/.test(k)));
  if (existing) await conn.sobject('User').update({ Id: existing.Id, ...fields, ProfileId: profile.Id });
  else await conn.sobject('User').create({ ...fields, ProfileId: profile.Id });
  lap('user');

  await conn.query(`SELECT Id, Name, PermissionsApiEnabled, PermissionsApiUserOnly FROM Profile WHERE Name = '${q(profileName)}'`);
  const xml = fs.readFileSync(profilePath, 'utf8');
  const objects = [...xml.matchAll(/<object>([^<]+)<\/object>/g)].map((m) => m[1]);
  const retrieve = new ComponentSet([{ fullName: profileName, type: 'Profile' }, ...objects.map((o) => ({ fullName: o, type: 'CustomObject' }))]);
  retrieve.sourceApiVersion = cs.sourceApiVersion;
  const output = fs.mkdtempSync(path.join(os.tmpdir(), 'apionly-bench-retrieve-'));
  const rop = await retrieve.retrieve({ usernameOrConnection: conn, output, merge: false });
  const rres = await rop.pollStatus(POLL_MS, 600);
  if (!rres.getFileResponses().some((f) => f.type === 'Profile')) throw new Error('retrieve returned no profile');
  fs.rmSync(output, { recursive: true, force: true });
  await conn.query(`SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username = '${q(username)}'`);
  lap('verify');

  report({ timings });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
