// Who signs and how they prove it: the create-request fields of the One-Shot API and the checks
// the Optimizer applies to them, so that bad input is caught before the network (as the RAO types,
// and when a batch manifest is read). Pure: no Node, no DOM.
import { COUNTRY_PROBLEM, isCountryCode } from './countries';
import type { FieldRule } from './problems';

export const ID_DOCUMENT_TYPES = ['IDC', 'PAS', 'PNO', 'TIN', 'CI', 'CE'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];
export const LANGUAGES = ['ES', 'PL', 'EN'] as const;
export type CommunicationLanguage = (typeof LANGUAGES)[number];
export const OTP_DELIVERY = ['sms', 'whatsapp'] as const;
export type OtpDelivery = (typeof OTP_DELIVERY)[number];

export interface SignerIdentity {
  given_name: string;
  surname_1: string;
  surname_2?: string;
  id_document_type: IdDocumentType;
  id_document_country: string;
  serial_number: string;
  email: string;
  mobile_phone_number: string;
  registration_authority: string;
  profile: string;
  communication_language?: CommunicationLanguage;
  residence?: string;
  residence_city?: string;
  residence_postal_code?: string;
  residence_address?: string;
  special_conditions?: string;
}

/** A draft's signer as the RAO typed it: any field may be missing, empty or not valid yet. */
export type DraftSignerFields = Partial<Record<keyof SignerIdentity, string>>;

export const isCommunicationLanguage = (value: unknown): value is CommunicationLanguage =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language the service writes to the signer in, when the RAO has not chosen one: the signer's
 * own for a Spanish or Polish document, else the office's choice, else English. Never the desk's
 * interface language: the RAO's screen and the signer's messages are different people's choices.
 */
export function defaultCommunicationLanguage(
  country: string | undefined,
  office?: unknown,
): CommunicationLanguage {
  const code = country?.trim().toUpperCase();
  if (code === 'ES' || code === 'PL') return code;
  return isCommunicationLanguage(office) ? office : 'EN';
}

/**
 * The signer a started job sends: text trimmed, the country in capitals, and the communication
 * language the RAO chose or its default. Whatever is still wrong stays for the checks to name.
 */
export function settleDraftSigner<T extends DraftSignerFields>(
  signer: T,
  officeLanguage?: unknown,
): T & { communication_language: CommunicationLanguage } {
  const settled: DraftSignerFields = {};
  for (const [field, value] of Object.entries(signer) as [keyof SignerIdentity, unknown][])
    if (typeof value === 'string' && value.trim() !== '') settled[field] = value.trim();
  if (settled.id_document_country) settled.id_document_country = settled.id_document_country.toUpperCase();
  const chosen = settled.communication_language;
  const language = isCommunicationLanguage(chosen)
    ? chosen
    : defaultCommunicationLanguage(settled.id_document_country, officeLanguage);
  // Same fields, only trimmed: a complete signer stays complete.
  return { ...settled, communication_language: language } as T & {
    communication_language: CommunicationLanguage;
  };
}

export const ID_IMAGE_FIELDS = ['document_front', 'document_rear', 'document_owner'] as const;
export type IdImageField = (typeof ID_IMAGE_FIELDS)[number];

/** How the signer unlocks the signature: a code sent to their phone, or an approved external method. */
export type SignerAuth =
  | { method: 'otp'; delivery: OtpDelivery }
  | {
      method: 'external';
      type: string;
      value: string;
      /** customer code sent as `secret`; default: value */ secret?: string;
    };

export interface FieldIssue {
  field: string;
  message: string;
}

const REQUIRED = [
  'given_name',
  'surname_1',
  'id_document_type',
  'id_document_country',
  'serial_number',
  'email',
  'mobile_phone_number',
  'registration_authority',
  'profile',
] as const satisfies readonly (keyof SignerIdentity)[];

const OPTIONAL_TEXT = [
  'surname_2',
  'residence',
  'residence_city',
  'residence_postal_code',
  'residence_address',
  'special_conditions',
] as const satisfies readonly (keyof SignerIdentity)[];

/** Every field of the signer's identity the desk checks and the service takes. */
export const SIGNER_FIELDS = [...REQUIRED, ...OPTIONAL_TEXT, 'communication_language'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INTERNATIONAL_PHONE = /^\+[1-9][0-9 -]{6,18}[0-9]$/;

export const isInternationalPhone = (value: string): boolean => INTERNATIONAL_PHONE.test(value.trim());
export const isEmail = (value: string): boolean => EMAIL.test(value.trim());

/**
 * What is wrong with one field, as the rule the interface words in the RAO's language
 * (shared/problems.ts' fieldInvalid), or null when it is acceptable.
 */
export function signerFieldRule(field: keyof SignerIdentity, value: unknown): FieldRule | null {
  if (value !== undefined && value !== null && typeof value !== 'string') return 'notText';
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return (REQUIRED as readonly string[]).includes(field) ? 'required' : null;
  switch (field) {
    case 'email':
      return isEmail(text) ? null : 'email';
    case 'mobile_phone_number':
      return isInternationalPhone(text) ? null : 'phonePrefix';
    case 'id_document_country':
      return isCountryCode(text) ? null : 'country';
    case 'id_document_type':
      return (ID_DOCUMENT_TYPES as readonly string[]).includes(text) ? null : 'notAllowed';
    case 'communication_language':
      return (LANGUAGES as readonly string[]).includes(text) ? null : 'notAllowed';
    default:
      return text.length > 200 ? 'tooLong' : null;
  }
}

/** The same rule in English, for the CLI and logs. */
function ruleInEnglish(field: keyof SignerIdentity, rule: FieldRule): string {
  switch (rule) {
    case 'notText':
      return 'must be text';
    case 'required':
      return 'is required';
    case 'email':
      return 'is not a valid e-mail address';
    case 'phonePrefix':
      return 'needs the international prefix, e.g. +34600123456';
    case 'country':
      return COUNTRY_PROBLEM;
    case 'notAllowed':
      return `must be one of ${(field === 'id_document_type' ? ID_DOCUMENT_TYPES : LANGUAGES).join(', ')}`;
    default:
      return 'is too long (200 characters at most)';
  }
}

/** Checks one field; an empty list means it is acceptable. */
export function checkSignerField(field: keyof SignerIdentity, value: unknown): string[] {
  const rule = signerFieldRule(field, value);
  return rule === null ? [] : [ruleInEnglish(field, rule)];
}

/** Parses untrusted input (a form, a signer.json) into a SignerIdentity, or lists what is wrong. */
export function parseSigner(
  input: unknown,
): { ok: true; signer: SignerIdentity } | { ok: false; issues: FieldIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ field: '(signer)', message: 'must be an object with the signer fields' }],
    };
  }
  const record = input as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const fields: readonly (keyof SignerIdentity)[] = SIGNER_FIELDS;
  const signer: Record<string, string> = {};
  for (const field of fields) {
    const value = field === 'id_document_type' && record[field] === undefined ? 'IDC' : record[field];
    for (const message of checkSignerField(field, value)) issues.push({ field, message });
    if (typeof value === 'string' && value.trim() !== '') signer[field] = value.trim();
  }
  if (issues.length > 0) return { ok: false, issues };
  signer.id_document_country = (signer.id_document_country as string).toUpperCase();
  signer.mobile_phone_number = (signer.mobile_phone_number as string).replace(/[ -]/g, '');
  return { ok: true, signer: signer as unknown as SignerIdentity };
}

export const signerDisplayName = (
  s: Pick<SignerIdentity, 'given_name' | 'surname_1' | 'surname_2'>,
): string => [s.given_name, s.surname_1, s.surname_2].filter(Boolean).join(' ');
