// Which phase a document of a running job is in: the last `document` event while a step moves it,
// but never behind what the store already says (an upload that finished reads "uploaded", not
// "uploading", once the job has been reloaded).
import type { OperationResult } from '../../../shared/contract';

type Doc = OperationResult<'jobs.get'>['documents'][number];
export type DocumentPhase = 'upload' | 'uploaded' | 'download' | 'verify' | 'saved' | 'deleted';

const ORDER: readonly DocumentPhase[] = ['upload', 'uploaded', 'download', 'verify', 'saved', 'deleted'];

export function documentPhase(doc: Doc, event: { phase: string } | undefined): DocumentPhase | null {
  const stored: DocumentPhase | null = doc.remoteDeleted
    ? 'deleted'
    : doc.outputPath
      ? 'saved'
      : doc.uploaded
        ? 'uploaded'
        : null;
  const live = ORDER.find((p) => p === event?.phase) ?? null;
  if (live === null) return stored;
  if (stored === null) return live;
  return ORDER.indexOf(live) > ORDER.indexOf(stored) ? live : stored;
}
