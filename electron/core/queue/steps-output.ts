// After the signature: download each signed PDF, verify it, save it under the naming template
// without overwriting anything, and only then delete the Optimizer's copies.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, mkdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { signerDisplayName } from '../../../shared/signer';
import { OptimizerError } from '../optimizer/errors';
import { syncDirectory } from '../store/document-store';
import type { JobDocument, JobRecord } from '../store/index';
import { folderErrorFrom, requireWritableFolder } from './output-folder';
import { applyNameTemplate, freeName } from './output-names';
import type { StepContext, StepResult } from './step-context';
import { requirePk } from './steps-request';

export class VerificationError extends Error {}

/** signed → downloading → saved. Each saved document is recorded before the next is fetched. */
export async function saveSignedDocuments(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'signed') job = ctx.store.jobs.transition(job.id, 'downloading');
  const pk = requirePk(job);
  try {
    // Settings' own check first, so nothing is downloaded into a folder that cannot take it.
    await requireWritableFolder(job.outputDir);
    await mkdir(job.outputDir, { recursive: true });
    for (const doc of job.documents) {
      if (doc.verifiedAt) continue;
      await saveOne(ctx, job, pk, doc);
    }
  } catch (error) {
    const folderError = ctx.signal.aborted ? null : folderErrorFrom(error, job.outputDir);
    if (!folderError) throw error;
    // A folder that cannot be written stays so until a person acts (a read-only or unplugged disk,
    // a forbidden folder): backing off and retrying would only repeat it. The job stops as failed
    // at `downloading` — retryable, so Retry (desk) and `resume` (CLI) go on once the folder is
    // fixed — and never reaches `cleaning`, so the signed copies stay on the Optimizer.
    const described = {
      kind: 'output_folder',
      message: folderError.message,
      retryable: true,
      problem: folderError.problem,
    };
    ctx.store.jobs.transition(
      job.id,
      'failed',
      { error: described.kind, message: described.message },
      { error: described, attempts: 0, nextAttemptAt: null },
    );
    return 'wait';
  }
  ctx.store.jobs.transition(job.id, 'saved', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

async function saveOne(ctx: StepContext, job: JobRecord, pk: string, doc: JobDocument): Promise<void> {
  if (!doc.remoteUid) throw new Error(`Document ${doc.filename} has no id on the Optimizer`);
  const staging = join(job.outputDir, `.oneshot-${job.id}-${doc.position}.part.pdf`);
  const downloaded = await ctx.optimizer.downloadDocument(
    pk,
    doc.remoteUid,
    'signed',
    staging,
    (bytes, total) =>
      ctx.emit({
        type: 'document',
        jobId: job.id,
        position: doc.position,
        phase: 'download',
        bytes,
        totalBytes: total,
      }),
    { signal: ctx.signal },
  );
  try {
    const verdict = await ctx.verify(staging, { size: doc.size, sha256: doc.sha256 });
    ctx.emit({
      type: 'document',
      jobId: job.id,
      position: doc.position,
      phase: 'verify',
      bytes: downloaded.bytes,
      totalBytes: downloaded.bytes,
    });
    if (!verdict.ok) {
      ctx.store.jobs.event(job.id, 'document.verification_failed', {
        position: doc.position,
        problems: verdict.problems,
      });
      throw new VerificationError(
        `The signed copy of ${doc.filename} did not verify: ${verdict.problems.join('; ')}`,
      );
    }

    // A name chosen before a crash is reused, so a resumed job never leaves a second copy.
    let target = doc.outputPath;
    const alreadyPlaced =
      target !== null && existsSync(target) && (await sha256Of(target)) === downloaded.sha256;
    if (!alreadyPlaced) {
      if (target === null || existsSync(target)) {
        const name = applyNameTemplate(job.nameTemplate, {
          filename: doc.filename,
          signer: signerDisplayName(job.signer),
          requestPk: pk,
          date: new Date(ctx.now()),
          index: doc.position,
        });
        target = freeName(job.outputDir, name);
        ctx.store.jobs.updateDocument(
          job.id,
          doc.position,
          { outputPath: target },
          { kind: 'document.naming', data: { path: target } },
        );
      }
      await placeWithoutOverwrite(staging, target);
    }
    ctx.store.jobs.updateDocument(
      job.id,
      doc.position,
      {
        outputPath: target,
        signedSha256: downloaded.sha256,
        signerName: verdict.signerName ?? null,
        verifiedAt: new Date(ctx.now()).toISOString(),
      },
      {
        kind: 'document.saved',
        data: { path: target, sha256: downloaded.sha256, signer: verdict.signerName ?? null },
      },
    );
    ctx.emit({
      type: 'document',
      jobId: job.id,
      position: doc.position,
      phase: 'saved',
      bytes: downloaded.bytes,
      totalBytes: downloaded.bytes,
    });
    ctx.progressed();
  } finally {
    await rm(staging, { force: true });
  }
}

/** link() fails when the target exists, so a file someone created meanwhile is never replaced. */
async function placeWithoutOverwrite(staging: string, target: string): Promise<void> {
  try {
    await link(staging, target);
    await unlink(staging);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    // File systems without hard links (some network shares): rename after a last check.
    if (existsSync(target)) throw error;
    await rename(staging, target);
  }
  await syncDirectory(join(target, '..'));
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** saved → cleaning → done: the Optimizer's copies go only after every signed copy is safe. */
export async function cleanRemote(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'saved') job = ctx.store.jobs.transition(job.id, 'cleaning');
  const pk = requirePk(job);
  for (const doc of job.documents) {
    if (doc.remoteDeleted || !doc.remoteUid) continue;
    try {
      await ctx.optimizer.deleteDocument(pk, doc.remoteUid, { signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof OptimizerError && error.kind === 'not_found')) throw error;
    }
    ctx.store.jobs.updateDocument(
      job.id,
      doc.position,
      { remoteDeleted: true },
      { kind: 'document.remote_deleted', data: { uid: doc.remoteUid } },
    );
    ctx.emit({
      type: 'document',
      jobId: job.id,
      position: doc.position,
      phase: 'deleted',
      bytes: 0,
      totalBytes: 0,
    });
    ctx.progressed();
  }
  ctx.store.jobs.transition(job.id, 'done', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}
