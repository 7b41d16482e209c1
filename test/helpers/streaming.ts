/**
 * Streaming test helpers around real clients: jsforce's streaming API (faye underneath) against the emulated org, and
 * small deploy/session helpers. No Bayeux message is written by hand here.
 */
import JSZip from 'jszip';
import type { Connection } from '@salesforce/core';
import type { RunningEmulatedOrg } from '../../src/emulator';

type JsforceConnection = import('@jsforce/jsforce-node').Connection;

export interface Received {
  readonly messages: Array<Record<string, any>>;
  /** Resolves once `n` messages have arrived. */
  waitFor(n: number): Promise<Array<Record<string, any>>>;
}

/** Collects what a listener receives. */
export function collector(): Received & { listener: (m: Record<string, any>) => void } {
  const messages: Array<Record<string, any>> = [];
  const waiters: Array<{ n: number; resolve: (m: Array<Record<string, any>>) => void }> = [];
  const listener = (m: Record<string, any>): void => {
    messages.push(m);
    for (const w of [...waiters]) {
      if (messages.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(messages);
      }
    }
  };
  return {
    messages,
    listener,
    waitFor: (n) => (messages.length >= n ? Promise.resolve(messages) : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

/** Resolves when a faye subscription is confirmed; rejects with the Bayeux error when refused. */
export function subscribed(sub: { callback(fn: () => void): unknown; errback(fn: (e: unknown) => void): unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    sub.callback(() => resolve());
    // faye parses 'code:args:text' into {code, params, message}: rebuild Salesforce's string.
    sub.errback((e) => {
      const f = e as { code?: number; params?: string[]; message?: string };
      reject(new Error(f.code !== undefined ? `${f.code}:${(f.params ?? []).join(',')}:${f.message ?? ''}` : String(f.message ?? JSON.stringify(e))));
    });
  });
}

/** A plain jsforce connection for a token (an integration user's session). */
/** Disconnect a faye client while the org still runs, and wait for its reply (a disconnect sent to a closed org makes faye retry forever). */
export { disconnected } from '../../src/check/streaming';

export function jsforceConnection(instanceUrl: string, accessToken: string, version = '66.0'): JsforceConnection {
  const { Connection: C } = require('@jsforce/jsforce-node') as typeof import('@jsforce/jsforce-node');
  return new C({ instanceUrl, accessToken, version });
}

/** Opens a session as another active user through the emulator's admin endpoint. */
export async function sessionAs(org: RunningEmulatedOrg, username: string): Promise<string> {
  const res = await fetch(`${org.instanceUrl}/__emulator/sessions`, { method: 'POST', body: JSON.stringify({ username }) });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 201 || !body.accessToken) throw new Error(`session for ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Deploys mdapi files (package-root paths, package.xml included) through jsforce's Metadata API and waits for the result. */
export async function deployFiles(conn: Connection | JsforceConnection, files: Record<string, string>): Promise<{ success: boolean; details: any }> {
  const zip = new JSZip();
  for (const [k, v] of Object.entries(files)) zip.file(k, v);
  const buffer = await zip.generateAsync({ type: 'nodebuffer' });
  const c = conn as JsforceConnection;
  c.metadata.pollInterval = 50;
  const result = await c.metadata.deploy(buffer, { rollbackOnError: true, singlePackage: true }).complete(true);
  return { success: result.success === true || (result.success as unknown) === 'true', details: result.details };
}

export function packageXml(types: Record<string, string[]>, version = '66.0'): string {
  const body = Object.entries(types).map(([name, members]) => `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${name}</name></types>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata">${body}<version>${version}</version></Package>`;
}

export function channelMemberXml(selectedEntity: string, eventChannel = 'ChangeEvents'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventChannelMember xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventChannel>${eventChannel}</eventChannel>\n    <selectedEntity>${selectedEntity}</selectedEntity>\n</PlatformEventChannelMember>\n`;
}

/** Files that select entities for Change Data Capture ('Account' -> ChangeEvents_AccountChangeEvent). */
export function selectionFiles(entities: readonly string[], version = '66.0'): Record<string, string> {
  const files: Record<string, string> = {};
  const members: string[] = [];
  for (const e of entities) {
    const event = e.endsWith('__c') ? `${e.slice(0, -1)}ChangeEvent` : `${e}ChangeEvent`;
    members.push(`ChangeEvents_${event}`);
    files[`platformEventChannelMembers/ChangeEvents_${event}.platformEventChannelMember`] = channelMemberXml(event);
  }
  files['package.xml'] = packageXml({ PlatformEventChannelMember: members }, version);
  return files;
}
