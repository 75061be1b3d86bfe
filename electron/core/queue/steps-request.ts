// The steps up to the signer: create the request, upload the documents (never blindly twice),
// fetch the service contract.
import { join } from 'node:path';
import { afterContract } from '../../../shared/job';
import {
  requestLimitFindings,
  requestLimitProblems,
  type RequestLimitFinding,
} from '../../../shared/request-limits';
import { settleDraftSigner } from '../../../shared/signer';
import { OptimizerError } from '../optimizer/errors';
import type { CreateRequestImages, UploadedDocument } from '../optimizer/types';
import type { JobDocument, JobRecord } from '../store/index';
import { ensurePrivateDir } from '../store/private-files';
import { purgeJobIdImages } from '../vault/id-images';
import type { StepContext, StepResult } from './step-context';

export const MAX_FILES_PER_UPLOAD = 10;

/** A job the Optimizer would refuse for its limits: retrying cannot help, the job must change. */
export class RequestLimitError extends Error {
  /** The first limit broken, as the renderer words it (the message lists them all, in English). */
  readonly problem: RequestLimitFinding | undefined;

  constructor(findings: readonly RequestLimitFinding[], message: string) {
    super(message);
    this.problem = findings[0];
  }
}

/**
 * queued → creating → created. A lost answer leaves the job in creating; creating again is harmless
 * (the sealed ID images are still there for it). Once `created` is committed the images are purged.
 */
export async function createRequest(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  // The last look before the request exists: a job that entered another way (an older queue, a
  // document added later) is stopped here, not by the Optimizer after its request is made.
  const findings = requestLimitFindings(job.documents, job.signature);
  if (findings.length > 0)
    throw new RequestLimitError(findings, requestLimitProblems(job.documents, job.signature).join(' '));
  if (job.state === 'queued') ctx.store.jobs.transition(job.id, 'creating');
  const { images: paths, ...typed } = job.signer;
  // Sent settled (trimmed, the service's language chosen from the country unless the RAO picked
  // one); the job keeps the details as the RAO typed them.
  const signer = settleDraftSigner(typed, ctx.store.settings.get('signerLanguage'));
  const images = await imagesFor(ctx, job.id, paths ?? {});
  const token = await ctx.token();
  const fields = job.asyncMode ? { ...signer, token, useasync: true } : { ...signer, token };
  const { pk } = await ctx.optimizer.createRequest(fields, images, { signal: ctx.signal });
  ctx.store.jobs.transition(job.id, 'created', { pk }, { requestPk: pk, attempts: 0, nextAttemptAt: null });
  if (ctx.idImages) await purgeJobIdImages(ctx.idImages, ctx.store.jobs, job.id, 'created');
  return 'continue';
}

/**
 * The job's image paths merged with its sealed images, a sealed image winning for the same side: it
 * is the copy the desk checked (JPEG/PNG, size) and authenticated, while a path names a file that
 * may have changed or gone since the job was queued. Sealed images stay in memory only.
 */
async function imagesFor(
  ctx: StepContext,
  jobId: string,
  paths: CreateRequestImages,
): Promise<CreateRequestImages> {
  const images: CreateRequestImages = { ...paths };
  if (!ctx.idImages) return images;
  for (const side of await ctx.idImages.sides(jobId)) {
    // Gone meanwhile (removed by the person): nothing to send for that side.
    const image = await ctx.idImages.read(jobId, side);
    if (image === null) continue;
    const extension = image.contentType === 'image/png' ? 'png' : 'jpg';
    images[side] = { bytes: image.bytes, filename: `${side}.${extension}`, contentType: image.contentType };
  }
  return images;
}

/**
 * created → uploading → uploaded. Each call's documents are marked `sent` before the call; a
 * document left `sent` (lost answer, crash) is looked up on the server before anything is sent
 * again, and server copies that belong to no document of the job are deleted so they are not
 * signed too. A file the Optimizer refuses (415) is singled out — the call's files are then sent one
 * at a time — and the job stops naming it, with the Optimizer's words, so that the person (or
 * `resume --drop-refused`) can take it out and go on with the others.
 */
export async function uploadDocuments(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'created') job = ctx.store.jobs.transition(job.id, 'uploading');
  const pk = requirePk(job);
  if (job.documents.some((d) => d.uploadState === 'sent')) job = await reconcileUploads(ctx, job, pk);

  let perCall = MAX_FILES_PER_UPLOAD;
  for (;;) {
    const batch = job.documents.filter((d) => d.uploadState === 'pending').slice(0, perCall);
    if (batch.length === 0) break;
    ctx.store.jobs.updateDocuments(
      job.id,
      batch.map((d) => ({ position: d.position, changes: { uploadState: 'sent', refusal: null } })),
      { kind: 'upload.sending', data: { positions: batch.map((d) => d.position) } },
    );
    let uploaded: UploadedDocument[];
    try {
      uploaded = await uploadBatch(ctx, job.id, pk, batch);
    } catch (error) {
      if (!(error instanceof OptimizerError && error.kind === 'unsupported_media')) throw error;
      if (batch.length === 1) throw refuseDocument(ctx, job.id, batch[0] as JobDocument, error);
      // Which file was refused, and whether the others were kept, is not said: ask, then go one by one.
      job = await reconcileUploads(ctx, ctx.store.jobs.get(job.id), pk);
      perCall = 1;
      continue;
    }
    ctx.store.jobs.updateDocuments(
      job.id,
      batch.map((d, i) => ({
        position: d.position,
        changes: { uploadState: 'uploaded', remoteUid: uploaded[i]!.uid },
      })),
      {
        kind: 'upload.done',
        data: { documents: batch.map((d, i) => ({ position: d.position, uid: uploaded[i]!.uid })) },
      },
    );
    job = ctx.store.jobs.get(job.id);
    ctx.progressed();
  }
  ctx.store.jobs.transition(job.id, 'uploaded', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

async function uploadBatch(
  ctx: StepContext,
  jobId: string,
  pk: string,
  batch: readonly JobDocument[],
): Promise<UploadedDocument[]> {
  const total = batch.reduce((n, d) => n + d.size, 0);
  const uploaded = await ctx.optimizer.uploadDocuments(
    pk,
    batch.map((d) => ({
      path: ctx.store.documents.pathOf(d.sha256),
      filename: d.filename,
      sha256: d.sha256,
    })),
    (sent) =>
      ctx.emit({
        type: 'document',
        jobId,
        position: batch[0]!.position,
        phase: 'upload',
        bytes: sent,
        totalBytes: total,
      }),
    { signal: ctx.signal },
  );
  if (uploaded.length !== batch.length) {
    throw new Error(`The Optimizer answered ${uploaded.length} document ids for ${batch.length} files`);
  }
  return uploaded;
}

/** Records the Optimizer's refusal of one document; the error stops the job, naming it. */
function refuseDocument(
  ctx: StepContext,
  jobId: string,
  doc: JobDocument,
  error: OptimizerError,
): OptimizerError {
  const words = error.serverMessage ?? error.message;
  ctx.store.jobs.updateDocument(
    jobId,
    doc.position,
    { uploadState: 'pending', refusal: words },
    { kind: 'document.refused', data: { filename: doc.filename, status: error.status ?? null, said: words } },
  );
  return new OptimizerError({
    kind: 'unsupported_media',
    route: 'uploadDocuments',
    status: error.status,
    serverMessage: error.serverMessage,
    retryable: false,
    message: `The Optimizer refused “${doc.filename}”: ${words}. Remove it from the job to go on with the other documents.`,
  });
}

async function reconcileUploads(ctx: StepContext, job: JobRecord, pk: string): Promise<JobRecord> {
  const remote = await ctx.optimizer.listDocuments(pk, { signal: ctx.signal });
  if (remote === null) {
    // Without a list nothing says which files arrived, and sending again could sign a file twice.
    throw new OptimizerError({
      kind: 'unknown_outcome',
      route: 'listDocuments',
      retryable: false,
      message: `This Optimizer cannot list request ${pk}'s documents, so the desk cannot tell which of the documents it sent arrived (an answer was lost or a file was refused). Cancel this job and start a copy of it.`,
    });
  }
  const claimed = new Set(job.documents.map((d) => d.remoteUid).filter((u): u is string => u !== null));
  const updates: { position: number; changes: Partial<JobDocument> }[] = [];
  const found: { position: number; uid: string }[] = [];
  for (const doc of job.documents.filter((d) => d.uploadState === 'sent')) {
    const match = remote.find((r) => !claimed.has(r.uid) && sameDocument(doc, r));
    if (match) {
      claimed.add(match.uid);
      found.push({ position: doc.position, uid: match.uid });
      updates.push({ position: doc.position, changes: { uploadState: 'uploaded', remoteUid: match.uid } });
    } else {
      updates.push({ position: doc.position, changes: { uploadState: 'pending' } });
    }
  }
  const strays = remote.filter((r) => !claimed.has(r.uid));
  ctx.store.jobs.updateDocuments(job.id, updates, {
    kind: 'upload.reconciled',
    data: {
      found,
      resend: updates.filter((u) => u.changes.uploadState === 'pending').map((u) => u.position),
      strays: strays.map((s) => s.uid),
    },
  });
  for (const stray of strays) await ctx.optimizer.deleteDocument(pk, stray.uid, { signal: ctx.signal });
  return ctx.store.jobs.get(job.id);
}

/** The same document: by content hash where the server gives one, else by name and size. */
function sameDocument(
  local: JobDocument,
  remote: { filename: string; size: number; sha256?: string },
): boolean {
  if (remote.sha256) return remote.sha256.toLowerCase() === local.sha256;
  return remote.filename === local.filename && remote.size === local.size;
}

/** uploaded → contract_ready → awaiting_signer (OTP) or ready_to_sign (external authentication). */
export async function fetchContract(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  const pk = requirePk(job);
  if (job.state === 'uploaded') {
    const folder = join(ctx.store.dataDir, 'contracts');
    // The contract carries the signer's identity: 0700 like the rest of the data folder.
    await ensurePrivateDir(folder);
    const path = join(folder, `${job.id}.pdf`);
    await ctx.optimizer.downloadContract(pk, path, undefined, { signal: ctx.signal });
    job = ctx.store.jobs.transition(
      job.id,
      'contract_ready',
      {},
      { contractPath: path, attempts: 0, nextAttemptAt: null },
    );
  }
  const next = afterContract(job.auth.method);
  ctx.store.jobs.transition(job.id, next);
  if (next === 'awaiting_signer') {
    ctx.emit({
      type: 'attention',
      jobId: job.id,
      reason: 'otp_needed',
      message: 'The signer can review the contract and the documents; then send the code.',
    });
    return 'wait';
  }
  return 'continue';
}

export function requirePk(job: JobRecord): string {
  if (!job.requestPk) throw new Error(`Job ${job.id} has no request on the Optimizer yet`);
  return job.requestPk;
}
