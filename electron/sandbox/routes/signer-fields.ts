// The create-request form as the Optimizer checks it: FastAPI's 422 for missing or malformed
// fields first, then the service's own per-field rules (international phone prefix, e-mail,
// country), which the old API answered as a 500 with the field map.
import { ApiError, FieldErrors, ValidationError, badEnum, badType, missingField } from '../api-error';
import type { FieldProblem } from '../api-error';

export const ID_DOCUMENT_TYPES = ['IDC', 'PAS', 'PNO', 'TIN', 'CI', 'CE'] as const;
export const LANGUAGES = ['ES', 'PL', 'EN'] as const;
export const ENVIRONMENTS = ['sandbox', 'prod'] as const;

const REQUIRED = [
  'given_name',
  'surname_1',
  'id_document_country',
  'serial_number',
  'email',
  'mobile_phone_number',
  'registration_authority',
  'profile',
] as const;

const OPTIONAL = [
  'surname_2',
  'residence',
  'residence_city',
  'residence_postal_code',
  'residence_address',
  'special_conditions',
  'callback',
] as const;

export interface SignerData {
  given_name: string;
  surname_1: string;
  surname_2: string | null;
  id_document_type: (typeof ID_DOCUMENT_TYPES)[number];
  id_document_country: string;
  serial_number: string;
  email: string;
  mobile_phone_number: string;
  registration_authority: string;
  profile: string;
  communication_language: (typeof LANGUAGES)[number];
  env: (typeof ENVIRONMENTS)[number];
  useasync: boolean;
  callback: string | null;
  residence: string | null;
  residence_city: string | null;
  residence_postal_code: string | null;
  residence_address: string | null;
  special_conditions: string | null;
}

export interface RaoCredentials {
  token?: string;
  username?: string;
  password?: string;
  pin?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** "+" then 7 to 15 digits (E.164), spaces and hyphens tolerated between digits. */
const INTERNATIONAL_PHONE = /^\+[1-9][0-9 -]{6,18}[0-9]$/;

export function parseBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off', ''].includes(v)) return false;
  return null;
}

export function isBase64(value: string): boolean {
  return value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

export function parseSignerForm(fields: Map<string, string>): {
  signer: SignerData;
  credentials: RaoCredentials;
} {
  const problems: FieldProblem[] = [];
  const get = (name: string): string | undefined => {
    const v = fields.get(name);
    return v === undefined || v === '' ? undefined : v;
  };
  for (const name of REQUIRED) if (get(name) === undefined) problems.push(missingField('body', name));

  const enumField = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = get(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) problems.push(badEnum('body', name, allowed, v));
    return v as T;
  };
  const idType = enumField('id_document_type', ID_DOCUMENT_TYPES, 'IDC');
  const language = enumField('communication_language', LANGUAGES, 'ES');
  const env = enumField('env', ENVIRONMENTS, 'sandbox');
  let useasync = false;
  const asyncText = get('useasync');
  if (asyncText !== undefined) {
    const b = parseBoolean(asyncText);
    if (b === null) problems.push(badType('body', 'useasync', 'bool', asyncText));
    else useasync = b;
  }

  const credentials: RaoCredentials = {
    token: get('token'),
    username: get('username'),
    password: get('password'),
    pin: get('pin'),
  };
  if (credentials.token === undefined) {
    // Without a token the RAO's own credentials must come in the same call.
    if (
      credentials.username === undefined &&
      credentials.password === undefined &&
      credentials.pin === undefined
    ) {
      problems.push(missingField('body', 'token'));
    } else {
      for (const name of ['username', 'password', 'pin'] as const) {
        if (credentials[name] === undefined) problems.push(missingField('body', name));
      }
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);

  const value = (name: string): string => (get(name) as string).trim();
  const optional = (name: string): string | null => get(name)?.trim() ?? null;
  const phone = value('mobile_phone_number');
  if (!INTERNATIONAL_PHONE.test(phone)) {
    const words = 'Please use the mobile phone number with an international prefix';
    throw new FieldErrors({ mobile_phone_number: [words] }, words);
  }
  const fieldErrors: Record<string, string[]> = {};
  const email = value('email');
  if (!EMAIL.test(email)) fieldErrors.email = ['Enter a valid email address'];
  const country = value('id_document_country').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    fieldErrors.id_document_country = ['Enter a valid ISO 3166-1 alpha-2 country code'];
  const callback = optional('callback');
  if (callback !== null && !/^https?:\/\/\S+$/.test(callback)) fieldErrors.callback = ['Enter a valid URL'];
  const billing = get('billing_password');
  if (Object.keys(fieldErrors).length > 0) throw new FieldErrors(fieldErrors);
  if (billing !== undefined && !isBase64(billing)) {
    // The published descriptions answer wrong or non-base64 billing credentials with a 500.
    throw new ApiError(500, 'Billing credentials error: billing_password is not valid base64');
  }

  const signer: SignerData = {
    given_name: value('given_name'),
    surname_1: value('surname_1'),
    surname_2: optional('surname_2'),
    id_document_type: idType,
    id_document_country: country,
    serial_number: value('serial_number'),
    email,
    mobile_phone_number: phone.replace(/[ -]/g, ''),
    registration_authority: value('registration_authority'),
    profile: value('profile'),
    communication_language: language,
    env,
    useasync,
    callback,
    residence: null,
    residence_city: null,
    residence_postal_code: null,
    residence_address: null,
    special_conditions: null,
  };
  for (const name of OPTIONAL) {
    if (name === 'callback' || name === 'surname_2') continue;
    signer[name] = optional(name);
  }
  return { signer, credentials };
}

/** "+34600123456" → "+34*******456": how the service names the phone in its answers. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return phone;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}
