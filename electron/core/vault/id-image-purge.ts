// Purging a job's sealed ID images once they are no longer needed, recorded in the audit log.
import type { IdImageStore } from './id-images';
import type { IdImageSide } from './id-image-rules';

/** Where purges are recorded: the store's audit log (`store.jobs` fits). */
export interface IdImageAudit {
  event(jobId: string | null, kind: string, data?: Record<string, unknown>): void;
}

/** `expired`: older than the kept days set on the settings screen (electron/core/retention.ts). */
export type IdImagePurgeReason = 'created' | 'cancelled' | 'removed' | 'sweep' | 'expired';

/**
 * Purges a job's sealed images and records it in the audit log (the sides, never the bytes). A
 * failed purge is recorded, not thrown: the job itself has not failed. Call it when the request is
 * created, the job is cancelled, or the job is removed (after `store.jobs.remove`).
 */
export async function purgeJobIdImages(
  images: IdImageStore,
  audit: IdImageAudit,
  jobId: string,
  reason: IdImagePurgeReason,
): Promise<void> {
  let sides: IdImageSide[];
  try {
    sides = await images.purge(jobId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    audit.event(jobId, 'id_images.purge_failed', { reason, message });
    return;
  }
  if (sides.length > 0) audit.event(jobId, 'id_images.purged', { reason, sides });
}

/**
 * Purges the images of every job that no longer needs them (`needed` says which still do): catches
 * a purge that a crash, a failed purge or a removal without purge left behind. Never throws.
 */
export async function sweepIdImages(
  images: IdImageStore,
  audit: IdImageAudit,
  needed: (jobId: string) => boolean,
): Promise<void> {
  let jobIds: string[];
  try {
    jobIds = await images.jobIds();
  } catch {
    return; // nothing readable to sweep now; the next start tries again
  }
  for (const jobId of jobIds) {
    try {
      if (!needed(jobId)) await purgeJobIdImages(images, audit, jobId, 'sweep');
    } catch {
      // The store closed under the sweep (shutdown): the next start sweeps again.
      return;
    }
  }
}
