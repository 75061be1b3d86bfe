// Where one document's stamp will go, in words: the page, how it was chosen, and the rectangle.
import { useTranslation } from 'react-i18next';
import type { Stamp } from '../../../shared/contract-appearance';

export function StampWhere(props: { stamp: Stamp | null }): React.JSX.Element {
  const { t } = useTranslation();
  const { stamp } = props;
  if (!stamp) return <span className="muted">{t('placement.where_none')}</span>;
  const [x1, y1, x2, y2] = stamp.rect.map((n) => Math.round(n));
  return (
    <span className={`stamp-where stamp-${stamp.source}`}>
      {t(`placement.where_${stamp.source}`, { page: stamp.page })}{' '}
      <span className="muted">{t('placement.rect', { x1, y1, x2, y2 })}</span>
      {stamp.notes.map((note) => (
        <span key={note} className="warning">
          {' '}
          {t(`placement.notes.${note}`)}
        </span>
      ))}
    </span>
  );
}

/** A queue row's line: the page of each document's stamp, and how many lacked the anchor phrase. */
export function StampSummary(props: {
  documents: readonly { stamp: Stamp | null }[];
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const stamps = props.documents.map((d) => d.stamp);
  if (stamps.every((s) => s === null)) return null;
  const shown = stamps.slice(0, 6).map((s) => (s ? String(s.page) : '–'));
  const pages = shown.join(', ') + (stamps.length > shown.length ? ', …' : '');
  const fallbacks = stamps.filter((s) => s?.source === 'fallback').length;
  return (
    <span className="stamp-summary">
      {' · '}
      {t('placement.summary', { count: stamps.length, pages })}
      {fallbacks > 0 && (
        <span className="warning">
          {' · '}
          {t('placement.summaryFallbacks', { count: fallbacks })}
        </span>
      )}
    </span>
  );
}
