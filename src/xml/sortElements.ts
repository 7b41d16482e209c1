import { compareCodePoints } from './compareCodePoints';
import { decodeXmlText } from './escapeXmlText';
import type { MetadataDocument, XmlElement } from './model';
import { METADATA_TYPES, type ElementSpec } from './orderTables';

/**
 * Puts a document into canonical order (pure; returns new objects):
 * - children of the root in the type's element order; repeated elements (list entries) stay together;
 * - entries of a list with a known key sorted by that key in code point (= UTF-8 byte) order, stable;
 * - children of every element in its known child order.
 *
 * Placement rule for names an order table does not know (newer API versions, unknown types): an unknown name goes
 * right after the greatest known name that sorts before it in byte order, and unknown names that land in the same
 * gap are ordered by name. The WSDL sequences are alphabetical, so this is where Salesforce would put them; for an
 * element with no table at all (unknown root type, children of unknown elements) it means plain byte order of names.
 * Elements of equal name keep their relative order (sorting is stable), so lists without a known key keep file order.
 */
export function sortDocument(doc: MetadataDocument): MetadataDocument {
  const spec = METADATA_TYPES[doc.type];
  const top = orderChildren(doc.children, spec?.order);
  const children = sortListEntries(top, (name) => spec?.elements[name]).map((child) =>
    orderDeep(child, spec?.elements[child.name]),
  );
  return { ...doc, children };
}

function orderDeep(element: XmlElement, spec: ElementSpec | undefined): XmlElement {
  if (!element.children) return element;
  // Grandchildren and deeper have no tables: generic byte order of names (stable).
  const children = orderChildren(element.children, spec?.order).map((c) => orderDeep(c, undefined));
  // Already in order (the usual case for generated and canonical files): keep the element, do not copy it.
  if (children.every((c, i) => c === element.children?.[i])) return element;
  return { ...element, children };
}

/** Stable sort of elements by their rank in `order` (unknown names placed by the rule above). */
export function orderChildren(children: readonly XmlElement[], order: readonly string[] | undefined): XmlElement[] {
  const known = order ?? [];
  const ranks = new Map<string, Rank>();
  const rank = (name: string): Rank => {
    let r = ranks.get(name);
    if (!r) {
      r = rankOf(name, known);
      ranks.set(name, r);
    }
    return r;
  };
  // Already in order (generated and canonical files): no wrappers, no sort.
  let inOrder = true;
  for (let i = 1; i < children.length && inOrder; i++) {
    inOrder = compareRank(rank((children[i - 1] as XmlElement).name), rank((children[i] as XmlElement).name)) <= 0;
  }
  if (inOrder) return [...children];
  return children
    .map((child, index) => ({ child, index, rank: rank(child.name) }))
    .sort((a, b) => compareRank(a.rank, b.rank) || a.index - b.index)
    .map((x) => x.child);
}

/** [slot, tie-break name]: known names take slot 2i; unknown names the odd slot after the greatest smaller known name. */
type Rank = readonly [number, string];

export function rankOf(name: string, order: readonly string[]): Rank {
  const at = order.indexOf(name);
  if (at >= 0) return [2 * at, ''];
  let slot = -1;
  for (let i = 0; i < order.length; i++) {
    const known = order[i] as string;
    if (compareCodePoints(known, name) < 0 && (slot < 0 || compareCodePoints(order[slot] as string, known) < 0)) slot = i;
  }
  return [2 * slot + 1, name];
}

function compareRank(a: Rank, b: Rank): number {
  return a[0] - b[0] || compareCodePoints(a[1], b[1]);
}

/** Sorts each run of same-name siblings that has a key spec; other elements stay where they are. */
function sortListEntries(children: readonly XmlElement[], specOf: (name: string) => ElementSpec | undefined): XmlElement[] {
  const out: XmlElement[] = [];
  let i = 0;
  while (i < children.length) {
    const name = (children[i] as XmlElement).name;
    let j = i;
    while (j < children.length && (children[j] as XmlElement).name === name) j++;
    const run = children.slice(i, j);
    const key = specOf(name)?.key;
    // A loop, not push(...entries): spreading 200,000 entries as arguments overflows the call stack.
    for (const entry of key && run.length > 1 ? sortByKey(run, key) : run) out.push(entry);
    i = j;
  }
  return out;
}

function sortByKey(entries: readonly XmlElement[], key: readonly string[]): readonly XmlElement[] {
  if (isSortedByKey(entries, key)) return entries;
  return entries
    .map((entry, index) => {
      const values = key.map((k) => keyValue(entry, k));
      return { entry, index, values, narrow: values.every((v) => v === undefined || !WIDE.test(v)) };
    })
    .sort((a, b) => {
      // Keys without units from U+D800 up (nearly all) compare natively: there UTF-16 order is code point order.
      const compare = a.narrow && b.narrow ? compareNarrow : compareKeyValue;
      for (let k = 0; k < key.length; k++) {
        const c = compare(a.values[k], b.values[k]);
        if (c) return c;
      }
      return a.index - b.index;
    })
    .map((x) => x.entry);
}

/** A UTF-16 unit at which code unit order and code point order can disagree (surrogates, U+E000–U+FFFF). */
const WIDE = /[\uD800-\uFFFF]/;

function compareNarrow(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether entries are already in key order (a stable sort would keep them as they are); allocates nothing. */
function isSortedByKey(entries: readonly XmlElement[], key: readonly string[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1] as XmlElement;
    const b = entries[i] as XmlElement;
    let c = 0;
    for (let k = 0; k < key.length && c === 0; k++) c = compareKeyValue(keyValue(a, key[k] as string), keyValue(b, key[k] as string));
    if (c > 0) return false;
  }
  return true;
}

/** The decoded text of the first child named `name`; undefined when absent (absent sorts first). */
function keyValue(entry: XmlElement, name: string): string | undefined {
  for (const child of entry.children ?? []) if (child.name === name) return decodeXmlText(child.text ?? '');
  return undefined;
}

function compareKeyValue(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  return compareCodePoints(a, b);
}
