/**
 * The emulated org's streaming rules through the model API (no HTTP): who may subscribe to which channel, what each
 * subscriber receives (View All, View All Users, View All Data, field-level security), the CDC allocation, EventSettings
 * and the Tooling/readMetadata views of the selections.
 */
import { StreamingRefusal, type EmulatedOrg, type StreamEvent } from '../../../src/emulator/model';
import { customObject, deploy, newOrg, objPerm, packageXml, permissionSetXml, problems, textField, fieldPerm } from './helpers';
import { userFields } from '../../helpers/emulator';

const member = (event: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<PlatformEventChannelMember xmlns="http://soap.sforce.com/2006/04/metadata">\n    <eventChannel>ChangeEvents</eventChannel>\n    <selectedEntity>${event}</selectedEntity>\n</PlatformEventChannelMember>\n`;

function select(org: EmulatedOrg, objects: string[]): ReturnType<typeof deploy> {
  const names = objects.map((o) => `ChangeEvents_${o.endsWith('__c') ? o.slice(0, -1) : o}ChangeEvent`);
  const files: Record<string, string> = { 'package.xml': packageXml({ PlatformEventChannelMember: names }) };
  for (const n of names) files[`platformEventChannelMembers/${n}.platformEventChannelMember`] = member(n.slice('ChangeEvents_'.length));
  return deploy(org, files);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StreamingRefusal) return e.bayeuxError;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A Standard User with the given permission set deployed and assigned; returns its id. */
function standardUser(org: EmulatedOrg, username: string, permissionSet?: { name: string; body: string }): string {
  const profileId = String(org.query("SELECT Id FROM Profile WHERE Name = 'Standard User'").records[0]?.['Id']);
  const userId = org.create('User', userFields(username, { ProfileId: profileId }));
  if (permissionSet) {
    const out = deploy(org, { 'package.xml': packageXml({ PermissionSet: [permissionSet.name] }), [`permissionsets/${permissionSet.name}.permissionset`]: permissionSetXml(`    <label>${permissionSet.name}</label>\n${permissionSet.body}`) });
    expect(problems(out)).toEqual([]);
    const psId = String(org.query(`SELECT Id FROM PermissionSet WHERE Name = '${permissionSet.name}'`).records[0]?.['Id']);
    org.create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: psId });
  }
  return userId;
}

function capture(org: EmulatedOrg): StreamEvent[] {
  const events: StreamEvent[] = [];
  org.onStreamEvents?.((e) => events.push(...e));
  return events;
}

describe('Change Data Capture in the model', () => {
  it('Given six entities and the default allocation, When deployed, Then the members over the limit fail with the count and nothing is selected', () => {
    const org = newOrg();
    const out = select(org, ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign']);
    expect(out.status).toBe('Failed');
    expect(problems(out)[0]).toMatch(/^You can select up to 5 entities for Change Data Capture across all channels; this deploy would select 6/);
    expect(org.toolingQuery?.('SELECT Id FROM PlatformEventChannelMember').totalSize).toBe(0);
  });

  it('Given an unknown entity, a custom channel or API 46, When deployed, Then each is refused', () => {
    const org = newOrg();
    expect(problems(select(org, ['Nope']))[0]).toMatch(/Invalid selectedEntity: NopeChangeEvent/);
    const custom = deploy(org, { 'package.xml': packageXml({ PlatformEventChannelMember: ['X'] }), 'platformEventChannelMembers/X.platformEventChannelMember': member('AccountChangeEvent').replace('ChangeEvents<', 'Mine__chn<') });
    expect(problems(custom)[0]).toMatch(/No such channel: Mine__chn/);
    const old = deploy(org, { 'package.xml': packageXml({ PlatformEventChannelMember: ['ChangeEvents_AccountChangeEvent'] }, '46.0'), 'platformEventChannelMembers/ChangeEvents_AccountChangeEvent.platformEventChannelMember': member('AccountChangeEvent') });
    expect(problems(old)).toEqual(['Not available for deploy for this API version']);
  });

  it('Given a selection, When read back, Then Tooling and readMetadata show it and a second deploy is unchanged', () => {
    const org = newOrg();
    expect(select(org, ['Account']).status).toBe('Succeeded');
    expect(org.toolingQuery?.("SELECT DeveloperName, SelectedEntity FROM PlatformEventChannelMember WHERE EventChannel = 'ChangeEvents'").records).toEqual([
      expect.objectContaining({ DeveloperName: 'ChangeEvents_AccountChangeEvent', SelectedEntity: 'AccountChangeEvent' }),
    ]);
    expect(org.readMetadata?.('PlatformEventChannelMember', ['ChangeEvents_AccountChangeEvent', 'Missing'])).toEqual([
      { fullName: 'ChangeEvents_AccountChangeEvent', eventChannel: 'ChangeEvents', selectedEntity: 'AccountChangeEvent' }, {},
    ]);
    const again = select(org, ['Account']);
    expect(again.successes.find((s) => s.fullName === 'ChangeEvents_AccountChangeEvent')).toMatchObject({ created: false, changed: false });
  });

  it('Given EventSettings deployed off, When a user handshakes, Then it is denied and readMetadata says false', () => {
    const org = newOrg();
    const off = deploy(org, { 'package.xml': packageXml({ Settings: ['Event'] }), 'settings/Event.settings': '<?xml version="1.0" encoding="UTF-8"?>\n<EventSettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <enableStreamingApi>false</enableStreamingApi>\n</EventSettings>\n' });
    expect(off.status).toBe('Succeeded');
    expect(org.readMetadata?.('EventSettings', ['Event'])).toEqual([{ fullName: 'Event', enableDynamicStreamingChannel: false, enableStreamingApi: false }]);
    expect(refusal(() => org.streamingHandshake?.(org.identity.userId))).toBe('403::Handshake denied');
  });

  it('Given User selected, When a user without View All Users / View All Data subscribes, Then the single-entity channels are refused and the shared one drops their events', () => {
    const org = newOrg();
    expect(select(org, ['User', 'Account']).status).toBe('Succeeded');
    const plain = standardUser(org, 'plain@stream.example.com');
    expect(refusal(() => org.streamingSubscribe?.(plain, '/data/UserChangeEvent'))).toBe('403::User not allowed to subscribe CDC without View All Data permissions');
    expect(refusal(() => org.streamingSubscribe?.(plain, '/data/TaskChangeEvent'))).toBe('403::User not allowed to subscribe CDC without View All Data permissions');
    org.streamingSubscribe?.(plain, '/data/ChangeEvents');
    const events = capture(org);
    org.update('User', plain, { Title: 'Changed' });
    expect(events).toHaveLength(1);
    expect(org.streamingDeliver?.(plain, '/data/ChangeEvents', events[0] as StreamEvent)).toBeUndefined();
    expect(org.streamingDeliver?.(org.identity.userId, '/data/ChangeEvents', events[0] as StreamEvent)).toMatchObject({ payload: { Title: 'Changed' } });
  });

  it('Given a custom field the subscriber may not read, When its record changes, Then the event reaches it without that field (FLS)', () => {
    const org = newOrg();
    const obj = deploy(org, { 'package.xml': packageXml({ CustomObject: ['Invoice__c'] }), 'objects/Invoice__c.object': customObject('Invoice', textField('Secret__c') + textField('Open__c')) });
    expect(problems(obj)).toEqual([]);
    expect(select(org, ['Invoice__c']).status).toBe('Succeeded');
    const reader = standardUser(org, 'reader@stream.example.com', { name: 'Invoice_Reader', body: fieldPerm('Invoice__c.Open__c', false, true) + objPerm('Invoice__c', 'RV') });
    org.streamingSubscribe?.(reader, '/data/Invoice__ChangeEvent');
    const events = capture(org);
    const id = org.create('Invoice__c', { Name: 'INV-1', Secret__c: 'hush', Open__c: 'yes' });
    org.update('Invoice__c', id, { Secret__c: 'still hush' });
    const [created, updated] = events.map((e) => org.streamingDeliver?.(reader, '/data/Invoice__ChangeEvent', e) as { payload: Record<string, any> });
    expect(created?.payload).toMatchObject({ Name: 'INV-1', Open__c: 'yes' });
    expect(created?.payload).not.toHaveProperty('Secret__c');
    expect(updated?.payload['ChangeEventHeader'].changedFields).toEqual(['LastModifiedDate']);
    expect(updated?.payload).not.toHaveProperty('Secret__c');
  });

  it('Given a deleted record, When its change event is built, Then it carries the header only', () => {
    const org = newOrg();
    expect(select(org, ['Account']).status).toBe('Succeeded');
    const events = capture(org);
    const id = org.create('Account', { Name: 'Gone soon' });
    org.delete('Account', id);
    const payload = (events[1]?.data['payload'] ?? {}) as Record<string, any>;
    expect(Object.keys(payload)).toEqual(['ChangeEventHeader']);
    expect(payload['ChangeEventHeader']).toMatchObject({ changeType: 'DELETE', recordIds: [id], entityName: 'Account' });
  });
});
