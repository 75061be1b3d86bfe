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
import { refusal } from './errors';
import { documentOf, requireJob, type Room } from './guards';

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

/** Where the job's service contract was saved, or a refusal while it has not been fetched. */
function contractOf(job: JobRecord): string {
  if (!job.contractPath)
    throw refusal('not_found', 'The service contract has not been fetched yet.', 'contractMissing');
  return job.contractPath;
}

/** How many pages the item has: stored for documents, read from the file for the contract. */
async function pageCount(job: JobRecord, which: ReviewItem): Promise<number> {
  if (which !== 'contract') return documentOf(job, which).pages;
  const check = await inspectLocalPdf(contractOf(job));
  if (!check.ok)
    throw refusal('server', `The service contract cannot be read: ${check.message}`, 'contractUnreadable');
  return check.pages;
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
    throw refusal(
      'validation',
      `${itemName(job, which)} has ${total} page(s); pages ${pageRanges(beyond)} do not exist.`,
      'pagesBeyond',
      { pages: pageRanges(beyond), total },
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

export function reviewOperations(desk: Pick<Desk, 'store'>): Room<ReviewName> {
  const { store } = desk;
  const job = (jobId: string): JobRecord => requireJob(store, jobId);
  return {
    'review.file': async ({ jobId, which }) => {
      const found = job(jobId);
      if (which === 'contract')
        return {
          filename: `contract-${found.requestPk ?? found.id}.pdf`,
          base64: (await readFile(contractOf(found))).toString('base64'),
        };
      // By position, as the screens name a document (positions keep gaps after a drop).
      const doc = documentOf(found, which);
      return {
        filename: doc.filename,
        base64: (await readFile(store.documents.pathOf(doc.sha256))).toString('base64'),
      };
    },
    'review.state': ({ jobId }) => Promise.resolve(reviewState(store, job(jobId))),
    'review.signerView': ({ jobId }) => {
      const found = job(jobId);
      contractOf(found);
      // Once per review: the moment from which reading counts.
      if (!reviewState(store, found).signerView) store.jobs.event(found.id, 'review.signer_view', {});
      return Promise.resolve(reviewState(store, found));
    },
    'review.markRead': ({ jobId, which, pages }) => markRead(store, job(jobId), which, pages),
    'review.override': ({ jobId, which, reason }) => {
      const found = job(jobId);
      return pageCount(found, which).then(() => overrideRead(store, found, which, reason));
    },
    'review.consent': ({ jobId }) => Promise.resolve(consent(store, job(jobId))),
  };
}
