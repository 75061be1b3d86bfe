// "Copy as new draft": a cancelled or failed job becomes a fresh draft with the same signer,
// documents, placement and template, so the RAO starts again without retyping anything. The
// documents are the stored copies (by sha256), never the RAO's files again; what proves the
// signer's consent (an external method's value) is left for the signer to give anew.
import { allows } from '../../../shared/job-actions';
import type { Desk } from '../desk';
import { resolveJobStamps } from '../placement/resolve-job';
import type { JobRecord, NewJob } from '../store/index';
import { asNewDocument } from '../store/job-records';
import { refusal } from './errors';
import { copyGone } from './guards';

export async function copyAsDraft(desk: Pick<Desk, 'store'>, job: JobRecord): Promise<JobRecord> {
  const { store } = desk;
  if (!allows(job, 'copyAsDraft'))
    throw refusal(
      'conflict',
      `Only a cancelled job, or one that failed before it was signed, can be copied (this one is ${job.state}).`,
      'copyNotAllowed',
      { label: job.label },
    );
  // Old originals are deleted after the kept days (Settings): without one, the copy cannot be whole.
  const gone = job.documents.find((d) => !store.documents.has(d.sha256));
  if (gone) throw copyGone(gone.filename);
  // ID images were purged with the old request; they are not part of the signer's typed details.
  const { images: _images, ...signer } = job.signer;
  const auth: NewJob['auth'] =
    job.auth.method === 'otp'
      ? { method: 'otp', delivery: job.auth.delivery }
      : { method: 'external', type: job.auth.type, value: '' };
  const copy = store.jobs.create({
    profileId: job.profileId,
    raoUsername: job.raoUsername,
    label: job.label,
    signer,
    auth,
    signature: job.signature ?? undefined,
    outputDir: job.outputDir,
    nameTemplate: job.nameTemplate,
    asyncMode: job.asyncMode,
    state: 'draft',
    documents: job.documents.map(asNewDocument),
  });
  store.jobs.event(copy.id, 'job.copied', { from: job.id, fromState: job.state });
  if (job.placement !== null || job.templateId !== null)
    store.jobs.setAppearance(copy.id, { placement: job.placement, templateId: job.templateId });
  await resolveJobStamps(store, store.jobs.get(copy.id));
  return store.jobs.get(copy.id);
}
