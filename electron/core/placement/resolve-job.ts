// Resolves and records where each document of a draft gets its stamp, reading each document once
// (its pages and, for anchor text, where the phrase is). Run whenever the rule, a document's own
// box or the documents change, so the queue always shows where every stamp will go.
import { readFile } from 'node:fs/promises';
import { formatPosition, toApiPage } from '../../../shared/appearance';
import type { Stamp } from '../../../shared/contract-appearance';
import type { SignatureParams } from '../../../shared/signature';
import { settleDraftSigner } from '../../../shared/signer';
import { templateToSignature } from '../../../shared/template';
import type { JobRecord, Store } from '../store/index';
import { openPdfLayout, type FoundText } from './pdf-layout';
import { checkCover, resolveStamp } from './stamps';

export async function resolveJobStamps(store: Store, job: JobRecord): Promise<(Stamp | null)[]> {
  const stamps: (Stamp | null)[] = [];
  for (const doc of job.documents) {
    if (!job.placement && !doc.placement) {
      stamps.push(null);
      continue;
    }
    const layout = await openPdfLayout(await readFile(store.documents.pathOf(doc.sha256)));
    try {
      const anchor = job.placement?.anchor;
      const found: FoundText | null = anchor && !doc.placement ? await layout.findText(anchor.text) : null;
      const stamp = resolveStamp({
        pages: layout.pages,
        placement: job.placement,
        exact: doc.placement,
        found,
      });
      // Checked against the stamped page's text and images only, however long the document.
      const page = stamp ? layout.pages[toApiPage(stamp.page)] : undefined;
      stamps.push(
        stamp && page ? checkCover(stamp, page, await layout.pageContent(toApiPage(stamp.page))) : stamp,
      );
    } finally {
      await layout.close();
    }
  }
  store.jobs.setStamps(job.id, stamps);
  return stamps;
}

/**
 * As a draft is queued: its chosen template and stamps become what the sign call sends. A
 * `signature` given when the job was created stands unless the RAO chose a placement or template.
 */
export function freezeAtStart(store: Store, job: JobRecord): void {
  const chosen = job.placement !== null || job.templateId !== null || job.documents.some((d) => d.placement);
  if (chosen || job.signature === null) freezeSignatures(store, job, signatureDesign(store, job));
}

/** The job's template (or the default) as the sign call's `signature`, the signer's details filled in. */
export function signatureDesign(store: Store, job: JobRecord): SignatureParams {
  const { given_name, surname_1, surname_2, serial_number } = job.signer;
  const signer = [given_name, surname_1, surname_2].filter((part) => part && part.trim() !== '').join(' ');
  // The standard lines are worded in the signer's communication language (the stamp is theirs),
  // settled as the create call will send it: the RAO's choice, else from the country or the office.
  const { communication_language: language } = settleDraftSigner(
    {
      communication_language: job.signer.communication_language,
      id_document_country: job.signer.id_document_country,
    },
    store.settings.get('signerLanguage'),
  );
  return templateToSignature(
    store.templates.designFor(job.templateId),
    { signer, id: serial_number },
    language,
  );
}

/**
 * What the sign call will send, fixed as the job is queued: the design (a template's text, image,
 * level…) for the whole request, and each document's own position and page. A job with no
 * placement signs invisibly, as before.
 */
export function freezeSignatures(store: Store, job: JobRecord, design: SignatureParams | null): void {
  const stamps = job.documents.map((d) => d.stamp);
  const base: SignatureParams = design ?? {};
  if (stamps.every((s) => s === null)) {
    // Invisible, but the design's level, time-stamping and subfilter still hold.
    const { appearance: _drawn, ...unseen } = base;
    store.jobs.setSignatures(
      job.id,
      Object.keys(unseen).length > 0 ? unseen : null,
      job.documents.map(() => null),
    );
    return;
  }
  store.jobs.setSignatures(
    job.id,
    base,
    stamps.map((stamp) =>
      stamp
        ? {
            ...base,
            appearance: {
              ...base.appearance,
              position: formatPosition(stamp.rect),
              page: toApiPage(stamp.page),
            },
          }
        : null,
    ),
  );
}
