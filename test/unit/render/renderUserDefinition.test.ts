import { InputError } from '../../../src/errors';
import { renderUserDefinition } from '../../../src/render/renderUserDefinition';
import type { UserSpec } from '../../../src/model/types';

const user: UserSpec = {
  fields: { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com', Alias: 'api', TimeZoneSidKey: 'GMT' },
  profileName: 'API Only',
  permissionSets: ['Integration'],
};
const values = { name: 'API Only', 'user.LastName': 'Api', 'user.Username': 'api@example.com' };

describe('renderUserDefinition', () => {
  it('writes User fields, profileName, permsets, then template options, with 2-space indent and a final newline', () => {
    const { content, warnings } = renderUserDefinition('{ "generatePassword": true, "username": "x", "PROFILENAME": "y" }', 't.json', user, values);
    expect(content).toBe(
      `${JSON.stringify(
        { Username: 'api@example.com', LastName: 'Api', Email: 'api@example.com', Alias: 'api', TimeZoneSidKey: 'GMT', profileName: 'API Only', permsets: ['Integration'], generatePassword: true },
        undefined,
        2,
      )}\n`,
    );
    expect(warnings).toEqual([]);
  });

  it('omits permsets when there are none', () => {
    const { content } = renderUserDefinition('{}', 't.json', { ...user, permissionSets: [] }, values);
    expect(JSON.parse(content)).not.toHaveProperty('permsets');
  });

  it('keeps extra User fields from the template with a warning, and substitutes placeholders (JSON-escaped)', () => {
    const { content, warnings } = renderUserDefinition('{ "CommunityNickname": "{{user.LastName}} \\"bot\\"" }', 't.json', user, { ...values, 'user.LastName': 'O"Brien' });
    expect(JSON.parse(content)).toMatchObject({ CommunityNickname: 'O"Brien "bot"' });
    expect(warnings).toEqual([expect.stringMatching(/sets the User field CommunityNickname/)]);
  });

  it.each([
    ['{ "a": 1, }', 'MalformedJson'],
    ['[1, 2]', 'TemplateError'],
    ['{ "x": "{{nope}}" }', 'TemplateError'],
  ])('refuses %p with %s', (template, code) => {
    expect(() => renderUserDefinition(template, 't.json', user, values)).toThrow(InputError);
    try {
      renderUserDefinition(template, 't.json', user, values);
    } catch (err) {
      expect((err as InputError).code).toBe(code);
      expect((err as InputError).problems[0]?.file).toBe('t.json');
    }
  });
});
