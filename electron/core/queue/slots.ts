// Bounded parallelism for the per-document calls of jobs (downloads with their verification): one set of slots per Optimizer profile, shared by all its jobs, as many as the profile's
// agent has connections. So a job's documents go in parallel, yet the calls under way to one
// Optimizer never outnumber its connections: none waits in the agent's queue, where its timeout
// would run while it is not even sent.
import { setMaxListeners } from 'node:events';

export class Slots {
  private free: number;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, Math.floor(size));
  }

  /** Runs `task` once a slot is free; a signal aborted while waiting gives the slot up unused. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter: it never counts as free in between.
    if (next) next.grant();
    else this.free++;
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

/** An AbortController that also aborts when `parent` does; dispose() stops listening to it. */
export function linkedController(parent: AbortSignal): AbortController & { dispose(): void } {
  const controller = new AbortController();
  // Every document call of a job listens to it (waiting for a slot, then its request): not a leak.
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  return Object.assign(controller, { dispose: () => parent.removeEventListener('abort', onAbort) });
}
