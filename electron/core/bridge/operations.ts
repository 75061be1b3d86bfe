// The contract's operations implemented on core (store, vault, clients, queue). Used by Electron's
// IPC registrar and by the browser host alike: arguments arrive already checked by their schema.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { OperationName, OperationResult, OPERATIONS } from '../../../shared/contract';
import { checkDefaultPlacement } from '../../../shared/settings-rules';
import type { Desk } from '../desk';
import { OptimizerError } from '../optimizer/index';
import { inspectLocalPdf, verifySignedPdf } from '../pdf/index';
import type { JobRecord } from '../store/index';
// From the contract, not from ../training: that would load the training sandbox with every desk.
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import type { DesktopPort } from './desktop';
import {
  acceptDocuments,
  arrangeDocuments,
  draftDetails,
  jobLabel,
  newDraft,
  refuseOverLimits,
} from './drafts';
import { BridgeFailure, refusal } from './errors';
import { reviewOperations, reviewState } from './review';
import { expandFolders, StagingArea } from './staging';
import { jobView } from './views';
import { resolveJobStamps } from '../placement/resolve-job';
import { appearanceOperations } from './appearance';
import { jobOperations } from './jobs';
import { auditOperations } from './audit';
import { activeToken, connectionOperations } from './connection';
import { acceptedOutputDir, settingsOperations } from './settings';
import { defaultOutputFolder } from '../settings-rules';
import { folderAtStart } from '../queue/output-folder-template';
import { hasFolderPlaceholders } from '../../../shared/output-folder-template';
import { templateOperations } from './templates';

type Args<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['args']>;
export type OperationImpl = { [N in OperationName]: (args: Args<N>) => Promise<OperationResult<N>> };

export interface AppIdentity {
  version: string;
  training: boolean;
  /** The data folder: staged uploads go under it. */
  dataDir: string;
  /** Dialogs, opening files, the camera: what the shell in use can do (none in tests). */
  desktop?: Partial<DesktopPort>;
}

const DONE = { done: true } as const;

export function coreOperations(desk: Desk, app: AppIdentity): OperationImpl {
  const { store, runner } = desk;
  const textSetting = (key: string): string | undefined => {
    const value = store.settings.get(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const staging = new StagingArea(join(app.dataDir, 'incoming'));
  const desktop = <K extends keyof DesktopPort>(name: K): DesktopPort[K] => {
    const fn = app.desktop?.[name];
    if (!fn)
      throw new BridgeFailure(
        'unsupported',
        'This needs the desktop app; in browser mode use the file chooser or the path shown.',
      );
    return fn;
  };
  const requireDraft = (jobId: string): JobRecord => {
    const job = requireJob(jobId);
    if (job.state !== 'draft')
      throw new BridgeFailure('conflict', 'This job has been started; its details can no longer change.');
    return job;
  };
  const signedDocument = (jobId: string, position: number) => {
    const doc = requireJob(jobId).documents.find((d) => d.position === position);
    if (!doc) throw new BridgeFailure('not_found', 'That document is not part of this job.');
    if (!doc.outputPath)
      throw new BridgeFailure('not_found', 'This document has not been signed and saved yet.');
    return { ...doc, outputPath: doc.outputPath };
  };
  const requireJob = (jobId: string) => {
    const job = store.jobs.find(jobId);
    if (!job) throw new BridgeFailure('not_found', 'That job no longer exists.');
    return job;
  };
  return {
    'app.info': () =>
      Promise.resolve({ name: 'One-Shot Desk', version: app.version, training: app.training }),

    ...connectionOperations(desk),

    'documents.stage': (chunk) => staging.append(chunk),
    'documents.inspect': async ({ paths }) => ({
      files: await Promise.all(
        (await expandFolders(paths)).map(async ({ path, unreadable }) => {
          if (unreadable !== undefined)
            return {
              path,
              ok: false as const,
              reason: 'folder_unreadable',
              message: `The folder “${path}” can't be read (${unreadable}); the PDFs in it were left out.`,
            };
          const check = await inspectLocalPdf(path);
          return check.ok
            ? {
                path,
                ok: true as const,
                pages: check.pages,
                size: check.size,
                hasSignatures: check.hasSignatures,
              }
            : { path, ok: false as const, reason: check.reason, message: check.message };
        }),
      ),
    }),

    'jobs.list': ({ states, offset = 0, limit = 200 }) => {
      const { jobs, total } = store.jobs.page(states ? { states } : {}, offset, limit);
      return Promise.resolve({ jobs: jobs.map(jobView), total, counts: store.jobs.countByState() });
    },
    'jobs.get': ({ jobId }) => Promise.resolve(jobView(requireJob(jobId))),
    'jobs.create': async ({ paths, start, ...job }) => {
      if (!store.profiles.get(job.profileId))
        throw new BridgeFailure('not_found', 'No such Optimizer profile.');
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
      if (!profile) throw new BridgeFailure('not_found', 'Choose an Optimizer under Connection first.');
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
    'jobs.details': ({ jobId }) => draftDetails(desk, requireJob(jobId)),
    'jobs.update': async ({ jobId, signer, auth, raoUsername, outputDir, asyncMode, order, addPaths }) => {
      const job = requireDraft(jobId);
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
      requireDraft(jobId);
      if (image === null) await desk.idImages.remove(jobId, side);
      else {
        try {
          await desk.idImages.put(jobId, side, Buffer.from(image.base64, 'base64'), image.contentType);
        } catch (error) {
          throw new BridgeFailure('unsupported_media', (error as Error).message);
        }
      }
      store.jobs.event(jobId, image === null ? 'id_image.removed' : 'id_image.added', { side });
      return DONE;
    },
    'jobs.dropDocument': async ({ jobId, position }) => {
      requireJob(jobId);
      try {
        return jobView(await runner.dropDocument(jobId, position));
      } catch (error) {
        if (error instanceof OptimizerError) throw error;
        throw refusal('conflict', (error as Error).message, 'cannotDropDocument', {});
      }
    },
    ...reviewOperations(desk),
    'otp.send': async ({ jobId, delivery }) => {
      const job = requireJob(jobId);
      // Refused here with a code the UI words, not left to the runner's plain errors (`internal`).
      if (job.auth.method !== 'otp')
        throw new BridgeFailure(
          'conflict',
          'This job signs with an external authentication method; no code is sent to the signer.',
        );
      if (job.state !== 'awaiting_signer' && job.state !== 'otp_sent')
        throw new BridgeFailure(
          'conflict',
          `A code can be sent only while the signer is at the desk; this job is ${job.state}.`,
        );
      if (!reviewState(store, job).consented)
        throw new BridgeFailure(
          'conflict',
          'The signer has not yet read every document and accepted them; no code is sent before that.',
        );
      const sent = await runner.sendOtp(jobId, delivery);
      return { sentAt: sent.otpSentAt ?? new Date().toISOString() };
    },
    'otp.submit': ({ jobId, code }) => {
      const job = requireJob(jobId);
      if (job.state !== 'otp_sent')
        throw new BridgeFailure(
          'conflict',
          `No code is expected for this job now (it is ${job.state}): send the code to the signer first.`,
        );
      runner.submitOtp(jobId, code);
      return Promise.resolve(DONE);
    },

    'training.inbox': async ({ jobId }) => {
      const job = requireJob(jobId);
      const profile = store.profiles.get(job.profileId);
      if (job.profileId !== TRAINING_PROFILE_ID || !profile)
        throw new BridgeFailure('forbidden', 'The sandbox phone exists only on the training sandbox.');
      const none = { code: null, delivery: null, sentAt: null };
      if (!job.requestPk) return none;
      const response = await fetch(`${profile.baseUrl}/sandbox/inbox/${encodeURIComponent(job.requestPk)}`);
      if (response.status === 404) return none;
      if (!response.ok)
        throw new BridgeFailure('server', `The training sandbox answered ${response.status}.`);
      const body = (await response.json()) as { otp?: string; delivery_method?: string; sent_at?: string };
      return { code: body.otp ?? null, delivery: body.delivery_method ?? null, sentAt: body.sent_at ?? null };
    },

    'results.verify': async ({ jobId, position }) => {
      const doc = signedDocument(jobId, position);
      const result = await verifySignedPdf(doc.outputPath, {
        expectedOriginal: { size: doc.size, sha256: doc.sha256 },
      });
      return {
        ok: result.ok,
        signerName: result.last?.signer?.commonName ?? null,
        signingTime: result.last?.signingTime ?? null,
        coversWholeFile: result.last?.coversWholeFile ?? false,
        problems: result.problems,
      };
    },
    'results.file': async ({ jobId, position }) => {
      const doc = signedDocument(jobId, position);
      try {
        return {
          filename: doc.outputPath.split(/[\\/]/).pop() ?? doc.filename,
          base64: (await readFile(doc.outputPath)).toString('base64'),
        };
      } catch {
        throw new BridgeFailure('not_found', `The signed file is no longer at ${doc.outputPath}.`);
      }
    },
    'files.open': async ({ jobId, position }) => {
      await desktop('openPath')(signedDocument(jobId, position).outputPath);
      return DONE;
    },
    'files.reveal': async ({ jobId, position }) => {
      await desktop('showInFolder')(signedDocument(jobId, position).outputPath);
      return DONE;
    },
    'dialogs.pickDocuments': async () => ({ paths: await desktop('pickDocuments')() }),
    'dialogs.pickFolder': async () => ({ path: await desktop('pickFolder')() }),
    'camera.allow': () => {
      app.desktop?.allowCamera?.();
      return Promise.resolve(DONE);
    },

    ...jobOperations(desk),
    ...appearanceOperations(desk),
    ...templateOperations(desk),
    ...auditOperations(desk),
    ...settingsOperations(desk),
  };
}
