// Drafts: a job the RAO is still filling in. Files are checked and copied into the document store
// as they arrive; the signer may be incomplete until "Start", which names every missing field.
import { declaredExternalMethods, undeclaredMethod } from './external-methods';
import { resolve } from 'node:path';
import { signerSchema, type OperationResult } from '../../../shared/contract';
import {
  isCommunicationLanguage,
  settleDraftSigner,
  type CommunicationLanguage,
  type DraftSignerFields,
} from '../../../shared/signer';
import type { Desk } from '../desk';
import { DEFAULT_MAX_BYTES, inspectLocalPdf } from '../pdf/index';
import type { LocalPdfProblem } from '../pdf/types';
import type { JobRecord, NewJob, OptimizerProfileRecord } from '../store/index';
import { asNewDocument } from '../store/job-records';
import {
  requestLimitFindings,
  requestLimitProblems,
  type LimitedDocument,
} from '../../../shared/request-limits';
import type { SignatureParams } from '../../../shared/signature';
import { bridgeProblem, fieldProblem, problem, type Problem } from '../../../shared/problems';
import { refusal } from './errors';
import { fieldsRefusal } from './guards';

/**
 * Refuses a job that would break the Optimizer's limits on one request (documents, the stamp's
 * page) while it is still here: the service would refuse it only once the request exists.
 */
export function refuseOverLimits(
  documents: readonly LimitedDocument[],
  signature: SignatureParams | null | undefined,
): void {
  const problems = requestLimitProblems(documents, signature);
  if (problems.length > 0)
    throw fieldsRefusal(problems.join(' '), { documents: problems }, problem('overRequestLimits'), {
      documents: requestLimitFindings(documents, signature).map(bridgeProblem),
    });
}

/** The signature a draft keeps at Start: one given at creation, unless the RAO placed stamps or chose a template. */
const standingSignature = (job: JobRecord): SignatureParams | null =>
  job.placement !== null || job.templateId !== null || job.documents.some((d) => d.placement)
    ? null
    : job.signature;

export type AcceptedDocument = NewJob['documents'][number];

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** Why the PDF check refused a file, as the problem that names it. */
function refusedFile(filename: string, reason: LocalPdfProblem): Problem {
  switch (reason) {
    case 'not_found':
      return problem('fileGone', { filename });
    case 'empty':
      return problem('fileEmpty', { filename });
    case 'too_large':
      return problem('uploadTooLarge', { filename, maxMb: DEFAULT_MAX_BYTES / (1024 * 1024) });
    case 'not_pdf':
      return problem('fileNotPdf', { filename });
    case 'encrypted':
      return problem('fileEncrypted', { filename });
    case 'damaged':
      return problem('fileDamaged', { filename });
  }
}

/** Checks every file; refuses the whole set naming each bad file, or imports them all. */
export async function acceptDocuments(
  desk: Desk,
  paths: readonly string[],
  field = 'paths',
): Promise<AcceptedDocument[]> {
  const fields: Record<string, string[]> = {};
  const problems: Record<string, BridgeProblem[]> = {};
  const documents: (AcceptedDocument & { path: string })[] = [];
  for (const [i, path] of paths.entries()) {
    const check = await inspectLocalPdf(path);
    if (!check.ok) {
      fields[`${field}.${i}`] = [check.message];
      problems[`${field}.${i}`] = [bridgeProblem(refusedFile(fileName(path), check.reason))];
    } else
      documents.push({
        path: resolve(path),
        filename: fileName(path),
        size: check.size,
        pages: check.pages,
        sha256: check.sha256,
      });
  }
  if (Object.keys(fields).length > 0)
    throw fieldsRefusal(
      'Some documents cannot be signed.',
      fields,
      problem('documentsRefused', { count: Object.keys(fields).length }),
      problems,
    );
  for (const d of documents) await desk.store.documents.import(d.path);
  return documents.map(({ path: _p, ...d }) => d);
}

/** "Ana García López", or the first file's name while the signer is still unknown. */
export function jobLabel(
  signer: { given_name?: string; surname_1?: string; surname_2?: string },
  documents: readonly { filename: string }[],
): string {
  const name = [signer.given_name, signer.surname_1, signer.surname_2]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  if (name) return name;
  const first = documents[0]?.filename ?? 'New job';
  return documents.length > 1 ? `${first} +${documents.length - 1}` : first;
}

/**
 * What a draft still needs before it may be queued, keyed like the form: each field's reasons in
 * English (logs, the CLI) and the same reasons as problems the interface words.
 */
export interface Missing {
  fields: Record<string, string[]>;
  problems: Record<string, BridgeProblem[]>;
}

type BridgeProblem = ReturnType<typeof bridgeProblem>;

/** Every field a draft still needs before it may be queued, with the reason. */
export async function missingForStart(desk: Desk, job: JobRecord): Promise<Missing> {
  const missing: Missing = { fields: {}, problems: {} };
  const note = (key: string, message: string, found: Problem | null): void => {
    (missing.fields[key] ??= []).push(message);
    if (found) (missing.problems[key] ??= []).push(bridgeProblem(found));
  };
  // Judged as it will be sent: trimmed, with its communication language settled.
  const settled = settledSigner(desk, job);
  const signer = signerSchema.safeParse(settled);
  if (!signer.success)
    for (const issue of signer.error.issues)
      note(`signer.${issue.path.join('.')}`, issue.message, fieldProblem(issue, settled));
  if (job.documents.length === 0)
    note(
      'documents',
      'Add at least one PDF.',
      problem('fieldInvalid', { field: 'documents', rule: 'required' }),
    );
  // The same limits in English and as problems, in the same order.
  const findings = requestLimitFindings(job.documents, standingSignature(job));
  requestLimitProblems(job.documents, standingSignature(job)).forEach((limit, i) =>
    note('documents', limit, findings[i] ?? problem('overRequestLimits')),
  );
  if (job.outputDir.trim() === '')
    note(
      'outputDir',
      'Choose the folder for the signed files.',
      problem('fieldInvalid', { field: 'outputDir', rule: 'required' }),
    );
  if (job.raoUsername.trim() === '')
    note('raoUsername', 'Choose the RAO whose token signs this job.', problem('raoUsernameMissing'));
  else {
    const tokens = await desk.vault.list(job.profileId);
    if (!tokens.some((t) => t.username === job.raoUsername))
      note(
        'raoUsername',
        `No token for ${job.raoUsername} on this Optimizer: create one under Connection first.`,
        problem('fieldInvalid', { field: 'raoUsername', rule: 'noToken' }),
      );
  }
  if (job.auth.method === 'external' && (job.auth.type.trim() === '' || !job.externalValueKept))
    note(
      'auth',
      'An external authentication method needs its type and value.',
      problem('fieldInvalid', { field: 'auth', rule: 'required' }),
    );
  else {
    // A method the Optimizer was not declared to accept would be refused only at signing time.
    const undeclared = undeclaredMethod(desk.store, job);
    if (undeclared !== null)
      note('auth', undeclared, problem('fieldInvalid', { field: 'auth', rule: 'notDeclared' }));
  }
  return missing;
}

/** The office's language for signers whose country has none of its own (null: English). */
export const officeSignerLanguage = (desk: Desk): unknown => desk.store.settings.get('signerLanguage');

/** The office's setting as the screen shows it: a service language, or none (English). */
function officeLanguageOf(desk: Desk): CommunicationLanguage | null {
  const language = officeSignerLanguage(desk);
  return isCommunicationLanguage(language) ? language : null;
}

/** The draft's signer as "Start" sends it (see settleDraftSigner). */
export const settledSigner = (desk: Desk, job: JobRecord): DraftSignerFields =>
  settleDraftSigner(typedSigner(job), officeSignerLanguage(desk));

/** The text fields of a stored signer; ID images travel separately. */
function typedSigner(job: JobRecord): DraftSignerFields {
  return Object.fromEntries(
    Object.entries(job.signer).filter(([k, v]) => k !== 'images' && typeof v === 'string'),
  );
}

/**
 * A new draft for dropped files: the profile's defaults (registration authority, certificate
 * profile), the RAO's chosen token, a code by SMS. The communication language is left unchosen: it
 * follows the signer's country until the RAO picks one (never the desk's interface language).
 */
export function newDraft(
  profile: OptimizerProfileRecord,
  documents: AcceptedDocument[],
  defaults: { raoUsername: string; outputDir: string; nameTemplate?: string },
): NewJob {
  const signer: DraftSignerFields = {
    registration_authority: profile.defaultRegistrationAuthority ?? undefined,
    profile: profile.defaultProfile ?? undefined,
  };
  return {
    profileId: profile.id,
    raoUsername: defaults.raoUsername,
    label: jobLabel({}, documents),
    // A draft's signer is filled in by the RAO; missingForStart checks it before it may run.
    signer: signer as JobRecord['signer'],
    auth: { method: 'otp', delivery: 'sms' },
    outputDir: defaults.outputDir,
    nameTemplate: defaults.nameTemplate,
    state: 'draft',
    documents,
  };
}

/** What the draft form shows: never the external method's value, never an image. */
export async function draftDetails(desk: Desk, job: JobRecord): Promise<OperationResult<'jobs.details'>> {
  const { communication_language: language, ...signer } = typedSigner(job);
  return {
    // Drafts made before this desk stored the interface language ('en') here; that was never the
    // RAO's choice, so the form shows the default instead.
    signer: isCommunicationLanguage(language) ? { ...signer, communication_language: language } : signer,
    auth:
      job.auth.method === 'otp'
        ? { method: 'otp', delivery: job.auth.delivery }
        : { method: 'external', type: job.auth.type },
    raoUsername: job.raoUsername,
    outputDir: job.outputDir,
    asyncMode: job.asyncMode,
    officeLanguage: officeLanguageOf(desk),
    idImages: await desk.idImages.sides(job.id),
    missing: job.state === 'draft' ? Object.keys((await missingForStart(desk, job)).fields) : [],
    placement: job.placement,
    templateId: job.templateId,
    externalMethods: declaredExternalMethods(desk.store, job.profileId),
  };
}

/** The draft's documents kept in the given order (by current position), then the added files. */
export async function arrangeDocuments(
  desk: Desk,
  job: JobRecord,
  order: readonly number[] | undefined,
  addPaths: readonly string[],
): Promise<AcceptedDocument[]> {
  const kept = (order ?? job.documents.map((d) => d.position)).map((position) => {
    const doc = job.documents.find((d) => d.position === position);
    if (!doc)
      throw refusal(
        'validation',
        'The document order names a document that is not there.',
        'documentOrderInvalid',
      );
    return doc;
  });
  if (new Set(kept).size !== kept.length)
    throw refusal('validation', 'The document order names a document twice.', 'documentOrderInvalid');
  const added = addPaths.length > 0 ? await acceptDocuments(desk, addPaths, 'addPaths') : [];
  const documents = [...kept.map(asNewDocument), ...added];
  refuseOverLimits(documents, standingSignature(job));
  return documents;
}

/** Missing fields of every draft among these jobs; with several, each key is prefixed by its job. */
export async function missingForDrafts(desk: Desk, jobs: readonly JobRecord[]): Promise<Missing> {
  const all: Missing = { fields: {}, problems: {} };
  for (const job of jobs) {
    if (job.state !== 'draft') continue;
    const missing = await missingForStart(desk, job);
    const keyOf = (key: string): string => (jobs.length > 1 ? `${job.id}.${key}` : key);
    for (const [key, messages] of Object.entries(missing.fields)) all.fields[keyOf(key)] = messages;
    for (const [key, found] of Object.entries(missing.problems)) all.problems[keyOf(key)] = found;
  }
  return all;
}
