// The connection to an Optimizer: its profiles (where it is, how it is trusted, which is in use)
// and the RAO tokens held for it in the keychain, with the one the RAO chose.
import { profileReach, type Desk } from '../desk';
// From the contract, not from ../training: that would load the training sandbox with every desk.
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import { refusal } from './errors';
import { DONE, requireProfile, type Room } from './guards';

type ConnectionOperations = Room<
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
  desk: Pick<Desk, 'store' | 'vault' | 'clientFor' | 'runner'>,
): ConnectionOperations {
  const { store, vault, runner } = desk;
  // The profile in use is checked in the background from the start, so every screen has a status.
  const active = store.settings.get('activeProfileId');
  if (typeof active === 'string' && store.profiles.get(active)) runner.watchConnection(active);
  return {
    'profiles.list': () =>
      Promise.resolve({
        profiles: store.profiles.list().map(({ createdAt: _c, ...p }) => p),
        activeId: (store.settings.get('activeProfileId') as string | undefined) ?? null,
      }),
    'profiles.save': async ({ tokens: choice, ...profile }) => {
      const before = store.profiles.get(profile.id);
      let tokens: 'kept' | 'forgotten' | undefined;
      if (before && profileReach(before) !== profileReach(profile)) {
        // The stored token uids would go to the new address at the next call: never without asking.
        const held = await vault.list(profile.id);
        if (held.length > 0) {
          if (choice === undefined)
            throw refusal(
              'conflict',
              `This profile holds tokens for ${held.length} RAO(s). Keep them (they will be sent to ${profile.baseUrl}) or forget them.`,
              'profileTokensAtNewAddress',
              { count: held.length, baseUrl: profile.baseUrl },
            );
          if (choice === 'forget') {
            // Only from this computer: the old Optimizer is not asked, it may be gone or untrusted.
            for (const t of held) await vault.remove(profile.id, t.username, { localOnly: true });
            store.settings.set(activeTokenKey(profile.id), null);
          }
          tokens = choice === 'keep' ? 'kept' : 'forgotten';
        }
      }
      const { createdAt: _c, ...saved } = store.profiles.save(profile, { tokens });
      return saved;
    },
    'profiles.remove': ({ profileId }) => {
      if (profileId === TRAINING_PROFILE_ID)
        throw refusal(
          'conflict',
          'The training sandbox is built in and cannot be removed.',
          'trainingProfileBuiltIn',
        );
      requireProfile(store, profileId);
      if (!store.profiles.remove(profileId))
        throw refusal('conflict', 'Jobs still use this Optimizer; remove them first.', 'profileInUse');
      if (store.settings.get('activeProfileId') === profileId) {
        store.settings.set('activeProfileId', null);
        runner.watchConnection(null);
      }
      return Promise.resolve(DONE);
    },
    'profiles.setActive': ({ profileId }) => {
      requireProfile(store, profileId);
      store.settings.set('activeProfileId', profileId);
      runner.watchConnection(profileId);
      void runner.checkConnection(profileId);
      return Promise.resolve(DONE);
    },
    'profiles.status': async ({ profileId }) => {
      requireProfile(store, profileId);
      // The queue's own judgement, asked afresh: what this answers is what the header, the banners
      // and the queue hear too (a `connectivity` event), never a second opinion.
      const status = await runner.checkConnection(profileId);
      if (!status.online)
        return {
          reachable: false,
          version: null,
          roundTripMs: null,
          message: status.message,
          ...(status.problem ? { problem: status.problem } : {}),
        };
      const version = await desk
        .clientFor(profileId)
        .version()
        .then(
          (v) => v.version ?? null,
          () => null,
        );
      return { reachable: true, version, roundTripMs: status.roundTripMs, message: null };
    },

    'tokens.list': async ({ profileId, refresh }) => {
      const tokens = await vault.list(profileId, { refresh: refresh ?? false });
      return { tokens, activeUsername: await activeToken(desk, profileId, tokens) };
    },
    'tokens.setActive': async ({ profileId, username }) => {
      const tokens = await vault.list(profileId);
      if (!tokens.some((t) => t.username === username))
        throw refusal('not_found', `There is no token for ${username} on this Optimizer.`, 'tokenMissing', {
          rao: username,
        });
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
