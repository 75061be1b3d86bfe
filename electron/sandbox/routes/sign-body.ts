// The sign call's JSON body, checked the way the Optimizer's FastAPI models would, then resolved to
// one appearance and subfilter per document (signature_by_doc overrides signature for its uid).
import { ApiError, ValidationError, at, badEnum, badType, missingField } from '../api-error';
import type { FieldProblem } from '../api-error';
import type { SignatureAppearance, SubFilter } from '../pdf/sign-pdf';
import type { DocumentRow } from '../store';

export const SUBFILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const;

export interface SignBody {
  secret: string;
  extUnlockType?: string;
  extUnlockValue?: string;
  signature: Record<string, unknown>;
  signatureByDoc: Record<string, Record<string, unknown>>;
  countersignature?: Record<string, unknown>;
}

export interface DocumentPlan {
  doc: DocumentRow;
  appearance?: SignatureAppearance;
  subFilter: SubFilter;
  /** What the sandbox records but does not act on (level, TSA, LTV, metadata). */
  recorded: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseSignBody(body: Record<string, unknown>): SignBody {
  const problems: FieldProblem[] = [];
  const optionalString = (name: string): string | undefined => {
    const v = body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') problems.push(badType('body', name, 'str', v));
    return typeof v === 'string' ? v : undefined;
  };
  const secret = optionalString('secret');
  if (body.secret === undefined || body.secret === null) problems.push(missingField('body', 'secret'));
  const extUnlockType = optionalString('ext_unlock_type');
  const extUnlockValue = optionalString('ext_unlock_value');
  const objectField = (name: string): Record<string, unknown> | undefined => {
    const v = body[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) problems.push(badType('body', name, 'dict', v));
    return isObject(v) ? v : undefined;
  };
  const signature = objectField('signature') ?? {};
  const byDocRaw = objectField('signature_by_doc') ?? {};
  const countersignature = objectField('countersignature');
  const signatureByDoc: Record<string, Record<string, unknown>> = {};
  for (const [uid, value] of Object.entries(byDocRaw)) {
    if (isObject(value)) signatureByDoc[uid] = value;
    else problems.push(at(['body', 'signature_by_doc', uid], badType('body', uid, 'dict', value)));
  }
  for (const [where, params] of [
    ['signature', signature],
    ...Object.entries(signatureByDoc).map(([u, p]) => [`signature_by_doc.${u}`, p] as const),
  ] as const) {
    checkSignatureParams(where, params, problems);
  }
  if (extUnlockType !== undefined && (extUnlockValue === undefined || extUnlockValue === '')) {
    problems.push(missingField('body', 'ext_unlock_value'));
  }
  if (problems.length > 0 || secret === undefined) throw new ValidationError(problems);
  return { secret, extUnlockType, extUnlockValue, signature, signatureByDoc, countersignature };
}

function checkSignatureParams(
  where: string,
  params: Record<string, unknown>,
  problems: FieldProblem[],
): void {
  const loc = ['body', ...where.split('.')];
  const subfilter = params.subfilter;
  if (
    subfilter !== undefined &&
    subfilter !== null &&
    !(SUBFILTERS as readonly unknown[]).includes(subfilter)
  ) {
    problems.push(at([...loc, 'subfilter'], badEnum('body', 'subfilter', SUBFILTERS, subfilter)));
  }
  const appearance = params.appearance;
  if (appearance === undefined || appearance === null) return;
  if (!isObject(appearance)) {
    problems.push(at([...loc, 'appearance'], badType('body', 'appearance', 'dict', appearance)));
    return;
  }
  const types: Record<string, 'string' | 'number' | 'boolean' | 'lines'> = {
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
  for (const [key, type] of Object.entries(types)) {
    const v = appearance[key];
    if (v === undefined || v === null) continue;
    const ok =
      type === 'lines'
        ? Array.isArray(v) && v.every((l) => typeof l === 'string' || typeof l === 'number')
        : typeof v === type;
    if (!ok || (key === 'page' && !Number.isInteger(v))) {
      const expected =
        type === 'number' ? 'integer' : type === 'boolean' ? 'bool' : type === 'lines' ? 'list' : 'str';
      problems.push(at([...loc, 'appearance', key], badType('body', key, expected, v)));
    }
  }
}

const POSITION =
  /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** One plan per document, checked against the documents' page counts before anything is consumed. */
export function planDocuments(body: SignBody, documents: DocumentRow[], pk: number): DocumentPlan[] {
  for (const uid of Object.keys(body.signatureByDoc)) {
    if (!documents.some((d) => d.uid === uid))
      throw new ApiError(404, `Document ${uid} not found in request ${pk}`);
  }
  return documents.map((doc) => {
    const params = body.signatureByDoc[doc.uid] ?? body.signature;
    const raw = (params.appearance ?? undefined) as Record<string, unknown> | undefined;
    const appearance = raw ? toAppearance(raw, doc) : undefined;
    const subFilter = (params.subfilter ?? body.signature.subfilter ?? 'adbe.pkcs7.detached') as SubFilter;
    const recorded: Record<string, unknown> = {};
    for (const key of ['level', 'use_tsa', 'disable_ltv', 'metadata', 'usecountersignature']) {
      const v = params[key] ?? body.signature[key];
      if (v !== undefined) recorded[key] = v;
    }
    return { doc, appearance, subFilter, recorded };
  });
}

function toAppearance(raw: Record<string, unknown>, doc: DocumentRow): SignatureAppearance {
  const appearance = { ...raw } as SignatureAppearance & Record<string, unknown>;
  if (Array.isArray(raw.text)) appearance.text = raw.text.map(String);
  if (appearance.position !== undefined) {
    const m = POSITION.exec(appearance.position);
    const [x1, y1, x2, y2] = (m ?? []).slice(1).map(Number) as [number, number, number, number];
    if (!m || x1 === x2 || y1 === y2) {
      throw new ApiError(
        400,
        `Invalid signature position "${appearance.position}": use "x1,y1,x2,y2" in points from the bottom-left corner`,
      );
    }
  }
  const page = appearance.page ?? 0;
  if (page < 0 || page >= doc.pages) {
    throw new ApiError(
      400,
      `Invalid signature page ${page} for document ${doc.uid}: it has ${doc.pages} page(s), numbered from 0`,
    );
  }
  if (appearance.b64_image !== undefined) {
    const png = Buffer.from(appearance.b64_image, 'base64');
    if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      throw new ApiError(415, 'Unsupported image type for b64_image: use a base64 PNG');
    }
  }
  return appearance;
}
