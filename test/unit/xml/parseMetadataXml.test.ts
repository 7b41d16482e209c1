import { InputError } from '../../../src/errors';
import { canonicalize, parseMetadataXml, renderMetadataXml } from '../../../src/xml';

const NS = 'http://soap.sforce.com/2006/04/metadata';
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function parseError(text: string, file = 'profiles/X.profile-meta.xml'): InputError {
  try {
    parseMetadataXml(text, file);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('parseMetadataXml', () => {
  it('given a profile then returns the root type and children in file order with RAW text', () => {
    const doc = parseMetadataXml(
      `${DECL}\n<Profile xmlns="${NS}">\n    <userLicense>Salesforce</userLicense>\n    <description> R&amp;D &apos;ops&apos; &#160;</description>\n    <loginHours/>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiEnabled</name>\n    </userPermissions>\n</Profile>\n`,
      'p.profile-meta.xml',
    );
    expect(doc).toEqual({
      type: 'Profile',
      children: [
        { name: 'userLicense', text: 'Salesforce' },
        { name: 'description', text: ' R&amp;D &apos;ops&apos; &#160;' },
        { name: 'loginHours' },
        { name: 'userPermissions', children: [{ name: 'enabled', text: 'true' }, { name: 'name', text: 'ApiEnabled' }] },
      ],
    });
  });

  it.each([
    ['an unclosed tag', `${DECL}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <userLicense>Salesforce</userLicence>\n</Profile>\n`, 4, /closing tag/],
    ['a bare ampersand', `${DECL}\n<Profile xmlns="${NS}">\n    <description>R & D</description>\n</Profile>\n`, 3, /&/],
    ['an unknown entity', `${DECL}\n<Profile xmlns="${NS}">\n    <description>a&nbsp;b</description>\n</Profile>\n`, 3, /&nbsp;.*not an XML entity/],
    ['a missing root end', `${DECL}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n`, 2, /./],
    ['a second root', `${DECL}\n<Profile xmlns="${NS}">\n</Profile>\n<Profile xmlns="${NS}"/>\n`, 4, /second root element/],
    ['text after the root', `${DECL}\n<Profile xmlns="${NS}">\n</Profile>\ntrailing\n`, 4, /Extra text|text is not allowed outside the root/],
    ['text right after a self-closing root', `${DECL}\n<Profile xmlns="${NS}"/>trailing`, 2, /text is not allowed outside the root/],
    ['an attribute on a child', `${DECL}\n<Profile xmlns="${NS}">\n    <custom a="1">true</custom>\n</Profile>\n`, 3, /unexpected attribute a="1" on <custom>/],
    ['mixed content', `${DECL}\n<Profile xmlns="${NS}">\n    <loginHours>text<mondayStart>0</mondayStart></loginHours>\n</Profile>\n`, 3, /mixes text with child elements/],
    ['a DOCTYPE', `${DECL}\n<!DOCTYPE x [<!ENTITY e "x">]>\n<Profile xmlns="${NS}">\n</Profile>\n`, 2, /DOCTYPE/],
    ['a wrong namespace', `${DECL}\n<Profile xmlns="urn:other">\n</Profile>\n`, 2, /namespace is "urn:other"/],
    ['an extra root attribute', `${DECL}\n<Profile xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</Profile>\n`, 2, /unexpected attribute xmlns:xsi/],
    ['a namespace prefix', `${DECL}\n<Profile xmlns="${NS}">\n\n    <sf:custom>true</sf:custom>\n</Profile>\n`, 4, /namespace prefixes/],
    ['"--" in a comment', `${DECL}\n<Profile xmlns="${NS}">\n    <!-- a -- b -->\n</Profile>\n`, 3, /cannot contain "--"/],
    ['an empty file', '', 1, /./],
  ])('given %s then throws MalformedXml naming file, line and column', (_what, text, line, message) => {
    const err = parseError(text);
    expect(err.code).toBe('MalformedXml');
    expect(err.exitCode).toBe(2);
    expect(err.problems).toHaveLength(1);
    const problem = err.problems[0]!;
    expect(problem.file).toBe('profiles/X.profile-meta.xml');
    expect(problem.location).toMatch(new RegExp(`^line ${line}, column \\d+$`));
    expect(problem.message).toMatch(message);
    expect(problem.message).toContain(`profiles/X.profile-meta.xml:${line}:`);
    expect(problem.fix).toBeTruthy();
  });

  it('given a bare ampersand then reports its exact column', () => {
    const err = parseError(`${DECL}\n<Profile xmlns="${NS}">\n    <description>R & D</description>\n</Profile>\n`);
    expect(err.problems[0]!.location).toBe('line 3, column 20');
    expect(err.problems[0]!.fix).toBe('Write a literal "&" as "&amp;".');
  });

  it('given an attribute on a deeply nested element after comments and CDATA then points at that element', () => {
    const text = `${DECL}\n<Profile xmlns="${NS}">\n    <!-- <fake> -->\n    <description><![CDATA[<notATag>]]></description>\n    <userPermissions>\n        <enabled x="1">true</enabled>\n    </userPermissions>\n</Profile>\n`;
    expect(parseError(text).problems[0]!.location).toBe('line 6, column 9');
  });

  it('given CRLF line ends and a byte order mark then reads them as LF and renders canonical bytes', () => {
    const canonical = `${DECL}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n    <description>two\nlines</description>\n</Profile>\n`;
    const windows = `\uFEFF${canonical.replace(/\n/g, '\r\n')}`;
    expect(canonicalize(windows, 'x.profile-meta.xml')).toBe(canonical);
  });

  it('given no declaration, a Prettier-style declaration, tabs and no xmlns then renders the canonical form', () => {
    const text = `<?xml version="1.0" encoding="UTF-8" ?>\n<Profile>\n\t<custom>true</custom>\n</Profile>`;
    expect(canonicalize(text, 'x.profile-meta.xml')).toBe(`${DECL}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n</Profile>\n`);
    expect(canonicalize('<Profile><custom>true</custom></Profile>', 'x')).toBe(`${DECL}\n<Profile xmlns="${NS}">\n    <custom>true</custom>\n</Profile>\n`);
  });

  it('given meaningful spaces in a value then keeps them; whitespace between elements is ignored', () => {
    const doc = parseMetadataXml(`<Profile>  <description>  padded  </description>  <x> </x></Profile>`, 'x');
    expect(doc.children).toEqual([
      { name: 'description', text: '  padded  ' },
      { name: 'x', text: ' ' },
    ]);
  });

  it('given CDATA then keeps it raw', () => {
    const text = `${DECL}\n<Profile xmlns="${NS}">\n    <description><![CDATA[a < b & c]]></description>\n</Profile>\n`;
    expect(canonicalize(text, 'x')).toBe(text);
  });

  it('given comments then keeps each with the element that follows it, and trailing ones at the end of their parent', () => {
    const text =
      `${DECL}\n<!-- file header -->\n<Profile xmlns="${NS}">\n` +
      `    <!-- about Zeta -->\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>Zeta</name>\n        <!-- end of Zeta -->\n    </userPermissions>\n` +
      `    <!-- about Alpha -->\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>Alpha</name>\n    </userPermissions>\n` +
      `    <!-- last -->\n</Profile>\n<!-- after -->\n`;
    const out = canonicalize(text, 'x');
    expect(out).toBe(
      `${DECL}\n<!-- file header -->\n<Profile xmlns="${NS}">\n` +
        `    <!-- about Alpha -->\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>Alpha</name>\n    </userPermissions>\n` +
        `    <!-- about Zeta -->\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>Zeta</name>\n        <!-- end of Zeta -->\n    </userPermissions>\n` +
        `    <!-- last -->\n</Profile>\n<!-- after -->\n`,
    );
    expect(canonicalize(out, 'x')).toBe(out);
  });

  it('given a comment inside a value then refuses it with a fix', () => {
    const err = parseError(`<Profile><description>a<!-- c -->b</description></Profile>`);
    expect(err.problems[0]!.message).toMatch(/comment inside its value/);
  });

  it('given an element holding only a comment then keeps the comment and round-trips', () => {
    const out = canonicalize('<Profile><loginHours><!-- none --></loginHours></Profile>', 'x');
    expect(out).toContain('    <loginHours>\n        <!-- none -->\n    </loginHours>\n');
    expect(canonicalize(out, 'x')).toBe(out);
  });

  it('given a parsed document then rendering it again is a no-op (idempotence)', () => {
    const messy = `<Profile xmlns="${NS}"><userPermissions><name>b</name><enabled>true</enabled></userPermissions><custom>false</custom><userPermissions><name>A</name><enabled>true</enabled></userPermissions><newThing><z>1</z><a>2</a></newThing></Profile>`;
    const once = canonicalize(messy, 'x');
    const twice = renderMetadataXml(parseMetadataXml(once, 'x'));
    expect(twice).toBe(once);
    expect(once).toContain('    <newThing>\n        <a>2</a>\n        <z>1</z>\n    </newThing>\n');
  });
});
