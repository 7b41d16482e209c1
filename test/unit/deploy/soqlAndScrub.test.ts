import { escapeSoql, normalizeId, sameId, soqlList, soqlString } from '../../../src/deploy/soql';
import { REDACTED, describeError, looksLikeAccessToken, scrubData, scrubText } from '../../../src/deploy/scrub';

describe('SOQL literals', () => {
  it.each([
    ['API Only', "'API Only'"],
    ["O'Brien's API", "'O\\'Brien\\'s API'"],
    ["x' OR Name != '", "'x\\' OR Name != \\''"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
  ])('Given %j, When quoted, Then %s', (value, expected) => {
    expect(soqlString(value)).toBe(expected);
  });

  it('Given an injection attempt, When escaped, Then no unescaped quote remains', () => {
    const escaped = escapeSoql("a' OR Id != null OR Name = 'b");
    expect(escaped.replace(/\\'/g, '')).not.toContain("'");
  });

  it('Given several names, When listed for IN, Then each is quoted and escaped', () => {
    expect(soqlList(['A', "B'C"])).toBe("('A', 'B\\'C')");
  });
});

describe('ids', () => {
  it('Given a 15-character id, When normalized, Then the 18-character form has the checksum suffix', () => {
    // Known pair from Salesforce documentation examples.
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });
  it('Given the 15- and 18-character forms, When compared, Then they are the same record', () => {
    expect(sameId('00e000000000001', normalizeId('00e000000000001'))).toBe(true);
    expect(sameId('00e000000000001', '00e000000000002')).toBe(false);
    expect(sameId(undefined, '00e000000000002')).toBe(false);
  });
  it('Given something that is not an id, When normalized, Then it is unchanged', () => {
    expect(normalizeId('nope')).toBe('nope');
  });
});

describe('token scrubbing', () => {
  const token = '00D000000000001AAA!AQcAQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJWwYMfAbUeeG7c1E6LYUfiDUkWe6H34r1AAwOR8B8fLEz6n04NPGRrq0FM';

  it('Given a message with the token, When scrubbed, Then the token is gone', () => {
    const text = `INVALID_SESSION_ID: session ${token} expired`;
    const out = scrubText(text);
    expect(out).not.toContain(token);
    expect(out).not.toContain('AQcAQH0dMHZ');
    expect(out).toContain(REDACTED);
  });

  it('Given a known secret that does not look like a session id, When scrubbed, Then it is masked too', () => {
    expect(scrubText('Bearer abcdefgh12345678 failed', ['abcdefgh12345678'])).toBe(`Bearer ${REDACTED} failed`);
  });

  it('Given nested report data, When scrubbed, Then every string is clean and the shape stays', () => {
    const data = { a: [`x ${token}`], b: { c: token, n: 3, t: true } };
    expect(scrubData(data)).toEqual({ a: [`x ${REDACTED}`], b: { c: REDACTED, n: 3, t: true } });
  });

  it('Given an error with a token in its message, When described, Then code and message are clean', () => {
    const err = Object.assign(new Error(`bad token ${token}`), { errorCode: 'sf:INVALID_SESSION_ID' });
    expect(describeError(err)).toEqual({ code: 'INVALID_SESSION_ID', message: `bad token ${REDACTED}` });
  });

  it.each([
    [token, true],
    ['00D000000000001!FAKE.access.token', true],
    ['prod', false],
    ['admin@example.com', false],
  ])('Given %s, When asked whether it is a token, Then %s', (value, expected) => {
    expect(looksLikeAccessToken(value)).toBe(expected);
  });
});
