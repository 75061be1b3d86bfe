// The audit log as the RAO reads it: filtered, checked link by link, exported.
import type { Desk } from '../desk';
import { listEvents } from '../store/index';
import { BridgeFailure } from './errors';
import type { OperationImpl } from './operations';

type AuditOperations = Pick<OperationImpl, 'audit.list' | 'audit.verify' | 'audit.export'>;

export function auditOperations(desk: Desk): AuditOperations {
  const { store } = desk;
  return {
    'audit.list': ({ jobId, limit }) => {
      const events = listEvents(store.db, { jobId, limit }).map(({ prevHash: _p, hash: _h, ...e }) => ({
        ...e,
        signer: null,
      }));
      return Promise.resolve({ events, total: events.length });
    },
    'audit.verify': () => Promise.resolve(store.verifyAuditChain()),
    'audit.export': () => Promise.reject(new BridgeFailure('unsupported', 'Export is being built.')),
  };
}
