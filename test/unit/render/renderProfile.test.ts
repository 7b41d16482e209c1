import { InputError } from '../../../src/errors';
import { buildProfileModel } from '../../../src/model/buildProfile';
import { renderProfile } from '../../../src/render/renderProfile';
import { config, project } from '../../helpers/project';

const values = { name: 'API Only', description: 'Desc & more', userLicense: 'Salesforce', apiVersion: '66.0' };
const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</Profile>\n`;

function model(raw: Record<string, unknown> = {}): ReturnType<typeof buildProfileModel> {
  return buildProfileModel(config(raw), project([], '62.0'));
}

function templateError(template: string): InputError {
  try {
    renderProfile(template, 'templates/profile.profile-meta.xml', model(), values);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('renderProfile', () => {
  it('renders canonical bytes: declaration, WSDL order, 4 spaces, LF, final newline', () => {
    const { content } = renderProfile(xml('    <description>{{description}}</description>'), 't.xml', model({ profile: { description: 'Desc & more', objects: { exclude: ['Idea', 'QuickText', 'StreamingChannel', 'Asset', 'Campaign', 'Case', 'Contact', 'Contract', 'DuplicateRecordSet', 'Lead', 'Macro', 'Opportunity', 'Pricebook2', 'Product2', 'Solution'] } } }), values);
    expect(content).toBe(
      xml(
        [
          '    <custom>true</custom>',
          '    <description>Desc &amp; more</description>',
          '    <objectPermissions>',
          '        <allowCreate>true</allowCreate>',
          '        <allowDelete>true</allowDelete>',
          '        <allowEdit>true</allowEdit>',
          '        <allowRead>true</allowRead>',
          '        <modifyAllRecords>true</modifyAllRecords>',
          '        <object>Account</object>',
          '        <viewAllRecords>true</viewAllRecords>',
          '    </objectPermissions>',
          '    <userLicense>Salesforce</userLicense>',
          '    <userPermissions>',
          '        <enabled>true</enabled>',
          '        <name>ApiEnabled</name>',
          '    </userPermissions>',
          '    <userPermissions>',
          '        <enabled>true</enabled>',
          '        <name>ApiUserOnly</name>',
          '    </userPermissions>',
        ].join('\n'),
      ),
    );
  });

  it('lets whatever else the template holds flow through, and owns custom, description, userLicense', () => {
    const template = xml(
      [
        '    <userLicense>Chatter Free</userLicense>',
        '    <custom>false</custom>',
        '    <description>hand written</description>',
        '    <loginIpRanges>',
        '        <endAddress>10.0.0.255</endAddress>',
        '        <startAddress>10.0.0.0</startAddress>',
        '    </loginIpRanges>',
        '    <tabVisibilities>',
        '        <tab>standard-Account</tab>',
        '        <visibility>DefaultOn</visibility>',
        '    </tabVisibilities>',
      ].join('\n'),
    );
    const { content } = renderProfile(template, 't.xml', model({ profile: { description: '' } }), values);
    expect(content).toContain('<custom>true</custom>');
    expect(content).not.toContain('hand written');
    expect(content).not.toContain('Chatter Free');
    expect(content).toContain('<userLicense>Salesforce</userLicense>');
    expect(content).toContain('<startAddress>10.0.0.0</startAddress>');
    expect(content.indexOf('<loginIpRanges>')).toBeLessThan(content.indexOf('<objectPermissions>'));
    expect(content.indexOf('<tabVisibilities>')).toBeGreaterThan(content.lastIndexOf('<objectPermissions>'));
  });

  it("merges the generator's lists by key: generated entries replace the template's, others stay", () => {
    const template = xml(
      [
        '    <userPermissions>',
        '        <enabled>false</enabled>',
        '        <name>ApiEnabled</name>',
        '    </userPermissions>',
        '    <userPermissions>',
        '        <enabled>true</enabled>',
        '        <name>ChatterInternalUser</name>',
        '    </userPermissions>',
        '    <objectPermissions>',
        '        <allowRead>true</allowRead>',
        '        <object>Document</object>',
        '    </objectPermissions>',
      ].join('\n'),
    );
    const { content, warnings } = renderProfile(template, 't.xml', model(), values);
    expect(content).toMatch(/<enabled>true<\/enabled>\n {8}<name>ApiEnabled<\/name>/);
    expect(content).toContain('<name>ChatterInternalUser</name>');
    expect(content).toContain('<object>Document</object>');
    expect(warnings).toEqual(["t.xml: the template's userPermissions entry for ApiEnabled is replaced by the generated one"]);
  });

  it('refuses a template that is not well-formed XML, with line and column', () => {
    const err = templateError(xml('    <description>{{description}}</descriptio>'));
    expect(err.code).toBe('MalformedXml');
    expect(err.problems[0]).toMatchObject({ file: 'templates/profile.profile-meta.xml', location: expect.stringMatching(/^line 3, column \d+$/) });
  });

  it('refuses unknown placeholders and placeholders without a value', () => {
    const err = templateError(xml('    <description>{{descripton}}</description>\n    <loginIpRanges><description>{{user.Title}}</description></loginIpRanges>'));
    expect(err.code).toBe('TemplateError');
    expect(err.problems.map((p) => p.message)).toEqual(['unknown placeholder {{descripton}}', 'placeholder {{user.Title}} has no value']);
  });

  it('refuses a template whose root is not Profile', () => {
    const err = templateError('<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>x</label>\n</PermissionSet>\n');
    expect(err.problems[0]?.message).toMatch(/not <Profile>/);
  });
});
