// After the signature: download each signed PDF, verify it, save it under the naming template
// without overwriting anything, and only then delete the Optimizer's copies.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, mkdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { problem } from '../../../shared/problems';
import { signerDisplayName } from '../../../shared/signer';
import { OptimizerError } from '../optimizer/errors';
import { syncDirectory } from '../store/document-store';
import type { JobDocument, JobRecord } from '../store/index';
import { folderErrorFrom, requireWritableFolder } from './output-folder';
import { applyNameTemplate, freeName } from './output-names';
import type { StepContext, StepResult } from './step-context';
import { linkedController } from './slots';
import { requirePk } from './steps-request';

/** A signed copy that did not verify; the problems found stay in the audit log and the message. */
export class VerificationError extends Error {
  readonly problem;

  constructor(filename: string, message: string) {
    super(message);
    this.problem = problem('signedCopyUnverified', { filename });
  }
}

/**
 * signed → downloading → saved. The documents are fetched and verified in parallel (within the
 * profile's slots) and placed one at a time in their order; a document is recorded saved only once
 * its file and its folder are durable.
 */
export async function saveSignedDocuments(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'signed') job = ctx.store.jobs.transition(job.id, 'downloading');
  const pk = requirePk(job);
  try {
    // Settings' own check first, so nothing is downloaded into a folder that cannot take it.
    await requireWritableFolder(job.outputDir);
    await mkdir(job.outputDir, { recursive: true });
    await saveAll(
      ctx,
      job,
      pk,
      job.documents.filter((d) => !d.verifiedAt),
    );
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

/** A signed copy downloaded into its staging file and verified, not yet placed. */
interface Fetched {
  bytes: number;
  sha256: string;
  signerName: string | null;
}

interface Placed {
  doc: JobDocument;
  target: string;
  copy: Fetched;
}
const stagingPath = (job: JobRecord, doc: JobDocument): string =>
  join(job.outputDir, `.oneshot-${job.id}-${doc.position}.part.pdf`);

/**
 * Downloads and verifications run in parallel; placing follows the documents' order. Each time the
 * next copy in order is ready, it and every ready one after it are placed as a group (placeGroup).
 * A failed download stops the ones still waiting for a slot, but those under way finish, and every
 * copy that verified is placed and recorded before the failure is reported: a retry fetches only
 * what is missing, and a busy Optimizer failing one document in five still lets each round make
 * progress (aborting the siblings made whole rounds come to nothing, until the job gave up).
 */
async function saveAll(ctx: StepContext, job: JobRecord, pk: string, docs: JobDocument[]): Promise<void> {
  const waiting = linkedController(ctx.signal);
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    failure ??= { error };
    waiting.abort();
  };
  const copies: (Fetched | undefined)[] = docs.map(() => undefined);
  const fetched = docs.map((doc, i) =>
    ctx.slots
      .run(() => fetchVerified(ctx, job, pk, doc, ctx.signal), waiting.signal)
      .then(
        (copy) => {
          copies[i] = copy;
        },
        (error: unknown) => {
          fail(error);
          throw error;
        },
      ),
  );
  // Each is awaited in its turn, or settled below; a failure meanwhile is not an unhandled one.
  for (const f of fetched) f.catch(() => undefined);
  const placed = docs.map(() => false);
  // A copy that could not be placed (the folder, a name taken meanwhile) stops the placing too,
  // whether or not a download had failed before it.
  let placing = true;
  let placingNow = false;
  try {
    for (let i = 0; i < docs.length; ) {
      await fetched[i];
      let end = i + 1;
      while (end < docs.length && copies[end] !== undefined) end++;
      placingNow = true;
      await placeGroup(
        ctx,
        job,
        pk,
        docs.slice(i, end).map((doc, k) => ({ doc, copy: copies[i + k] as Fetched })),
      );
      placingNow = false;
      for (let k = i; k < end; k++) placed[k] = true;
      i = end;
    }
  } catch (error) {
    if (placingNow) placing = false;
    fail(error);
  }
  // Nothing of this step is still writing once it returns.
  await Promise.allSettled(fetched);
  waiting.dispose();
  const ready = docs
    .map((doc, i) => ({ doc, copy: copies[i], i }))
    .filter((r): r is { doc: JobDocument; copy: Fetched; i: number } => r.copy !== undefined && !placed[r.i]);
  try {
    if (placing && !ctx.signal.aborted && ready.length > 0) await placeGroup(ctx, job, pk, ready);
  } finally {
    await Promise.all(docs.map((doc) => rm(stagingPath(job, doc), { force: true })));
  }
  if (failure) throw failure.error;
}

async function fetchVerified(
  ctx: StepContext,
  job: JobRecord,
  pk: string,
  doc: JobDocument,
  signal: AbortSignal,
): Promise<Fetched> {
  if (!doc.remoteUid) throw new Error(`Document ${doc.filename} has no id on the Optimizer`);
  const staging = stagingPath(job, doc);
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
    { signal },
  );
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
      doc.filename,
      `The signed copy of ${doc.filename} did not verify: ${verdict.problems.join('; ')}`,
    );
  }
  return { bytes: downloaded.bytes, sha256: downloaded.sha256, signerName: verdict.signerName ?? null };
}

/**
 * Puts verified copies under their names, then records them saved. Crash safety, in this order:
 * the new names are recorded (one transaction) before any file takes them, so a resumed job finds
 * its copy under the name it chose and never leaves a second one; the files are linked into place;
 * one fsync per folder makes them durable; only then are they recorded saved (one transaction).
 */
async function placeGroup(
  ctx: StepContext,
  job: JobRecord,
  pk: string,
  group: readonly { doc: JobDocument; copy: Fetched }[],
): Promise<void> {
  const targets: (Placed & { inPlace: boolean })[] = [];
  const naming: { position: number; target: string }[] = [];
  // Names chosen in this group are taken before their files exist.
  const reserved = new Set<string>();
  const taken = (path: string): boolean => reserved.has(foldCase(path)) || existsSync(path);
  for (const { doc, copy } of group) {
    const chosen = doc.outputPath;
    if (chosen !== null && existsSync(chosen) && (await sha256Of(chosen)) === copy.sha256) {
      targets.push({ doc, copy, target: chosen, inPlace: true });
      continue;
    }
    let target = chosen;
    if (target === null || taken(target)) {
      const name = applyNameTemplate(job.nameTemplate, {
        filename: doc.filename,
        signer: signerDisplayName(job.signer),
        requestPk: pk,
        date: new Date(ctx.now()),
        index: doc.position,
      });
      target = freeName(job.outputDir, name, taken);
      naming.push({ position: doc.position, target });
    }
    reserved.add(foldCase(target));
    targets.push({ doc, copy, target, inPlace: false });
  }
  if (naming.length > 0)
    ctx.store.db.transaction(() => {
      for (const { position, target } of naming)
        ctx.store.jobs.updateDocument(
          job.id,
          position,
          { outputPath: target },
          { kind: 'document.naming', data: { path: target } },
        );
    })();
  const placed: typeof targets = [];
  try {
    for (const t of targets) {
      if (!t.inPlace) await placeWithoutOverwrite(stagingPath(job, t.doc), t.target);
      placed.push(t);
    }
  } finally {
    if (placed.length > 0) await recordSaved(ctx, job, placed);
  }
}

/** Where names differ only in case on the platform's usual file systems, they are one name. */
function foldCase(path: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path;
}

/** One fsync per folder makes the placed copies durable; then they are recorded in one transaction. */
async function recordSaved(ctx: StepContext, job: JobRecord, placed: readonly Placed[]): Promise<void> {
  for (const folder of new Set(placed.map((p) => dirname(p.target)))) await syncDirectory(folder);
  const at = new Date(ctx.now()).toISOString();
  ctx.store.db.transaction(() => {
    for (const { doc, target, copy } of placed)
      ctx.store.jobs.updateDocument(
        job.id,
        doc.position,
        { outputPath: target, signedSha256: copy.sha256, signerName: copy.signerName, verifiedAt: at },
        { kind: 'document.saved', data: { path: target, sha256: copy.sha256, signer: copy.signerName } },
      );
  })();
  for (const { doc, copy } of placed)
    ctx.emit({
      type: 'document',
      jobId: job.id,
      position: doc.position,
      phase: 'saved',
      bytes: copy.bytes,
      totalBytes: copy.bytes,
    });
  ctx.progressed();
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

/**
 * saved → cleaning → done: the Optimizer's copies go only after every signed copy is safe. Several
 * go in one call (DELETE /document/{pk}; the client deletes one by one where that route is missing).
 */
export async function cleanRemote(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'saved') job = ctx.store.jobs.transition(job.id, 'cleaning');
  const pk = requirePk(job);
  const left = job.documents.filter((d) => !d.remoteDeleted && d.remoteUid !== null);
  if (left.length > 1) {
    const uids = left.map((d) => d.remoteUid as string);
    await ctx.optimizer.deleteDocuments(pk, uids, { signal: ctx.signal });
    recordDeleted(ctx, job, left);
  } else if (left.length === 1) {
    const doc = left[0] as JobDocument;
    try {
      await ctx.optimizer.deleteDocument(pk, doc.remoteUid as string, { signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof OptimizerError && error.kind === 'not_found')) throw error;
    }
    recordDeleted(ctx, job, left);
  }
  ctx.store.jobs.transition(job.id, 'done', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

function recordDeleted(ctx: StepContext, job: JobRecord, docs: readonly JobDocument[]): void {
  ctx.store.db.transaction(() => {
    for (const doc of docs)
      ctx.store.jobs.updateDocument(
        job.id,
        doc.position,
        { remoteDeleted: true },
        { kind: 'document.remote_deleted', data: { uid: doc.remoteUid } },
      );
  })();
  for (const doc of docs)
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
