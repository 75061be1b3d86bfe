// The bridge contract: every operation the renderer may ask of the main process and every event it
// may receive, each with zod schemas. It is the single source of truth for both transports
// (Electron IPC through the preload, and the browser host over loopback HTTP/WebSocket); nothing
// else in the code base names a channel. Secrets go in (a password, a PIN, a code) but never come
// back out: results carry labels and states only.
import { z } from 'zod';
import { type EventName, type OperationName } from './contract-names';
import { JOB_STATES } from './job';
import { ID_DOCUMENT_TYPES, LANGUAGES, OTP_DELIVERY } from './signer';
import { SUBFILTERS } from './signature';
import {
  auditFilterSchema,
  exactPlacementSchema,
  pdfRectSchema,
  placementSchema,
  SETTING_KEYS,
  stampSchema,
  templateDesignSchema,
  templateSchema,
} from './contract-appearance';

export {
  EVENT_NAMES,
  OPERATION_NAMES,
  isEventName,
  isOperationName,
  type EventName,
  type OperationName,
} from './contract-names';

// --- building blocks --------------------------------------------------------------------------

const id = z.string().min(1).max(200);
const text = (max = 500) => z.string().max(max);

export const signerSchema = z.object({
  given_name: text(200).min(1),
  surname_1: text(200).min(1),
  surname_2: text(200).optional(),
  id_document_type: z.enum(ID_DOCUMENT_TYPES),
  id_document_country: z.string().regex(/^[A-Za-z]{2}$/),
  serial_number: text(100).min(1),
  email: z.email(),
  mobile_phone_number: z.string().regex(/^\+[1-9][0-9 -]{6,18}[0-9]$/),
  registration_authority: text(100).min(1),
  profile: text(200).min(1),
  communication_language: z.enum(LANGUAGES).optional(),
});

/** A draft's signer while the RAO is still typing: every field may be missing, none may be malformed. */
export const draftSignerSchema = signerSchema.partial().extend({
  given_name: text(200).optional(),
  surname_1: text(200).optional(),
  serial_number: text(100).optional(),
  // Accepted as typed while drafting; checked with the server's rules when the job is started.
  email: text(320).optional(),
  mobile_phone_number: text(40).optional(),
  id_document_country: text(2).optional(),
  registration_authority: text(100).optional(),
  profile: text(200).optional(),
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

const jobStateSchema = z.enum(JOB_STATES);

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
});

export const jobViewSchema = z.object({
  id,
  label: z.string(),
  profileId: z.string(),
  batchId: z.string().nullable(),
  state: jobStateSchema,
  failedStep: jobStateSchema.nullable(),
  error: z.object({ kind: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  paused: z.boolean(),
  auth: z.object({ method: z.enum(['otp', 'external']), detail: z.string() }),
  requestPk: z.string().nullable(),
  otpSentAt: z.string().nullable(),
  progress: z.number().min(0).max(1),
  createdAt: z.string(),
  documents: z.array(jobDocumentViewSchema),
});

const tokenLabelSchema = z.object({
  username: z.string(),
  env: z.string().optional(),
  hasPassword: z.boolean().optional(),
  hasPin: z.boolean().optional(),
  status: z.enum(['valid', 'invalid', 'unknown']),
});

const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  jobId: z.string().nullable(),
  /** The job's signer ("given name surname"), when the event belongs to a job. */
  signer: z.string().nullable(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const ID_IMAGE_SIDES = ['document_front', 'document_rear', 'document_owner'] as const;

/** Each document of a job by position, and the service contract. */
const reviewItem = z.union([z.literal('contract'), z.number().int().min(0).max(1000)]);
const reviewStateSchema = z.object({
  read: z.array(reviewItem),
  consented: z.boolean(),
  complete: z.boolean(),
});

const jobDetailsSchema = z.object({
  signer: draftSignerSchema,
  auth: z.discriminatedUnion('method', [
    z.object({ method: z.literal('otp'), delivery: z.enum(OTP_DELIVERY) }),
    z.object({ method: z.literal('external'), type: z.string() }),
  ]),
  raoUsername: z.string(),
  outputDir: z.string(),
  idImages: z.array(z.enum(ID_IMAGE_SIDES)),
  missing: z.array(z.string()),
  /** The job's placement rule (null: invisible signature) and its template (null: the default). */
  placement: placementSchema.nullable(),
  templateId: z.string().nullable(),
});

const jobIds = z.object({ jobIds: z.array(id).min(1).max(10_000) });
const nothing = z.object({}).strict();
const done = z.object({ done: z.literal(true) });

// --- operations ------------------------------------------------------------------------------

function op<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): { args: A; result: R } {
  return { args, result };
}

export const OPERATIONS = {
  'app.info': op(
    nothing,
    z.object({ name: z.literal('One-Shot Desk'), version: z.string(), training: z.boolean() }),
  ),

  'profiles.list': op(
    nothing,
    z.object({ profiles: z.array(profileSchema), activeId: z.string().nullable() }),
  ),
  'profiles.save': op(profileSchema, profileSchema),
  'profiles.remove': op(z.object({ profileId: id }), done),
  'profiles.setActive': op(z.object({ profileId: id }), done),
  'profiles.status': op(
    z.object({ profileId: id }),
    z.object({
      reachable: z.boolean(),
      version: z.string().nullable(),
      roundTripMs: z.number().nullable(),
      message: z.string().nullable(),
    }),
  ),

  'tokens.list': op(
    z.object({ profileId: id, refresh: z.boolean().optional() }),
    z.object({ tokens: z.array(tokenLabelSchema), activeUsername: z.string().nullable() }),
  ),
  'tokens.create': op(
    z.object({
      profileId: id,
      username: text(200).min(1),
      password: z.string().min(1).max(500),
      pin: z.string().regex(/^\d{4,8}$/),
      env: z.enum(['sandbox', 'prod']).optional(),
    }),
    z.object({ username: z.string(), env: z.string().optional() }),
  ),
  'tokens.setActive': op(z.object({ profileId: id, username: text(200).min(1) }), done),
  'tokens.remove': op(
    z.object({ profileId: id, username: text(200).min(1), localOnly: z.boolean().optional() }),
    done,
  ),

  /**
   * Files the page holds as bytes (browser mode has no paths): sent in chunks of at most 4 MiB
   * (base64), appended in order; the last chunk answers the local path to inspect and draft with.
   */
  'documents.stage': op(
    z.object({
      stageId: z
        .string()
        .regex(/^[0-9a-f-]{36}$/)
        .nullable(),
      filename: text(255).min(1),
      offset: z.number().int().min(0),
      base64: z.string().max(5_600_000),
      last: z.boolean(),
    }),
    z.object({ stageId: z.string(), received: z.number().int(), path: z.string().nullable() }),
  ),
  /** Files and folders (searched for PDFs, recursively) checked before they join a job. */
  'documents.inspect': op(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }),
    z.object({
      files: z.array(
        z.union([
          z.object({
            path: z.string(),
            ok: z.literal(true),
            pages: z.number().int(),
            size: z.number().int(),
            hasSignatures: z.boolean(),
          }),
          z.object({ path: z.string(), ok: z.literal(false), reason: z.string(), message: z.string() }),
        ]),
      ),
    }),
  ),

  'jobs.list': op(
    z.object({
      states: z.array(jobStateSchema).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.object({
      jobs: z.array(jobViewSchema),
      total: z.number().int(),
      /** Jobs per state across the whole queue (as the `queue` event carries), for overall progress. */
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
  'jobs.get': op(z.object({ jobId: id }), jobViewSchema),
  'jobs.create': op(
    z.object({
      profileId: id,
      raoUsername: text(200).min(1),
      signer: signerSchema,
      auth: signerAuthSchema,
      signature: signatureSchema.optional(),
      outputDir: z.string().min(1).max(4096),
      nameTemplate: text(200).optional(),
      paths: z.array(z.string().min(1).max(4096)).min(1).max(500),
      start: z.boolean().optional(),
    }),
    jobViewSchema,
  ),
  /** A draft from dropped files: the signer and method are filled in afterwards. */
  'jobs.draft': op(
    z.object({
      profileId: id.optional(),
      paths: z.array(z.string().min(1).max(4096)).min(1).max(100),
    }),
    jobViewSchema,
  ),
  'jobs.details': op(z.object({ jobId: id }), jobDetailsSchema),
  'jobs.update': op(
    z.object({
      jobId: id,
      signer: draftSignerSchema.optional(),
      auth: signerAuthSchema.optional(),
      raoUsername: text(200).optional(),
      outputDir: text(4096).optional(),
      /** The documents to keep, by their current position, in their new order. */
      order: z.array(z.number().int().min(0)).max(100).optional(),
      addPaths: z.array(z.string().min(1).max(4096)).max(100).optional(),
    }),
    jobViewSchema,
  ),
  'jobs.setIdImage': op(
    z.object({
      jobId: id,
      side: z.enum(ID_IMAGE_SIDES),
      image: z
        .object({
          contentType: z.enum(['image/jpeg', 'image/png']),
          base64: z.string().min(1).max(14_000_000),
        })
        .nullable(),
    }),
    done,
  ),
  'jobs.start': op(jobIds, done),
  'jobs.pause': op(jobIds, done),
  'jobs.resume': op(jobIds, done),
  'jobs.cancel': op(jobIds, done),
  'jobs.retry': op(jobIds, done),
  'jobs.remove': op(jobIds, done),

  'review.file': op(
    z.object({ jobId: id, which: z.union([z.literal('contract'), z.number().int().min(0)]) }),
    z.object({ filename: z.string(), base64: z.string() }),
  ),
  'review.state': op(z.object({ jobId: id }), reviewStateSchema),
  /** The signer opened this document and scrolled to its end (recorded in the audit log). */
  'review.markRead': op(z.object({ jobId: id, which: reviewItem }), reviewStateSchema),
  /** The signer accepts the contract and the documents; only once every one has been read. */
  'review.consent': op(z.object({ jobId: id }), reviewStateSchema),
  'otp.send': op(
    z.object({ jobId: id, delivery: z.enum(OTP_DELIVERY).optional() }),
    z.object({ sentAt: z.string() }),
  ),
  'otp.submit': op(z.object({ jobId: id, code: z.string().regex(/^\s*\d{4,8}\s*$/) }), done),

  /** Training sandbox only: the code the customer's phone would have received. */
  'training.inbox': op(
    z.object({ jobId: id }),
    z.object({ code: z.string().nullable(), delivery: z.string().nullable(), sentAt: z.string().nullable() }),
  ),

  'results.verify': op(
    z.object({ jobId: id, position: z.number().int().min(0) }),
    z.object({
      ok: z.boolean(),
      signerName: z.string().nullable(),
      signingTime: z.string().nullable(),
      coversWholeFile: z.boolean(),
      problems: z.array(z.string()),
    }),
  ),
  /** The signed file's bytes, for the in-app viewer (browser mode cannot open local files). */
  'results.file': op(
    z.object({ jobId: id, position: z.number().int().min(0) }),
    z.object({ filename: z.string(), base64: z.string() }),
  ),
  'files.open': op(z.object({ jobId: id, position: z.number().int().min(0) }), done),
  'files.reveal': op(z.object({ jobId: id, position: z.number().int().min(0) }), done),
  'dialogs.pickDocuments': op(nothing, z.object({ paths: z.array(z.string()) })),
  'dialogs.pickFolder': op(nothing, z.object({ path: z.string().nullable() })),
  /** The RAO pressed "Use camera": the next camera permission request of the window is granted. */
  'camera.allow': op(nothing, done),

  /** Sets the placement rule and/or the template of draft jobs; each document's stamp is resolved. */
  'appearance.apply': op(
    z.object({
      jobIds: z.array(id).min(1).max(10_000),
      placement: placementSchema.nullable().optional(),
      templateId: id.nullable().optional(),
      /** A selection may hold jobs already started: leave those as they are instead of refusing. */
      skipStarted: z.boolean().optional(),
    }),
    z.object({
      jobs: z.number().int(),
      documents: z.number().int(),
      fallbacks: z.number().int(),
      /** Started jobs left as they were (only with `skipStarted`). */
      skipped: z.number().int(),
    }),
  ),
  /** One document's own box, drawn by hand (null returns it to the job's rule). */
  'appearance.placeDocument': op(
    z.object({ jobId: id, position: z.number().int().min(0), exact: exactPlacementSchema.nullable() }),
    jobViewSchema,
  ),
  /** Where a phrase first occurs in a document (page from 1, rectangle in points), or null. */
  'appearance.findText': op(
    z.object({ jobId: id, position: z.number().int().min(0), text: text(200).trim().min(1) }),
    z.object({ found: z.object({ page: z.number().int().min(1), rect: pdfRectSchema }).nullable() }),
  ),

  'templates.list': op(nothing, z.object({ templates: z.array(templateSchema) })),
  /** Creates (no id) or replaces a template; renaming is saving with a new name. */
  'templates.save': op(z.object({ id: id.optional(), design: templateDesignSchema }), templateSchema),
  'templates.duplicate': op(z.object({ id }), templateSchema),
  'templates.remove': op(z.object({ id }), done),
  'templates.setDefault': op(z.object({ id }), done),
  /** The chosen templates (all when none are named) as a JSON file an office can share. */
  'templates.export': op(
    z.object({ ids: z.array(id).max(1000).optional() }),
    z.object({ filename: z.string(), json: z.string() }),
  ),
  'templates.import': op(
    z.object({ json: z.string().min(1).max(20_000_000) }),
    z.object({ templates: z.array(templateSchema) }),
  ),

  'audit.list': op(
    auditFilterSchema.extend({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
    z.object({ events: z.array(auditEventSchema), total: z.number().int() }),
  ),
  'audit.verify': op(
    nothing,
    z.object({
      ok: z.boolean(),
      events: z.number().int(),
      brokenAt: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    }),
  ),
  /** The filtered events as a file to save: CSV (one row per event) or JSON (with the hashes). */
  'audit.export': op(
    auditFilterSchema.extend({ format: z.enum(['csv', 'json']) }),
    z.object({ filename: z.string(), content: z.string() }),
  ),

  'settings.get': op(nothing, z.object({ settings: z.record(z.string(), z.unknown()) })),
  /** The value is checked per key in core; a wrong one is refused with what is allowed. */
  'settings.set': op(z.object({ key: z.enum(SETTING_KEYS), value: z.unknown() }), done),
} as const;

/** Compile-time proof that the name list and the schemas agree both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const operationNamesMatch: Same<keyof typeof OPERATIONS, OperationName> = true;
void operationNamesMatch;

export type OperationArgs<N extends OperationName> = z.input<(typeof OPERATIONS)[N]['args']>;
export type OperationResult<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['result']>;

// --- results ---------------------------------------------------------------------------------

/** Codes the UI translates; the message is for a person and never holds a stack or a secret. */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'offline',
  'timeout',
  'tls',
  'auth',
  'otp_wrong',
  'otp_expired',
  'otp_cooldown',
  'otp_locked',
  'unsupported_media',
  'server',
  'unknown_outcome',
  'keychain_unavailable',
  'forbidden',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const bridgeErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  /**
   * The same refusal as a code and its values (paths, limits; never a secret), for the screens
   * that word it in the RAO's language; the message stays the English fallback.
   */
  problem: z
    .object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })
    .optional(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** The renderer's view of the bridge, derived from the contract (never written twice). */
export type BridgeOperations = {
  [N in OperationName]: (args: OperationArgs<N>) => Promise<Result<OperationResult<N>>>;
};

/** Checks arguments; a failure becomes a `validation` error naming each field. */
export function parseArgs<N extends OperationName>(
  name: N,
  args: unknown,
): Result<z.output<(typeof OPERATIONS)[N]['args']>> {
  const parsed = OPERATIONS[name].args.safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as z.output<(typeof OPERATIONS)[N]['args']> };
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(arguments)';
    (fields[key] ??= []).push(issue.message);
  }
  const names = Object.keys(fields);
  return {
    ok: false,
    error: {
      code: 'validation',
      message: `Check ${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''}.`,
      fields,
    },
  };
}

// --- events ----------------------------------------------------------------------------------

export const EVENTS = {
  job: z.object({
    jobId: id,
    state: jobStateSchema,
    progress: z.number().min(0).max(1),
    message: z.string().optional(),
  }),
  document: z.object({
    jobId: id,
    position: z.number().int(),
    phase: z.enum(['upload', 'download', 'verify', 'saved', 'deleted']),
    bytes: z.number(),
    totalBytes: z.number(),
  }),
  connectivity: z.object({ profileId: id, online: z.boolean(), message: z.string().optional() }),
  attention: z.object({ jobId: id, reason: z.enum(['otp_needed', 'otp_code_needed']), message: z.string() }),
  queue: z.object({ counts: z.record(z.string(), z.number().int()) }),
} as const;

const eventNamesMatch: Same<keyof typeof EVENTS, EventName> = true;
void eventNamesMatch;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export type BridgeEvent = { [E in EventName]: { type: E } & EventPayload<E> }[EventName];
