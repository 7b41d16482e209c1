import { InputError } from '../../../src/errors';
import { decodeXmlText, el, escapeXmlText } from '../../../src/xml';

describe('escapeXmlText', () => {
  it.each([
    ['R&D (Copy)', 'R&amp;D (Copy)'],
    ['a < b > c', 'a &lt; b &gt; c'],
    [`Set "New" and 'Old'`, 'Set &quot;New&quot; and &apos;Old&apos;'],
    ['line1\r\nline2', 'line1&#13;\nline2'],
    ['tab\there', 'tab\there'],
    ['Café – 日本 😀', 'Café – 日本 😀'],
    ['', ''],
    ['&amp;', '&amp;amp;'],
  ])('given %j when escaped then writes %j as Salesforce does', (plain, raw) => {
    expect(escapeXmlText(plain)).toBe(raw);
  });

  it.each([['\u0000'], ['a\u0007b'], ['\uFFFE'], ['\uD800 lone surrogate']])('given the XML-illegal %j when escaped then throws InputError', (bad) => {
    expect(() => escapeXmlText(bad)).toThrow(InputError);
  });

  it('given a plain value when decoded after escaping then returns the value', () => {
    const value = `R&D <"Ops"> 'x' \u00a0`;
    expect(decodeXmlText(escapeXmlText(value))).toBe(value);
  });

  it('given numeric references and CDATA when decoded then resolves them', () => {
    expect(decodeXmlText('a&#160;b&#x41;<![CDATA[<&>]]>&unknown;')).toBe('a\u00a0bA<&>&unknown;');
  });

  it('given el() with a plain value then stores the escaped raw text; without a value it is empty', () => {
    expect(el('description', "Tom's & Jerry's")).toEqual({ name: 'description', text: 'Tom&apos;s &amp; Jerry&apos;s' });
    expect(el('loginHours')).toEqual({ name: 'loginHours' });
  });
});
