/**
 * Picklist values of the User fields apionly validates, as data (Salesforce's "Supported Locales" and
 * "Supported Languages" help pages, the User object reference). A value outside these lists is refused
 * before anything is written, because a deploy would reject it with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.
 */

/** LocaleSidKey: language_COUNTRY[_VARIANT], Salesforce's own spelling (in_ID, iw_IL, no_NO). */
export const LOCALE_SID_KEYS: readonly string[] = [
  'ar_AE', 'ar_BH', 'ar_DZ', 'ar_EG', 'ar_IQ', 'ar_JO', 'ar_KW', 'ar_LB', 'ar_LY', 'ar_MA', 'ar_OM', 'ar_QA',
  'ar_SA', 'ar_SD', 'ar_SY', 'ar_TN', 'ar_YE', 'az_AZ', 'be_BY', 'bg_BG', 'bn_BD', 'bs_BA', 'ca_ES', 'cs_CZ',
  'cy_GB', 'da_DK', 'de_AT', 'de_BE', 'de_CH', 'de_DE', 'de_LI', 'de_LU', 'el_CY', 'el_GR', 'en_AE', 'en_AG',
  'en_AU', 'en_BB', 'en_BE', 'en_BM', 'en_BS', 'en_BW', 'en_BZ', 'en_CA', 'en_CH', 'en_CM', 'en_CY', 'en_DE',
  'en_DK', 'en_ER', 'en_FI', 'en_FJ', 'en_FK', 'en_GB', 'en_GH', 'en_GI', 'en_GM', 'en_GY', 'en_HK', 'en_ID',
  'en_IE', 'en_IL', 'en_IN', 'en_JM', 'en_KE', 'en_KY', 'en_LR', 'en_MG', 'en_MT', 'en_MU', 'en_MW', 'en_MY',
  'en_NA', 'en_NG', 'en_NL', 'en_NZ', 'en_PG', 'en_PH', 'en_PK', 'en_RW', 'en_SB', 'en_SC', 'en_SE', 'en_SG',
  'en_SH', 'en_SI', 'en_SL', 'en_SX', 'en_SZ', 'en_TO', 'en_TT', 'en_TZ', 'en_UG', 'en_US', 'en_VU', 'en_WS',
  'en_ZA', 'es_AR', 'es_BO', 'es_CL', 'es_CO', 'es_CR', 'es_CU', 'es_DO', 'es_EC', 'es_ES', 'es_GT', 'es_HN',
  'es_MX', 'es_NI', 'es_PA', 'es_PE', 'es_PR', 'es_PY', 'es_SV', 'es_US', 'es_UY', 'es_VE', 'et_EE', 'eu_ES',
  'fa_IR', 'fi_FI', 'fr_BE', 'fr_CA', 'fr_CH', 'fr_FR', 'fr_GN', 'fr_HT', 'fr_KM', 'fr_LU', 'fr_MA', 'fr_MC',
  'fr_MR', 'fr_WF', 'ga_IE', 'gu_IN', 'hi_IN', 'hr_HR', 'hu_HU', 'hy_AM', 'in_ID', 'is_IS', 'it_CH', 'it_IT',
  'iw_IL', 'ja_JP', 'ka_GE', 'kk_KZ', 'km_KH', 'kn_IN', 'ko_KP', 'ko_KR', 'ky_KG', 'lb_LU', 'lo_LA', 'lt_LT',
  'lv_LV', 'mk_MK', 'ml_IN', 'mr_IN', 'ms_BN', 'ms_MY', 'mt_MT', 'my_MM', 'nb_NO', 'ne_NP', 'nl_AW', 'nl_BE',
  'nl_NL', 'nl_SR', 'no_NO', 'pa_IN', 'pl_PL', 'ps_AF', 'pt_AO', 'pt_BR', 'pt_CV', 'pt_MZ', 'pt_PT', 'rm_CH',
  'ro_MD', 'ro_RO', 'ru_KZ', 'ru_RU', 'sh_BA', 'sh_CS', 'sh_ME', 'sk_SK', 'sl_SI', 'so_DJ', 'so_SO', 'sq_AL',
  'sr_BA', 'sr_CS', 'sr_RS', 'sv_FI', 'sv_SE', 'sw_KE', 'ta_IN', 'ta_LK', 'te_IN', 'tg_TJ', 'th_TH', 'ti_ET',
  'tl_PH', 'tr_TR', 'uk_UA', 'ur_PK', 'uz_LATN_UZ', 'vi_VN', 'xh_ZA', 'yo_BJ', 'zh_CN', 'zh_CN_PINYIN',
  'zh_CN_STROKE', 'zh_HK', 'zh_HK_STROKE', 'zh_MO', 'zh_SG', 'zh_TW', 'zh_TW_STROKE', 'zu_ZA',
];

/** LanguageLocaleKey: fully supported, end-user and platform-only languages. */
export const LANGUAGE_LOCALE_KEYS: readonly string[] = [
  // fully supported
  'da', 'de', 'en_US', 'es', 'es_MX', 'fi', 'fr', 'it', 'ja', 'ko', 'nl_NL', 'no', 'pt_BR', 'ru', 'sv', 'th',
  'zh_CN', 'zh_TW',
  // end-user languages
  'ar', 'bg', 'cs', 'el', 'en_GB', 'hr', 'hu', 'in', 'iw', 'pl', 'pt_PT', 'ro', 'sk', 'sl', 'tr', 'uk', 'vi',
  // platform-only languages
  'bs', 'ca', 'cy', 'de_AT', 'de_CH', 'en_AU', 'en_CA', 'en_HK', 'en_IE', 'en_IN', 'en_MY', 'en_NZ', 'en_PH',
  'en_SG', 'en_ZA', 'es_AR', 'es_BO', 'es_CL', 'es_CO', 'es_CR', 'es_DO', 'es_EC', 'es_GT', 'es_HN', 'es_NI',
  'es_PA', 'es_PE', 'es_PR', 'es_PY', 'es_SV', 'es_US', 'es_UY', 'es_VE', 'et', 'eu', 'fr_BE', 'fr_CA', 'fr_CH',
  'fr_LU', 'fr_MC', 'ga', 'hi', 'hy', 'is', 'it_CH', 'ka', 'lb', 'lt', 'lv', 'mk', 'ms', 'mt', 'my', 'ro_MD',
  'sh', 'sh_ME', 'sq', 'sr', 'ta', 'te', 'tl', 'ur', 'zh_HK',
];

/** EmailEncodingKey picklist. */
export const EMAIL_ENCODING_KEYS: readonly string[] = [
  'Big5',
  'Big5-HKSCS',
  'EUC-JP',
  'GB2312',
  'ISO-2022-JP',
  'ISO-8859-1',
  'Shift_JIS',
  'UTF-8',
  'ks_c_5601-1987',
  'x-SJIS_0213',
];
