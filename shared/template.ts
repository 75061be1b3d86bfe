// Appearance templates without any I/O: filling their placeholders, turning a design into the sign
// call's `signature` object, and the JSON file offices use to share designs.
import { templateDesignSchema, type TemplateDesign } from './contract-appearance';
import type { SignatureAppearance, SignatureParams } from './signature';
import type { CommunicationLanguage } from './signer';

export const PLACEHOLDERS = ['signer', 'date', 'reason', 'location', 'id'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const PLACEHOLDER_PATTERN = /\{(signer|date|reason|location|id)\}/g;

/**
 * Replaces the placeholders that have a value and leaves the others as written, so that what is
 * only known later (the signing time for `{date}`) can be filled then.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: Placeholder) => values[name] ?? whole);
}

/**
 * The standard design's lines in each communication language (the stamp speaks to the signer and
 * whoever reads the signed PDF, so it is worded in the signer's language, not the RAO's). Every
 * character is in WinAnsi, which the standard PDF font draws.
 */
export const STANDARD_LINES: Readonly<Record<CommunicationLanguage, readonly string[]>> = {
  EN: ['Signed by {signer}', 'ID {id}'],
  ES: ['Firmado por {signer}', 'Documento {id}'],
  PL: ['Podpisany przez {signer}', 'Dokument {id}'],
};

const sameLines = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((line, index) => line === b[index]);

/**
 * A design's lines for a signer: the standard lines (as a fresh desk stores them, in any of the
 * languages) follow the signer's language; lines the office wrote itself stay as written.
 */
export function linesFor(design: TemplateDesign, language?: CommunicationLanguage): readonly string[] {
  if (language === undefined) return design.lines;
  const standard = Object.values(STANDARD_LINES).some((lines) => sameLines(lines, design.lines));
  return standard ? STANDARD_LINES[language] : design.lines;
}

/**
 * The sign call's `signature` object for a design, without position or page (those belong to
 * each document). `{reason}` and `{location}` fall back to the design's own reason and location.
 * With the signer's communication language, the standard lines are worded in it.
 */
export function templateToSignature(
  design: TemplateDesign,
  values: PlaceholderValues,
  language?: CommunicationLanguage,
): SignatureParams {
  const filled: PlaceholderValues = { reason: design.reason, location: design.location, ...values };
  const reason = filled.reason ?? '';
  const location = filled.location ?? '';
  const appearance: SignatureAppearance = {
    // A line that only held an empty placeholder would leave a gap in the stamp.
    text: linesFor(design, language)
      .map((line) => fillPlaceholders(line, filled))
      .filter((line) => line.trim() !== ''),
    text_size: design.textSize,
    text_align: design.textAlign,
  };
  if (reason.trim() !== '') appearance.reason = reason;
  if (location.trim() !== '') appearance.location = location;
  if (design.image) appearance.b64_image = design.image;
  const qrcode = design.qrcode === null ? '' : fillPlaceholders(design.qrcode, filled);
  if (qrcode.trim() !== '') appearance.qrcode = qrcode;
  return { appearance, level: design.level, use_tsa: design.useTsa, subfilter: design.subfilter };
}

/** The design a fresh desk starts with. */
export const STANDARD_TEMPLATE: TemplateDesign = {
  name: 'Standard',
  // No {date} line: the service prints the signing time on the stamp itself. Stored in English;
  // worded in the signer's language when sent (linesFor).
  lines: [...STANDARD_LINES.EN],
  textSize: 8,
  textAlign: 'left',
  image: null,
  qrcode: null,
  reason: '',
  location: '',
  level: 'BES',
  useTsa: true,
  subfilter: 'adbe.pkcs7.detached',
};

export const TEMPLATE_FILE_FORMAT = 'oneshot-desk.templates';
export const TEMPLATE_FILE_VERSION = 1;
/** Room for a few dozen designs with images; larger is not a template file. */
export const MAX_TEMPLATE_FILE_CHARS = 20_000_000;
export const MAX_TEMPLATES_PER_FILE = 500;

export interface TemplateFile {
  format: typeof TEMPLATE_FILE_FORMAT;
  version: typeof TEMPLATE_FILE_VERSION;
  templates: TemplateDesign[];
}

export function templateFile(designs: readonly TemplateDesign[]): string {
  const file: TemplateFile = {
    format: TEMPLATE_FILE_FORMAT,
    version: TEMPLATE_FILE_VERSION,
    templates: designs.map((d) => templateDesignSchema.parse(d)),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** "oneshot-templates-2026-11-25.json" */
export function templateFileName(now: Date): string {
  return `oneshot-templates-${now.toISOString().slice(0, 10)}.json`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The 8-byte PNG signature (89 50 4E 47 0D 0A 1A 0A) encodes to these 11 base64 characters. */
const PNG_SIGNATURE_BASE64 = 'iVBORw0KGgo';

/** Why `base64` is not a PNG as the stamp needs it (base64 without a data: prefix), or null. */
export function pngProblem(base64: string): string | null {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return 'is not valid base64';
  if (!base64.startsWith(PNG_SIGNATURE_BASE64)) return 'is not a PNG image';
  return null;
}

export type TemplateFileParse = { ok: true; designs: TemplateDesign[] } | { ok: false; problems: string[] };

/** Reads a shared template file; every problem found is listed, in words for a person. */
export function parseTemplateFile(json: string): TemplateFileParse {
  const fail = (...problems: string[]): TemplateFileParse => ({ ok: false, problems });
  if (json.length > MAX_TEMPLATE_FILE_CHARS)
    return fail(
      `The file is too large for a template file (over ${MAX_TEMPLATE_FILE_CHARS / 1_000_000} MB).`,
    );
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail('The file is not JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('The file is not a One-Shot Desk template file.');
  const record = data as Record<string, unknown>;
  if (record.format !== TEMPLATE_FILE_FORMAT)
    return fail(`The file is not a One-Shot Desk template file (format is not "${TEMPLATE_FILE_FORMAT}").`);
  if (record.version !== TEMPLATE_FILE_VERSION)
    return fail(
      `The file is version ${JSON.stringify(record.version)}; this desk reads version ${TEMPLATE_FILE_VERSION}.`,
    );
  if (!Array.isArray(record.templates)) return fail('The file has no list of templates.');
  if (record.templates.length === 0) return fail('The file holds no templates.');
  if (record.templates.length > MAX_TEMPLATES_PER_FILE)
    return fail(`The file holds more than ${MAX_TEMPLATES_PER_FILE} templates.`);
  const problems: string[] = [];
  const designs: TemplateDesign[] = [];
  record.templates.forEach((entry: unknown, index) => {
    const label = `Template ${index + 1}`;
    const parsed = templateDesignSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        problems.push(`${label}${path ? ` (${path})` : ''}: ${issue.message}`);
      }
      return;
    }
    const image = parsed.data.image === null ? null : pngProblem(parsed.data.image);
    if (image) problems.push(`${label} ("${parsed.data.name}"): the image ${image}.`);
    else designs.push(parsed.data);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, designs };
}

/** The office's local time with its offset from UTC, e.g. "2026-11-25 10:32 UTC+01:00": `{date}`. */
export function signingDate(now: Date): string {
  const pad = (n: number): string => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ` +
    `${pad(now.getHours())}:${pad(now.getMinutes())} UTC${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
