// The audit log: every event the desk wrote, newest first, filtered by job, signer, kind and days;
// "Verify chain" re-checks every link of the hash chain in core; the filtered events can be saved
// as CSV or JSON. Pages are counted from the oldest event, so events written while the RAO reads
// never shift what "Load older events" brings; "Show events" picks up the new ones.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { downloadText } from '../download';
import { AuditFilters, NO_FILTER, toFilter, type FilterForm } from './AuditFilters';
import { kindLabel, reasonText, summarize } from './summary';
import './audit.css';
import { formatDateTime } from '../i18n/format';

type AuditEvent = OperationResult<'audit.list'>['events'][number];
type Verdict = OperationResult<'audit.verify'>;

const PAGE = 100;

/** The page of `filter` ending (exclusive) at offset `end`, counted from the oldest; newest first. */
async function fetchPage(
  filter: FilterForm,
  end: number,
): Promise<
  { ok: true; offset: number; end: number; events: AuditEvent[] } | { ok: false; error: BridgeError }
> {
  const offset = Math.max(0, end - PAGE);
  if (end <= 0) return { ok: true, offset, end, events: [] };
  const page = await bridge.call('audit.list', { ...toFilter(filter), offset, limit: end - offset });
  return page.ok ? { ok: true, offset, end, events: page.value.events.reverse() } : page;
}

interface Loaded {
  filter: FilterForm;
  /** Newest first. */
  events: AuditEvent[];
  total: number;
  /** Events at offsets below this (oldest first) are not loaded yet. */
  olderEnd: number;
}

export function AuditScreen(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState<'verify' | 'csv' | 'json' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const request = useRef(0);
  const tableRef = useRef<HTMLDivElement>(null);

  const show = useCallback(async (filter: FilterForm) => {
    const ticket = ++request.current;
    setLoading(true);
    try {
      // How many match now: the newest page ends there, and older pages count down from it.
      const probe = await bridge.call('audit.list', { ...toFilter(filter), limit: 1 });
      const page = probe.ok ? await fetchPage(filter, probe.value.total) : probe;
      if (ticket !== request.current) return;
      if (!page.ok) return setError(page.error);
      setError(null);
      setLoaded({ filter, events: page.events, total: page.end, olderEnd: page.offset });
    } finally {
      if (ticket === request.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void show(NO_FILTER);
  }, [show]);

  const loadOlder = async (): Promise<void> => {
    if (!loaded) return;
    const ticket = ++request.current;
    setLoading(true);
    try {
      const page = await fetchPage(loaded.filter, loaded.olderEnd);
      if (ticket !== request.current) return;
      if (!page.ok) return setError(page.error);
      const seen = new Set(loaded.events.map((e) => e.seq));
      setLoaded({
        ...loaded,
        events: [...loaded.events, ...page.events.filter((e) => !seen.has(e.seq))],
        olderEnd: page.offset,
      });
      // The button goes away with the oldest page; the table keeps the focus.
      if (page.offset === 0) tableRef.current?.focus();
    } finally {
      if (ticket === request.current) setLoading(false);
    }
  };

  const apply = (filter: FilterForm): void => {
    setForm(filter);
    void show(filter);
  };

  const verify = async (): Promise<void> => {
    setBusy('verify');
    setVerdict(null);
    setSaved(null);
    const result = await bridge.call('audit.verify', {});
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setVerdict(result.value);
  };

  const exportAs = async (format: 'csv' | 'json'): Promise<void> => {
    setBusy(format);
    setSaved(null);
    // What is on screen: the filters last shown, not what is typed but not yet applied.
    const result = await bridge.call('audit.export', { ...toFilter(loaded?.filter ?? form), format });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
    downloadText(result.value.filename, result.value.content, type);
    setSaved(result.value.filename);
  };

  const brokenSeq = verdict?.brokenAt?.seq;

  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <div className="audit-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <div className="actions">
          <button type="button" onClick={() => void verify()} disabled={busy !== null}>
            {t('audit.verify.button')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')} disabled={busy !== null}>
            {t('audit.export.csv')}
          </button>
          <button type="button" onClick={() => void exportAs('json')} disabled={busy !== null}>
            {t('audit.export.json')}
          </button>
        </div>
      </div>
      <p className="muted audit-intro">{t('audit.intro')}</p>
      <div role="status" className="audit-status">
        {busy === 'verify' && <p>{t('audit.verify.running')}</p>}
        {verdict?.ok && (
          <p className="notice notice-good">
            {t('audit.verify.intact', { count: verdict.events })}
            {!verdict.sealed && ` ${t('audit.verify.unsealed')}`}
          </p>
        )}
        {saved && <p>{t('audit.export.done', { filename: saved })}</p>}
      </div>
      {verdict && !verdict.ok && (
        <div role="alert" className="notice notice-bad">
          {verdict.result === 'broken'
            ? t('audit.verify.broken', {
                seq: verdict.brokenAt?.seq,
                reason: reasonText(t, verdict.brokenAt?.reason ?? ''),
              })
            : t(`audit.verify.results.${verdict.result}`, {
                seq: verdict.brokenAt?.seq,
                count: verdict.events,
                expected: verdict.expected,
              })}
        </div>
      )}
      <ErrorNotice error={error} />
      <AuditFilters
        form={form}
        onChange={setForm}
        onApply={() => apply(form)}
        onClear={() => apply(NO_FILTER)}
      />
      <p className="muted" aria-live="polite">
        {loaded === null
          ? t('audit.loading')
          : loaded.total === 0
            ? t('audit.none')
            : t('audit.shown', { shown: loaded.events.length, total: loaded.total })}
      </p>
      {loaded && loaded.events.length > 0 && (
        <div
          ref={tableRef}
          className="audit-table-wrap"
          role="region"
          aria-label={t('audit.table')}
          tabIndex={0}
        >
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.seq')}</th>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.kind')}</th>
                <th scope="col">{t('audit.columns.job')}</th>
                <th scope="col">{t('audit.columns.signer')}</th>
                <th scope="col">{t('audit.columns.details')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.events.map((e) => (
                <tr key={e.seq} className={e.seq === brokenSeq ? 'broken' : undefined}>
                  <th scope="row" className="seq">
                    {e.seq}
                  </th>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(i18n.language, e.at)}</time>
                  </td>
                  <td>
                    {kindLabel(t, e.kind)}
                    <code className="kind-code">{e.kind}</code>
                  </td>
                  <td>
                    {e.jobId ? (
                      <button
                        type="button"
                        className="link-button"
                        title={e.jobId}
                        aria-label={t('audit.onlyJob', { id: e.jobId.slice(0, 8) })}
                        onClick={() => apply({ ...NO_FILTER, jobId: e.jobId ?? '' })}
                      >
                        {e.jobId.slice(0, 8)}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.signer ?? '—'}</td>
                  <td className="details">{summarize(t, e.kind, e.data, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaded && loaded.olderEnd > 0 && (
        <div className="actions">
          <button type="button" onClick={() => void loadOlder()} disabled={loading}>
            {loading ? t('audit.loading') : t('audit.loadOlder')}
          </button>
        </div>
      )}
    </section>
  );
}
