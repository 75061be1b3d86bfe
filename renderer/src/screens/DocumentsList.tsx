// The job's documents: name, pages, size and a page-1 thumbnail, with reorder and remove while
// the job is a draft.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';
import { fromBase64 } from '../bytes';
import { formatBytes } from '../i18n/format';
import { renderThumbnail } from '../review/pdfjs';
import { FileName } from '../components/FileName';

type Doc = OperationResult<'jobs.get'>['documents'][number];

export function DocumentsList(props: {
  jobId: string;
  documents: readonly Doc[];
  editable: boolean;
  onReorder?: (order: number[]) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const order = props.documents.map((d) => d.position);
  const move = (index: number, by: number): void => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    props.onReorder?.(next);
  };
  return (
    <section aria-labelledby="docs-heading" className="documents">
      {/* Start's "documents" missing detail goes here. */}
      <h3 id="docs-heading" data-field="documents" tabIndex={-1}>
        {t('documents.title', { count: props.documents.length })}
      </h3>
      <ol className="plain-list">
        {props.documents.map((doc, i) => (
          <li key={`${doc.position}-${doc.filename}`} className="document-row">
            <Thumbnail jobId={props.jobId} position={doc.position} name={doc.filename} />
            <span className="document-name">
              <FileName name={doc.filename} />
              <span className="muted">
                {t('documents.pages', { count: doc.pages })} · {formatBytes(i18n.language, doc.size)}
              </span>
            </span>
            {props.editable && (
              <span className="row-actions">
                <button
                  type="button"
                  disabled={i === 0}
                  aria-label={t('documents.moveUp', { name: doc.filename })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === props.documents.length - 1}
                  aria-label={t('documents.moveDown', { name: doc.filename })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={t('documents.removeOne', { name: doc.filename })}
                  onClick={() => props.onReorder?.(order.filter((p) => p !== doc.position))}
                >
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Thumbnail(props: { jobId: string; position: number; name: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void bridge.call('review.file', { jobId: props.jobId, which: props.position }).then(async (file) => {
      if (!file.ok || !live) return;
      made = await renderThumbnail(fromBase64(file.value.base64), 72).catch(() => null);
      if (live) setUrl(made);
    });
    return () => {
      live = false;
      if (made?.startsWith('blob:')) URL.revokeObjectURL(made);
    };
  }, [props.jobId, props.position]);
  return url ? (
    <img className="thumb" src={url} alt={t('documents.thumbnail', { name: props.name })} />
  ) : (
    <span className="thumb thumb-empty" aria-hidden="true" />
  );
}
