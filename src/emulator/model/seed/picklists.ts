/**
 * Restricted picklists of the User object (values as in the User describe of a real org; a subset of the time zones
 * and locales, all of the email encodings and the fully supported languages from Salesforce Help "Supported
 * Languages" / "Supported Locales").
 */
export const TIME_ZONES: readonly (readonly [string, string])[] = [
  ['Pacific/Kiritimati', '(GMT+14:00) Line Islands Time (Pacific/Kiritimati)'],
  ['Pacific/Auckland', '(GMT+13:00) New Zealand Daylight Time (Pacific/Auckland)'],
  ['Australia/Sydney', '(GMT+11:00) Australian Eastern Daylight Time (Australia/Sydney)'],
  ['Asia/Tokyo', '(GMT+09:00) Japan Standard Time (Asia/Tokyo)'],
  ['Asia/Seoul', '(GMT+09:00) Korean Standard Time (Asia/Seoul)'],
  ['Asia/Shanghai', '(GMT+08:00) China Standard Time (Asia/Shanghai)'],
  ['Asia/Singapore', '(GMT+08:00) Singapore Standard Time (Asia/Singapore)'],
  ['Asia/Kolkata', '(GMT+05:30) India Standard Time (Asia/Kolkata)'],
  ['Asia/Dubai', '(GMT+04:00) Gulf Standard Time (Asia/Dubai)'],
  ['Europe/Moscow', '(GMT+03:00) Moscow Standard Time (Europe/Moscow)'],
  ['Europe/Istanbul', '(GMT+03:00) Turkey Time (Europe/Istanbul)'],
  ['Africa/Johannesburg', '(GMT+02:00) South Africa Standard Time (Africa/Johannesburg)'],
  ['Europe/Helsinki', '(GMT+02:00) Eastern European Standard Time (Europe/Helsinki)'],
  ['Europe/Berlin', '(GMT+01:00) Central European Standard Time (Europe/Berlin)'],
  ['Europe/Paris', '(GMT+01:00) Central European Standard Time (Europe/Paris)'],
  ['Europe/Amsterdam', '(GMT+01:00) Central European Standard Time (Europe/Amsterdam)'],
  ['Europe/London', '(GMT+00:00) Greenwich Mean Time (Europe/London)'],
  ['GMT', '(GMT+00:00) Greenwich Mean Time (GMT)'],
  ['Atlantic/Azores', '(GMT-01:00) Azores Standard Time (Atlantic/Azores)'],
  ['America/Sao_Paulo', '(GMT-03:00) Brasilia Standard Time (America/Sao_Paulo)'],
  ['America/Halifax', '(GMT-04:00) Atlantic Standard Time (America/Halifax)'],
  ['America/New_York', '(GMT-05:00) Eastern Standard Time (America/New_York)'],
  ['America/Chicago', '(GMT-06:00) Central Standard Time (America/Chicago)'],
  ['America/Denver', '(GMT-07:00) Mountain Standard Time (America/Denver)'],
  ['America/Phoenix', '(GMT-07:00) Mountain Standard Time (America/Phoenix)'],
  ['America/Los_Angeles', '(GMT-08:00) Pacific Standard Time (America/Los_Angeles)'],
  ['America/Anchorage', '(GMT-09:00) Alaska Standard Time (America/Anchorage)'],
  ['Pacific/Honolulu', '(GMT-10:00) Hawaii-Aleutian Standard Time (Pacific/Honolulu)'],
  ['Pacific/Pago_Pago', '(GMT-11:00) Samoa Standard Time (Pacific/Pago_Pago)'],
];

export const LOCALES: readonly (readonly [string, string])[] = [
  ['en_US', 'English (United States)'], ['en_GB', 'English (United Kingdom)'], ['en_CA', 'English (Canada)'],
  ['en_AU', 'English (Australia)'], ['en_IE', 'English (Ireland)'], ['en_IN', 'English (India)'], ['en_NZ', 'English (New Zealand)'],
  ['de_DE', 'German (Germany)'], ['de_AT', 'German (Austria)'], ['de_CH', 'German (Switzerland)'], ['fr_FR', 'French (France)'],
  ['fr_CA', 'French (Canada)'], ['fr_BE', 'French (Belgium)'], ['es_ES', 'Spanish (Spain)'], ['es_MX', 'Spanish (Mexico)'],
  ['it_IT', 'Italian (Italy)'], ['nl_NL', 'Dutch (Netherlands)'], ['pt_BR', 'Portuguese (Brazil)'], ['pt_PT', 'Portuguese (Portugal)'],
  ['sv_SE', 'Swedish (Sweden)'], ['da_DK', 'Danish (Denmark)'], ['fi_FI', 'Finnish (Finland)'], ['no_NO', 'Norwegian (Norway)'],
  ['pl_PL', 'Polish (Poland)'], ['ja_JP', 'Japanese (Japan)'], ['ko_KR', 'Korean (South Korea)'], ['zh_CN', 'Chinese (China)'],
  ['zh_TW', 'Chinese (Taiwan)'], ['ru_RU', 'Russian (Russia)'], ['tr_TR', 'Turkish (Türkiye)'],
];

export const LANGUAGES: readonly (readonly [string, string])[] = [
  ['en_US', 'English'], ['de', 'German'], ['es', 'Spanish'], ['fr', 'French'], ['it', 'Italian'], ['ja', 'Japanese'],
  ['sv', 'Swedish'], ['ko', 'Korean'], ['zh_TW', 'Chinese (Traditional)'], ['zh_CN', 'Chinese (Simplified)'],
  ['pt_BR', 'Portuguese (Brazil)'], ['nl_NL', 'Dutch'], ['da', 'Danish'], ['th', 'Thai'], ['fi', 'Finnish'],
  ['ru', 'Russian'], ['es_MX', 'Spanish (Mexico)'], ['no', 'Norwegian'],
];

export const EMAIL_ENCODINGS: readonly (readonly [string, string])[] = [
  ['UTF-8', 'Unicode (UTF-8)'], ['ISO-8859-1', 'General US & Western Europe (ISO-8859-1, ISO-LATIN-1)'],
  ['Shift_JIS', 'Japanese (Shift-JIS)'], ['ISO-2022-JP', 'Japanese (JIS)'], ['EUC-JP', 'Japanese (EUC)'],
  ['x-SJIS_0213', 'Japanese (Shift-JIS_2004)'], ['ks_c_5601-1987', 'Korean (ks_c_5601-1987)'],
  ['Big5', 'Traditional Chinese (Big5)'], ['GB2312', 'Simplified Chinese (GB2312)'], ['Big5-HKSCS', 'Traditional Chinese Hong Kong (Big5-HKSCS)'],
];

/** User field → [picklist values, field label used in error messages]. */
export const USER_PICKLISTS: Readonly<Record<string, { values: readonly (readonly [string, string])[]; label: string }>> = {
  TimeZoneSidKey: { values: TIME_ZONES, label: 'Time Zone' },
  LocaleSidKey: { values: LOCALES, label: 'Locale' },
  LanguageLocaleKey: { values: LANGUAGES, label: 'Language' },
  EmailEncodingKey: { values: EMAIL_ENCODINGS, label: 'Email Encoding' },
};
