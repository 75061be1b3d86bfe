// The jobs room: the queue's list, a job's draft as the RAO fills it in (created from dropped
// files, its details, its documents, the signer's ID images), and the RAO's ways on and back with a
// job: start, pause, resume, retry, cancel, copy as a new draft, remove and undo the removal. Each
// action is allowed by the job's state (shared/job-actions.ts); asked of a selection, it applies to
// the jobs that allow it, and asked of jobs none of which allow it, it is refused with the reason
// as a problem code the interface words.
import { randomUUID } from 'node:crypto';
import { hasFolderPlaceholders } from '../../../shared/output-folder-template';
import {
  JOB_ACTIONS,
  allows,
  retryBlock,
  whyNotAllowed,
  type JobAction,
  type JobProblem,
} from '../../../shared/job-actions';
import { problem } from '../../../shared/problems';
import { checkDefaultPlacement } from '../../../shared/settings-rules';
import type { Desk } from '../desk';
import { OptimizerError } from '../optimizer/index';
import { ProblemError } from '../problem-error';
import { freezeAtStart, resolveJobStamps } from '../placement/resolve-job';
import { folderAtStart } from '../queue/output-folder-template';
import { defaultOutputFolder } from '../settings-rules';
import type { JobRecord } from '../store/index';
import { putBack, takeOut, type RemovedJob } from '../store/job-trash';
import { purgeJobIdImages } from '../vault/index';
import { activeToken } from './connection';
import {
  acceptDocuments,
  arrangeDocuments,
  draftDetails,
  jobLabel,
  missingForDrafts,
  newDraft,
  refuseOverLimits,
} from './drafts';
import { refusal, type BridgeFailure } from './errors';
import { DONE, fieldsRefusal, requireDraft, requireJob, requireProfile, type Room } from './guards';
import { copyAsDraft } from './job-copy';
import { acceptedOutputDir } from './settings';
import { jobView } from './views';

type JobOperations = Room<
  | 'jobs.list'
  | 'jobs.get'
  | 'jobs.create'
  | 'jobs.draft'
  | 'jobs.details'
  | 'jobs.update'
  | 'jobs.setIdImage'
  | 'jobs.dropDocument'
  | 'jobs.actions'
  | 'jobs.start'
  | 'jobs.pause'
  | 'jobs.resume'
  | 'jobs.cancel'
  | 'jobs.retry'
  | 'jobs.copyAsDraft'
  | 'jobs.remove'
  | 'jobs.undoRemove'
>;

/** How long a removal can be undone; the interface offers Undo for less than this. */
export const UNDO_WINDOW_MS = 120_000;

export function jobOperations(desk: Desk): JobOperations {
  const { store, runner } = desk;
  const removals = new Map<string, { jobs: RemovedJob[]; timer: NodeJS.Timeout }>();

  const textSetting = (key: string): string | undefined => {
    const value = store.settings.get(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const refuse = (job: JobRecord, problem: JobProblem, message: string): BridgeFailure => {
    const refused = job.documents.find((d) => d.refusal !== null);
    return refusal('conflict', message, problem, {
      label: job.label,
      ...(refused ? { filename: refused.filename } : {}),
    });
  };
  /** The jobs of a selection that allow the action; none at all is refused with the first one's reason. */
  const allowing = (jobIds: readonly string[], action: JobAction): JobRecord[] => {
    const jobs = jobIds.map((id) => requireJob(store, id));
    const allowed = jobs.filter((j) => allows(j, action));
    const first = jobs[0];
    if (allowed.length === 0 && first)
      throw refuse(first, whyNotAllowed(first, action) ?? 'notRunning', `This job does not allow ${action}.`);
    return allowed;
  };

  return {
    'jobs.list': ({ states, offset = 0, limit = 200 }) => {
      const { jobs, total } = store.jobs.page(states ? { states } : {}, offset, limit);
      return Promise.resolve({ jobs: jobs.map(jobView), total, counts: store.jobs.countByState() });
    },
    'jobs.get': ({ jobId }) => Promise.resolve(jobView(requireJob(store, jobId))),
    'jobs.create': async ({ paths, start, ...job }) => {
      requireProfile(store, job.profileId);
      const outputDir = await acceptedOutputDir(job.outputDir);
      const documents = await acceptDocuments(desk, paths);
      refuseOverLimits(documents, job.signature);
      // An external value goes to the keychain first; without one the job is refused, not kept in clear.
      // A folder template needs the job's id ({job}): such a job is queued once it has one.
      const template = hasFolderPlaceholders(outputDir);
      const created = await store.jobs.add({
        ...job,
        outputDir,
        label: jobLabel(job.signer, documents),
        state: start && !template ? 'queued' : 'draft',
        documents,
      });
      if (!start) return jobView(created);
      const queued = template
        ? store.jobs.transition(created.id, 'queued', {}, folderAtStart(created))
        : created;
      runner.pump();
      return jobView(queued);
    },
    'jobs.draft': async ({ profileId, paths }) => {
      const profile = store.profiles.get(profileId ?? textSetting('activeProfileId') ?? '');
      if (!profile)
        throw refusal('not_found', 'Choose an Optimizer under Connection first.', 'profileNotChosen');
      const documents = await acceptDocuments(desk, paths);
      const draft = newDraft(profile, documents, {
        raoUsername: (await activeToken(desk, profile.id)) ?? '',
        outputDir: textSetting('outputDir') ?? defaultOutputFolder(),
        nameTemplate: textSetting('nameTemplate'),
      });
      const created = store.jobs.create(draft);
      // The office's default placement, resolved against these documents, until the RAO changes it.
      const placement = checkDefaultPlacement(store.settings.get('defaultPlacement') ?? null);
      if (!placement.ok || placement.value === null) return jobView(created);
      store.jobs.setAppearance(created.id, { placement: placement.value });
      await resolveJobStamps(store, store.jobs.get(created.id));
      return jobView(store.jobs.get(created.id));
    },
    'jobs.details': ({ jobId }) => draftDetails(desk, requireJob(store, jobId)),
    'jobs.update': async ({ jobId, signer, auth, raoUsername, outputDir, asyncMode, order, addPaths }) => {
      const job = requireDraft(store, jobId);
      // Checked when it changes: an unchanged folder sent back with other edits never costs them.
      const folder =
        outputDir !== undefined && outputDir !== job.outputDir
          ? await acceptedOutputDir(outputDir)
          : outputDir;
      const documents =
        order !== undefined || addPaths !== undefined
          ? await arrangeDocuments(desk, job, order, addPaths ?? [])
          : undefined;
      // An external method's value is kept only when it is given; the view never shows it.
      const updated = await store.jobs.editDraft(jobId, {
        signer,
        auth,
        raoUsername,
        outputDir: folder,
        asyncMode,
        documents,
        label: jobLabel(signer ?? job.signer, documents ?? job.documents),
      });
      // New or reordered documents: each one's stamp is resolved again against its own pages.
      if (documents !== undefined) await resolveJobStamps(store, updated);
      runner.touched(jobId);
      return jobView(documents !== undefined ? store.jobs.get(jobId) : updated);
    },
    'jobs.setIdImage': async ({ jobId, side, image }) => {
      requireDraft(store, jobId);
      // An image refused (IdImageError) or a keychain that is not there answers as itself (errors.ts).
      if (image === null) await desk.idImages.remove(jobId, side);
      else await desk.idImages.put(jobId, side, Buffer.from(image.base64, 'base64'), image.contentType);
      store.jobs.event(jobId, image === null ? 'id_image.removed' : 'id_image.added', { side });
      return DONE;
    },
    'jobs.dropDocument': async ({ jobId, position }) => {
      requireJob(store, jobId);
      try {
        return jobView(await runner.dropDocument(jobId, position));
      } catch (error) {
        // The runner's own refusals (too late, running, the only document) already name their problem.
        if (error instanceof OptimizerError || error instanceof ProblemError) throw error;
        throw refusal('conflict', (error as Error).message, 'cannotDropDocument', {});
      }
    },
    'jobs.actions': ({ jobIds }) => {
      const counts = Object.fromEntries(JOB_ACTIONS.map((a) => [a, 0])) as Record<JobAction, number>;
      for (const id of jobIds) {
        const job = store.jobs.find(id);
        if (job) for (const action of JOB_ACTIONS) if (allows(job, action)) counts[action]++;
      }
      return Promise.resolve({ counts });
    },
    'jobs.start': async ({ jobIds }) => {
      // "Start" on a paused job goes on with it, as it always has; anything else is refused below.
      const jobs = jobIds.map((id) => requireJob(store, id));
      const drafts = jobs.filter((j) => j.state === 'draft');
      const paused = jobs.filter((j) => j.state !== 'draft' && allows(j, 'resume'));
      const first = jobs[0];
      if (drafts.length + paused.length === 0 && first)
        throw refuse(first, whyNotAllowed(first, 'start') ?? 'startNotDraft', 'This job has been started.');
      // Every draft is checked before any is queued, so one incomplete draft names its fields
      // and leaves the whole selection as it was.
      const missing = await missingForDrafts(desk, drafts);
      const count = Object.keys(missing.fields).length;
      if (count > 0)
        throw fieldsRefusal(
          'Some details are missing before the job can start.',
          missing.fields,
          problem('detailsMissing', { count }),
          missing.problems,
        );
      for (const job of drafts) {
        freezeAtStart(store, job);
        // The output folder's template is resolved now, once, in the same transaction as the state.
        store.jobs.transition(job.id, 'queued', {}, folderAtStart(job));
        runner.resume(job.id);
      }
      for (const job of paused) runner.resume(job.id);
      return DONE;
    },
    'jobs.pause': ({ jobIds }) => {
      for (const job of allowing(jobIds, 'pause')) runner.pause(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.resume': ({ jobIds }) => {
      for (const job of allowing(jobIds, 'resume')) runner.resume(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.retry': ({ jobIds }) => {
      const jobs = allowing(jobIds, 'retry');
      // A retry that would fail the same way is refused with its cause, before any job moves.
      for (const job of jobs) {
        const block = retryBlock(job);
        if (block) throw refuse(job, block, 'Retrying would fail the same way.');
      }
      for (const job of jobs) runner.retry(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.cancel': async ({ jobIds }) => {
      for (const job of allowing(jobIds, 'cancel')) await runner.cancel(job.id);
      return DONE;
    },
    'jobs.copyAsDraft': async ({ jobId }) => {
      const copy = await copyAsDraft(desk, requireJob(store, jobId));
      runner.listChanged();
      return jobView(copy);
    },
    'jobs.remove': ({ jobIds }) => {
      const jobs = allowing(jobIds, 'remove');
      const removed = jobs.map((job) => takeOut(store.db, job.id));
      const undoToken = randomUUID();
      // Until the undo window has passed, the job's sealed ID images are kept with it.
      const timer = setTimeout(() => {
        removals.delete(undoToken);
        for (const r of removed) {
          void purgeJobIdImages(desk.idImages, store.jobs, r.job.id, 'removed');
          void store.jobs.forgetExternalValue(r.job.id, 'removed');
        }
      }, UNDO_WINDOW_MS);
      timer.unref();
      removals.set(undoToken, { jobs: removed, timer });
      runner.listChanged();
      return Promise.resolve({ removed: removed.length, undoToken });
    },
    'jobs.undoRemove': ({ undoToken }) => {
      const removal = removals.get(undoToken);
      if (!removal) throw refusal('conflict', 'It is too late to undo that removal.', 'undoExpired');
      clearTimeout(removal.timer);
      removals.delete(undoToken);
      for (const r of removal.jobs) putBack(store.db, r);
      runner.listChanged();
      return Promise.resolve({ restored: removal.jobs.length });
    },
  };
}
