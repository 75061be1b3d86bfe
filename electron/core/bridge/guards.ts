// What every room of the bridge shares: the operations' type, the shell's identity, and the guards
// an operation starts with (the job exists, it is still a draft, the document is part of it),
// written once so that a refusal reads the same whichever room gives it.
import type { z } from 'zod';
import type { BridgeError, OperationName, OperationResult, OPERATIONS } from '../../../shared/contract';
import { bridgeProblem, type Problem } from '../../../shared/problems';
import type { JobRecord, OptimizerProfileRecord, Store } from '../store/index';
import type { DesktopPort } from './desktop';
import { BridgeFailure, refusal } from './errors';

type Args<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['args']>;
export type OperationImpl = { [N in OperationName]: (args: Args<N>) => Promise<OperationResult<N>> };

/** The part of the contract one room implements. */
export type Room<N extends OperationName> = Pick<OperationImpl, N>;

export interface AppIdentity {
  version: string;
  training: boolean;
  /** The data folder: staged uploads go under it. */
  dataDir: string;
  /** Dialogs, opening files, the camera: what the shell in use can do (none in tests). */
  desktop?: Partial<DesktopPort>;
}

export const DONE = { done: true } as const;

type JobDocument = JobRecord['documents'][number];

/** The job, or a refusal saying it is gone (removed meanwhile, or never there). */
export function requireJob(store: Pick<Store, 'jobs'>, jobId: string): JobRecord {
  const job = store.jobs.find(jobId);
  if (!job) throw refusal('not_found', 'That job no longer exists.', 'jobMissing');
  return job;
}

/** Whether a job may still change: only a draft may; anything else is refused naming it. */
export function requireDraft(store: Pick<Store, 'jobs'>, jobId: string): JobRecord {
  const job = requireJob(store, jobId);
  if (job.state !== 'draft')
    throw refusal('conflict', `"${job.label}" has already started: it can no longer change.`, 'jobStarted', {
      label: job.label,
    });
  return job;
}

/** The job's document at this position (positions stay as they were after a document is dropped). */
export function documentOf(job: JobRecord, position: number): JobDocument {
  const doc = job.documents.find((d) => d.position === position);
  if (!doc)
    throw refusal('not_found', `"${job.label}" has no document ${position + 1}.`, 'documentMissing', {
      label: job.label,
      number: position + 1,
    });
  return doc;
}

/** A document whose signed copy has been saved, with the path it was saved at. */
export function signedDocument(job: JobRecord, position: number): JobDocument & { outputPath: string } {
  const doc = documentOf(job, position);
  if (!doc.outputPath)
    throw refusal('not_found', `"${doc.filename}" has not been signed and saved yet.`, 'documentNotSigned', {
      filename: doc.filename,
    });
  return { ...doc, outputPath: doc.outputPath };
}

/** The Optimizer profile, or a refusal saying there is none by that id. */
export function requireProfile(store: Pick<Store, 'profiles'>, profileId: string): OptimizerProfileRecord {
  const profile = store.profiles.get(profileId);
  if (!profile) throw refusal('not_found', 'That Optimizer profile no longer exists.', 'profileMissing');
  return profile;
}

/**
 * A refusal that names the fields at fault (each with core's English for the log and the CLI, and
 * its problems when known) under one problem the interface words in the RAO's language.
 */
export function fieldsRefusal(
  message: string,
  fields: Record<string, string[]>,
  problem: Problem,
  fieldProblems?: BridgeError['fieldProblems'],
): BridgeFailure {
  return new BridgeFailure('validation', message, fields, bridgeProblem(problem), fieldProblems);
}

/** A template chosen or named that has been removed meanwhile. */
export const templateMissing = (): BridgeFailure =>
  refusal('not_found', 'That template no longer exists; choose another one.', 'templateMissing');

/** A document whose local copy was deleted after the kept days (Settings, local copies). */
export const copyGone = (filename: string): BridgeFailure =>
  refusal(
    'not_found',
    `The local copy of "${filename}" is no longer kept (see Settings, local copies).`,
    'copyGone',
    { filename },
  );
