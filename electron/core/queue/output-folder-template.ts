// A job's output folder from the office's template ("…/Signed/{date}/{signer}"), resolved once, as
// the job leaves its draft, and stored on the job: a job resumed after midnight, after a crash or on
// another day keeps saving where it began, and the signer's details changing later cannot move it.
import { normalize } from 'node:path';
import { applyFolderTemplate, hasFolderPlaceholders } from '../../../shared/output-folder-template';
import type { JobRecord, Store } from '../store/index';

type FolderJob = Pick<JobRecord, 'id' | 'signer' | 'outputDir'>;

/** The concrete folder for `job` started at `now`; a folder without placeholders is kept as it is. */
export function folderForJob(job: FolderJob, now = new Date()): string {
  if (!hasFolderPlaceholders(job.outputDir)) return job.outputDir;
  const { given_name, surname_1, surname_2, serial_number } = job.signer;
  const signer = [given_name, surname_1, surname_2]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return normalize(
    applyFolderTemplate(job.outputDir, { signer, idNumber: serial_number ?? '', date: now, jobId: job.id }),
  );
}

/**
 * The changes that queue a draft with its folder settled, for `store.jobs.transition(…, changes)`:
 * the folder is written in the same transaction as the state, so no queued job holds a template.
 */
export function folderAtStart(job: FolderJob, now = new Date()): { outputDir?: string } {
  const folder = folderForJob(job, now);
  return folder === job.outputDir ? {} : { outputDir: folder };
}

/** For jobs created already queued (the CLI): settles each one's folder before the queue runs them. */
export function settleOutputFolders(store: Store, jobIds: readonly string[], now = new Date()): void {
  for (const id of jobIds) {
    const changes = folderAtStart(store.jobs.get(id), now);
    if (changes.outputDir !== undefined) store.jobs.update(id, changes, { kind: 'job.output_folder' });
  }
}
