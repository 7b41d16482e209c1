/**
 * One PlatformEventChannelMember per object selected for Change Data Capture, on the standard ChangeEvents channel,
 * in canonical bytes (element order from src/xml's order tables). Pure.
 */
import { CHANGE_EVENTS_CHANNEL, changeEventName, channelMemberName } from '../model/streaming';
import { byteOrder } from '../model/userPermissions';
import { el, renderMetadataXml } from '../xml';

export interface ChannelMemberFile {
  readonly object: string;
  /** The member's fullName, e.g. 'ChangeEvents_AccountChangeEvent'. */
  readonly fullName: string;
  /** Relative to the package directory's main/default folder. */
  readonly path: string;
  readonly content: string;
}

export function renderChannelMembers(objects: readonly string[]): ChannelMemberFile[] {
  return [...new Set(objects)].sort(byteOrder).map((object) => {
    const fullName = channelMemberName(object);
    return {
      object,
      fullName,
      path: `platformEventChannelMembers/${fullName}.platformEventChannelMember-meta.xml`,
      content: renderMetadataXml({
        type: 'PlatformEventChannelMember',
        children: [el('eventChannel', CHANGE_EVENTS_CHANNEL), el('selectedEntity', changeEventName(object))],
      }),
    };
  });
}
