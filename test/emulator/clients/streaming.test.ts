/**
 * The emulated org's Streaming API with real clients: jsforce's streaming API (faye 1.4 underneath) and faye's own
 * Client for the other Authorization header forms. Change events of REST DML on selected objects, replay, PushTopics,
 * delivery filtered by the subscriber's permissions, Salesforce's error strings.
 */
import type { Connection } from '@salesforce/core';
import type { RunningEmulatedOrg } from '../../../src/emulator';
import { connectionFor, useEmulatedOrg, userFields } from '../../helpers/emulator';
import { collector, deployFiles, disconnected, jsforceConnection, packageXml, selectionFiles, sessionAs, subscribed } from '../../helpers/streaming';

type FayeLike = { disconnect(): unknown };
const clients: FayeLike[] = [];
/** jsforce connections whose streaming API keeps faye clients of its own (topic subscribes). */
const connections: Array<{ streaming: unknown }> = [];

// Declared before useEmulatedOrg, so it runs first (jest runs after-all hooks in declaration order): every faye client
// disconnects while the org still answers; a disconnect sent to a closed org makes faye retry forever and the file hang.
afterAll(async () => {
  const cached = connections.flatMap((c) => Object.values((c.streaming as { _fayeClients?: Record<string, FayeLike> })._fayeClients ?? {}));
  await Promise.all([...clients, ...cached].map((c) => disconnected(c)));
});

const emu = useEmulatedOrg({ cometd: { timeoutMs: 1500 } });
const { StreamingExtension, Client: FayeClient } = require('@jsforce/jsforce-node/lib/api/streaming') as typeof import('@jsforce/jsforce-node/lib/api/streaming');

let org: RunningEmulatedOrg;
let admin: Connection;
let plainToken: string; // Standard User + View All on Contact only

/** faye's Client as jsforce types it has no methods: keep it loosely typed, and disconnect every client after the file. */
function track(c: unknown): any {
  clients.push(c as FayeLike);
  return c;
}

/** A jsforce connection whose cached streaming clients are disconnected after the file. */
function tracked<T extends { streaming: unknown }>(conn: T): T {
  connections.push(conn);
  return conn;
}

const PERMSET = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Contact View All</label>
    <objectPermissions>
        <allowCreate>false</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>Contact</object>
        <viewAllRecords>true</viewAllRecords>
    </objectPermissions>
</PermissionSet>
`;

beforeAll(async () => {
  org = emu.get();
  admin = tracked(await connectionFor(org));
  const files = selectionFiles(['Account', 'Contact']);
  files['permissionsets/Contact_View_All.permissionset'] = PERMSET;
  files['package.xml'] = packageXml({
    PlatformEventChannelMember: ['ChangeEvents_AccountChangeEvent', 'ChangeEvents_ContactChangeEvent'],
    PermissionSet: ['Contact_View_All'],
  });
  const deployed = await deployFiles(admin, files);
  expect(deployed.success).toBe(true);
  const profile = await admin.singleRecordQuery<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'");
  const user = await admin.sobject('User').create(userFields('plain.subscriber@example.com', { ProfileId: profile.Id }));
  const ps = await admin.singleRecordQuery<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Contact_View_All'");
  await admin.sobject('PermissionSetAssignment').create({ AssigneeId: (user as { id: string }).id, PermissionSetId: ps.Id });
  plainToken = await sessionAs(org, 'plain.subscriber@example.com');
});

describe('Change Data Capture over CometD with jsforce', () => {
  it('Given Account is selected, when an Account is created and updated through REST, then a jsforce subscriber gets both change events with header and replay ids', async () => {
    const got = collector();
    const client = track(admin.streaming.createClient([new StreamingExtension.Replay('/data/AccountChangeEvent', -1)]));
    await subscribed(client.subscribe('/data/AccountChangeEvent', got.listener));

    const created = (await admin.sobject('Account').create({ Name: 'Acme', Industry: 'Energy' })) as { id: string };
    await admin.sobject('Account').update({ Id: created.id, Industry: 'Banking' });
    const [create, update] = await got.waitFor(2);

    expect(create?.['payload'].ChangeEventHeader).toMatchObject({
      entityName: 'Account', recordIds: [created.id], changeType: 'CREATE', sequenceNumber: 1, commitUser: org.orgs[0]?.userId, changedFields: [],
    });
    expect(create?.['payload']).toMatchObject({ Name: 'Acme', Industry: 'Energy' });
    expect(create?.['payload'].ChangeEventHeader.changeOrigin).toMatch(/^com\/salesforce\/api\/rest\/\d+\.0/);
    expect(typeof create?.['schema']).toBe('string');
    expect(update?.['payload'].ChangeEventHeader).toMatchObject({ entityName: 'Account', recordIds: [created.id], changeType: 'UPDATE' });
    expect(update?.['payload'].ChangeEventHeader.changedFields).toEqual(expect.arrayContaining(['Industry', 'LastModifiedDate']));
    expect(update?.['payload'].Industry).toBe('Banking');
    expect(update?.['payload'].Name).toBeUndefined(); // UPDATE carries only what changed
    expect(update?.['event'].replayId).toBeGreaterThan(create?.['event'].replayId);
    expect(update?.['payload'].ChangeEventHeader.commitNumber).toBeGreaterThan(create?.['payload'].ChangeEventHeader.commitNumber);
  });

  it('Given a subscriber without View All on Account, when Account and Contact change, then /data/ChangeEvents silently drops the Account event and delivers the Contact one', async () => {
    const plain = tracked(jsforceConnection(org.instanceUrl, plainToken));
    const seen = collector();
    const control = collector();
    const plainClient = track(plain.streaming.createClient([]));
    const adminClient = track(admin.streaming.createClient([]));
    await subscribed(plainClient.subscribe('/data/ChangeEvents', seen.listener));
    await subscribed(adminClient.subscribe('/data/ChangeEvents', control.listener));

    const account = (await admin.sobject('Account').create({ Name: 'Hidden' })) as { id: string };
    const contact = (await admin.sobject('Contact').create({ LastName: 'Visible' })) as { id: string };

    const all = await control.waitFor(2);
    expect(all.map((m) => m['payload'].ChangeEventHeader.entityName)).toEqual(['Account', 'Contact']);
    // The Contact event was queued after the Account one: once it is here, a delivered Account event would be too.
    const mine = await seen.waitFor(1);
    expect(mine.map((m) => m['payload'].ChangeEventHeader.recordIds[0])).toEqual([contact.id]);
    expect(mine.some((m) => m['payload'].ChangeEventHeader.recordIds[0] === account.id)).toBe(false);
  });

  it('Given a subscriber without View All on Account, when it subscribes to /data/AccountChangeEvent, then the subscribe is refused', async () => {
    const plain = tracked(jsforceConnection(org.instanceUrl, plainToken));
    const client = track(plain.streaming.createClient([]));
    await expect(subscribed(client.subscribe('/data/AccountChangeEvent', () => undefined))).rejects.toThrow(/403::User not allowed to subscribe CDC without View All Data permissions/);
  });

  it('Given retained events, when a jsforce client subscribes with replay -2 or after an id, then it gets the retained events in order', async () => {
    const a = (await admin.sobject('Account').create({ Name: 'Replay me' })) as { id: string };
    await admin.sobject('Account').update({ Id: a.id, Name: 'Replayed' });

    const all = collector();
    const c1 = track(admin.streaming.createClient([new StreamingExtension.Replay('/data/AccountChangeEvent', -2)]));
    await subscribed(c1.subscribe('/data/AccountChangeEvent', all.listener));
    const mine = (await all.waitFor(1), all.messages);
    // every retained Account event, oldest first, ending with the two just made
    await all.waitFor(4);
    const ids = mine.map((m) => m['event'].replayId as number);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    const last = mine.filter((m) => m['payload'].ChangeEventHeader.recordIds[0] === a.id);
    expect(last.map((m) => m['payload'].ChangeEventHeader.changeType)).toEqual(['CREATE', 'UPDATE']);

    const after = collector();
    const createdReplay = last[0]?.['event'].replayId as number;
    const c2 = track(admin.streaming.createClient([new StreamingExtension.Replay('/data/AccountChangeEvent', createdReplay)]));
    await subscribed(c2.subscribe('/data/AccountChangeEvent', after.listener));
    const [next] = await after.waitFor(1);
    expect(next?.['payload'].ChangeEventHeader).toMatchObject({ changeType: 'UPDATE', recordIds: [a.id] });
  });

  it('Given a replay id that was never issued, when a client subscribes with it, then Salesforce\'s invalid replayId error comes back', async () => {
    const client = track(admin.streaming.createClient([new StreamingExtension.Replay('/data/AccountChangeEvent', 987654321)]));
    await expect(subscribed(client.subscribe('/data/AccountChangeEvent', () => undefined))).rejects.toThrow(/400::The replayId \{987654321\} you provided was invalid/);
  });

  it('Given a channel that does not exist, when a client subscribes, then the documented error names it', async () => {
    const client = track(admin.streaming.createClient([]));
    await expect(subscribed(client.subscribe('/topic/NoSuchTopic', () => undefined))).rejects.toThrow('400::The channel you requested to subscribe to does not exist {/topic/NoSuchTopic}');
    await expect(subscribed(client.subscribe('/data/NopeChangeEvent', () => undefined))).rejects.toThrow(/does not exist \{\/data\/NopeChangeEvent\}/);
  });

  it('Given User is not selected, when a User changes, then nothing is published for User on the shared channel', async () => {
    // User is not selected: its DML makes no change event, so the next event seen is the Contact one.
    const got = collector();
    const client = track(admin.streaming.createClient([]));
    await subscribed(client.subscribe('/data/ChangeEvents', got.listener));
    await admin.sobject('User').update({ Id: org.orgs[0]?.userId as string, Title: 'Admin' });
    await admin.sobject('Contact').create({ LastName: 'After user' });
    const [first] = await got.waitFor(1);
    expect(first?.['payload'].ChangeEventHeader.entityName).toBe('Contact');
  });
});

describe('PushTopic over CometD with jsforce', () => {
  it('Given a PushTopic made through REST, when a matching Account is updated, then /topic/<Name> delivers the sobject with the event type', async () => {
    await admin.sobject('PushTopic').create({ Name: 'EnergyAccounts', Query: "SELECT Id, Name, Industry FROM Account WHERE Industry = 'Energy'", ApiVersion: 66.0 });
    const got = collector();
    await subscribed(admin.streaming.topic('EnergyAccounts').subscribe(got.listener) as never);
    const a = (await admin.sobject('Account').create({ Name: 'Volt', Industry: 'Energy' })) as { id: string };
    await admin.sobject('Account').create({ Name: 'Bank', Industry: 'Banking' }); // no match
    await admin.sobject('Account').update({ Id: a.id, Name: 'Volt 2' });
    const [created, updated] = await got.waitFor(2);
    expect(created?.['event']).toMatchObject({ type: 'created' });
    expect(created?.['sobject']).toEqual({ Id: a.id, Name: 'Volt', Industry: 'Energy' });
    expect(updated?.['event']).toMatchObject({ type: 'updated' });
    expect(updated?.['sobject']).toMatchObject({ Name: 'Volt 2' });
    expect(updated?.['event'].replayId).toBeGreaterThan(created?.['event'].replayId);
    expect(Date.parse(created?.['event'].createdDate)).not.toBeNaN();
  });

  it('Given a user without Read on PushTopic, when it subscribes to a topic, then it is refused with "User not enabled for streaming"', async () => {
    const plain = tracked(jsforceConnection(org.instanceUrl, plainToken));
    await expect(subscribed(plain.streaming.topic('EnergyAccounts').subscribe(() => undefined) as never)).rejects.toThrow('403::User not enabled for streaming');
  });

  it('Given a PushTopic query with LIMIT, when it is created, then Salesforce refuses it', async () => {
    await expect(admin.sobject('PushTopic').create({ Name: 'Bad', Query: 'SELECT Id FROM Account LIMIT 5', ApiVersion: 66.0 })).rejects.toThrow("'LIMIT' is not allowed");
  });
});

describe('CometD handshake and sessions with faye', () => {
  it.each([['Bearer'], ['OAuth'], ['']])('Given the %s Authorization form, when faye subscribes, then the handshake succeeds', async (scheme) => {
    const token = org.orgs[0]?.accessToken as string;
    const client = track(new FayeClient(`${org.instanceUrl}/cometd/66.0`, {}));
    client.setHeader('Authorization', scheme ? `${scheme} ${token}` : token);
    await subscribed(client.subscribe('/data/ChangeEvents', () => undefined));
  });

  it('Given a bad token, when a jsforce client handshakes, then the AuthFailure extension gets 403::Handshake denied with reconnect none', async () => {
    const bad = tracked(jsforceConnection(org.instanceUrl, '00Dxx0000000000!bad'));
    const failure = await new Promise<Record<string, any>>((resolve) => {
      const client = track(bad.streaming.createClient([new StreamingExtension.AuthFailure((m: Record<string, any>) => resolve(m))]));
      client.subscribe('/data/ChangeEvents', () => undefined);
    });
    expect(failure).toMatchObject({ channel: '/meta/handshake', successful: false, error: '403::Handshake denied', advice: { reconnect: 'none' } });
    expect(failure['ext'].sfdc.failureReason).toBe('401::Authentication invalid');
  });

  it('Given a revoked session, when the client polls again, then it gets 401::Authentication invalid and stops', async () => {
    const token = await sessionAs(org, 'plain.subscriber@example.com');
    const conn = tracked(jsforceConnection(org.instanceUrl, token));
    const failure = new Promise<Record<string, any>>((resolve) => {
      const client = track(conn.streaming.createClient([new StreamingExtension.AuthFailure((m: Record<string, any>) => resolve(m))]));
      void subscribed(client.subscribe('/data/ChangeEvents', () => undefined)).then(() =>
        fetch(`${org.instanceUrl}/__emulator/sessions/${encodeURIComponent(token)}`, { method: 'DELETE' }));
    });
    expect(await failure).toMatchObject({ channel: '/meta/connect', error: '401::Authentication invalid', advice: { reconnect: 'none' } });
  });
});
