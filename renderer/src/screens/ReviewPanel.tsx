// Facing the signer: the service contract and every document in the viewer, a checklist that ticks
// each one once every page has been on screen in the signer view (measured by the viewer, checked
// and recorded by core in the audit trail), the RAO's override with a reason, and the consent box.
// "Send code" is enabled only when all are ticked and consent is given — and core refuses to send a
// code otherwise.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';
import { fromBase64 } from '../bytes';
import { ErrorNotice } from '../components/Notice';
import type { PageSeen } from '../review/page-reading';
import { PdfViewer } from '../review/PdfViewer';
import { ReadOverride } from '../review/ReadOverride';
import './review-panel.css';

type Job = OperationResult<'jobs.get'>;
type ReviewState = OperationResult<'review.state'>;
type Item = 'contract' | number;

export function ReviewPanel(props: {
  job: Job;
  onConsented: (state: ReviewState) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  const [state, setState] = useState<ReviewState | null>(null);
  const [open, setOpen] = useState<Item>('contract');
  const [file, setFile] = useState<{ item: Item; bytes: Uint8Array; name: string } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [signerMode, setSignerMode] = useState(false);
  // Pages seen so far per item (kept when the signer moves between documents) and page counts.
  const seen = useRef(new Map<Item, Map<number, PageSeen>>());
  const [progress, setProgress] = useState<Record<string, { seen: number; total: number }>>({});
  const pageTotals = useRef(new Map<Item, number>());
  const panel = useRef<HTMLDivElement>(null);

  const items: { item: Item; name: string }[] = [
    { item: 'contract', name: t('review.contract') },
    ...job.documents.map((d) => ({ item: d.position, name: d.filename })),
  ];

  const take = useCallback(
    (r: Awaited<ReturnType<typeof bridge.call<'review.state'>>>): void => {
      if (r.ok) {
        setState(r.value);
        props.onConsented(r.value);
      } else setError(r.error);
    },
    [props.onConsented],
  );

  useEffect(() => {
    void bridge.call('review.state', { jobId: job.id }).then(take);
  }, [job.id]);

  useEffect(() => {
    let live = true;
    setFile(null);
    void bridge.call('review.file', { jobId: job.id, which: open }).then((r) => {
      if (!live) return;
      if (r.ok) setFile({ item: open, bytes: fromBase64(r.value.base64), name: r.value.filename });
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [job.id, open]);

  const isRead = (item: Item): boolean => state?.read.includes(item) ?? false;

  /** A page the signer has had on screen: once the whole item is covered, core is told. */
  const pageSeen = useCallback(
    (item: Item, page: PageSeen): void => {
      const pages = seen.current.get(item) ?? new Map<number, PageSeen>();
      seen.current.set(item, pages);
      if (pages.has(page.page)) return;
      pages.set(page.page, page);
      const total = pageTotals.current.get(item) ?? 0;
      setProgress((p) => ({ ...p, [String(item)]: { seen: pages.size, total } }));
      if (total === 0 || pages.size < total) return;
      void bridge
        .call('review.markRead', { jobId: job.id, which: item, pages: [...pages.values()] })
        .then((r) => {
          if (r.ok) setState(r.value);
          else setError(r.error);
        });
    },
    [job.id],
  );

  const consent = async (): Promise<void> => {
    // Shown ticked at once; core records the consent (or refuses it and the box clears again).
    setState((old) => (old ? { ...old, consented: true } : old));
    const r = await bridge.call('review.consent', { jobId: job.id });
    if (r.ok) {
      setState(r.value);
      props.onConsented(r.value);
    } else {
      setError(r.error);
      setState((old) => (old ? { ...old, consented: false } : old));
    }
  };

  const toggleSignerMode = (): void => {
    const next = !signerMode;
    setSignerMode(next);
    if (next) {
      // Core notes the moment the review faces the signer; reading counts from then on.
      void bridge.call('review.signerView', { jobId: job.id }).then(take);
      void panel.current?.requestFullscreen?.().catch(() => {});
      // The signer's keys go to the document at once (PageDown reads on), else to its list entry.
      requestAnimationFrame(() => {
        const area = panel.current;
        const target =
          area?.querySelector<HTMLElement>('.pdf-viewer__pages') ??
          area?.querySelector<HTMLElement>('.check-item.active');
        target?.focus();
      });
    } else if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  };
  useEffect(() => {
    const left = (): void => {
      if (!document.fullscreenElement) setSignerMode(false);
    };
    document.addEventListener('fullscreenchange', left);
    return () => document.removeEventListener('fullscreenchange', left);
  }, []);

  // Measured only facing the signer, once core knows the review does, and until the item is read.
  const measuring = signerMode && (state?.signerView ?? false) && !isRead(open);
  const title = items.find((i) => i.item === open)?.name ?? '';

  return (
    <div ref={panel} className={`review${signerMode ? ' signer-mode' : ''}`}>
      <div className="review-head">
        <h3>{t('review.title')}</h3>
        <button type="button" onClick={toggleSignerMode}>
          {signerMode ? t('review.leaveSignerMode') : t('review.signerMode')}
        </button>
      </div>
      <ErrorNotice error={error} />
      <div className="review-body">
        <div className="checklist-column">
          <nav aria-label={t('review.checklist')} className="checklist">
            <ul className="plain-list">
              {items.map(({ item, name }) => {
                const done = isRead(item);
                const counted = progress[String(item)];
                return (
                  <li key={String(item)}>
                    <button
                      type="button"
                      className={`check-item${open === item ? ' active' : ''}`}
                      aria-current={open === item ? 'true' : undefined}
                      onClick={() => setOpen(item)}
                    >
                      <span aria-hidden="true" className={done ? 'tick done' : 'tick'}>
                        {done ? '✓' : '○'}
                      </span>{' '}
                      {name}
                      <span className="visually-hidden">
                        {' '}
                        {done ? t('review.read') : t('review.notRead')}
                      </span>
                      {state?.overridden.includes(item) ? (
                        <span className="reading-note">{t('reading.overridden')}</span>
                      ) : (
                        !done &&
                        counted &&
                        counted.total > 0 && (
                          <span className="reading-note">
                            {t('reading.pagesSeen', { seen: counted.seen, count: counted.total })}
                          </span>
                        )
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
            <p className="muted">{t('reading.howTo')}</p>
          </nav>
          {!signerMode && !isRead(open) && (
            <ReadOverride
              jobId={job.id}
              which={open}
              name={title}
              onRecorded={(s) => {
                setError(null);
                setState(s);
              }}
              onError={setError}
            />
          )}
        </div>
        <div className="viewer-slot">
          {!signerMode && !isRead(open) && (
            <p className="muted reading-hint">{t('reading.onlyInSignerView')}</p>
          )}
          {file && file.item === open ? (
            <PdfViewer
              key={String(open)}
              bytes={file.bytes}
              title={title}
              onPageCount={(n) => pageTotals.current.set(open, n)}
              onPageSeen={measuring ? (page) => pageSeen(open, page) : undefined}
            />
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
        </div>
      </div>
      <div className="review-accept">
        <label className="consent">
          <input
            type="checkbox"
            checked={state?.consented ?? false}
            disabled={!state?.complete || state.consented}
            onChange={(e) => e.target.checked && void consent()}
          />{' '}
          {t('review.consent')}
        </label>
        {!state?.complete && <p className="muted">{t('review.readAllFirst')}</p>}
      </div>
    </div>
  );
}
