// The contract's operations implemented on core (store, vault, clients, queue). Used by Electron's
// IPC registrar and by the browser host alike: arguments arrive already checked by their schema.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OperationName, OperationResult } from '../../../shared/contract';
import type { z } from 'zod';
import type { OPERATIONS } from '../../../shared/contract';
import { isTerminal } from '../../../shared/job';
import type { Desk } from '../desk';
import { inspectLocalPdf } from '../pdf/index';
import { listEvents } from '../store/index';
import { BridgeFailure } from './errors';
import { jobView } from './views';

type Args<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['args']>;
export type OperationImpl = { [N in OperationName]: (args: Args<N>) => Promise<OperationResult<N>> };

export interface AppIdentity {
  version: string;
  training: boolean;
}

const DONE = { done: true } as const;

export function coreOperations(desk: Desk, app: AppIdentity): OperationImpl {
  const { store, runner, vault } = desk;
  const requireJob = (jobId: string) => {
    const job = store.jobs.find(jobId);
    if (!job) throw new BridgeFailure('not_found', 'That job no longer exists.');
    return job;
  };
  const eachJob = async (jobIds: string[], act: (jobId: string) => unknown): Promise<typeof DONE> => {
    for (const jobId of jobIds) {
      requireJob(jobId);
      await act(jobId);
    }
    return DONE;
  };

  return {
    'app.info': () =>
      Promise.resolve({ name: 'One-Shot Desk', version: app.version, training: app.training }),

    'profiles.list': () =>
      Promise.resolve({
        profiles: store.profiles.list().map(({ createdAt: _c, ...p }) => p),
        activeId: (store.settings.get('activeProfileId') as string | undefined) ?? null,
      }),
    'profiles.save': (profile) => {
      const { createdAt: _c, ...saved } = store.profiles.save(profile);
      return Promise.resolve(saved);
    },
    'profiles.setActive': ({ profileId }) => {
      if (!store.profiles.get(profileId)) throw new BridgeFailure('not_found', 'No such Optimizer profile.');
      store.settings.set('activeProfileId', profileId);
      return Promise.resolve(DONE);
    },
    'profiles.status': async ({ profileId }) => {
      if (!store.profiles.get(profileId)) throw new BridgeFailure('not_found', 'No such Optimizer profile.');
      const client = desk.clientFor(profileId);
      const started = performance.now();
      try {
        await client.hello();
        const roundTripMs = Math.round(performance.now() - started);
        const version = await client.version().then(
          (v) => v.version ?? null,
          () => null,
        );
        return { reachable: true, version, roundTripMs, message: null };
      } catch (error) {
        return { reachable: false, version: null, roundTripMs: null, message: (error as Error).message };
      }
    },

    'tokens.list': async ({ profileId, refresh }) => ({
      tokens: await vault.list(profileId, { refresh: refresh ?? false }),
    }),
    'tokens.create': async ({ profileId, ...input }) => vault.createToken(profileId, input),
    'tokens.remove': async ({ profileId, username, localOnly }) => {
      await vault.remove(profileId, username, { localOnly: localOnly ?? false });
      return DONE;
    },

    'documents.inspect': async ({ paths }) => ({
      files: await Promise.all(
        paths.map(async (path) => {
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
      const all = store.jobs.list(states ? { states } : {});
      return Promise.resolve({ jobs: all.slice(offset, offset + limit).map(jobView), total: all.length });
    },
    'jobs.get': ({ jobId }) => Promise.resolve(jobView(requireJob(jobId))),
    'jobs.create': async ({ paths, start, ...job }) => {
      if (!store.profiles.get(job.profileId))
        throw new BridgeFailure('not_found', 'No such Optimizer profile.');
      const fields: Record<string, string[]> = {};
      const documents = [];
      for (const [i, path] of paths.entries()) {
        const check = await inspectLocalPdf(path);
        if (!check.ok) fields[`paths.${i}`] = [check.message];
        else
          documents.push({
            path: resolve(path),
            filename: path.split(/[\\/]/).pop() ?? path,
            size: check.size,
            pages: check.pages,
            sha256: check.sha256,
          });
      }
      if (Object.keys(fields).length > 0)
        throw new BridgeFailure('validation', 'Some documents cannot be signed.', fields);
      for (const d of documents) await store.documents.import(d.path);
      const created = store.jobs.create({
        ...job,
        label: [job.signer.given_name, job.signer.surname_1, job.signer.surname_2].filter(Boolean).join(' '),
        state: start ? 'queued' : 'draft',
        documents: documents.map(({ path: _p, ...d }) => d),
      });
      if (start) runner.pump();
      return jobView(created);
    },
    'jobs.start': ({ jobIds }) =>
      eachJob(jobIds, (id) => {
        if (store.jobs.get(id).state === 'draft') store.jobs.transition(id, 'queued');
        runner.resume(id);
      }),
    'jobs.pause': ({ jobIds }) => eachJob(jobIds, (id) => runner.pause(id)),
    'jobs.resume': ({ jobIds }) => eachJob(jobIds, (id) => runner.resume(id)),
    'jobs.cancel': ({ jobIds }) => eachJob(jobIds, (id) => runner.cancel(id)),
    'jobs.retry': ({ jobIds }) => eachJob(jobIds, (id) => runner.retry(id)),
    'jobs.remove': ({ jobIds }) =>
      eachJob(jobIds, (id) => {
        const state = store.jobs.get(id).state;
        if (state !== 'draft' && !isTerminal(state)) {
          throw new BridgeFailure(
            'conflict',
            'Only a draft or a finished job can be removed; cancel it first.',
          );
        }
        store.jobs.remove(id);
      }),

    'review.file': async ({ jobId, which }) => {
      const job = requireJob(jobId);
      if (which === 'contract') {
        if (!job.contractPath)
          throw new BridgeFailure('not_found', 'The service contract has not been fetched yet.');
        return {
          filename: `contract-${job.requestPk ?? job.id}.pdf`,
          base64: (await readFile(job.contractPath)).toString('base64'),
        };
      }
      const doc = job.documents[which];
      if (!doc) throw new BridgeFailure('not_found', 'That document is not part of this job.');
      return {
        filename: doc.filename,
        base64: (await readFile(store.documents.pathOf(doc.sha256))).toString('base64'),
      };
    },
    'otp.send': async ({ jobId, delivery }) => {
      requireJob(jobId);
      const job = await runner.sendOtp(jobId, delivery);
      return { sentAt: job.otpSentAt ?? new Date().toISOString() };
    },
    'otp.submit': ({ jobId, code }) => {
      requireJob(jobId);
      runner.submitOtp(jobId, code);
      return Promise.resolve(DONE);
    },

    'audit.list': ({ jobId, limit }) =>
      Promise.resolve({
        events: listEvents(store.db, { jobId, limit }).map(({ prevHash: _p, hash: _h, ...e }) => e),
      }),
    'audit.verify': () => Promise.resolve(store.verifyAuditChain()),

    'settings.get': () => Promise.resolve({ settings: store.settings.all() }),
    'settings.set': ({ key, value }) => {
      store.settings.set(key, value);
      return Promise.resolve(DONE);
    },
  };
}
