// Where new jobs' signatures go until the RAO places them otherwise: set from the placement
// editor ("also for new jobs") or by IT in the machine-wide file; shown and cleared here.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Placement } from '../../../shared/contract-appearance';
import { pointsToMm } from '../../../shared/appearance';

export function DefaultPlacement(props: {
  placement: Placement | null;
  onClear: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <fieldset className="form-grid">
      <legend>{t('settings.newJobs.title')}</legend>
      <p className="wide" data-testid="default-placement">
        {props.placement ? describePlacement(t, props.placement) : t('settings.newJobs.none')}
      </p>
      <p className="muted hint wide">{t('settings.newJobs.hint')}</p>
      {props.placement && (
        <div className="actions wide">
          <button type="button" onClick={props.onClear}>
            {t('settings.newJobs.clear')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** "Last page, bottom right, 63.5 × 21.2 mm, 12.7 mm across and 12.7 mm up from the corner; near “Firma:”". */
export function describePlacement(t: TFunction, placement: Placement): string {
  const { rule, anchor } = placement;
  const mm = (pt: number): string => String(Math.round(pointsToMm(pt) * 10) / 10);
  const page =
    rule.page === 'first'
      ? t('settings.newJobs.firstPage')
      : rule.page === 'last'
        ? t('settings.newJobs.lastPage')
        : t('settings.newJobs.pageN', { n: rule.page });
  const where = t('settings.newJobs.where', {
    page,
    corner: t(`settings.newJobs.corners.${rule.corner}`),
    width: mm(rule.width),
    height: mm(rule.height),
    x: mm(rule.x),
    y: mm(rule.y),
  });
  return anchor ? `${where} ${t('settings.newJobs.near', { text: anchor.text })}` : where;
}
