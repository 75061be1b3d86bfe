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
  | { type: 'connectivity'; profileId: string; online: boolean; message?: string }
  | { type: 'attention'; jobId: string; reason: 'otp_needed' | 'otp_code_needed'; message: string }
  | { type: 'idle' }
  /** Jobs came or went outside the queue's own work (removed, put back, copied): lists reload. */
  | { type: 'jobs_changed' };

export type QueueListener = (event: QueueEvent) => void;
