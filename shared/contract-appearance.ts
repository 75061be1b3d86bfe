// The contract's schemas for how a signature looks and where it lands: placements (one rule for
// a job or a batch, anchor text, a per-document box), the resolved stamp each document shows in
// the queue, saved appearance templates, the audit log's filters and the settings' values.
import { z } from 'zod';
import { CORNERS } from './appearance';
import { SUBFILTERS } from './signature';

const text = (max = 500) => z.string().max(max);
/** A length on a page, in points: generous bounds (an A0 sheet is 3370 pt high). */
const points = z.number().min(-14_400).max(14_400);
const size = z.number().min(1).max(14_400);

export const pageRuleSchema = z.union([
  z.literal('first'),
  z.literal('last'),
  z.number().int().min(1).max(1_000_000),
]);

export const cornerRuleSchema = z.object({
  page: pageRuleSchema,
  corner: z.enum(CORNERS),
  x: points,
  y: points,
  width: size,
  height: size,
});

/** The rule for a job or a batch: a page and corner, optionally led by a phrase on the page. */
export const placementSchema = z.object({
  rule: cornerRuleSchema,
  anchor: z.object({ text: text(200).trim().min(1), dx: points, dy: points }).optional(),
});

export const pdfRectSchema = z.tuple([points, points, points, points]);

/** Exactly where the RAO drew it on one document (`signature_by_doc`); the page counted from 1. */
export const exactPlacementSchema = z.object({
  page: z.number().int().min(1).max(1_000_000),
  rect: pdfRectSchema,
});

export const STAMP_SOURCES = ['rule', 'anchor', 'fallback', 'exact'] as const;

/** What the RAO should know about a stamp; codes, so the interface says them in its language. */
export const STAMP_NOTES = [
  'phrase_missing',
  'page_missing',
  'moved_onto_page',
  /** The page is smaller than the stamp: it was scaled down evenly to fit (never squeezed). */
  'shrunk_to_fit',
  /** The stamp's box lies over the page's text or over an image on it. */
  'covers_text',
  'covers_image',
] as const;
export type StampNote = (typeof STAMP_NOTES)[number];

/** Where a document's stamp will go, as resolved against the document itself. */
export const stampSchema = z.object({
  /** The page as people count it (from 1). */
  page: z.number().int().min(1),
  rect: pdfRectSchema,
  source: z.enum(STAMP_SOURCES),
  /** Why a fallback or a move happened (the anchor phrase or the ruled page missing, the box moved). */
  notes: z.array(z.enum(STAMP_NOTES)),
  /**
   * When the stamp covers text or an image: the nearest spot of the same size on the same page
   * that covers neither (null: the page has none). Absent when nothing is covered.
   */
  free: pdfRectSchema.nullable().optional(),
});

export const SIGNATURE_LEVELS = ['BES', 'T', 'LTV', 'LTVLITE', 'BASIC', 'LTVA'] as const;

/** A saved appearance design. Placeholders: {signer} {date} {reason} {location} {id}. */
export const templateDesignSchema = z.object({
  name: text(100).trim().min(1),
  lines: z.array(text(200)).max(12),
  textSize: z.number().min(4).max(36),
  textAlign: z.enum(['left', 'center', 'right']),
  /** A PNG, base64 without a data: prefix. */
  image: z.string().max(1_400_000).nullable(),
  qrcode: text(2000).nullable(),
  reason: text(300),
  location: text(300),
  level: z.enum(SIGNATURE_LEVELS),
  useTsa: z.boolean(),
  subfilter: z.enum(SUBFILTERS),
});

export const templateSchema = templateDesignSchema.extend({
  id: z.string(),
  isDefault: z.boolean(),
  updatedAt: z.string(),
});

export const auditFilterSchema = z.object({
  jobId: z.string().min(1).max(200).optional(),
  /** Part of the signer's name or ID number, any case. */
  signer: text(200).optional(),
  kind: text(100).optional(),
  /** ISO dates (YYYY-MM-DD) or instants, inclusive. */
  from: text(40).optional(),
  to: text(40).optional(),
});

export const SETTING_KEYS = [
  'language',
  'outputDir',
  'nameTemplate',
  'concurrency',
  'originalsRetentionDays',
  'idImageRetentionDays',
  'theme',
  /**
   * The signer's communication language (ES, PL, EN) where the signer's country does not settle it;
   * null: English.
   */
  'signerLanguage',
  /** The placement every new draft starts with (null: none, the signature stays invisible). */
  'defaultPlacement',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type Placement = z.infer<typeof placementSchema>;
export type ExactPlacement = z.infer<typeof exactPlacementSchema>;
export type Stamp = z.infer<typeof stampSchema>;
export type TemplateDesign = z.infer<typeof templateDesignSchema>;
export type Template = z.infer<typeof templateSchema>;
export type AuditFilter = z.infer<typeof auditFilterSchema>;
