// What the queue tells the UI and the CLI while it works. Progress is data (0..1 plus bytes), never
// text, so each front end renders it its own way.
import type { JobState } from '../../../shared/job';

export type QueueEvent =
  | { type: 'job'; jobId: string; state: JobState; progress: number; message?: string }
  | {
      type: 'document';
      jobId: string;
      position: number;
      phase: 'upload' | 'download' | 'verify' | 'saved' | 'deleted';
      bytes: number;
      totalBytes: number;
    }
  /** An Optimizer stopped or started answering (a change only: the CLI prints these). */
  | { type: 'connectivity'; profileId: string; online: boolean; message?: string }
  /** Every new answer about an Optimizer, changed or not: what the desk's status lines show. */
  | {
      type: 'connection';
      profileId: string;
      online: boolean;
      message: string | null;
      roundTripMs: number | null;
      checkedAt: string | null;
    }
  | { type: 'attention'; jobId: string; reason: 'otp_needed' | 'otp_code_needed'; message: string }
  | { type: 'idle' }
  /** Jobs came or went outside the queue's own work (removed, put back, copied): lists reload. */
  | { type: 'jobs_changed' };

export type QueueListener = (event: QueueEvent) => void;
