// A placement rule in a sentence of the RAO's language, with millimetres written its way: the
// settings screen's default placement and the audit log's placement events say it alike.
import type { TFunction } from 'i18next';
import { pointsToMm } from '../../../shared/appearance';
import type { Placement } from '../../../shared/contract-appearance';
import { formatNumber } from '../i18n/format';

/** "Last page, bottom right, 63.5 × 21.2 mm, 12.7 mm across and 12.7 mm up from the corner; near “Firma:”". */
export function describePlacement(t: TFunction, placement: Placement, language: string): string {
  const { rule, anchor } = placement;
  const mm = (pt: number): string => formatNumber(language, pointsToMm(pt));
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
