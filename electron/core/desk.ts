// One-Shot Desk's core, assembled: the store in the data folder, the token vault on the OS
// keychain, one Optimizer client per profile and the queue runner. The CLI, the browser host and
// Electron's main process all start from here.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { OptimizerClient, type OptimizerTimeouts } from './optimizer/index';
import { QueueRunner } from './queue/runner';
import { RetentionSchedule } from './retention';
import type { BackoffPolicy } from './queue/backoff';
import { attachAuditSeal } from './store/audit-seal';
import { openStore, type OptimizerProfileRecord, type Store } from './store/index';
import {
  checkKeychainAvailable,
  IdImageStore,
  keychainIdle,
  OsKeychain,
  TokenVault,
  type Keychain,
} from './vault/index';

export interface DeskOptions {
  dataDir: string;
  concurrency?: number;
  keychain?: Keychain;
  backoff?: BackoffPolicy;
  timeouts?: Partial<OptimizerTimeouts>;
  connectivityDelays?: { firstMs: number; maxMs: number };
}

export interface Desk {
  store: Store;
  vault: TokenVault;
  idImages: IdImageStore;
  runner: QueueRunner;
  clientFor(profileId: string): OptimizerClient;
  close(): Promise<void>;
}

export async function openDesk(options: DeskOptions): Promise<Desk> {
  // Refuse early and clearly: tokens are never kept anywhere but a secure keychain.
  if (!options.keychain) await checkKeychainAvailable();
  const keychain = options.keychain ?? new OsKeychain();
  const store = openStore(options.dataDir);
  // Before anything can append: every row from here on is keyed by the keychain's audit key.
  const auditSeal = await attachAuditSeal(store.db, keychain).catch((error: unknown) => {
    store.close();
    throw error;
  });
  // External-authentication values live in the keychain: older clear ones move there, spent ones go.
  await store.jobs.useKeychain(keychain).catch(async (error: unknown) => {
    await auditSeal.idle();
    store.close();
    throw error;
  });
  // One client per profile, for the profile as saved now: a changed address, CA or pin gets a new
  // client at the next call (the old one closes once its calls in flight have finished).
  const clients = new Map<string, { reach: string; client: OptimizerClient }>();
  const clientFor = (profileId: string): OptimizerClient => {
    const profile = store.profiles.get(profileId);
    if (!profile) throw new Error(`No Optimizer profile "${profileId}"`);
    const reach = profileReach(profile);
    const cached = clients.get(profileId);
    if (cached?.reach === reach) return cached.client;
    if (cached) void cached.client.close().catch(() => {});
    const client = new OptimizerClient(
      {
        id: profile.id,
        baseUrl: profile.baseUrl,
        caPem: profile.caPem ?? undefined,
        pinSha256: profile.pinSha256 ?? undefined,
      },
      { timeouts: options.timeouts },
    );
    clients.set(profileId, { reach, client });
    return client;
  };
  const vault = new TokenVault({ keychain, optimizer: (profileId) => clientFor(profileId) });
  const idImages = new IdImageStore({ dir: join(options.dataDir, 'id-images'), keychain });
  const runner = new QueueRunner({
    store,
    optimizerFor: clientFor,
    tokenFor: (profileId, username) => vault.tokenUid(profileId, username),
    idImages,
    verify: async (path, expectedOriginal) => {
      // Loaded at the first verification: `status`, `audit` and the host's first screen never need
      // the PDF and certificate parsers (pdf-lib, asn1js), the heaviest part of a start.
      const { verifySignedPdf } = await import('./pdf/index');
      const result = await verifySignedPdf(path, { expectedOriginal });
      return { ok: result.ok, problems: result.problems, signerName: result.last?.signer?.commonName };
    },
    concurrency: options.concurrency,
    backoff: options.backoff,
    connectivityDelays: options.connectivityDelays,
  });
  // Old originals and ID images go at open and every few hours (settings screen: kept days).
  const retention = new RetentionSchedule(store, idImages);
  retention.start();
  return {
    store,
    vault,
    idImages,
    runner,
    clientFor,
    async close() {
      await runner.stop();
      await retention.stop();
      await Promise.all([...clients.values()].map(({ client }) => client.close()));
      // The last rows' head reaches the keychain before the database closes.
      await auditSeal.idle();
      store.close();
      // Never leave with a keychain call half-way (see keychainIdle).
      await keychainIdle();
    },
  };
}

/** Where a profile's calls go and whom they trust: what a token uid is sent to. */
export function profileReach(
  profile: Pick<OptimizerProfileRecord, 'baseUrl' | 'caPem' | 'pinSha256'>,
): string {
  return JSON.stringify([
    profile.baseUrl.replace(/\/+$/, ''),
    profile.caPem?.trim() ?? null,
    profile.pinSha256 ?? null,
  ]);
}

/** The profile the CLI uses for an Optimizer URL: one per URL, so resume finds it again. */
export function cliProfile(baseUrl: string, caPem: string | null): Omit<OptimizerProfileRecord, 'createdAt'> {
  const url = baseUrl.replace(/\/+$/, '');
  return {
    id: `cli-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`,
    name: `Optimizer at ${new URL(url).host}`,
    baseUrl: url,
    env: 'sandbox',
    caPem,
    pinSha256: null,
    defaultRegistrationAuthority: null,
    defaultProfile: null,
  };
}
