// Facing the signer: the service contract and every document in the viewer, a checklist that ticks
// each one once it has been opened and read to its end (recorded by core in the audit trail), and
// the consent box. "Send code" is enabled only when all are ticked and consent is given — and core
// refuses to send a code otherwise.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';
import { fromBase64 } from '../bytes';
import { ErrorNotice } from '../components/Notice';
import { PdfViewer } from '../review/PdfViewer';

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
  const panel = useRef<HTMLDivElement>(null);

  const items: { item: Item; name: string }[] = [
    { item: 'contract', name: t('review.contract') },
    ...job.documents.map((d) => ({ item: d.position, name: d.filename })),
  ];

  useEffect(() => {
    void bridge.call('review.state', { jobId: job.id }).then((r) => {
      if (r.ok) {
        setState(r.value);
        props.onConsented(r.value);
      } else setError(r.error);
    });
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

  const markRead = useCallback(
    (item: Item) => {
      void bridge.call('review.markRead', { jobId: job.id, which: item }).then((r) => {
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
    if (next) void panel.current?.requestFullscreen?.().catch(() => {});
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  };
  useEffect(() => {
    const left = (): void => {
      if (!document.fullscreenElement) setSignerMode(false);
    };
    document.addEventListener('fullscreenchange', left);
    return () => document.removeEventListener('fullscreenchange', left);
  }, []);

  const isRead = (item: Item): boolean => state?.read.includes(item) ?? false;
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
        <nav aria-label={t('review.checklist')} className="checklist">
          <ul className="plain-list">
            {items.map(({ item, name }) => (
              <li key={String(item)}>
                <button
                  type="button"
                  className={`check-item${open === item ? ' active' : ''}`}
                  aria-current={open === item ? 'true' : undefined}
                  onClick={() => setOpen(item)}
                >
                  <span aria-hidden="true" className={isRead(item) ? 'tick done' : 'tick'}>
                    {isRead(item) ? '✓' : '○'}
                  </span>{' '}
                  {name}
                  <span className="visually-hidden">
                    {' '}
                    {isRead(item) ? t('review.read') : t('review.notRead')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{t('review.howTo')}</p>
        </nav>
        <div className="viewer-slot">
          {file && file.item === open ? (
            <PdfViewer
              key={String(open)}
              bytes={file.bytes}
              title={title}
              onReadToEnd={() => markRead(open)}
            />
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
        </div>
      </div>
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
  );
}
