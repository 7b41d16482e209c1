'use strict';
// The emulated org's Streaming API, in one process: DML through REST (fetch, as a client would) and a jsforce
// streaming subscriber (faye) on /data/AccountChangeEvent of the same org.
//   node bench/cases/streaming.js <mode> <count>
// mode 'latency': <count> single updates, one at a time; each timed from sending the PATCH to receiving its event.
// mode 'latency-rest': the same PATCHes without waiting for an event (the REST round trip alone: the baseline).
// mode 'burst': <count> updates, 8 in flight at a time; events per second from the first PATCH to the last event, and
//   whether every event arrived once, in order.
// mode 'burst-rest': the same burst without a subscriber (DML per second alone: the baseline).
const path = require('node:path');
const { DIST, report, median, round } = require('../lib/common');

const MEMBER = '<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventChannelMember xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventChannel>ChangeEvents</eventChannel>\n    <selectedEntity>AccountChangeEvent</selectedEntity>\n</PlatformEventChannelMember>\n';
const PACKAGE = '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>ChangeEvents_AccountChangeEvent</members><name>PlatformEventChannelMember</name></types><version>66.0</version></Package>\n';

async function main() {
  const [mode, countText] = process.argv.slice(2);
  const count = Number(countText ?? '100');
  const { startEmulatedOrg } = require(path.join(DIST, 'emulator'));
  const org = await startEmulatedOrg({ port: 0, cometd: { timeoutMs: 20_000 } });
  const identity = org.orgs[0];
  const model = org.world.orgs[0];
  // Setup straight through the model: select Account for Change Data Capture, make one Account.
  const outcome = model.deploy(new Map([['package.xml', Buffer.from(PACKAGE)], ['platformEventChannelMembers/ChangeEvents_AccountChangeEvent.platformEventChannelMember', Buffer.from(MEMBER)]]), { checkOnly: false, rollbackOnError: true });
  if (outcome.status !== 'Succeeded') throw new Error(`selecting Account failed: ${JSON.stringify(outcome.failures)}`);
  const base = `${org.instanceUrl}/services/data/v66.0/sobjects/Account`;
  const headers = { Authorization: `Bearer ${identity.accessToken}`, 'Content-Type': 'application/json' };
  const created = await (await fetch(base, { method: 'POST', headers, body: JSON.stringify({ Name: 'Bench 0' }) })).json();
  const patch = async (n) => {
    const res = await fetch(`${base}/${created.id}`, { method: 'PATCH', headers, body: JSON.stringify({ Name: `Bench ${n}` }) });
    if (res.status !== 204) throw new Error(`PATCH ${res.status}: ${await res.text()}`);
  };

  const waiters = new Map();
  const received = [];
  let client;
  if (mode === 'latency' || mode === 'burst') {
    const { Connection } = require('@jsforce/jsforce-node');
    require('@jsforce/jsforce-node/lib/api/streaming');
    const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: identity.accessToken, version: '66.0' });
    client = conn.streaming.createClient([]);
    await new Promise((resolve, reject) => {
      const sub = client.subscribe('/data/AccountChangeEvent', (m) => {
        received.push(m);
        const name = m.payload.Name;
        const w = waiters.get(name);
        if (w) {
          waiters.delete(name);
          w();
        }
      });
      sub.callback(resolve);
      sub.errback(reject);
    });
  }
  const arrival = (n) => new Promise((resolve) => waiters.set(`Bench ${n}`, resolve));

  const result = { mode, count };
  if (mode === 'latency' || mode === 'latency-rest') {
    const times = [];
    for (let i = 1; i <= count; i++) {
      const t0 = performance.now();
      const got = mode === 'latency' ? arrival(i) : Promise.resolve();
      await patch(i);
      await got;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    Object.assign(result, { medianMs: round(median(times), 2), p95Ms: round(times[Math.floor(times.length * 0.95)] ?? 0, 2), ms: round(times.reduce((a, b) => a + b, 0), 1) });
  } else {
    const last = mode === 'burst' ? arrival(count) : Promise.resolve();
    const t0 = performance.now();
    let next = 1;
    const worker = async () => {
      while (next <= count) await patch(next++);
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await last;
    const ms = performance.now() - t0;
    Object.assign(result, { ms: round(ms, 1), perSecond: round((count / ms) * 1000, 0) });
    if (mode === 'burst') {
      const ids = received.map((m) => m.event.replayId);
      Object.assign(result, { events: received.length, inOrder: ids.every((id, i) => i === 0 || id > ids[i - 1]) });
    }
  }
  client?.disconnect();
  await org.close();
  report(result);
  // faye keeps a retry timer after disconnect; the measurement is done.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
