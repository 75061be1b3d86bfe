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

/** A limit the request would break, as a problem the interface words (shared/problems.ts). */
export type RequestLimitFinding =
  | { code: 'tooManyDocuments'; values: { count: number; max: number } }
  | { code: 'pageBeyondDocument'; values: { filename: string; page: number; pages: number } }
  | { code: 'moreTooShort'; values: { count: number } };

/** Every limit the request would break, as problems; empty when none. */
export function requestLimitFindings(
  documents: readonly LimitedDocument[],
  signature?: SignatureParams | null,
): RequestLimitFinding[] {
  const findings: RequestLimitFinding[] = [];
  if (documents.length > MAX_DOCUMENTS_PER_REQUEST)
    findings.push({
      code: 'tooManyDocuments',
      values: { count: documents.length, max: MAX_DOCUMENTS_PER_REQUEST },
    });
  const short = documents.filter((doc) => {
    const page = (doc.signature ?? signature)?.appearance?.page;
    return page !== undefined && page >= doc.pages;
  });
  // A few named in full say what to do; a whole batch of them would bury it.
  for (const doc of short.slice(0, NAMED_PAGE_PROBLEMS)) {
    const page = (doc.signature ?? signature)?.appearance?.page ?? 0;
    findings.push({
      code: 'pageBeyondDocument',
      values: { filename: doc.filename, page: page + 1, pages: doc.pages },
    });
  }
  if (short.length > NAMED_PAGE_PROBLEMS)
    findings.push({ code: 'moreTooShort', values: { count: short.length - NAMED_PAGE_PROBLEMS } });
  return findings;
}

/** The same findings in English words that say what to do (the CLI, logs), in the same order. */
export function requestLimitProblems(
  documents: readonly LimitedDocument[],
  signature?: SignatureParams | null,
): string[] {
  return requestLimitFindings(documents, signature).map((finding) => {
    switch (finding.code) {
      case 'tooManyDocuments':
        return `A request holds at most ${finding.values.max} documents and this one has ${finding.values.count}: split them into several jobs.`;
      case 'pageBeyondDocument': {
        const { filename, page, pages } = finding.values;
        return `The signature is placed on page ${page} (appearance.page ${page - 1}), but “${filename}” has ${pages} page(s): choose a page from 1 to ${pages} (appearance.page 0 to ${pages - 1}).`;
      }
      case 'moreTooShort':
        return `${finding.values.count} more document(s) are too short for that page as well.`;
    }
  });
}
