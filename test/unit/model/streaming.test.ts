import { planGeneration } from '../../../src/generate';
import { InputError } from '../../../src/errors';
import { validateConfig } from '../../../src/config';
import { buildProfileModel } from '../../../src/model/buildProfile';
import { changeEventChannel, changeEventName, channelMemberName, streamingAccess, streamingProblems } from '../../../src/model/streaming';
import { MINIMAL_CONFIG, config, project } from '../../helpers/project';

const TEMPLATE = { profile: { file: 'p.xml', text: '<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata"/>\n' }, userDefinition: { file: 'u.json', text: '{}' } };

function problemsOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('streaming names', () => {
  it.each([
    ['Account', 'AccountChangeEvent', '/data/AccountChangeEvent', 'ChangeEvents_AccountChangeEvent'],
    ['Invoice__c', 'Invoice__ChangeEvent', '/data/Invoice__ChangeEvent', 'ChangeEvents_Invoice__ChangeEvent'],
    ['ns__Thing__c', 'ns__Thing__ChangeEvent', '/data/ns__Thing__ChangeEvent', 'ChangeEvents_ns__Thing__ChangeEvent'],
  ])('Given %s, Then the event is %s on %s and the member %s', (object, event, channel, member) => {
    expect(changeEventName(object)).toBe(event);
    expect(changeEventChannel(object)).toBe(channel);
    expect(channelMemberName(object)).toBe(member);
  });
});

describe('streaming config', () => {
  it('Given no streaming section, When validated, Then nothing is selected and PushTopics are off', () => {
    expect(validateConfig(MINIMAL_CONFIG, 'apionly.config.json').streaming).toEqual({ changeDataCapture: [], pushTopics: false, entityLimit: 5 });
  });

  it.each([
    [{ changeDataCapture: 'Account' }, '/streaming/changeDataCapture'],
    [{ changeDataCapture: ['Account', 'Account'] }, '/streaming/changeDataCapture'],
    [{ changeDataCapture: ['Not an object'] }, '/streaming/changeDataCapture/0'],
    [{ pushTopics: 'yes' }, '/streaming/pushTopics'],
    [{ topics: [] }, '/streaming/topics'],
  ])('Given streaming %j, When validated, Then an InputError points at %s', (streaming, location) => {
    const err = problemsOf(() => validateConfig({ ...MINIMAL_CONFIG, streaming }, 'apionly.config.json'));
    expect(err.problems.map((p) => p.location)).toContain(location);
  });
});

describe('streamingAccess', () => {
  it('Given objects, User, Task and PushTopics, Then View All per object, ViewAllUsers, ViewAllData and Read on PushTopic and StreamingChannel', () => {
    const access = streamingAccess(config({ streaming: { changeDataCapture: ['Invoice__c', 'User', 'Task', 'Contact'], pushTopics: true } }));
    expect(access).toEqual({ viewAll: ['Contact', 'Invoice__c'], userPermissions: ['ViewAllData', 'ViewAllUsers'], read: ['PushTopic', 'StreamingChannel'] });
  });

  it('Given Asset, Then Account gets View All too (View All Asset depends on it)', () => {
    expect(streamingAccess(config({ streaming: { changeDataCapture: ['Asset'] } })).viewAll).toEqual(['Account', 'Asset']);
  });

  it('Given read access and Account selected, When the profile is built, Then Account gets View All and a warning says why', () => {
    const model = buildProfileModel(config({ profile: { objectAccess: 'read' }, streaming: { changeDataCapture: ['Account', 'User'], pushTopics: true } }), project());
    expect(model.objectPermissions.find((o) => o.object === 'Account')).toMatchObject({ allowRead: true, viewAllRecords: true, allowEdit: false });
    expect(model.objectPermissions.find((o) => o.object === 'PushTopic')).toMatchObject({ allowRead: true });
    expect(model.userPermissions).toContainEqual({ name: 'ViewAllUsers', enabled: true });
    expect(model.warnings.join('\n')).toMatch(/Account: View All is given because streaming\.changeDataCapture selects it/);
  });
});

describe('streamingProblems', () => {
  it('Given six objects, When checked against the default limit, Then one problem gives the count, the limit and what to do', () => {
    const six = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Invoice__c'];
    const [p, ...rest] = streamingProblems(config({ streaming: { changeDataCapture: six } }), 'apionly.config.json');
    expect(rest).toEqual([]);
    expect(p?.location).toBe('/streaming/changeDataCapture');
    expect(p?.message).toMatch(/^6 objects are selected for Change Data Capture, and the org allows 5 entities across all channels/);
    expect(p?.fix).toMatch(/keep at most 5/);
  });

  it('Given six objects and streaming.entityLimit 10 (an org with the add-on), Then they fit', () => {
    expect(streamingProblems(config({ streaming: { changeDataCapture: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Asset'], entityLimit: 10 } }), 'c.json')).toEqual([]);
  });

  it('Given seven objects and streaming.entityLimit 6, Then the problem names that setting as the limit', () => {
    const seven = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Asset', 'Invoice__c'];
    const [p] = streamingProblems(config({ streaming: { changeDataCapture: seven, entityLimit: 6 } }), 'c.json');
    expect(p?.message).toBe('7 objects are selected for Change Data Capture, and the org allows 6 entities across all channels (streaming.entityLimit)');
  });

  it.each([
    [{ streaming: { changeDataCapture: ['Order_Event__e'] } }, /platform event is itself an event/],
    [{ streaming: { changeDataCapture: ['Routing__mdt'] } }, /custom metadata types publish no change events/],
    [{ streaming: { changeDataCapture: ['User'] }, profile: { userPermissions: { ViewAllUsers: false } } }, /need ViewAllUsers, which this sets to false/],
    [{ streaming: { changeDataCapture: ['Account'] }, profile: { objects: { exclude: ['Account'] } } }, /profile\.objects\.exclude leaves it out/],
    [{ route: 'integration', streaming: { changeDataCapture: ['Task'] } }, /Salesforce Integration licence cannot carry ViewAllData/],
  ])('Given %j, Then a problem says why', (raw, message) => {
    expect(streamingProblems(config(raw), 'apionly.config.json').map((p) => p.message).join('\n')).toMatch(message);
  });

  it('Given too many objects, When generation is planned, Then it throws an InputError (exit 2) and writes nothing', () => {
    const err = problemsOf(() => planGeneration({ config: config({ streaming: { changeDataCapture: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Asset'] } }), project: project(), templates: TEMPLATE }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/6 objects are selected/);
  });

  it('Given streaming.entityLimit 10, When generation is planned, Then six channel members are written', () => {
    const plan = planGeneration({
      config: config({ streaming: { changeDataCapture: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Asset'], entityLimit: 10 } }), project: project(), templates: TEMPLATE,
    });
    expect(plan.channelMemberPaths).toHaveLength(6);
    expect(plan.channelMemberPaths[0]).toBe('force-app/main/default/platformEventChannelMembers/ChangeEvents_AccountChangeEvent.platformEventChannelMember-meta.xml');
  });
});
