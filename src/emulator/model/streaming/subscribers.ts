/**
 * The Streaming API as the org decides it (streaming.md §3): who may handshake, subscribe to which channel, and what of
 * each event a subscriber receives. Single-entity change event channels and /topic channels are checked at subscribe;
 * /data/ChangeEvents filters at delivery, silently.
 */
import { StreamingRefusal, type StreamEvent } from '../api';
import { fieldDef, sobjectDef } from '../sobjects/schema';
import type { OrgState } from '../state';
import { effectivePermissions, mayRead, mayReadField, mayReceiveChangeEvents, type EffectivePermissions } from './access';
import { CHANGE_EVENTS_CHANNEL, entityOfChangeEvent, supportsChangeEvents } from './names';
import { parseSoql } from '../soql/parse';
import { topicNamed, topicObject } from './pushTopics';

const noChannel = (channel: string): StreamingRefusal => new StreamingRefusal(`400::The channel you requested to subscribe to does not exist {${channel}}`);

function userPerms(state: OrgState, userId: string): EffectivePermissions | undefined {
  const p = effectivePermissions(state, userId);
  return p && p.active ? p : undefined;
}

export function checkHandshake(state: OrgState, userId: string): void {
  const p = userPerms(state, userId);
  if (!p) throw new StreamingRefusal('403::Handshake denied', '401::Authentication invalid');
  if (state.features['StreamingApi'] !== true) {
    throw new StreamingRefusal('403::Handshake denied', '403::Streaming API is not enabled for this organization (EventSettings.enableStreamingApi is false) (emulator-invented message)');
  }
  if (!p.user['ApiEnabled']) throw new StreamingRefusal('403::Handshake denied', '403::API is not enabled for this user (ApiEnabled) (emulator-invented message)');
}

/** Splits '/topic/Name?Field=value' into the channel and its filter. */
function splitFilter(channel: string): { base: string; filter: Array<[string, string]> } {
  const q = channel.indexOf('?');
  if (q < 0) return { base: channel, filter: [] };
  return { base: channel.slice(0, q), filter: [...new URLSearchParams(channel.slice(q + 1)).entries()] };
}

export function checkSubscribe(state: OrgState, userId: string, channel: string): void {
  const p = userPerms(state, userId);
  if (!p) throw new StreamingRefusal('401::Authentication invalid');
  const { base, filter } = splitFilter(channel);
  if (base.startsWith('/topic/')) {
    const topic = topicNamed(state, base.slice('/topic/'.length));
    if (!topic) throw noChannel(channel);
    if (!mayRead(p, 'PushTopic')) throw new StreamingRefusal('403::User not enabled for streaming');
    const object = topicObject(topic);
    if (!mayRead(p, object)) throw new StreamingRefusal('403::Subscriber does not have access to the entity in this topic');
    const q = parseSoql(String(topic.fields['Query']));
    const whereText = /\bwhere\b([\s\S]*)$/i.exec(q.text)?.[1] ?? '';
    const def = sobjectDef(state, object);
    for (const f of def?.fields ?? []) {
      if (new RegExp(`\\b${f.name}\\b`, 'i').test(whereText) && !mayReadField(state, p, object, f.name)) {
        throw new StreamingRefusal('403::Subscriber does not have access to all fields referenced in the where clause of the PushTopic');
      }
    }
    const unknown = filter.map(([k]) => k).filter((k) => !def || !fieldDef(def, k));
    if (unknown.length > 0) throw new StreamingRefusal(`400::Query fields ${unknown.join(', ')} do not exist on the topic entity`);
    return;
  }
  if (base === CHANGE_EVENTS_CHANNEL && filter.length === 0) return;
  if (base.startsWith('/data/') && filter.length === 0) {
    const entity = entityOfChangeEvent(base.slice('/data/'.length));
    if (!entity || !supportsChangeEvents(state, entity)) throw noChannel(channel);
    // streaming.md §3: refused at subscribe; the exact string is unverified (one of the two D1 candidates).
    if (!mayReceiveChangeEvents(state, p, entity)) throw new StreamingRefusal('403::User not allowed to subscribe CDC without View All Data permissions');
    return;
  }
  throw noChannel(channel);
}

/** The event's data as this subscriber receives it on `subscription`, or undefined when it does not. */
export function deliverTo(state: OrgState, userId: string, subscription: string, event: StreamEvent): Record<string, unknown> | undefined {
  const { base, filter } = splitFilter(subscription);
  const onChannel = base === event.channel || (event.kind === 'cdc' && base === CHANGE_EVENTS_CHANNEL);
  if (!onChannel) return undefined;
  const p = userPerms(state, userId);
  if (!p) return undefined;
  if (base === CHANGE_EVENTS_CHANNEL && !mayReceiveChangeEvents(state, p, event.entityName)) return undefined;
  const visible = (field: string): boolean => mayReadField(state, p, event.entityName, field);
  if (event.kind === 'cdc') {
    const payload = event.data['payload'] as Record<string, unknown>;
    const header = payload['ChangeEventHeader'] as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(payload)) if (k === 'ChangeEventHeader' || visible(k)) out[k] = v;
    out['ChangeEventHeader'] = { ...header, changedFields: (header['changedFields'] as string[]).filter(visible) };
    return { ...event.data, payload: out };
  }
  const sobject = event.data['sobject'] as Record<string, unknown>;
  for (const [k, v] of filter) {
    const actual = Object.entries(sobject).find(([f]) => f.toLowerCase() === k.toLowerCase())?.[1];
    if (String(actual ?? '') !== v) return undefined;
  }
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sobject)) if (visible(k)) shown[k] = v;
  return { ...event.data, sobject: shown };
}
