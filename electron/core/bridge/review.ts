// What the signer has read and accepted, kept in the job's audit trail: each document (and the
// service contract) is ticked once opened and scrolled to its end, and consent is recorded only
// after every one is ticked. "Send code" waits for consent — enforced here, not only in the UI.
import type { JobRecord, Store } from '../store/index';
import { listEvents } from '../store/index';
import { BridgeFailure } from './errors';

export type ReviewItem = 'contract' | number;

export interface ReviewState {
  read: ReviewItem[];
  consented: boolean;
  complete: boolean;
}

export function reviewItems(job: JobRecord): ReviewItem[] {
  return ['contract', ...job.documents.map((d) => d.position)];
}

export function reviewState(store: Store, job: JobRecord): ReviewState {
  const read = new Set<ReviewItem>();
  let consented = false;
  for (const event of listEvents(store.db, { jobId: job.id })) {
    // A new contract (a request created again) starts the review over.
    if (event.kind === 'job.state' && event.data.to === 'contract_ready') {
      read.clear();
      consented = false;
    } else if (event.kind === 'review.read') {
      const which = event.data.which;
      if (which === 'contract' || typeof which === 'number') read.add(which);
    } else if (event.kind === 'review.consent') consented = true;
  }
  const items = reviewItems(job);
  const readInOrder = items.filter((i) => read.has(i));
  return { read: readInOrder, consented, complete: readInOrder.length === items.length };
}

export function markRead(store: Store, job: JobRecord, which: ReviewItem): ReviewState {
  if (which === 'contract' && !job.contractPath)
    throw new BridgeFailure('not_found', 'The service contract has not been fetched yet.');
  if (which !== 'contract' && !job.documents.some((d) => d.position === which))
    throw new BridgeFailure('not_found', 'That document is not part of this job.');
  const state = reviewState(store, job);
  if (!state.read.includes(which)) store.jobs.event(job.id, 'review.read', { which });
  return reviewState(store, job);
}

export function consent(store: Store, job: JobRecord): ReviewState {
  const state = reviewState(store, job);
  if (!state.complete)
    throw new BridgeFailure(
      'conflict',
      'The signer must open every document and the service contract and read each to its end first.',
    );
  if (!state.consented) store.jobs.event(job.id, 'review.consent', { items: reviewItems(job).length });
  return { ...state, consented: true };
}
