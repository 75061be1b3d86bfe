// Where one document's stamp will go, in words: the page, how it was chosen, and the rectangle.
import { useTranslation } from 'react-i18next';
import type { Stamp } from '../../../shared/contract-appearance';
import './placement.css';

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

/** A stamp lies over the page's text or an image (core checked it against the page). */
export const coversContent = (stamp: Stamp | null): boolean =>
  stamp !== null && stamp.notes.some((n) => n === 'covers_text' || n === 'covers_image');

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

/** A queue row's badges: stamps over text or images, and stamps shrunk to fit a small page. */
export function StampBadges(props: {
  documents: readonly { stamp: Stamp | null }[];
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const stamps = props.documents.map((d) => d.stamp);
  const covering = stamps.filter(coversContent).length;
  const shrunk = stamps.filter((s) => s?.notes.includes('shrunk_to_fit')).length;
  if (covering === 0 && shrunk === 0) return null;
  return (
    <span className="stamp-badges">
      {covering > 0 && (
        <span className="badge badge-warning" data-testid="stamp-covers-badge">
          {t('placement.coversBadge', { count: covering })}
        </span>
      )}
      {shrunk > 0 && (
        <span className="badge badge-warning">{t('placement.shrunkBadge', { count: shrunk })}</span>
      )}
    </span>
  );
}
