// The bridge contract: every operation the renderer may ask of the main process and every event it
// may receive, each with zod schemas. It is the single source of truth for both transports
// (Electron IPC through the preload, and the browser host over loopback HTTP/WebSocket); nothing
// else in the code base names a channel. Secrets go in (a password, a PIN, a code) but never come
// back out: results carry labels and states only.
import { z } from 'zod';
import { type EventName, type OperationName } from './contract-names';
import { AUDIT_RESULTS } from './audit-results';
import { JOB_ACTIONS } from './job-actions';
import { OTP_DELIVERY } from './signer';
import {
  auditFilterSchema,
  exactPlacementSchema,
  pdfRectSchema,
  placementSchema,
  SETTING_KEYS,
  templateDesignSchema,
  templateSchema,
} from './contract-appearance';
import { bridgeErrorSchema, type Result } from './contract-errors';
import {
  auditEventSchema,
  done,
  draftSignerSchema,
  id,
  ID_IMAGE_SIDES,
  jobDetailsSchema,
  jobIds,
  jobStateSchema,
  jobViewSchema,
  nothing,
  profileSchema,
  pageSeenSchema,
  reviewItem,
  reviewStateSchema,
  signatureSchema,
  signerAuthSchema,
  signerSchema,
  text,
  tokenLabelSchema,
} from './contract-schemas';

export {
  ERROR_CODES,
  bridgeErrorSchema,
  type BridgeError,
  type ErrorCode,
  type Result,
} from './contract-errors';
export {
  appearanceSchema,
  draftSignerSchema,
  jobDocumentViewSchema,
  jobViewSchema,
  profileSchema,
  signatureSchema,
  signerAuthSchema,
  signerSchema,
  TRAINING_PROFILE_ID,
} from './contract-schemas';
export {
  EVENT_NAMES,
  OPERATION_NAMES,
  isEventName,
  isOperationName,
  type EventName,
  type OperationName,
} from './contract-names';

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
  // A profile whose address, CA or pin changes while it holds RAO tokens is saved only with a choice:
  // keep them (they will be sent to the new address) or forget them (removed from this computer).
  'profiles.save': op(profileSchema.extend({ tokens: z.enum(['keep', 'forget']).optional() }), profileSchema),
  'profiles.remove': op(z.object({ profileId: id }), done),
  'profiles.setActive': op(z.object({ profileId: id }), done),
  'profiles.status': op(
    z.object({ profileId: id }),
    z.object({
      reachable: z.boolean(),
      version: z.string().nullable(),
      roundTripMs: z.number().nullable(),
      message: z.string().nullable(),
      /** Why it cannot be reached, for the screen to word (the message stays English, for logs). */
      problem: bridgeErrorSchema.shape.problem,
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
      asyncMode: z.boolean().optional(),
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
  /** How many of these jobs allow each action (the queue's toolbar shows only those with some). */
  'jobs.actions': op(jobIds, z.object({ counts: z.record(z.enum(JOB_ACTIONS), z.number().int().min(0)) })),
  'jobs.start': op(jobIds, done),
  'jobs.pause': op(jobIds, done),
  'jobs.resume': op(jobIds, done),
  'jobs.cancel': op(jobIds, done),
  'jobs.retry': op(jobIds, done),
  /** Takes a document out of a job stopped before signing (one the Optimizer refused, say). */
  'jobs.dropDocument': op(z.object({ jobId: id, position: z.number().int().min(0) }), jobViewSchema),
  /** A cancelled job, or one that failed before signing, as a new draft with the same details. */
  'jobs.copyAsDraft': op(z.object({ jobId: id }), jobViewSchema),
  /** Removes drafts and finished jobs; the answer's token undoes it for a while. */
  'jobs.remove': op(jobIds, z.object({ removed: z.number().int(), undoToken: z.string() })),
  'jobs.undoRemove': op(z.object({ undoToken: z.uuid() }), z.object({ restored: z.number().int() })),

  'review.file': op(
    z.object({ jobId: id, which: z.union([z.literal('contract'), z.number().int().min(0)]) }),
    z.object({ filename: z.string(), base64: z.string() }),
  ),
  'review.state': op(z.object({ jobId: id }), reviewStateSchema),
  /** The review was turned to the signer ("Signer view"): reading is measured from then on. */
  'review.signerView': op(z.object({ jobId: id }), reviewStateSchema),
  /**
   * Every page of this document was on screen in the signer view (each page's share and time);
   * refused unless the pages cover the whole document. Recorded in the audit log.
   */
  'review.markRead': op(
    z.object({ jobId: id, which: reviewItem, pages: z.array(pageSeenSchema).min(1).max(100_000) }),
    reviewStateSchema,
  ),
  /** The RAO counts a document read without the viewer, with the reason recorded (a paper copy, say). */
  'review.override': op(
    z.object({ jobId: id, which: reviewItem, reason: z.string().trim().min(3).max(500) }),
    reviewStateSchema,
  ),
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
  /** What is printed on one page (text runs and images, as boxes in points): the editor's cover check. */
  'appearance.pageContent': op(
    z.object({
      jobId: id,
      position: z.number().int().min(0),
      page: z.number().int().min(1).max(1_000_000),
    }),
    z.object({ text: z.array(pdfRectSchema).max(20_000), images: z.array(pdfRectSchema).max(20_000) }),
  ),
  /**
   * Every stamp of these drafts that covers text or an image goes to its suggested free spot (as a
   * box of its own); `position` limits it to one document of a single job.
   */
  'appearance.useFreeSpace': op(
    z.object({
      jobIds: z.array(id).min(1).max(10_000),
      position: z.number().int().min(0).optional(),
      skipStarted: z.boolean().optional(),
    }),
    z.object({
      /** Stamps moved to free space. */
      moved: z.number().int(),
      /** Stamps still over text or an image: their page had no free spot of their size. */
      stillCovering: z.number().int(),
      skipped: z.number().int(),
    }),
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
      /** What the check found; the audit screen words each one. */
      result: z.enum(AUDIT_RESULTS),
      events: z.number().int(),
      /** Checked with the keychain's audit key and signed head (false: plain hashes only). */
      sealed: z.boolean(),
      /** The row count the keychain's head records, when rows are missing. */
      expected: z.number().int().optional(),
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
  /** The live status of an Optimizer: pushed at every answer (or silence), changed or not. */
  connectivity: z.object({
    profileId: id,
    online: z.boolean(),
    message: z.string().nullable().optional(),
    /** Why it is offline, for the screen to word (the message stays English, for logs). */
    problem: bridgeErrorSchema.shape.problem,
    roundTripMs: z.number().nullable().optional(),
    checkedAt: z.string().nullable().optional(),
  }),
  attention: z.object({ jobId: id, reason: z.enum(['otp_needed', 'otp_code_needed']), message: z.string() }),
  queue: z.object({ counts: z.record(z.string(), z.number().int()) }),
} as const;

const eventNamesMatch: Same<keyof typeof EVENTS, EventName> = true;
void eventNamesMatch;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export type BridgeEvent = { [E in EventName]: { type: E } & EventPayload<E> }[EventName];
