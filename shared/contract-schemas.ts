// The bridge contract's building blocks: the signer, the signature, profiles, jobs as the
// renderer sees them, and the small shapes the operations share. The operations themselves are in
// contract.ts, which re-exports what other code uses from here.
import { z } from 'zod';
import { COUNTRY_PROBLEM, isCountryCode } from './countries';
import { JOB_STATES } from './job';
import { ID_DOCUMENT_TYPES, LANGUAGES, OTP_DELIVERY } from './signer';
import { SUBFILTERS } from './signature';
import { placementSchema, stampSchema } from './contract-appearance';

export const id = z.string().min(1).max(200);
export const text = (max = 500) => z.string().max(max);

export const signerSchema = z.object({
  given_name: text(200).min(1),
  surname_1: text(200).min(1),
  surname_2: text(200).optional(),
  id_document_type: z.enum(ID_DOCUMENT_TYPES),
  id_document_country: z.string().refine(isCountryCode, COUNTRY_PROBLEM),
  serial_number: text(100).min(1),
  email: z.email(),
  mobile_phone_number: z.string().regex(/^\+[1-9][0-9 -]{6,18}[0-9]$/),
  registration_authority: text(100).min(1),
  profile: text(200).min(1),
  communication_language: z.enum(LANGUAGES).optional(),
});

/**
 * A draft's signer while the RAO is still typing: every field is kept as typed, valid or not, so
 * nothing is lost between a keystroke and "Start" (where signerSchema names what is wrong). Only
 * the length is bounded, generously, to keep a pasted page out of the database.
 */
const typed = z.string().max(2000).optional();
export const draftSignerSchema = z.object({
  given_name: typed,
  surname_1: typed,
  surname_2: typed,
  id_document_type: typed,
  id_document_country: typed,
  serial_number: typed,
  email: typed,
  mobile_phone_number: typed,
  registration_authority: typed,
  profile: typed,
  communication_language: typed,
});

export const signerAuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('otp'), delivery: z.enum(OTP_DELIVERY) }),
  z.object({
    method: z.literal('external'),
    type: text(100).min(1),
    value: text(2000).min(1),
    secret: text(2000).optional(),
  }),
]);

export const appearanceSchema = z.object({
  position: z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}\s*$/)
    .optional(),
  page: z.number().int().min(0).optional(),
  text: z.array(text(300)).max(20).optional(),
  text_size: z.number().positive().max(200).optional(),
  text_align: z.enum(['left', 'center', 'right']).optional(),
  horizontal: z.boolean().optional(),
  date: text(100).optional(),
  timezone: text(100).optional(),
  reason: text(300).optional(),
  location: text(300).optional(),
  image: text(200).optional(),
  b64_image: z.string().max(10_000_000).optional(),
  qrcode: text(2000).optional(),
});

export const signatureSchema = z.object({
  appearance: appearanceSchema.optional(),
  disable_ltv: z.boolean().optional(),
  use_tsa: z.boolean().optional(),
  metadata: text(2000).optional(),
  level: text(20).optional(),
  subfilter: z.enum(SUBFILTERS).optional(),
});

/** The built-in training sandbox's profile (no legal value); the UI names it in its own language. */
export const TRAINING_PROFILE_ID = 'training';

export const profileSchema = z.object({
  id,
  name: text(200).min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  env: z.enum(['sandbox', 'prod']),
  caPem: z.string().max(100_000).nullable(),
  pinSha256: z.string().max(200).nullable(),
  defaultRegistrationAuthority: text(100).nullable(),
  defaultProfile: text(200).nullable(),
});

export const jobStateSchema = z.enum(JOB_STATES);

export const jobDocumentViewSchema = z.object({
  position: z.number().int(),
  filename: z.string(),
  size: z.number().int(),
  pages: z.number().int(),
  uploaded: z.boolean(),
  outputPath: z.string().nullable(),
  signerName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  remoteDeleted: z.boolean(),
  /** Where its stamp will go; null for an invisible signature or before a placement is chosen. */
  stamp: stampSchema.nullable(),
  /** The RAO drew this document's box by hand (it overrides the job's rule). */
  placedByHand: z.boolean(),
  /** The Optimizer's own words when it refused this document; null otherwise. */
  refusal: z.string().nullable(),
});

export const jobViewSchema = z.object({
  id,
  label: z.string(),
  profileId: z.string(),
  batchId: z.string().nullable(),
  state: jobStateSchema,
  failedStep: jobStateSchema.nullable(),
  error: z
    .object({
      kind: z.string(),
      message: z.string(),
      retryable: z.boolean(),
      /** For a refused code: how many more tries the desk allows before a new code is needed. */
      attemptsLeft: z.number().int().min(0).optional(),
      /** The failure as a code and its values (e.g. an output folder and why it can't be written). */
      problem: z.object({ name: z.string(), values: z.record(z.string(), z.string()) }).optional(),
    })
    .nullable(),
  paused: z.boolean(),
  auth: z.object({ method: z.enum(['otp', 'external']), detail: z.string() }),
  requestPk: z.string().nullable(),
  otpSentAt: z.string().nullable(),
  /** Signed in the service's async mode (the desk polls the request after the sign call). */
  asyncMode: z.boolean(),
  progress: z.number().min(0).max(1),
  createdAt: z.string(),
  documents: z.array(jobDocumentViewSchema),
});

export const tokenLabelSchema = z.object({
  username: z.string(),
  env: z.string().optional(),
  hasPassword: z.boolean().optional(),
  hasPin: z.boolean().optional(),
  status: z.enum(['valid', 'invalid', 'unknown']),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  jobId: z.string().nullable(),
  /** The job's signer ("given name surname"), when the event belongs to a job. */
  signer: z.string().nullable(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const ID_IMAGE_SIDES = ['document_front', 'document_rear', 'document_owner'] as const;

/** Each document of a job by position, and the service contract. */
export const reviewItem = z.union([z.literal('contract'), z.number().int().min(0).max(1000)]);
/** One page of a document as the signer saw it, measured in the signer view. */
export const pageSeenSchema = z.object({
  /** Counted from 1, as the page says. */
  page: z.number().int().min(1).max(100_000),
  /** The largest share of the page that was on screen while it counted (0–1). */
  share: z.number().min(0).max(1),
  /** How long it stayed on screen at that share, in milliseconds. */
  ms: z.number().int().min(0).max(86_400_000),
  /** When it had been on screen long enough to count (ISO 8601). */
  at: z.iso.datetime(),
});
export const reviewStateSchema = z.object({
  read: z.array(reviewItem),
  /** Items the RAO marked read with a reason instead of the signer reading them on screen. */
  overridden: z.array(reviewItem),
  /** The signer view was opened since the contract was fetched: reading counts only after. */
  signerView: z.boolean(),
  consented: z.boolean(),
  complete: z.boolean(),
});

export const jobDetailsSchema = z.object({
  signer: draftSignerSchema,
  auth: z.discriminatedUnion('method', [
    z.object({ method: z.literal('otp'), delivery: z.enum(OTP_DELIVERY) }),
    z.object({ method: z.literal('external'), type: z.string() }),
  ]),
  raoUsername: z.string(),
  outputDir: z.string(),
  asyncMode: z.boolean(),
  /** The office's language for signers whose country does not settle it (null: English). */
  officeLanguage: z.enum(['ES', 'PL', 'EN']).nullable(),
  idImages: z.array(z.enum(ID_IMAGE_SIDES)),
  missing: z.array(z.string()),
  /** The job's placement rule (null: invisible signature) and its template (null: the default). */
  placement: placementSchema.nullable(),
  templateId: z.string().nullable(),
  /** The external methods the job's Optimizer profile declares (shared/external-methods.ts). */
  externalMethods: z.array(z.string()),
});

export const jobIds = z.object({ jobIds: z.array(id).min(1).max(10_000) });
export const nothing = z.object({}).strict();
export const done = z.object({ done: z.literal(true) });
