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
import type { OperationImpl } from './operations';
import { jobView } from './views';

type AppearanceName =
  | 'appearance.apply'
  | 'appearance.placeDocument'
  | 'appearance.findText'
  | 'appearance.pageContent'
  | 'appearance.useFreeSpace';

const jobMissing = (jobId: string): BridgeFailure =>
  refusal('not_found', `There is no job ${jobId}.`, 'jobMissing');

export function appearanceOperations(desk: Desk): Pick<OperationImpl, AppearanceName> {
  const { store } = desk;
  const draft = (jobId: string): JobRecord => {
    const job = store.jobs.find(jobId);
    if (!job) throw jobMissing(jobId);
    if (job.state !== 'draft')
      throw refusal(
        'conflict',
        `"${job.label}" has already started: where its stamps go can no longer change.`,
        'jobStarted',
        { label: job.label },
      );
    return job;
  };
  const documentOf = (job: JobRecord, position: number) => {
    const doc = job.documents.find((d) => d.position === position);
    if (!doc)
      throw refusal('not_found', `"${job.label}" has no document ${position + 1}.`, 'documentMissing', {
        label: job.label,
        number: position + 1,
      });
    return doc;
  };

  /** The path of a job's document as kept here, or a refusal that says it is gone. */
  const localCopy = (jobId: string, position: number): string => {
    const job = store.jobs.find(jobId);
    if (!job) throw jobMissing(jobId);
    const doc = documentOf(job, position);
    if (!store.documents.has(doc.sha256))
      throw refusal(
        'not_found',
        `The local copy of "${doc.filename}" is no longer kept (see Settings, local copies).`,
        'copyGone',
        { filename: doc.filename },
      );
    return store.documents.pathOf(doc.sha256);
  };

  return {
    'appearance.apply': async ({ jobIds, placement, templateId, skipStarted }) => {
      // Every job is checked before any changes, so a started one leaves the selection untouched
      // (unless the caller asked to pass over started ones).
      const chosen = skipStarted
        ? jobIds.filter((id) => {
            const job = store.jobs.find(id);
            if (!job) throw jobMissing(id);
            return job.state === 'draft';
          })
        : jobIds;
      const jobs = chosen.map(draft);
      if (templateId && !store.templates.get(templateId))
        throw refusal('not_found', 'That template no longer exists; choose another one.', 'templateMissing');
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
      const job = draft(jobId);
      const doc = documentOf(job, position);
      if (exact && exact.page > doc.pages)
        throw refusal(
          'validation',
          `"${doc.filename}" has ${doc.pages} page(s): choose a page from 1 to ${doc.pages}.`,
          'pageOutOfRange',
          { filename: doc.filename, pages: doc.pages },
        );
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
          throw refusal(
            'validation',
            `The document has ${layout.pages.length} page(s): choose a page from 1 to ${layout.pages.length}.`,
            'pageOutOfRange',
            { filename: documentOf(store.jobs.get(jobId), position).filename, pages: layout.pages.length },
          );
        return await layout.pageContent(toApiPage(page));
      } finally {
        await layout.close();
      }
    },
    'appearance.useFreeSpace': async ({ jobIds, position, skipStarted }) => {
      const chosen = skipStarted
        ? jobIds.filter((id) => {
            const job = store.jobs.find(id);
            if (!job) throw jobMissing(id);
            return job.state === 'draft';
          })
        : jobIds;
      const jobs = chosen.map(draft);
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
