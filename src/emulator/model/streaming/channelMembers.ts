/**
 * Metadata for the Streaming API (streaming.md §4): PlatformEventChannelMember (Change Data Capture selections, with the
 * org's entity limit) and EventSettings (the Streaming API switch). Deploy rules, tooling rows, readMetadata.
 */
import type { SObjectRecord } from '../api';
import { INVENTED, type ComponentResult, type DeployContext, type Problem } from '../rules/types';
import type { ChannelMemberState, OrgState } from '../state';
import { asList, childText, locate, type ParsedXml } from '../xml/parseMetadataXml';
import { cdcEntityLimit, entityOfChangeEvent, selectedEntities, supportsChangeEvents } from './names';

/** Key prefix of PlatformEventChannelMember ids (Tooling API). */
export const CHANNEL_MEMBER_PREFIX = '0v8';

/** API 47.0 introduced PlatformEventChannelMember and EventSettings' deployable form (streaming.md §4). */
const MIN_API = 47;

function problemAt(x: ParsedXml, element: string, problem: string): Problem {
  return { problem, ...(locate(x.text, element) ?? {}) };
}

/** Deploys one PlatformEventChannelMember into ctx.state (the working copy). */
export function deployChannelMember(ctx: DeployContext, fullName: string, x: ParsedXml): ComponentResult {
  const fail = (...problems: Problem[]): ComponentResult => ({ problems, created: false, changed: false });
  if (ctx.apiVersion < MIN_API) return fail({ problem: 'Not available for deploy for this API version' });
  if (x.rootName !== 'PlatformEventChannelMember') return fail({ problem: `Error parsing file: expected root element PlatformEventChannelMember, found ${x.rootName}` + INVENTED });
  const eventChannel = childText(x.root, 'eventChannel');
  const selectedEntity = childText(x.root, 'selectedEntity');
  if (!eventChannel) return fail({ problem: 'Required field is missing: eventChannel' });
  if (!selectedEntity) return fail({ problem: 'Required field is missing: selectedEntity' });
  if (eventChannel !== 'ChangeEvents') {
    return fail(problemAt(x, 'eventChannel', `No such channel: ${eventChannel}. The emulated org has only the standard ChangeEvents channel.` + INVENTED));
  }
  const entity = entityOfChangeEvent(selectedEntity);
  if (!entity || !supportsChangeEvents(ctx.state, entity)) {
    return fail(problemAt(x, 'selectedEntity', `Invalid selectedEntity: ${selectedEntity}. Select a change event of an entity that supports Change Data Capture, such as AccountChangeEvent.` + INVENTED));
  }
  const enrichedFields = asList(x.root['enrichedFields']).map((e) => childText(e, 'name') ?? '').filter(Boolean);
  if (enrichedFields.length > 0 && ctx.apiVersion < 51) return fail(problemAt(x, 'enrichedFields', 'Not available for deploy for this API version: enrichedFields'));
  const filterExpression = childText(x.root, 'filterExpression') ?? null;
  if (filterExpression !== null && ctx.apiVersion < 56) return fail(problemAt(x, 'filterExpression', 'Not available for deploy for this API version: filterExpression'));
  const members = (ctx.state.channelMembers ??= []);
  const twin = members.find((m) => m.fullName !== fullName && m.eventChannel === eventChannel && m.selectedEntity === selectedEntity);
  if (twin) {
    return fail(problemAt(x, 'selectedEntity', `${selectedEntity} is already selected on the ${eventChannel} channel by ${twin.fullName}.` + INVENTED));
  }
  const prev = members.find((m) => m.fullName === fullName);
  const next: ChannelMemberState = {
    id: prev?.id ?? ctx.nextId(CHANNEL_MEMBER_PREFIX), fullName, eventChannel, selectedEntity, enrichedFields: [...enrichedFields].sort(), filterExpression,
    createdDate: prev?.createdDate ?? ctx.now, lastModifiedDate: ctx.now,
  };
  const changed = !prev || prev.eventChannel !== next.eventChannel || prev.selectedEntity !== next.selectedEntity
    || JSON.stringify(prev.enrichedFields) !== JSON.stringify(next.enrichedFields) || prev.filterExpression !== next.filterExpression;
  if (prev) members[members.indexOf(prev)] = changed ? next : prev;
  else members.push(next);
  return { problems: [], created: !prev, changed };
}

/**
 * The CDC allocation (streaming.md §4): at most `limit` distinct entities across all channels. Returns the problem for the
 * members this deploy added beyond it, or undefined when within.
 */
export function entityLimitProblem(before: OrgState, after: OrgState): string | undefined {
  const limit = cdcEntityLimit(after);
  const entities = selectedEntities(after);
  if (entities.length <= limit) return undefined;
  const had = selectedEntities(before).length;
  return `You can select up to ${limit} entities for Change Data Capture across all channels; this deploy would select ${entities.length}`
    + ` (${entities.join(', ')}; ${had} selected before). Deselect entities (destructiveChanges) or get the Change Data Capture add-on.` + INVENTED;
}

/** Removes a member (destructiveChanges). False when there is none by that name. */
export function removeChannelMember(state: OrgState, fullName: string): boolean {
  const list = state.channelMembers ?? [];
  const i = list.findIndex((m) => m.fullName === fullName);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** Deploys EventSettings (settings/Event.settings): enableStreamingApi, enableDynamicStreamingChannel. */
export function deployEventSettings(ctx: DeployContext, x: ParsedXml): ComponentResult {
  const fail = (...problems: Problem[]): ComponentResult => ({ problems, created: false, changed: false });
  if (ctx.apiVersion < MIN_API) return fail({ problem: 'Not available for deploy for this API version' });
  if (x.rootName !== 'EventSettings') return fail({ problem: `Error parsing file: expected root element EventSettings, found ${x.rootName}` + INVENTED });
  const f = ctx.state.features;
  let changed = false;
  for (const [element, feature] of [['enableStreamingApi', 'StreamingApi'], ['enableDynamicStreamingChannel', 'DynamicStreamingChannel']] as const) {
    const v = childText(x.root, element);
    if (v === undefined) continue;
    if (v !== 'true' && v !== 'false') return fail(problemAt(x, element, `'${v}' is not a valid value for the enum 'boolean'` + INVENTED));
    if ((f[feature] === true) !== (v === 'true')) changed = true;
    f[feature] = v === 'true';
  }
  return { problems: [], created: false, changed };
}

/** Tooling API rows of PlatformEventChannelMember. */
export function channelMemberRows(state: OrgState): Array<Record<string, unknown>> {
  const admin = state.identity.userId;
  return (state.channelMembers ?? []).map((m) => ({
    Id: m.id, DeveloperName: m.fullName, MasterLabel: m.fullName, FullName: m.fullName, NamespacePrefix: null, EventChannel: m.eventChannel,
    SelectedEntity: m.selectedEntity, FilterExpression: m.filterExpression, CreatedDate: m.createdDate, CreatedById: admin,
    LastModifiedDate: m.lastModifiedDate, LastModifiedById: admin, SystemModstamp: m.lastModifiedDate,
  }));
}

/** readMetadata records (streaming.md §4): one per name, `{}` for a name the org does not have. */
export function readStreamingMetadata(state: OrgState, type: string, fullNames: readonly string[]): SObjectRecord[] {
  return fullNames.map((name): SObjectRecord => {
    if (type === 'EventSettings') {
      return name === 'Event' ? {
        fullName: 'Event', enableDynamicStreamingChannel: state.features['DynamicStreamingChannel'] === true, enableStreamingApi: state.features['StreamingApi'] === true,
      } : {};
    }
    const m = (state.channelMembers ?? []).find((x) => x.fullName === name);
    if (type !== 'PlatformEventChannelMember' || !m) return {};
    return {
      fullName: m.fullName, ...(m.enrichedFields.length ? { enrichedFields: m.enrichedFields.map((n) => ({ name: n })) } : {}), eventChannel: m.eventChannel,
      ...(m.filterExpression !== null ? { filterExpression: m.filterExpression } : {}), selectedEntity: m.selectedEntity,
    };
  });
}
