// The steps up to the signer: create the request, upload the documents (never blindly twice),
// fetch the service contract.
import { join } from 'node:path';
import { afterContract } from '../../../shared/job';
import type { CreateRequestImages } from '../optimizer/types';
import type { JobDocument, JobRecord } from '../store/index';
import { purgeJobIdImages } from '../vault/id-images';
import type { StepContext, StepResult } from './step-context';

export const MAX_FILES_PER_UPLOAD = 10;

/**
 * queued → creating → created. A lost answer leaves the job in creating; creating again is harmless
 * (the sealed ID images are still there for it). Once `created` is committed the images are purged.
 */
export async function createRequest(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'queued') ctx.store.jobs.transition(job.id, 'creating');
  const { images: paths, ...signer } = job.signer;
  const images = await imagesFor(ctx, job.id, paths ?? {});
  const token = await ctx.token();
  const { pk } = await ctx.optimizer.createRequest({ ...signer, token }, images, { signal: ctx.signal });
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
 * signed too.
 */
export async function uploadDocuments(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'created') job = ctx.store.jobs.transition(job.id, 'uploading');
  const pk = requirePk(job);
  if (job.documents.some((d) => d.uploadState === 'sent')) job = await reconcileUploads(ctx, job, pk);

  let pending = job.documents.filter((d) => d.uploadState === 'pending');
  while (pending.length > 0) {
    const batch = pending.slice(0, MAX_FILES_PER_UPLOAD);
    ctx.store.jobs.updateDocuments(
      job.id,
      batch.map((d) => ({ position: d.position, changes: { uploadState: 'sent' } })),
      { kind: 'upload.sending', data: { positions: batch.map((d) => d.position) } },
    );
    const total = batch.reduce((n, d) => n + d.size, 0);
    const uploaded = await ctx.optimizer.uploadDocuments(
      pk,
      batch.map((d) => ({ path: ctx.store.documents.pathOf(d.sha256), filename: d.filename })),
      (sent) =>
        ctx.emit({
          type: 'document',
          jobId: job.id,
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
    pending = pending.slice(batch.length);
    ctx.progressed();
  }
  ctx.store.jobs.transition(job.id, 'uploaded', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

async function reconcileUploads(ctx: StepContext, job: JobRecord, pk: string): Promise<JobRecord> {
  const remote = await ctx.optimizer.listDocuments(pk, { signal: ctx.signal });
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
    const path = join(ctx.store.dataDir, 'contracts', `${job.id}.pdf`);
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
