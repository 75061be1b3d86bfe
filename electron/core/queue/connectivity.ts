// Whether each Optimizer answers: the one live truth the queue, the header, the Connection screen,
// the banners and the person's actions all read. A profile marked offline is probed (GET /hello)
// with growing pauses until it answers again; the queue holds that profile's network steps
// meanwhile and resumes them by itself. The profile in use is also checked every little while, so
// the status is current even when no job is running.
import { setTimeout as sleep } from 'node:timers/promises';
import { bridgeProblem, type Problem } from '../../../shared/problems';
import { OptimizerError } from '../optimizer/errors';
import { optimizerProblem } from '../optimizer/problem';

export interface ConnectionStatus {
  online: boolean;
  /** When it was last asked; null before the first answer (assumed online until then). */
  checkedAt: string | null;
  roundTripMs: number | null;
  message: string | null;
  /** Why it is offline, as the renderer words it (the message stays English, for logs). */
  problem?: ReturnType<typeof bridgeProblem>;
}

export interface ConnectivityOptions {
  probe(profileId: string, signal: AbortSignal): Promise<void>;
  /** Online ↔ offline. */
  onChange(profileId: string, online: boolean, message?: string): void;
  /** Every new status, changed or not (a round trip measured, a probe refused). */
  onStatus?(profileId: string, status: ConnectionStatus): void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** How often the watched profile is asked while it answers. */
  watchMs?: number;
  now?: () => number;
}

export class ConnectivityMonitor {
  private readonly offline = new Map<string, AbortController>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  private watched: { profileId: string; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly options: ConnectivityOptions) {}

  isOnline(profileId: string): boolean {
    return !this.offline.has(profileId);
  }

  get offlineProfiles(): string[] {
    return [...this.offline.keys()];
  }

  status(profileId: string): ConnectionStatus {
    return (
      this.statuses.get(profileId) ?? {
        online: this.isOnline(profileId),
        checkedAt: null,
        roundTripMs: null,
        message: null,
      }
    );
  }

  markOffline(profileId: string, message?: string, problem?: Problem): void {
    this.record(profileId, {
      online: false,
      roundTripMs: null,
      message: message ?? null,
      ...(problem ? { problem: bridgeProblem(problem) } : {}),
    });
    if (this.offline.has(profileId)) return;
    const controller = new AbortController();
    this.offline.set(profileId, controller);
    this.options.onChange(profileId, false, message);
    void this.probeUntilOnline(profileId, controller.signal);
  }

  /** Asks the Optimizer now; its answer (or silence) becomes the status everyone reads. */
  async check(profileId: string): Promise<ConnectionStatus> {
    const controller = new AbortController();
    const started = performance.now();
    try {
      await this.options.probe(profileId, controller.signal);
    } catch (error) {
      this.markOffline(
        profileId,
        error instanceof Error ? error.message : String(error),
        error instanceof OptimizerError ? optimizerProblem(error) : undefined,
      );
      return this.status(profileId);
    }
    this.markOnline(profileId, Math.round(performance.now() - started));
    return this.status(profileId);
  }

  /** Keeps checking this profile (the one in use) in the background; null stops. */
  watch(profileId: string | null, everyMs = this.options.watchMs ?? 10_000): void {
    if (this.watched?.profileId === profileId) return;
    if (this.watched) clearInterval(this.watched.timer);
    this.watched = undefined;
    if (profileId === null) return;
    const timer = setInterval(() => {
      // While offline the probe loop already asks, with its own growing pauses.
      if (this.isOnline(profileId)) void this.check(profileId);
    }, everyMs);
    timer.unref();
    this.watched = { profileId, timer };
  }

  stop(): void {
    this.watch(null);
    for (const controller of this.offline.values()) controller.abort();
    this.offline.clear();
  }

  private markOnline(profileId: string, roundTripMs: number): void {
    const controller = this.offline.get(profileId);
    this.record(profileId, { online: true, roundTripMs, message: null });
    if (!controller) return;
    controller.abort();
    this.offline.delete(profileId);
    this.options.onChange(profileId, true);
  }

  private record(profileId: string, status: Omit<ConnectionStatus, 'checkedAt'>): void {
    const now = this.options.now?.() ?? Date.now();
    const full = { ...status, checkedAt: new Date(now).toISOString() };
    this.statuses.set(profileId, full);
    this.options.onStatus?.(profileId, full);
  }

  private async probeUntilOnline(profileId: string, signal: AbortSignal): Promise<void> {
    let delay = this.options.firstDelayMs ?? 250;
    const max = this.options.maxDelayMs ?? 10_000;
    while (!signal.aborted) {
      try {
        await sleep(delay, undefined, { signal });
        const started = performance.now();
        await this.options.probe(profileId, signal);
        if (signal.aborted) return;
        this.markOnline(profileId, Math.round(performance.now() - started));
        return;
      } catch {
        delay = Math.min(max, delay * 2);
      }
    }
  }
}
