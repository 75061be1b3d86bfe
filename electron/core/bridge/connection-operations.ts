// The connection to an Optimizer: its profiles (where it is, how it is trusted, which is in use)
// and the RAO tokens held for it in the keychain, with the one the RAO chose.
import type { Desk } from '../desk';
import { TRAINING_PROFILE_ID } from '../training';
import { BridgeFailure } from './errors';
import type { OperationImpl } from './operations';

type ConnectionOperations = Pick<
  OperationImpl,
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.remove'
  | 'profiles.setActive'
  | 'profiles.status'
  | 'tokens.list'
  | 'tokens.setActive'
  | 'tokens.create'
  | 'tokens.remove'
>;

const DONE = { done: true } as const;

const activeTokenKey = (profileId: string): string => `activeToken.${profileId}`;

/** The token the RAO chose for this Optimizer, else the first one held; null when there is none. */
export async function activeToken(
  desk: Pick<Desk, 'store' | 'vault'>,
  profileId: string,
  held?: readonly { username: string }[],
): Promise<string | null> {
  const tokens = held ?? (await desk.vault.list(profileId).catch(() => []));
  const chosen = desk.store.settings.get(activeTokenKey(profileId));
  return (tokens.find((t) => t.username === chosen) ?? tokens[0])?.username ?? null;
}

export function connectionOperations(
  desk: Pick<Desk, 'store' | 'vault' | 'clientFor'>,
): ConnectionOperations {
  const { store, vault } = desk;
  return {
    'profiles.list': () =>
      Promise.resolve({
        profiles: store.profiles.list().map(({ createdAt: _c, ...p }) => p),
        activeId: (store.settings.get('activeProfileId') as string | undefined) ?? null,
      }),
    'profiles.save': (profile) => {
      const { createdAt: _c, ...saved } = store.profiles.save(profile);
      return Promise.resolve(saved);
    },
    'profiles.remove': ({ profileId }) => {
      if (profileId === TRAINING_PROFILE_ID)
        throw new BridgeFailure('conflict', 'The training sandbox is built in and cannot be removed.');
      if (!store.profiles.get(profileId)) throw new BridgeFailure('not_found', 'No such Optimizer profile.');
      if (!store.profiles.remove(profileId))
        throw new BridgeFailure('conflict', 'Jobs still use this Optimizer; remove them first.');
      if (store.settings.get('activeProfileId') === profileId) store.settings.set('activeProfileId', null);
      return Promise.resolve(DONE);
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

    'tokens.list': async ({ profileId, refresh }) => {
      const tokens = await vault.list(profileId, { refresh: refresh ?? false });
      return { tokens, activeUsername: await activeToken(desk, profileId, tokens) };
    },
    'tokens.setActive': async ({ profileId, username }) => {
      const tokens = await vault.list(profileId);
      if (!tokens.some((t) => t.username === username))
        throw new BridgeFailure('not_found', `There is no token for ${username} on this Optimizer.`);
      store.settings.set(activeTokenKey(profileId), username);
      return DONE;
    },
    'tokens.create': async ({ profileId, ...input }) => vault.createToken(profileId, input),
    'tokens.remove': async ({ profileId, username, localOnly }) => {
      await vault.remove(profileId, username, { localOnly: localOnly ?? false });
      return DONE;
    },
  };
}
