/**
 * Salesforce's rules for the Streaming API the vendor uses (reference/streaming.md §3, §4). Pure.
 * - Change Data Capture sends an object's change events only to users with View All on it (change events ignore
 *   sharing), View All Users for User, View All Data for objects without View All (Task, Event and the ones the
 *   catalogue lists, e.g. Product2).
 * - PushTopic subscribers need Read on PushTopic (and StreamingChannel for the generic channels the same clients use).
 * - An org selects at most 5 entities across all channels unless it has the add-on.
 */
import type { ApionlyConfig } from '../config/types';
import type { InputProblem } from '../errors';
import { NO_VIEW_ALL_OBJECTS, objectKindOf } from './catalogue';
import { INTEGRATION_LICENSE_DENIED_PERMISSIONS } from './integrationRoute';
import { byteOrder } from './userPermissions';

/** The CDC allocation of every edition without the add-on (streaming.md §4). */
export const DEFAULT_CDC_ENTITY_LIMIT = 5;
/** The standard channel all selected entities are on. */
export const CHANGE_EVENTS_CHANNEL = 'ChangeEvents';
/** PlatformEventChannelMember and EventSettings exist from API 47.0. */
export const CDC_MIN_API_VERSION = 47;

/** Objects whose records only View All Data lets a user see in full (no View All of their own). */
const VIEW_ALL_DATA_OBJECTS: ReadonlySet<string> = new Set(['Task', 'Event']);

/** 'Account' -> 'AccountChangeEvent'; 'Invoice__c' -> 'Invoice__ChangeEvent' (custom objects drop the 'c'). */
export function changeEventName(object: string): string {
  return object.endsWith('__c') ? `${object.slice(0, -1)}ChangeEvent` : `${object}ChangeEvent`;
}

/** The channel of one object's change events: '/data/AccountChangeEvent'. */
export function changeEventChannel(object: string): string {
  return `/data/${changeEventName(object)}`;
}

/** The PlatformEventChannelMember's fullName (file name), as Setup names it: 'ChangeEvents_AccountChangeEvent'. */
export function channelMemberName(object: string): string {
  return `${CHANGE_EVENTS_CHANNEL}_${changeEventName(object)}`;
}

/** What the integration user needs for the config's streaming: View All per object, user permissions, Read on objects. */
export interface StreamingAccess {
  /** Objects that get View All (and Read). */
  readonly viewAll: readonly string[];
  /** User permissions switched on: ViewAllUsers (User selected), ViewAllData (Task, Event, objects without View All). */
  readonly userPermissions: readonly string[];
  /** Objects that get Read: PushTopic and StreamingChannel when the vendor uses PushTopics. */
  readonly read: readonly string[];
}

/** The access the config's streaming selections need. */
export function streamingAccess(config: ApionlyConfig): StreamingAccess {
  const viewAll = new Set<string>();
  const perms = new Set<string>();
  for (const object of config.streaming.changeDataCapture) {
    if (object === 'User') perms.add('ViewAllUsers');
    else if (VIEW_ALL_DATA_OBJECTS.has(object) || NO_VIEW_ALL_OBJECTS.has(object)) perms.add('ViewAllData');
    else viewAll.add(object);
  }
  // View All on Asset and Contract depends on View All on Account (standard-objects §3a).
  if (viewAll.has('Asset') || viewAll.has('Contract')) viewAll.add('Account');
  const read = config.streaming.pushTopics ? ['PushTopic', 'StreamingChannel'] : [];
  return { viewAll: [...viewAll].sort(byteOrder), userPermissions: [...perms].sort(byteOrder), read };
}

/** Why an object cannot be selected for Change Data Capture, or undefined. */
function whyNoChangeEvents(object: string): string | undefined {
  switch (objectKindOf(object)) {
    case 'customMetadata':
      return 'custom metadata types publish no change events';
    case 'platformEvent':
      return 'a platform event is itself an event; subscribe to /event/' + object;
    case 'bigObject':
      return 'big objects publish no change events';
    case 'externalObject':
      return 'external objects publish no change events';
    default:
      return ['PushTopic', 'StreamingChannel'].includes(object) ? `${object} publishes no change events` : undefined;
  }
}

/**
 * Problems with the config's streaming section: objects that publish no change events, permissions the selections
 * need but the config switches off or the route cannot carry, objects excluded from the permissions, and more
 * selections than the org allows.
 */
export function streamingProblems(config: ApionlyConfig, file: string): InputProblem[] {
  const entityLimit = config.streaming.entityLimit;
  const limitSource = entityLimit === DEFAULT_CDC_ENTITY_LIMIT ? 'the allocation of every edition without the Change Data Capture add-on' : 'streaming.entityLimit';
  const problems: InputProblem[] = [];
  const selected = config.streaming.changeDataCapture;
  selected.forEach((object, i) => {
    const why = whyNoChangeEvents(object);
    if (why) problems.push({ file, location: `/streaming/changeDataCapture/${i}`, message: why, value: object, fix: `remove ${object} from streaming.changeDataCapture` });
    if (config.profile.objects.exclude.includes(object)) {
      problems.push({ file, location: `/streaming/changeDataCapture/${i}`, message: `${object} is selected for Change Data Capture but profile.objects.exclude leaves it out; its change events need View All on it`, value: object, fix: `remove ${object} from profile.objects.exclude, or from streaming.changeDataCapture` });
    }
  });
  const access = streamingAccess(config);
  for (const perm of access.userPermissions) {
    const why = perm === 'ViewAllUsers' ? 'User' : selected.filter((o) => o !== 'User' && !access.viewAll.includes(o)).join(', ');
    if (config.profile.userPermissions[perm] === false) {
      problems.push({ file, location: `/profile/userPermissions/${perm}`, message: `streaming.changeDataCapture selects ${why}, whose change events need ${perm}, which this sets to false`, value: false, fix: `remove the ${perm}: false line, or remove ${why} from streaming.changeDataCapture` });
    }
    if (config.route === 'integration' && INTEGRATION_LICENSE_DENIED_PERMISSIONS[perm]) {
      problems.push({ file, location: '/streaming/changeDataCapture', message: `${why} need ${perm} to receive change events, and the Salesforce Integration licence cannot carry ${perm} (${INTEGRATION_LICENSE_DENIED_PERMISSIONS[perm]})`, value: [...selected], fix: `remove ${why} from streaming.changeDataCapture, or use route "profile"` });
    }
  }
  const distinct = [...new Set(selected)];
  if (distinct.length > entityLimit) {
    problems.push({
      file,
      location: '/streaming/changeDataCapture',
      message: `${distinct.length} objects are selected for Change Data Capture, and the org allows ${entityLimit} entities across all channels (${limitSource})`,
      value: distinct,
      fix: `keep at most ${entityLimit} (the vendor's most important objects; the others can be read through the REST or Bulk API), or, when the org has the Change Data Capture add-on, set streaming.entityLimit to the allocation it came with`,
    });
  }
  return problems;
}
