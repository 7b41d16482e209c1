/**
 * A burst of 1,000 REST updates on a selected object reaches a jsforce streaming subscriber as 1,000 change events,
 * in commit order, none lost or repeated (the emulated org's CometD queueing and long-poll handover under load).
 */
import { connectionFor, useEmulatedOrg } from '../../helpers/emulator';
import { collector, deployFiles, disconnected, selectionFiles, subscribed } from '../../helpers/streaming';

jest.setTimeout(120_000);

const emu = useEmulatedOrg({ cometd: { timeoutMs: 2000 } });

it('Given Account selected and a subscriber, When 1,000 updates are made through REST (8 at a time), Then 1,000 events arrive in order, none lost', async () => {
  const admin = await connectionFor(emu.get());
  expect((await deployFiles(admin, selectionFiles(['Account']))).success).toBe(true);
  const account = (await admin.sobject('Account').create({ Name: 'Burst 0' })) as { id: string };
  const got = collector();
  const client: any = admin.streaming.createClient([]);
  try {
    await subscribed(client.subscribe('/data/AccountChangeEvent', got.listener));
    const total = 1000;
    let next = 1;
    const sent: number[] = [];
    const worker = async (): Promise<void> => {
      while (next <= total) {
        const n = next++;
        await admin.sobject('Account').update({ Id: account.id, Description: `update ${n}` });
        sent.push(n);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const events = await got.waitFor(total);
    expect(events).toHaveLength(total);
    const replayIds = events.map((m) => m['event'].replayId as number);
    expect(replayIds.every((id, i) => i === 0 || id > (replayIds[i - 1] as number))).toBe(true);
    const commits = events.map((m) => m['payload'].ChangeEventHeader.commitNumber as number);
    expect(commits.every((c, i) => i === 0 || c > (commits[i - 1] as number))).toBe(true);
    // Every update arrived exactly once (the order of commits is the order the org applied the PATCHes).
    const descriptions = events.map((m) => m['payload'].Description as string);
    expect(new Set(descriptions).size).toBe(total);
    expect([...descriptions].sort()).toEqual(sent.map((n) => `update ${n}`).sort());
  } finally {
    await disconnected(client);
  }
});
