// Whether each Optimizer answers. A profile marked offline is probed (GET /hello) with growing
// pauses until it answers again; the queue holds that profile's network steps meanwhile and
// resumes them by itself.
import { setTimeout as sleep } from 'node:timers/promises';

export interface ConnectivityOptions {
  probe(profileId: string, signal: AbortSignal): Promise<void>;
  onChange(profileId: string, online: boolean, message?: string): void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export class ConnectivityMonitor {
  private readonly offline = new Map<string, AbortController>();

  constructor(private readonly options: ConnectivityOptions) {}

  isOnline(profileId: string): boolean {
    return !this.offline.has(profileId);
  }

  get offlineProfiles(): string[] {
    return [...this.offline.keys()];
  }

  markOffline(profileId: string, message?: string): void {
    if (this.offline.has(profileId)) return;
    const controller = new AbortController();
    this.offline.set(profileId, controller);
    this.options.onChange(profileId, false, message);
    void this.probeUntilOnline(profileId, controller.signal);
  }

  stop(): void {
    for (const controller of this.offline.values()) controller.abort();
    this.offline.clear();
  }

  private async probeUntilOnline(profileId: string, signal: AbortSignal): Promise<void> {
    let delay = this.options.firstDelayMs ?? 250;
    const max = this.options.maxDelayMs ?? 10_000;
    while (!signal.aborted) {
      try {
        await sleep(delay, undefined, { signal });
        await this.options.probe(profileId, signal);
        if (signal.aborted) return;
        this.offline.delete(profileId);
        this.options.onChange(profileId, true);
        return;
      } catch {
        delay = Math.min(max, delay * 2);
      }
    }
  }
}
