import { InputError } from '../errors';

/**
 * Escapes a plain string for use as XmlElement.text the way Salesforce writes it.
 *
 * Salesforce's retrieve escapes all five XML special characters in text nodes: `&amp;` `&lt;` `&gt;` and also
 * `&quot;` `&apos;` (retrieved metadata in public repositories shows e.g.
 * `<description>Set Sub Category as &apos;FYM&apos;</description>`, `<description>Set Lead Status to &quot;New&quot;</description>`,
 * `<formula>PaymentRecived__c &gt; 0</formula>` in `workflows/*.workflow-meta.xml`). Everything else, non-ASCII included,
 * is written as is in UTF-8. A carriage return would be folded into a line feed by any XML parser, so it is kept as
 * `&#13;` (our files use LF only). Characters XML 1.0 forbids cannot be written at all and are refused.
 */
export function escapeXmlText(value: string): string {
  const bad = INVALID_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0) ?? 0;
    throw new InputError('InvalidXmlCharacter', [
      {
        file: '(value)',
        location: `character ${bad.index + 1}`,
        message: `U+${code.toString(16).toUpperCase().padStart(4, '0')} cannot appear in an XML file`,
        value,
        fix: 'Remove the control character from the value.',
      },
    ]);
  }
  return value.replace(SPECIAL, (c) => ENTITIES[c] ?? c);
}

const SPECIAL = /[&<>"'\r]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};

/** XML 1.0 `Char` production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Lone surrogates are invalid. */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes raw XML character data (the five named entities and numeric references; CDATA sections unwrapped). */
export function decodeXmlText(raw: string): string {
  return raw
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, cdata: string | undefined, ref: string | undefined) => {
      if (cdata !== undefined) return cdata;
      if (ref === undefined) return whole;
      if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      return NAMED[ref] ?? whole;
    });
}
