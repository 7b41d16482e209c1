/** The streaming part of a deploy: PlatformEventChannelMember, Settings:Event, destructive removals of members, the CDC limit. */
import type { ComponentResult, DeployContext, Problem } from '../rules/types';
import { INVENTED } from '../rules/types';
import type { OrgState } from '../state';
import { asList, childText, isProblem, parseMetadataXml } from '../xml/parseMetadataXml';
import { deployChannelMember, deployEventSettings, entityLimitProblem, removeChannelMember } from './channelMembers';

export interface DeployHooks {
  members(type: string): string[];
  record(type: string, fullName: string, fileName: string, r: ComponentResult): void;
  fail(type: string, fullName: string, fileName: string, p: Problem): void;
}

const DESTRUCTIVE = ['destructiveChangesPre.xml', 'destructiveChanges.xml', 'destructiveChangesPost.xml'];

/** Deploys the streaming components of a package into ctx.state; returns how many components it counted. */
export function deployStreamingComponents(ctx: DeployContext, before: OrgState, files: ReadonlyMap<string, Buffer>, hooks: DeployHooks): number {
  let total = 0;
  const added: Array<{ fullName: string; fileName: string }> = [];
  for (const member of hooks.members('PlatformEventChannelMember')) {
    total++;
    const fileName = `platformEventChannelMembers/${member}.platformEventChannelMember`;
    const bytes = files.get(fileName);
    if (!bytes) {
      hooks.fail('PlatformEventChannelMember', member, 'package.xml', { problem: `An object '${member}' of type PlatformEventChannelMember was named in package.xml, but was not found in zipped directory` });
      continue;
    }
    const xml = parseMetadataXml(bytes);
    if (isProblem(xml)) {
      hooks.fail('PlatformEventChannelMember', member, fileName, xml);
      continue;
    }
    const r = deployChannelMember(ctx, member, xml);
    if (r.problems.length === 0 && r.created) added.push({ fullName: member, fileName });
    else hooks.record('PlatformEventChannelMember', member, fileName, r);
  }
  for (const member of hooks.members('Settings')) {
    total++;
    const fileName = `settings/${member}.settings`;
    if (member !== 'Event') {
      hooks.fail('Settings', member, fileName, { problem: `The emulated org deploys only the Event settings (EventSettings), not ${member}` + INVENTED });
      continue;
    }
    const bytes = files.get(fileName);
    if (!bytes) {
      hooks.fail('Settings', member, 'package.xml', { problem: `An object '${member}' of type Settings was named in package.xml, but was not found in zipped directory` });
      continue;
    }
    const xml = parseMetadataXml(bytes);
    hooks.record('Settings', member, fileName, isProblem(xml) ? { problems: [xml], created: false, changed: false } : deployEventSettings(ctx, xml));
  }
  for (const name of DESTRUCTIVE) {
    const bytes = files.get(name);
    if (!bytes) continue;
    const xml = parseMetadataXml(bytes);
    if (isProblem(xml)) {
      hooks.fail('', name, name, xml);
      continue;
    }
    for (const t of asList(xml.root['types'])) {
      const type = childText(t, 'name') ?? '';
      for (const m of typeof t === 'string' ? [] : asList(t['members'])) {
        const member = typeof m === 'string' ? m : '';
        total++;
        if (type !== 'PlatformEventChannelMember') {
          hooks.fail(type, member, name, { problem: `The emulated org deletes only PlatformEventChannelMember components, not ${type}` + INVENTED });
        } else if (!removeChannelMember(ctx.state, member)) {
          // Salesforce warns (not fails) for a member that does not exist.
          hooks.record(type, member, name, { problems: [], created: false, changed: false });
        } else {
          hooks.record(type, member, `platformEventChannelMembers/${member}.platformEventChannelMember`, { problems: [], created: false, changed: true });
        }
      }
    }
  }
  // The CDC allocation is checked on the result: the new selections over the limit fail.
  const over = entityLimitProblem(before, ctx.state);
  for (const a of added) {
    if (over) hooks.fail('PlatformEventChannelMember', a.fullName, a.fileName, { problem: over });
    else hooks.record('PlatformEventChannelMember', a.fullName, a.fileName, { problems: [], created: true, changed: true });
  }
  return total;
}
