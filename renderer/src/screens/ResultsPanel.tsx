// Results: each signed document verified again on disk (signer name from the certificate, signing
// time, whether the signature covers the whole file), opened or shown in its folder, or viewed
// here; and the job's audit trail.
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { announce, takeFocusIfAsked } from '../announce';
import { kindLabel, summarize } from '../audit/summary';
import { bridge } from '../bridge';
import { fromBase64 } from '../bytes';
import { ErrorNotice, errorText } from '../components/Notice';
import { PdfViewer } from '../review/PdfViewer';
import { FileName } from '../components/FileName';
import { formatDateTime } from '../i18n/format';

type Job = OperationResult<'jobs.get'>;
type Verification = OperationResult<'results.verify'>;

export function ResultsPanel({ job }: { job: Job }): React.JSX.Element {
  const { t } = useTranslation();
  const [error, setError] = useState<BridgeError | null>(null);
  const [viewing, setViewing] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const signed = job.documents.filter((d) => d.outputPath);
  // Shown after the code was signed: the result takes the focus and is announced.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusIfAsked('results', heading.current)) announce(t('guide.announce.signed'));
  }, [t]);

  const act = async (call: 'files.open' | 'files.reveal', position: number): Promise<void> => {
    const r = await bridge.call(call, { jobId: job.id, position });
    setError(r.ok ? null : r.error);
  };
  const view = async (position: number): Promise<void> => {
    const r = await bridge.call('results.file', { jobId: job.id, position });
    if (r.ok) setViewing({ name: r.value.filename, bytes: fromBase64(r.value.base64) });
    else setError(r.error);
  };

  return (
    <section className="card results" aria-labelledby="results-heading">
      <h3 id="results-heading" ref={heading} tabIndex={-1}>
        {t('results.title')}
      </h3>
      <ErrorNotice error={error} />
      {signed.length === 0 && <p>{t('results.none')}</p>}
      <ul className="plain-list">
        {signed.map((doc) => (
          <li key={doc.position} className="result-row">
            <div>
              <FileName name={doc.filename} />
              <div className="muted path">{doc.outputPath}</div>
              <Verified jobId={job.id} position={doc.position} />
            </div>
            <div className="row-actions">
              <button type="button" onClick={() => void view(doc.position)}>
                {t('results.view')}
              </button>
              <button type="button" onClick={() => void act('files.open', doc.position)}>
                {t('results.open')}
              </button>
              <button type="button" onClick={() => void act('files.reveal', doc.position)}>
                {t('results.reveal')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {viewing && (
        <div className="result-viewer">
          <button type="button" onClick={() => setViewing(null)}>
            {t('common.close')}
          </button>
          <PdfViewer bytes={viewing.bytes} title={viewing.name} />
        </div>
      )}
      <AuditTrail jobId={job.id} />
    </section>
  );
}

function Verified({ jobId, position }: { jobId: string; position: number }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<Verification | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void bridge.call('results.verify', { jobId, position }).then((r) => {
      if (r.ok) setV(r.value);
      else setProblem(errorText(t, r.error));
    });
  }, [jobId, position, t]);
  if (problem) return <p className="offline">{problem}</p>;
  if (!v) return <p className="muted">{t('results.verifying')}</p>;
  const when = v.signingTime ? formatDateTime(i18n.language, v.signingTime) : t('common.unknown');
  return (
    <p className={v.ok ? 'verified online' : 'offline'}>
      {v.ok
        ? t('results.verified', { name: v.signerName ?? t('common.unknown'), when })
        : t('results.notVerified', { problems: v.problems.join('; ') })}
      {v.ok && (v.coversWholeFile ? ` · ${t('results.whole')}` : ` · ${t('results.notWhole')}`)}
    </p>
  );
}

function AuditTrail({ jobId }: { jobId: string }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [events, setEvents] = useState<OperationResult<'audit.list'>['events']>([]);
  useEffect(() => {
    void bridge.call('audit.list', { jobId }).then((r) => r.ok && setEvents(r.value.events));
  }, [jobId]);
  return (
    <details className="audit">
      <summary>{t('results.audit', { count: events.length })}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('results.when')}</th>
            <th scope="col">{t('results.what')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td>{formatDateTime(i18n.language, e.at)}</td>
              <td>
                {/* Worded per kind, as the Audit log screen words it: values named, no raw keys. */}
                <strong>{kindLabel(t, e.kind)}</strong>
                {wordedData(t, e.kind, e.data, i18n.language)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The event's data in a sentence, after its kind (nothing when it has none worth saying). */
function wordedData(t: TFunction, kind: string, data: Record<string, unknown>, language: string): string {
  const line = summarize(t, kind, data, language);
  return line ? ` · ${line}` : '';
}
