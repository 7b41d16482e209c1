/**
 * Round trips of real retrieved/committed files (test/fixtures/samples, copied from /work/shared/samples; see its
 * README.md for provenance). The canonical form is asserted with a small checker written here, independently of
 * src/xml: it reads the file line by line and checks layout, element order and list sorting against the facts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize } from '../../../src/xml';

const DIR = join(__dirname, '../../fixtures/samples');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

// Independent copies of facts a.2 / a.8 / a.4 (not imported from src on purpose).
const TOP_ORDER: Record<string, string[]> = {
  Profile: 'agentAccesses applicationVisibilities categoryGroupVisibilities classAccesses custom customMetadataTypeAccesses customPermissions customSettingAccesses description externalDataSourceAccesses fieldPermissions flowAccesses genComputingSummaryDefAccesses layoutAssignments loginFlows loginHours loginIpRanges objectPermissions pageAccesses profileActionOverrides recordTypeVisibilities servicePresenceStatusAccesses tabVisibilities userLicense userPermissions'.split(' '),
  PermissionSet: 'agentAccesses applicationVisibilities classAccesses customMetadataTypeAccesses customPermissions customSettingAccesses dataspaceScopes description emailRoutingAddressAccesses externalCredentialPrincipalAccesses externalDataSourceAccesses fieldPermissions flowAccesses genComputingSummaryDefAccesses hasActivationRequired label license objectPermissions pageAccesses recordTypeVisibilities servicePresenceStatusAccesses tabSettings userPermissions'.split(' '),
};
const SORT_KEY: Record<string, string> = {
  applicationVisibilities: 'application',
  classAccesses: 'apexClass',
  customPermissions: 'name',
  fieldPermissions: 'field',
  layoutAssignments: 'layout',
  objectPermissions: 'object',
  pageAccesses: 'apexPage',
  recordTypeVisibilities: 'recordType',
  tabVisibilities: 'tab',
  tabSettings: 'tab',
  userPermissions: 'name',
};
const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

interface Block {
  name: string;
  lines: string[];
  children: Array<{ name: string; text: string }>;
}

/** Returns the list of violations of the canonical layout (empty = canonical). */
function checkCanonical(text: string): string[] {
  const errors: string[] = [];
  if (text.includes('\r')) errors.push('CR found');
  if (text.includes('\t')) errors.push('tab found');
  if (!text.endsWith('\n') || text.endsWith('\n\n')) errors.push('not exactly one final newline');
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines[0] !== '<?xml version="1.0" encoding="UTF-8"?>') errors.push('declaration');
  const rootMatch = /^<(\w+) xmlns="http:\/\/soap\.sforce\.com\/2006\/04\/metadata">$/.exec(lines[1] ?? '');
  if (!rootMatch) return [...errors, 'root line'];
  const root = rootMatch[1] as string;
  if (lines[lines.length - 1] !== `</${root}>`) errors.push('root end');
  const blocks: Block[] = [];
  const stack: string[] = [root];
  for (let i = 2; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    if (/ $/.test(line)) errors.push(`line ${i + 1}: trailing space`);
    const m = /^( *)(?:<(\w+)>(.*)<\/(\w+)>|<(\w+)\/>|<(\w+)>|<\/(\w+)>)$/.exec(line);
    if (!m) {
      errors.push(`line ${i + 1}: not one element per line`);
      continue;
    }
    const indent = (m[1] as string).length;
    const close = m[7];
    const depth = close ? stack.length - 1 : stack.length;
    if (indent !== 4 * depth) errors.push(`line ${i + 1}: indent ${indent}, expected ${4 * depth}`);
    if (close) {
      if (stack.pop() !== close) errors.push(`line ${i + 1}: unbalanced`);
      if (stack.length === 1) blocks[blocks.length - 1]?.lines.push(line);
      continue;
    }
    const name = (m[2] ?? m[5] ?? m[6]) as string;
    if (m[2] && m[2] !== m[4]) errors.push(`line ${i + 1}: tag mismatch`);
    if (depth === 1) blocks.push({ name, lines: [line], children: [] });
    else {
      blocks[blocks.length - 1]?.lines.push(line);
      if (depth === 2) blocks[blocks.length - 1]?.children.push({ name, text: m[3] ?? '' });
    }
    if (m[6]) stack.push(name);
  }
  const order = TOP_ORDER[root] ?? [];
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1] as Block;
    const cur = blocks[i] as Block;
    if (order.indexOf(cur.name) < order.indexOf(prev.name)) errors.push(`topOrder: ${cur.name} after ${prev.name}`);
    const key = SORT_KEY[cur.name];
    if (key && prev.name === cur.name) {
      const a = prev.children.find((c) => c.name === key)?.text ?? '';
      const b = cur.children.find((c) => c.name === key)?.text ?? '';
      if (bytes(a, b) > 0) errors.push(`sorted: ${cur.name} ${b} after ${a}`);
    }
  }
  for (const b of blocks) {
    for (let i = 1; i < b.children.length; i++) {
      if (bytes((b.children[i - 1] as { name: string }).name, (b.children[i] as { name: string }).name) > 0) errors.push(`childOrder in ${b.name}`);
    }
  }
  return errors;
}

/** Top-level entries as comparable strings, for "same elements, other order" assertions. */
function entryMultiset(text: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^    <\w+(\/)?>/.test(line) || /^    <\w+>.*<\/\w+>$/.test(line)) {
      if (current) out.push(current.join('|'));
      current = [line.trim()];
    } else if (current && line.startsWith('        ')) current.push(line.trim());
    else if (current && /^    <\//.test(line)) current.push(line.trim());
  }
  if (current) out.push(current.join('|'));
  return out.sort();
}

describe('real samples', () => {
  it.each([
    ['sdr-snapshot__Admin.profile'],
    ['dreamhouse__dreamhouse.permissionset-meta.xml'],
    ['cca-cmm__Minimum Access - API Only Integrations.profile-meta.xml'],
  ])('given the canonical %s then the checker accepts it and format leaves it byte-identical', (name) => {
    const text = read(name);
    expect(checkCanonical(text)).toEqual([]);
    expect(canonicalize(text, name)).toBe(text);
  });

  it('given the autorabit Admin profile without a final newline then format adds exactly that newline and nothing else', () => {
    const name = 'autorabit-dreamhouse__Admin.profile-meta.xml';
    const text = read(name);
    expect(text.endsWith('</Profile>')).toBe(true);
    const out = canonicalize(text, name);
    expect(out).toBe(`${text}\n`);
    expect(checkCanonical(out)).toEqual([]);
    expect(out).toContain('<viewAllFields>false</viewAllFields>');
  });

  it('given the 17sayan profile (custom/userLicense first, case-insensitive sort) then format reorders it into canonical form, keeping every element', () => {
    const name = '17sayan__Minimum Access - API Only Integrations.profile-meta.xml';
    const text = read(name);
    const before = checkCanonical(text);
    expect(before.some((e) => e.startsWith('topOrder'))).toBe(true);
    expect(before.some((e) => e.startsWith('sorted'))).toBe(true);

    const out = canonicalize(text, name);

    expect(checkCanonical(out)).toEqual([]);
    expect(entryMultiset(out)).toEqual(entryMultiset(text));
    expect(out.length).toBe(text.length);
    expect(out.indexOf('<application>standard__MSJApp</application>')).toBeLessThan(out.indexOf('<application>standard__Marketing</application>'));
    expect(out.indexOf('<field>Account.SLA__c</field>')).toBeLessThan(out.indexOf('<field>Account.Site</field>'));
    expect(canonicalize(out, name)).toBe(out);
  });

  it('given the checker then it rejects obvious violations (it is not vacuous)', () => {
    const ok = read('cca-cmm__Minimum Access - API Only Integrations.profile-meta.xml');
    expect(checkCanonical(ok.replace('    <custom>', '  <custom>'))).not.toEqual([]);
    expect(checkCanonical(ok.replace(/\n/g, '\r\n'))).not.toEqual([]);
    expect(checkCanonical(`${ok}\n`)).not.toEqual([]);
    expect(checkCanonical(ok.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8" ?>'))).not.toEqual([]);
  });
});
