/**
 * Every fault kind, as the real clients see it. Counts stay small: jsforce retries GETs on 5xx and socket
 * errors with 0.5 s, 1 s, … backoff, so one fault on a GET costs about half a second.
 */
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { Lifecycle } from '@salesforce/core';
import { join } from 'node:path';
import { connectionFor, useEmulatedOrg } from '../../helpers/emulator';
import { API_ONLY, makeProject } from './project';

const FAST = { frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) };

function profileSet(name: string): ComponentSet {
  const project = makeProject({ [name]: API_ONLY });
  const cs = ComponentSet.fromSource(join(project.root, 'force-app'));
  cs.sourceApiVersion = '66.0';
  return cs;
}

describe('faults through the real clients', () => {
  const emu = useEmulatedOrg();
  afterEach(() => emu.get().faults.clear());

  it('Given a soap-fault on deploy, When SDR deploys, Then deploy() rejects at once with sf:CODE and the message', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'soap-fault', match: { soapMethod: 'deploy' }, faultcode: 'sf:INVALID_CROSS_REFERENCE_KEY', faultstring: 'INVALID_CROSS_REFERENCE_KEY: nope' });
    const err = await profileSet('Fault A')
      .deploy({ usernameOrConnection: conn })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toEqual(expect.objectContaining({ name: 'sf:INVALID_CROSS_REFERENCE_KEY', message: expect.stringContaining('nope') }));
    expect(emu.get().faults.list()).toEqual([]);
  });

  it('Given a soap-fault on checkDeployStatus, When polling, Then pollStatus rejects', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'soap-fault', match: { soapMethod: 'checkDeployStatus' }, faultcode: 'sf:UNKNOWN_EXCEPTION' });
    const deploy = await profileSet('Fault B').deploy({ usernameOrConnection: conn });
    const err = await deploy.pollStatus(FAST).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toContain('UNKNOWN_EXCEPTION');
  });

  it('Given one http-503 on checkDeployStatus, When polling, Then SDR warns and keeps polling to success', async () => {
    const conn = await connectionFor(emu.get());
    const warnings: string[] = [];
    Lifecycle.getInstance().onWarning(async (w) => {
      warnings.push(w);
    });
    emu.get().faults.add({ kind: 'http-503', match: { soapMethod: 'checkDeployStatus' } });
    const result = await (await profileSet('Fault C').deploy({ usernameOrConnection: conn })).pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(emu.get().faults.list()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/network error|continuing to poll|503/i);
  });

  it('Given one http-500 on a query, When jsforce queries, Then it retries the GET and gets the answer', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'http-500', match: { route: 'query', sobject: 'Profile' } });
    const res = await conn.query("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    expect(res.totalSize).toBe(1);
    expect(emu.get().faults.list()).toEqual([]);
  });

  it('Given an http-503 on a User insert (POST), When created, Then it fails at once (no retry)', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'http-503', match: { route: 'sobject-create', sobject: 'User' } });
    const err = await conn
      .sobject('User')
      .create({ LastName: 'X' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toEqual(expect.objectContaining({ errorCode: 'ERROR_HTTP_503' }));
  });

  it('Given a dropped connection on a query, When jsforce queries, Then the call fails with a socket error and the next one works', async () => {
    // Seen here (jsforce-node 3.12 on undici): a server-side socket close surfaces as "fetch failed"
    // (cause UND_ERR_SOCKET "other side closed") and is not retried.
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'drop', match: { route: 'query' } });
    const err = await conn.query('SELECT Id FROM UserLicense').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toContain('fetch failed');
    expect(emu.get().faults.list()).toEqual([]);
    const res = await conn.query('SELECT Id FROM UserLicense');
    expect(res.totalSize).toBeGreaterThan(0);
  });

  it('Given a slow answer, When queried, Then the answer still arrives and the fault is used up', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'slow', delayMs: 200, match: { route: 'query' } });
    const res = await conn.query("SELECT Id FROM Profile WHERE Name = 'Standard User'");
    expect(res.totalSize).toBe(1);
    expect(emu.get().faults.list()).toEqual([]);
  });

  it('Given deploy-stuck for 3 polls, When polling, Then InProgress is reported 3 more times before success', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'deploy-stuck', polls: 3 });
    const deploy = await profileSet('Fault D').deploy({ usernameOrConnection: conn });
    const updates: string[] = [];
    deploy.onUpdate((r) => updates.push(String(r.status)));
    const result = await deploy.pollStatus(FAST);
    expect(updates).toEqual([RequestStatus.Pending, RequestStatus.InProgress, RequestStatus.InProgress, RequestStatus.InProgress, RequestStatus.InProgress]);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
  });

  it('Given a component-failure on the profile, When deployed, Then it fails with that problem and nothing is applied', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'component-failure', component: 'Profile:Fault E', problem: 'Emulated: cannot save profile' });
    const result = await (await profileSet('Fault E').deploy({ usernameOrConnection: conn })).pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Failed);
    expect(result.getFileResponses()).toEqual([expect.objectContaining({ fullName: 'Fault E', type: 'Profile', state: 'Failed', error: expect.stringContaining('Emulated: cannot save profile') })]);
    expect((await conn.query("SELECT Id FROM Profile WHERE Name = 'Fault E'")).totalSize).toBe(0);
  });

  it('Given a component-failure for a component not in the deploy, When deployed, Then it does not apply and stays pending', async () => {
    const conn = await connectionFor(emu.get());
    emu.get().faults.add({ kind: 'component-failure', component: 'Profile:Somebody Else' });
    const result = await (await profileSet('Fault F').deploy({ usernameOrConnection: conn })).pollStatus(FAST);
    expect(result.response.status).toBe(RequestStatus.Succeeded);
    expect(emu.get().faults.list()).toEqual([expect.objectContaining({ kind: 'component-failure', remaining: 1 })]);
  });

  it('Given an invalid token, When SDR deploys, Then the SOAP fault is INVALID_SESSION_ID', async () => {
    const { AuthInfo, Connection } = require('@salesforce/core') as typeof import('@salesforce/core');
    const authInfo = await AuthInfo.create({
      username: '00D000000000042!nope',
      accessTokenOptions: { accessToken: '00D000000000042!nope', instanceUrl: emu.get().instanceUrl },
    });
    const conn = await Connection.create({ authInfo });
    const err = await profileSet('Fault G')
      .deploy({ usernameOrConnection: conn })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(String((err as Error).name) + String((err as Error).message)).toMatch(/INVALID_SESSION_ID/);
  });
});
