// The `signature` object of the One-Shot sign call (ONE-SHOT-API.md): how a document is stamped.
// Pure types and a tolerant parser for untrusted input (an --appearance file, a template).

export const SUBFILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const;
export type SubFilter = (typeof SUBFILTERS)[number];

export interface SignatureAppearance {
  /** "x1,y1,x2,y2" in PDF points, origin bottom-left. */
  position?: string;
  /** 0-based page index, as the API counts. */
  page?: number;
  text?: string[];
  text_size?: number;
  text_align?: 'left' | 'center' | 'right';
  horizontal?: boolean;
  date?: string;
  timezone?: string;
  reason?: string;
  location?: string;
  image?: string;
  b64_image?: string;
  qrcode?: string;
}

export interface SignatureParams {
  appearance?: SignatureAppearance;
  disable_ltv?: boolean;
  use_tsa?: boolean;
  metadata?: string;
  level?: string;
  subfilter?: SubFilter;
}

const APPEARANCE_KEYS: Record<keyof SignatureAppearance, 'string' | 'number' | 'boolean' | 'lines'> = {
  position: 'string',
  page: 'number',
  text: 'lines',
  text_size: 'number',
  text_align: 'string',
  horizontal: 'boolean',
  date: 'string',
  timezone: 'string',
  reason: 'string',
  location: 'string',
  image: 'string',
  b64_image: 'string',
  qrcode: 'string',
};

const POSITION = /^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/;

/** Accepts either a `signature` object or `{ "signature": {...} }`; lists every problem found. */
export function parseSignatureParams(
  input: unknown,
): { ok: true; value: SignatureParams } | { ok: false; issues: string[] } {
  const issues: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: ['must be a JSON object'] };
  let record = input as Record<string, unknown>;
  if (typeof record.signature === 'object' && record.signature !== null)
    record = record.signature as Record<string, unknown>;
  const value: SignatureParams = {};
  const known = new Set(['appearance', 'disable_ltv', 'use_tsa', 'metadata', 'level', 'subfilter']);
  for (const key of Object.keys(record)) if (!known.has(key)) issues.push(`unknown field "${key}"`);
  if (record.subfilter !== undefined) {
    if ((SUBFILTERS as readonly unknown[]).includes(record.subfilter))
      value.subfilter = record.subfilter as SubFilter;
    else issues.push(`subfilter must be one of ${SUBFILTERS.join(', ')}`);
  }
  for (const key of ['disable_ltv', 'use_tsa'] as const) {
    if (record[key] === undefined) continue;
    if (typeof record[key] === 'boolean') value[key] = record[key];
    else issues.push(`${key} must be true or false`);
  }
  for (const key of ['metadata', 'level'] as const) {
    if (record[key] === undefined) continue;
    if (typeof record[key] === 'string') value[key] = record[key];
    else issues.push(`${key} must be text`);
  }
  if (record.appearance !== undefined) {
    const a = record.appearance;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) issues.push('appearance must be an object');
    else {
      const appearance: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(a as Record<string, unknown>)) {
        const type = APPEARANCE_KEYS[key as keyof SignatureAppearance];
        if (!type) {
          issues.push(`appearance has an unknown field "${key}"`);
          continue;
        }
        const ok =
          type === 'lines'
            ? Array.isArray(v) && v.every((l) => typeof l === 'string')
            : typeof v === type && (type !== 'number' || Number.isFinite(v));
        if (!ok)
          issues.push(
            `appearance.${key} must be ${type === 'lines' ? 'a list of text lines' : type === 'string' ? 'text' : `a ${type}`}`,
          );
        else appearance[key] = v;
      }
      if (typeof appearance.position === 'string' && !POSITION.test(appearance.position)) {
        issues.push('appearance.position must be "x1,y1,x2,y2" in points from the bottom-left corner');
      }
      if (
        typeof appearance.page === 'number' &&
        (!Number.isInteger(appearance.page) || appearance.page < 0)
      ) {
        issues.push('appearance.page must be a page index counted from 0');
      }
      value.appearance = appearance;
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
