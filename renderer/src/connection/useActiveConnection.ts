// The live status of the Optimizer in use, as core judges it: asked once when the profile is known
// (profiles.status, which is the queue's own check) and then kept current by core's `connectivity`
// events. The header, the Connection screen, the queue's banner and the code panel all read this
// one value, so they cannot disagree.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';
import { useBridgeEvents } from '../hooks';

type Profile = OperationResult<'profiles.list'>['profiles'][number];
export type LinkState = 'checking' | 'online' | 'offline';

export interface ActiveConnection {
  profile: Profile | null;
  state: LinkState;
  roundTripMs: number | null;
  message: string | null;
  /** Why it cannot be reached, as a code the screens word in the RAO's language. */
  problem: BridgeError['problem'] | null;
  version: string | null;
}

const NONE: ActiveConnection = {
  profile: null,
  state: 'checking',
  roundTripMs: null,
  message: null,
  problem: null,
  version: null,
};

export function useActiveConnection(): { connection: ActiveConnection; refresh: () => Promise<void> } {
  const [connection, setConnection] = useState<ActiveConnection>(NONE);
  const activeId = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    const profiles = await bridge.call('profiles.list', {});
    if (!profiles.ok) return;
    const { activeId: chosen, profiles: all } = profiles.value;
    const profile = all.find((p) => p.id === chosen) ?? all[0] ?? null;
    // A new profile is "checking" until it answers; the same one keeps its status meanwhile.
    if (profile?.id !== activeId.current) setConnection({ ...NONE, profile });
    else setConnection((c) => ({ ...c, profile }));
    activeId.current = profile?.id ?? null;
    if (!profile) return;
    const status = await bridge.call('profiles.status', { profileId: profile.id });
    if (!status.ok || activeId.current !== profile.id) return;
    setConnection({
      profile,
      state: status.value.reachable ? 'online' : 'offline',
      roundTripMs: status.value.roundTripMs,
      message: status.value.message,
      problem: status.value.problem ?? null,
      version: status.value.version,
    });
  }, []);
  useEffect(() => void refresh(), [refresh]);

  useBridgeEvents((event) => {
    if (event.type !== 'connectivity' || event.profileId !== activeId.current) return;
    setConnection((c) => ({
      ...c,
      state: event.online ? 'online' : 'offline',
      roundTripMs: event.online ? (event.roundTripMs ?? c.roundTripMs) : null,
      message: event.online ? null : (event.message ?? null),
      problem: event.online ? null : (event.problem ?? null),
    }));
    // Back online after a stop: the version may have changed with the restart.
    if (event.online && connection.state === 'offline') void refresh();
  });

  return { connection, refresh };
}
