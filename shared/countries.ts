// ISO 3166-1 alpha-2 country codes, for the signer's ID-document country. Names come from the
// platform (Intl.DisplayNames) in the UI's language, so no translated list is kept here.
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
  'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
  'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
  'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
  'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
  'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
  'VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/**
 * Whether the text is an assigned ISO 3166-1 alpha-2 code, in either case. The one check every
 * entry point uses (the signer's fields, the bridge's schema, the CLI): two letters alone let "XX"
 * reach the Optimizer.
 */
export const isCountryCode = (value: string): boolean =>
  /^[A-Za-z]{2}$/.test(value) && COUNTRY_CODES.includes(value.toUpperCase());

/** What a person reads when a country is not one. */
export const COUNTRY_PROBLEM = 'must be an ISO 3166-1 country code: two letters, e.g. ES';
