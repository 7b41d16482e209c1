import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaAt, schemaErrors, VALIDATOR_PATH } from '../../../src/config/schema';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildValidatorSource } = require('../../../schema/buildValidator.js') as { buildValidatorSource: () => string };

describe('the precompiled config validator', () => {
  it('is up to date with the schema (run `node schema/buildValidator.js` after changing it)', () => {
    expect(readFileSync(VALIDATOR_PATH, 'utf8')).toBe(buildValidatorSource());
  });

  it('reports every violation with its JSON path', () => {
    const errors = schemaErrors({ user: { Username: 1 }, profile: { objectAccess: 'all', nope: true } });
    expect(errors.map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual(
      ['/profile additionalProperties', '/profile/objectAccess enum', '/user required', '/user required', '/user/Username type', '/user/Username type'].sort(),
    );
  });

  it('finds schema parts by pointer', () => {
    expect(Object.keys(schemaAt('#/properties/profile/properties') as object)).toContain('objectAccess');
    expect(schemaAt('#/nope/x')).toBeUndefined();
  });

  it('ships in the package next to the schema', () => {
    expect(VALIDATOR_PATH).toBe(join(__dirname, '..', '..', '..', 'schema', 'apionly.config.validate.js'));
  });
});
