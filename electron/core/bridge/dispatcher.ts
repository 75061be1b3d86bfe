// One entry point for every transport: checks the operation name and its arguments against the
// contract, runs the operation and answers a Result — a code and a message on failure, never a
// stack. Events from the queue are turned into the contract's events.
import {
  isOperationName,
  parseArgs,
  type BridgeEvent,
  type OperationName,
  type Result,
} from '../../../shared/contract';
import type { QueueRunner } from '../queue/runner';
import type { Store } from '../store/index';
import { toBridgeError } from './errors';
import type { OperationImpl } from './guards';

export interface BridgeDispatcher {
  has(operation: string): boolean;
  call(operation: string, args: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

export function createDispatcher(
  impl: OperationImpl,
  events: { runner: QueueRunner; store: Store },
  log: (line: string) => void = () => {},
): BridgeDispatcher {
  return {
    has: isOperationName,
    async call(operation, args) {
      if (!isOperationName(operation))
        return { ok: false, error: { code: 'not_found', message: `Unknown operation ${operation}.` } };
      const parsed = parseArgs(operation, args);
      if (!parsed.ok) return parsed;
      try {
        const run = impl[operation] as (a: unknown) => Promise<unknown>;
        return { ok: true, value: await run(parsed.value) };
      } catch (error) {
        return { ok: false, error: toBridgeError(error, log) };
      }
    },
    subscribe(listener) {
      return events.runner.on((event) => {
        switch (event.type) {
          case 'job':
            listener(event);
            listener({ type: 'queue', counts: events.store.jobs.countByState() });
            break;
          case 'jobs_changed':
            listener({ type: 'queue', counts: events.store.jobs.countByState() });
            break;
          case 'connection':
            listener({ ...event, type: 'connectivity' });
            break;
          case 'document':
          case 'attention':
            listener(event);
            break;
          default:
            break;
        }
      });
    },
  };
}

export type { OperationName };
