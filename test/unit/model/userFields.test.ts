import { closest, defaultAlias, isEmailShaped, userFieldProblems } from '../../../src/model/userFields';
import { TIME_ZONE_SID_KEYS } from '../../../src/model/data/timeZones';
import { LOCALE_SID_KEYS, LANGUAGE_LOCALE_KEYS } from '../../../src/model/data/userValues';

describe('user field rules', () => {
  it('accepts a valid user', () => {
    expect(
      userFieldProblems(
        { Username: 'api@example.com.uat', LastName: 'A', Email: 'a@example.com', Alias: 'apionly', TimeZoneSidKey: 'Europe/Paris', LocaleSidKey: 'fr_FR', LanguageLocaleKey: 'fr', EmailEncodingKey: 'UTF-8' },
        { required: true },
      ),
    ).toEqual([]);
  });

  it.each([
    ['Alias', 'toolongalias', /at most 8/],
    ['Username', 'not-an-email', /form of an email address/],
    ['Username', `${'a'.repeat(75)}@example.com`, /at most 80/],
    ['Email', 'nope', /not an email address/],
    ['TimeZoneSidKey', 'Mars/Olympus', /unknown TimeZoneSidKey/],
    ['LocaleSidKey', 'en_XX', /unknown LocaleSidKey/],
    ['LanguageLocaleKey', 'klingon', /unknown LanguageLocaleKey/],
    ['EmailEncodingKey', 'UTF-16', /unknown EmailEncodingKey/],
  ])('refuses %s %p', (field, value, message) => {
    const problems = userFieldProblems({ [field]: value }, { required: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field, value });
    expect(problems[0]?.message).toMatch(message);
    expect(problems[0]?.fix).toBeTruthy();
  });

  it('lists required fields that are missing', () => {
    expect(userFieldProblems({}, { required: true }).map((p) => p.field)).toEqual(['Username', 'LastName', 'Email']);
  });

  it('suggests the closest picklist value', () => {
    expect(closest('America/New_Yrok', TIME_ZONE_SID_KEYS)[0]).toBe('America/New_York');
    expect(closest('en_us', LOCALE_SID_KEYS)[0]).toBe('en_US');
  });

  it('holds real picklist values', () => {
    for (const tz of ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Asia/Tokyo', 'GMT', 'Pacific/Auckland']) expect(TIME_ZONE_SID_KEYS).toContain(tz);
    for (const l of ['en_US', 'en_GB', 'de_DE', 'ja_JP', 'zh_CN', 'pt_BR']) expect(LOCALE_SID_KEYS).toContain(l);
    for (const l of ['en_US', 'de', 'fr', 'ja', 'es', 'zh_CN']) expect(LANGUAGE_LOCALE_KEYS).toContain(l);
    expect(new Set(TIME_ZONE_SID_KEYS).size).toBe(TIME_ZONE_SID_KEYS.length);
  });

  it('derives the alias as Salesforce suggests', () => {
    expect(defaultAlias('API', 'Integration')).toBe('ainte');
    expect(defaultAlias(undefined, 'Bot')).toBe('bot');
    expect(defaultAlias(undefined, '***')).toBe('apionly');
  });

  it.each([
    ['a@b.co', true],
    ["o'brien+x@r-and-d.example.com", true],
    ['user@example.com.sandbox', true],
    ['no-at-sign', false],
    ['a@b', false],
    ['a b@example.com', false],
  ])('isEmailShaped(%p) = %p', (value, expected) => {
    expect(isEmailShaped(value)).toBe(expected);
  });
});
