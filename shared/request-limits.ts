// The limits the Optimizer enforces on one request, checked before the request exists: a job that
// would break one is refused where it enters (CLI, bridge, Start, the queue's own last look), never
// by the service after a request, its documents and perhaps a code already cost something.
import type { SignatureParams } from './signature';

/**
 * Documents one request may hold ("Maximum number of document reached"; the service does not
 * publish the number, the sandbox and the desk use 100).
 */
export const MAX_DOCUMENTS_PER_REQUEST = 100;

const NAMED_PAGE_PROBLEMS = 3;

export interface LimitedDocument {
  filename: string;
  pages: number;
  /** This document's own signature, when it has one; else the request's. */
  signature?: SignatureParams | null;
}

/** Every limit the request would break, each in words that say what to do; empty when none. */
export function requestLimitProblems(
  documents: readonly LimitedDocument[],
  signature?: SignatureParams | null,
): string[] {
  const problems: string[] = [];
  if (documents.length > MAX_DOCUMENTS_PER_REQUEST)
    problems.push(
      `A request holds at most ${MAX_DOCUMENTS_PER_REQUEST} documents and this one has ${documents.length}: split them into several jobs.`,
    );
  const short = documents.filter((doc) => {
    const page = (doc.signature ?? signature)?.appearance?.page;
    return page !== undefined && page >= doc.pages;
  });
  // A few named in full say what to do; a whole batch of them would bury it.
  for (const doc of short.slice(0, NAMED_PAGE_PROBLEMS)) {
    const page = (doc.signature ?? signature)?.appearance?.page ?? 0;
    problems.push(
      `The signature is placed on page ${page + 1} (appearance.page ${page}), but “${doc.filename}” has ${doc.pages} page(s): choose a page from 1 to ${doc.pages} (appearance.page 0 to ${doc.pages - 1}).`,
    );
  }
  if (short.length > NAMED_PAGE_PROBLEMS)
    problems.push(
      `${short.length - NAMED_PAGE_PROBLEMS} more document(s) are too short for that page as well.`,
    );
  return problems;
}
