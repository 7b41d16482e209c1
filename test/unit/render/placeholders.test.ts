import { findPlaceholders, isKnownPlaceholder, placeholderProblems, substitute } from '../../../src/render/placeholders';

describe('template placeholders', () => {
  it('finds placeholders with line and column', () => {
    expect(findPlaceholders('a\n  {{ description }} {{user.Username}}')).toEqual([
      { name: 'description', line: 2, column: 3 },
      { name: 'user.Username', line: 2, column: 21 },
    ]);
  });

  it.each([
    ['name', true],
    ['description', true],
    ['userLicense', true],
    ['apiVersion', true],
    ['user.Username', true],
    ['user.Department', true],
    ['descripton', false],
    ['user.username', false],
    ['', false],
  ])('%p is known: %p', (name, known) => {
    expect(isKnownPlaceholder(name)).toBe(known);
  });

  it('reports unknown placeholders and placeholders without a value, all at once', () => {
    const problems = placeholderProblems('{{descripton}}\n{{user.Title}} {{name}}', 'templates/x.xml', { name: 'API Only' });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'templates/x.xml', location: 'line 1, column 1', message: 'unknown placeholder {{descripton}}' }),
      expect.objectContaining({ location: 'line 2, column 1', message: 'placeholder {{user.Title}} has no value', fix: expect.stringMatching(/set user\.Title/) }),
    ]);
  });

  it('substitutes with the given encoding', () => {
    expect(substitute('<d>{{ description }}</d>', { description: 'R&D' }, (v) => v.replace('&', '&amp;'))).toBe('<d>R&amp;D</d>');
  });
});
