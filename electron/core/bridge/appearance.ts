// Where each document's stamp goes: a rule for a job or a batch, anchor text, a box drawn by hand.
// Every change re-resolves the stamps against the documents themselves, so the queue shows the
// page and rectangle each document will really get before anything is sent.
import { readFile } from 'node:fs/promises';
import { toApiPage, toPageNumber } from '../../../shared/appearance';
import type { Desk } from '../desk';
import { openPdfLayout } from '../placement/pdf-layout';
import { resolveJobStamps } from '../placement/resolve-job';
import type { JobRecord } from '../store/index';
import { refusal, type BridgeFailure } from './errors';
import { copyGone, documentOf, requireDraft, requireJob, templateMissing, type Room } from './guards';
import { jobView } from './views';

type AppearanceName =
  | 'appearance.apply'
  | 'appearance.placeDocument'
  | 'appearance.findText'
  | 'appearance.pageContent'
  | 'appearance.useFreeSpace';

/** A page beyond the document's last, refused naming the pages there are. */
const pageOutOfRange = (filename: string, pages: number): BridgeFailure =>
  refusal(
    'validation',
    `"${filename}" has ${pages} page(s): choose a page from 1 to ${pages}.`,
    'pageOutOfRange',
    { filename, pages },
  );

export function appearanceOperations(desk: Desk): Room<AppearanceName> {
  const { store } = desk;
  /**
   * The jobs a change applies to, every one checked before any changes: a started one is refused
   * and leaves the selection untouched, unless the caller asked to pass over started ones.
   */
  const drafts = (jobIds: readonly string[], skipStarted: boolean | undefined): JobRecord[] =>
    (skipStarted ? jobIds.filter((id) => requireJob(store, id).state === 'draft') : jobIds).map((id) =>
      requireDraft(store, id),
    );

  /** The path of a job's document as kept here, or a refusal that says it is gone. */
  const localCopy = (jobId: string, position: number): string => {
    const doc = documentOf(requireJob(store, jobId), position);
    if (!store.documents.has(doc.sha256)) throw copyGone(doc.filename);
    return store.documents.pathOf(doc.sha256);
  };

  return {
    'appearance.apply': async ({ jobIds, placement, templateId, skipStarted }) => {
      const jobs = drafts(jobIds, skipStarted);
      if (templateId && !store.templates.get(templateId)) throw templateMissing();
      let documents = 0;
      let fallbacks = 0;
      for (const job of jobs) {
        store.jobs.setAppearance(job.id, { placement, templateId });
        if (placement === undefined) continue;
        const stamps = await resolveJobStamps(store, store.jobs.get(job.id));
        documents += stamps.length;
        fallbacks += stamps.filter((s) => s?.source === 'fallback').length;
        desk.runner.touched(job.id);
      }
      return { jobs: jobs.length, documents, fallbacks, skipped: jobIds.length - jobs.length };
    },
    'appearance.placeDocument': async ({ jobId, position, exact }) => {
      const doc = documentOf(requireDraft(store, jobId), position);
      if (exact && exact.page > doc.pages) throw pageOutOfRange(doc.filename, doc.pages);
      store.jobs.setDocumentPlacement(jobId, position, exact);
      await resolveJobStamps(store, store.jobs.get(jobId));
      desk.runner.touched(jobId);
      return jobView(store.jobs.get(jobId));
    },
    'appearance.findText': async ({ jobId, position, text }) => {
      const layout = await openPdfLayout(await readFile(localCopy(jobId, position)));
      try {
        const found = await layout.findText(text);
        return { found: found ? { page: toPageNumber(found.pageIndex), rect: found.rect } : null };
      } finally {
        await layout.close();
      }
    },
    'appearance.pageContent': async ({ jobId, position, page }) => {
      const layout = await openPdfLayout(await readFile(localCopy(jobId, position)));
      try {
        if (page > layout.pages.length)
          throw pageOutOfRange(documentOf(store.jobs.get(jobId), position).filename, layout.pages.length);
        return await layout.pageContent(toApiPage(page));
      } finally {
        await layout.close();
      }
    },
    'appearance.useFreeSpace': async ({ jobIds, position, skipStarted }) => {
      const jobs = drafts(jobIds, skipStarted);
      if (position !== undefined) for (const job of jobs) documentOf(job, position);
      let moved = 0;
      let stillCovering = 0;
      for (const job of jobs) {
        let changed = false;
        for (const doc of job.documents) {
          if (position !== undefined && doc.position !== position) continue;
          const stamp = doc.stamp;
          if (!stamp || !stamp.notes.some((n) => n === 'covers_text' || n === 'covers_image')) continue;
          if (!stamp.free) {
            stillCovering++;
            continue;
          }
          // The suggested spot becomes the document's own box: it stays there whatever the rule.
          store.jobs.setDocumentPlacement(job.id, doc.position, { page: stamp.page, rect: stamp.free });
          moved++;
          changed = true;
        }
        if (!changed) continue;
        await resolveJobStamps(store, store.jobs.get(job.id));
        desk.runner.touched(job.id);
      }
      return { moved, stillCovering, skipped: jobIds.length - jobs.length };
    },
  };
}
