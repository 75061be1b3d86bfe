// Placing the signature: a page of one of the job's documents, the box drawn, moved and resized on
// it with a live preview of the stamp, its size and place in millimetres or points, the page rule
// other documents follow, an optional anchor phrase, and where to apply it — this document only,
// every document of the job, or every selected job. All geometry comes from shared/appearance.ts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  boxForRule,
  formatPosition,
  fromPdfRect,
  keepOnPage,
  normaliseRotation,
  ruleForBox,
  toApiPage,
  toPdfRect,
  viewSize,
  type PageRule,
  type PageView,
  type PdfRect,
  type ScreenBox,
} from '../../../shared/appearance';
import { coveredBy, findFreeSpot, fitOnPage, foregroundImages } from '../../../shared/free-space';
import type { BridgeError, OperationArgs, OperationResult } from '../../../shared/contract';
import type { TemplateDesign } from '../../../shared/contract-appearance';
import type { CommunicationLanguage } from '../../../shared/signer';
import type { PlaceholderValues } from '../../../shared/template';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { StampPreview } from '../templates/StampPreview';
import { BoxOverlay } from './BoxOverlay';
import { PageStage, useJobPdf } from './PageStage';
import { AnchorChoice, PageRuleChoice } from './PlacementChoices';
import { SizeFields } from './SizeFields';
import './placement.css';
import { isolated } from '../components/FileName';

type Job = OperationResult<'jobs.get'>;
type Placement = NonNullable<OperationArgs<'appearance.apply'>['placement']>;

const FIT = { width: 640, height: 720 };
/** Where a stamp goes when nothing was chosen yet: bottom-right, half an inch in, 180 × 60 pt. */
const DEFAULT_RULE = { corner: 'bottom-right', x: 36, y: 36, width: 180, height: 60 } as const;

const atScale1 = (view: PageView): PageView => ({ ...view, scale: 1 });

export function PlacementEditor(props: {
  job: Job;
  placement: Placement | null;
  design: TemplateDesign | null;
  values: PlaceholderValues;
  /** The signer's communication language, which the stamp's standard words follow. */
  language?: CommunicationLanguage;
  /** Other selected drafts the placement may also go to. */
  otherDrafts: readonly string[];
  onClose: (message?: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [position, setPosition] = useState(0);
  const doc = job.documents[position];
  const pages = doc?.pages ?? 1;
  const { pdf, failed } = useJobPdf(job.id, position);
  const [pageRule, setPageRule] = useState<PageRule>(() => props.placement?.rule.page ?? 'last');
  const [pageNumber, setPageNumber] = useState<number>(() => doc?.stamp?.page ?? pages);
  const [view, setView] = useState<PageView | null>(null);
  const [box, setBox] = useState<ScreenBox | null>(null);
  const [anchorText, setAnchorText] = useState(props.placement?.anchor?.text ?? '');
  const [phrase, setPhrase] = useState<{ page: number; box: ScreenBox } | null>(null);
  const [anchorNote, setAnchorNote] = useState<string | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [forNewJobs, setForNewJobs] = useState(false);
  /** What is printed on the page shown (core reads it with pdf.js), in user-space points. */
  const [printed, setPrinted] = useState<{ text: PdfRect[]; images: PdfRect[] } | null>(null);

  useEffect(() => {
    let live = true;
    setPrinted(null);
    void bridge
      .call('appearance.pageContent', { jobId: job.id, position, page: pageNumber })
      .then((r) => live && r.ok && setPrinted(r.value));
    return () => {
      live = false;
    };
  }, [job.id, position, pageNumber]);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  // The first time a page is shown: the document's own stamp, else the job's rule, else the default.
  const onView = useCallback(
    (next: PageView | null) => {
      setView(next);
      if (!next) return;
      const page = atScale1(next);
      setBox((current) => {
        if (current) return keepOnPage(current, page).box;
        const stamp = doc?.stamp;
        if (stamp && stamp.page === pageNumber) return fromPdfRect(stamp.rect, page);
        // A page smaller than the stamp gets it scaled down evenly, as core does: never squeezed.
        const ruled = boxForRule({ page: pageRule, ...(props.placement?.rule ?? DEFAULT_RULE) }, page);
        return fitOnPage(ruled, viewSize(page)).box;
      });
    },
    // Only the page decides the starting box; later rule changes must not move a drawn box.
    [doc?.position],
  );

  const choosePageRule = (rule: PageRule): void => {
    setPageRule(rule);
    setPageNumber(rule === 'first' ? 1 : rule === 'last' ? pages : Math.min(Math.max(rule, 1), pages));
  };

  const findPhrase = async (): Promise<void> => {
    setAnchorNote(null);
    const text = anchorText.trim();
    if (!text) return setPhrase(null);
    const r = await bridge.call('appearance.findText', { jobId: job.id, position, text });
    if (!r.ok) return setError(r.error);
    const found = r.value.found;
    if (!found) {
      setPhrase(null);
      return setAnchorNote(t('placement.notFound', { text }));
    }
    setPageNumber(found.page);
    const page = await pdf?.getPage(found.page).catch(() => undefined);
    if (!page) return;
    const [a, b, c, d] = page.view as [number, number, number, number];
    const phraseBox = fromPdfRect(found.rect, {
      viewBox: [a, b, c, d],
      rotation: normaliseRotation(page.rotate),
      scale: 1,
    });
    setPhrase({ page: found.page, box: phraseBox });
    // The stamp starts just below the phrase; the RAO moves it where it belongs.
    setBox((current) => ({
      left: phraseBox.left,
      top: phraseBox.top + phraseBox.height + 4,
      width: current?.width ?? DEFAULT_RULE.width,
      height: current?.height ?? DEFAULT_RULE.height,
    }));
  };

  const apply = async (scope: 'document' | 'job' | 'selected'): Promise<void> => {
    if (!view || !box) return;
    setError(null);
    const page = atScale1(view);
    if (scope === 'document') {
      const r = await bridge.call('appearance.placeDocument', {
        jobId: job.id,
        position,
        exact: { page: pageNumber, rect: toPdfRect(box, page) },
      });
      if (!r.ok) return setError(r.error);
      return props.onClose(t('placement.appliedDocument', { name: isolated(doc?.filename ?? '') }));
    }
    const anchored = anchorText.trim() !== '' && phrase !== null && phrase.page === pageNumber;
    const placement: Placement = {
      rule: ruleForBox(box, page, pageRule),
      ...(anchored
        ? {
            anchor: { text: anchorText.trim(), dx: box.left - phrase.box.left, dy: box.top - phrase.box.top },
          }
        : {}),
    };
    // This document follows the new rule too, even if it had a box of its own.
    if (doc?.placedByHand)
      await bridge.call('appearance.placeDocument', { jobId: job.id, position, exact: null });
    const jobIds = scope === 'job' ? [job.id] : [job.id, ...props.otherDrafts];
    const r = await bridge.call('appearance.apply', { jobIds, placement, skipStarted: scope === 'selected' });
    if (!r.ok) return setError(r.error);
    const said = [t('placement.applied', { documents: r.value.documents, fallbacks: r.value.fallbacks })];
    if (r.value.skipped > 0) said.push(t('placement.skipped', { count: r.value.skipped }));
    if (forNewJobs) {
      const saved = await bridge.call('settings.set', { key: 'defaultPlacement', value: placement });
      if (!saved.ok) return setError(saved.error);
      said.push(t('placement.savedForNewJobs'));
    }
    props.onClose(said.join(' '));
  };

  const anchorWithoutPhrase = anchorText.trim() !== '' && (phrase === null || phrase.page !== pageNumber);
  const page1 = view ? atScale1(view) : null;

  // The box checked live against the page's text and images, with the nearest free spot.
  const shown = useMemo(() => {
    if (!printed || !page1) return null;
    const size = viewSize(page1);
    return {
      size,
      text: printed.text.map((r) => fromPdfRect(r, page1)),
      images: foregroundImages(
        printed.images.map((r) => fromPdfRect(r, page1)),
        size,
      ),
    };
    // page1 is rebuilt each render; its view is what matters.
  }, [printed, view]);
  const cover = useMemo(() => {
    if (!shown || !box) return null;
    const covered = [...coveredBy(box, shown.text), ...coveredBy(box, shown.images)];
    if (covered.length === 0) return null;
    return { covered, free: findFreeSpot(box, shown, shown.size) };
  }, [shown, box]);

  return (
    <dialog
      ref={dialog}
      className="placement-editor"
      aria-labelledby="placement-title"
      onClose={() => props.onClose()}
    >
      <header className="placement-head">
        <h2 id="placement-title">{t('placement.editorTitle', { name: job.label })}</h2>
        <button type="button" onClick={() => props.onClose()}>
          {t('placement.close')}
        </button>
      </header>
      <div className="placement-body">
        <div className="placement-page">
          <div className="placement-nav">
            {job.documents.length > 1 && (
              <label>
                {t('placement.document')}
                <select
                  value={position}
                  onChange={(e) => {
                    setPosition(Number(e.target.value));
                    setPhrase(null);
                    setPageNumber(1);
                  }}
                >
                  {job.documents.map((d) => (
                    <option key={d.position} value={d.position}>
                      {isolated(d.filename)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('placement.page')}
              <input
                type="number"
                min={1}
                max={pages}
                value={pageNumber}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1 && n <= pages) setPageNumber(n);
                }}
              />
            </label>
            <span className="muted">{t('placement.ofPages', { count: pages })}</span>
          </div>
          {failed && <p role="alert">{t('placement.cannotOpen')}</p>}
          {pdf && (
            <PageStage
              pdf={pdf}
              pageNumber={pageNumber}
              fit={FIT}
              label={t('placement.stage', { page: pageNumber, total: pages })}
              onView={onView}
            >
              {(shown) =>
                box && (
                  <BoxOverlay
                    view={shown}
                    box={box}
                    onChange={setBox}
                    phrase={phrase?.page === pageNumber ? phrase.box : null}
                    covered={cover?.covered ?? []}
                    freeSpot={cover?.free ?? null}
                  >
                    {props.design && (
                      <StampPreview
                        design={props.design}
                        values={props.values}
                        language={props.language}
                        width={box.width * shown.scale}
                        height={box.height * shown.scale}
                        scale={shown.scale}
                      />
                    )}
                  </BoxOverlay>
                )
              }
            </PageStage>
          )}
        </div>
        <div className="placement-side">
          {box && page1 && (
            <SizeFields box={box} page={page1} onChange={(b) => setBox(keepOnPage(b, page1).box)} />
          )}
          {box && page1 && (
            <p className="muted" data-testid="pdf-position">
              {t('placement.position', {
                position: formatPosition(toPdfRect(box, page1)),
                page: pageNumber,
                apiPage: toApiPage(pageNumber),
              })}
            </p>
          )}
          <div aria-live="polite" data-testid="cover-check">
            {cover && (
              <div className="cover-notice">
                <p className="warning">
                  {t('placement.coversNow')}{' '}
                  {cover.free ? t('placement.freeSpotShown') : t('placement.noFreeSpot')}
                </p>
                {cover.free && (
                  <button type="button" onClick={() => setBox(cover.free)}>
                    {t('placement.findFree')}
                  </button>
                )}
              </div>
            )}
          </div>
          <PageRuleChoice rule={pageRule} pageNumber={pageNumber} onChoose={choosePageRule} />
          <AnchorChoice
            text={anchorText}
            onText={(text) => {
              setAnchorText(text);
              setPhrase(null);
            }}
            onFind={() => void findPhrase()}
            ready={pdf !== null}
            message={
              phrase && box
                ? t('placement.found', {
                    page: phrase.page,
                    dx: Math.round(box.left - phrase.box.left),
                    dy: Math.round(box.top - phrase.box.top),
                  })
                : anchorNote
            }
          />
          <ErrorNotice error={error} />
        </div>
      </div>
      <footer className="placement-foot">
        <label className="for-new-jobs">
          <input type="checkbox" checked={forNewJobs} onChange={(e) => setForNewJobs(e.target.checked)} />{' '}
          {t('placement.forNewJobs')}
        </label>
        {/* A box drawn for one document is no rule for others: it cannot be the default. */}
        <button type="button" onClick={() => void apply('document')} disabled={!box || forNewJobs}>
          {t('placement.applyDocument')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void apply('job')}
          disabled={!box || anchorWithoutPhrase}
        >
          {t('placement.applyJob')}
        </button>
        {props.otherDrafts.length > 0 && (
          <button type="button" onClick={() => void apply('selected')} disabled={!box || anchorWithoutPhrase}>
            {t('placement.applySelected', { count: props.otherDrafts.length })}
          </button>
        )}
        {anchorWithoutPhrase && <p className="muted">{t('placement.findFirst')}</p>}
      </footer>
    </dialog>
  );
}
