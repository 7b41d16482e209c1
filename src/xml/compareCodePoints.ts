/**
 * Compares two strings by Unicode code point, which is the byte order of their UTF-8 encoding (facts a.4: retrieved
 * files sort keys case-sensitively in byte order; non-ASCII keys by code point). For BMP text this is plain UTF-16 code
 * unit order (what `<` does); the fix-up only matters when a surrogate pair meets a character in U+E000–U+FFFF.
 * Never `localeCompare` or `Intl.Collator`: those ignore case and `_`.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF so that code unit order becomes code point order. */
function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
