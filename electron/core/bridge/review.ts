// What the signer has read and accepted, kept in the job's audit trail. A document (and the service
// contract) counts as read only on evidence: every page on screen in the signer view, long enough,
// reported page by page and checked here against the document's own page count — or the RAO's
// override with a recorded reason. Consent is recorded only once every one is read, and "Send
// code" waits for consent: enforced here, not only in the interface.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { pageSeenSchema } from '../../../shared/contract-schemas';
import { missingPages, pageRanges, READ_DWELL_MS } from '../../../shared/reading';
import type { Desk } from '../desk';
import { inspectLocalPdf } from '../pdf/index';
import type { JobRecord, Store } from '../store/index';
import { listEvents } from '../store/index';
import { BridgeFailure, refusal } from './errors';
import type { OperationImpl } from './operations';

export type ReviewItem = 'contract' | number;
export type PageSeen = z.infer<typeof pageSeenSchema>;

export interface ReviewState {
  read: ReviewItem[];
  overridden: ReviewItem[];
  signerView: boolean;
  consented: boolean;
  complete: boolean;
}

type ReviewName =
  | 'review.file'
  | 'review.state'
  | 'review.signerView'
  | 'review.markRead'
  | 'review.override'
  | 'review.consent';

export function reviewItems(job: JobRecord): ReviewItem[] {
  return ['contract', ...job.documents.map((d) => d.position)];
}

const asItem = (which: unknown): ReviewItem | null =>
  which === 'contract' || typeof which === 'number' ? which : null;

export function reviewState(store: Store, job: JobRecord): ReviewState {
  const read = new Set<ReviewItem>();
  const overridden = new Set<ReviewItem>();
  let consented = false;
  let signerView = false;
  for (const event of listEvents(store.db, { jobId: job.id })) {
    const item = asItem(event.data.which);
    // A new contract (a request created again) starts the review over.
    if (event.kind === 'job.state' && event.data.to === 'contract_ready') {
      read.clear();
      overridden.clear();
      consented = false;
      signerView = false;
    } else if (event.kind === 'review.signer_view') signerView = true;
    else if (event.kind === 'review.read' && item !== null) read.add(item);
    else if (event.kind === 'review.read_override' && item !== null) {
      read.add(item);
      overridden.add(item);
    } else if (event.kind === 'review.consent') consented = true;
  }
  const items = reviewItems(job);
  const readInOrder = items.filter((i) => read.has(i));
  return {
    read: readInOrder,
    overridden: items.filter((i) => overridden.has(i)),
    signerView,
    consented,
    complete: readInOrder.length === items.length,
  };
}

/** How many pages the item has: stored for documents, read from the file for the contract. */
async function pageCount(job: JobRecord, which: ReviewItem): Promise<number> {
  if (which === 'contract') {
    if (!job.contractPath)
      throw refusal('not_found', 'The service contract has not been fetched yet.', 'contractMissing');
    const check = await inspectLocalPdf(job.contractPath);
    if (!check.ok) throw new BridgeFailure('server', `The service contract cannot be read: ${check.message}`);
    return check.pages;
  }
  const doc = job.documents.find((d) => d.position === which);
  if (!doc) throw refusal('not_found', 'That document is not part of this job.', 'reviewItemMissing');
  return doc.pages;
}

const itemName = (job: JobRecord, which: ReviewItem): string =>
  which === 'contract'
    ? 'the service contract'
    : `"${job.documents.find((d) => d.position === which)?.filename ?? which}"`;

export async function markRead(
  store: Store,
  job: JobRecord,
  which: ReviewItem,
  pages: readonly PageSeen[],
): Promise<ReviewState> {
  const total = await pageCount(job, which);
  const state = reviewState(store, job);
  if (state.read.includes(which)) return state;
  // Reading counts only in the view that faces the signer, never on the RAO's desk.
  if (!state.signerView)
    throw refusal(
      'conflict',
      'Reading counts only in the signer view: open it for the signer first.',
      'readBeforeSignerView',
    );
  const beyond = pages.filter((p) => p.page > total).map((p) => p.page);
  if (beyond.length > 0)
    throw new BridgeFailure(
      'validation',
      `${itemName(job, which)} has ${total} page(s); pages ${pageRanges(beyond)} do not exist.`,
    );
  // A page flicked past does not count: the same rule as the viewer's, checked again here.
  const counted = pages.filter((p) => p.ms >= READ_DWELL_MS);
  const missing = missingPages(
    counted.map((p) => p.page),
    total,
  );
  if (missing.length > 0)
    throw refusal(
      'conflict',
      `Not every page of ${itemName(job, which)} has been on screen: pages ${pageRanges(missing)} have not.`,
      'pagesNotSeen',
      { pages: pageRanges(missing) },
    );
  // One entry per page: the first time it counted, with its share and time.
  const first = new Map<number, PageSeen>();
  for (const p of [...counted].sort((a, b) => a.at.localeCompare(b.at)))
    if (!first.has(p.page)) first.set(p.page, p);
  const seen = [...first.values()]
    .sort((a, b) => a.page - b.page)
    .map((p) => ({ page: p.page, at: p.at, share: Math.round(p.share * 100) / 100, ms: p.ms }));
  store.jobs.event(job.id, 'review.read', { which, pages: total, seen });
  return reviewState(store, job);
}

export function overrideRead(store: Store, job: JobRecord, which: ReviewItem, reason: string): ReviewState {
  const state = reviewState(store, job);
  if (!state.read.includes(which)) store.jobs.event(job.id, 'review.read_override', { which, reason });
  return reviewState(store, job);
}

export function consent(store: Store, job: JobRecord): ReviewState {
  const state = reviewState(store, job);
  if (!state.complete)
    throw refusal(
      'conflict',
      'The signer must read every page of the service contract and of each document first.',
      'consentBeforeRead',
    );
  if (!state.consented) store.jobs.event(job.id, 'review.consent', { items: reviewItems(job).length });
  return { ...state, consented: true };
}

export function reviewOperations(desk: Desk): Pick<OperationImpl, ReviewName> {
  const { store } = desk;
  const requireJob = (jobId: string): JobRecord => {
    const job = store.jobs.find(jobId);
    if (!job) throw refusal('not_found', 'That job no longer exists.', 'jobMissing');
    return job;
  };
  return {
    'review.file': async ({ jobId, which }) => {
      const job = requireJob(jobId);
      if (which === 'contract') {
        if (!job.contractPath)
          throw refusal('not_found', 'The service contract has not been fetched yet.', 'contractMissing');
        return {
          filename: `contract-${job.requestPk ?? job.id}.pdf`,
          base64: (await readFile(job.contractPath)).toString('base64'),
        };
      }
      const doc = job.documents[which];
      if (!doc) throw refusal('not_found', 'That document is not part of this job.', 'reviewItemMissing');
      return {
        filename: doc.filename,
        base64: (await readFile(store.documents.pathOf(doc.sha256))).toString('base64'),
      };
    },
    'review.state': ({ jobId }) => Promise.resolve(reviewState(store, requireJob(jobId))),
    'review.signerView': ({ jobId }) => {
      const job = requireJob(jobId);
      if (!job.contractPath)
        throw refusal('not_found', 'The service contract has not been fetched yet.', 'contractMissing');
      // Once per review: the moment from which reading counts.
      if (!reviewState(store, job).signerView) store.jobs.event(job.id, 'review.signer_view', {});
      return Promise.resolve(reviewState(store, job));
    },
    'review.markRead': ({ jobId, which, pages }) => markRead(store, requireJob(jobId), which, pages),
    'review.override': ({ jobId, which, reason }) => {
      const job = requireJob(jobId);
      return pageCount(job, which).then(() => overrideRead(store, job, which, reason));
    },
    'review.consent': ({ jobId }) => Promise.resolve(consent(store, requireJob(jobId))),
  };
}
