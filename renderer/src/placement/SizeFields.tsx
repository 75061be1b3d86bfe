// The box in numbers: distance from the left and bottom edges of the page as displayed, width and
// height, in millimetres or points; and a warning when the stamp would be too small to read.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DecimalField } from '../components/DecimalField';
import { formatNumber } from '../i18n/format';
import {
  MIN_READABLE,
  mmToPoints,
  pointsToMm,
  tooSmallToRead,
  viewSize,
  type PageView,
  type ScreenBox,
} from '../../../shared/appearance';

type Unit = 'mm' | 'pt';
type Field = 'fromLeft' | 'fromBottom' | 'width' | 'height';

export function SizeFields(props: {
  box: ScreenBox;
  /** The page at scale 1 (the box is in points). */
  page: PageView;
  onChange: (box: ScreenBox) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [unit, setUnit] = useState<Unit>('mm');
  const { box, page } = props;
  const size = viewSize(page);
  const shown = (pt: number): number =>
    unit === 'mm' ? Math.round(pointsToMm(pt) * 10) / 10 : Math.round(pt * 10) / 10;
  const toPt = (value: number): number => (unit === 'mm' ? mmToPoints(value) : value);
  const values: Record<Field, number> = {
    fromLeft: box.left,
    fromBottom: size.height - box.top - box.height,
    width: box.width,
    height: box.height,
  };

  const change = (field: Field, value: number | null): void => {
    if (value === null) return;
    const pt = toPt(value);
    const next = { ...box };
    if (field === 'fromLeft') next.left = pt;
    if (field === 'width') next.width = Math.max(pt, 1);
    if (field === 'height') {
      // Keep the bottom edge where it is: the number people read is the distance from the bottom.
      const bottom = box.top + box.height;
      next.height = Math.max(pt, 1);
      next.top = bottom - next.height;
    }
    if (field === 'fromBottom') next.top = size.height - pt - box.height;
    props.onChange(next);
  };

  return (
    <fieldset className="size-fields">
      <legend>{t('placement.sizeAndPlace')}</legend>
      <label>
        {t('placement.unit')}
        <select value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
          <option value="mm">{t('placement.mm')}</option>
          <option value="pt">{t('placement.pt')}</option>
        </select>
      </label>
      {(['fromLeft', 'fromBottom', 'width', 'height'] as const).map((field) => (
        <label key={field}>
          {t(`placement.${field}`, { unit: t(`placement.${unit}`) })}
          <DecimalField value={shown(values[field])} onChange={(value) => change(field, value)} />
        </label>
      ))}
      {tooSmallToRead(box.width, box.height) && (
        <p className="warning" role="alert">
          {t('placement.tooSmall', {
            width: formatNumber(i18n.language, Math.round(pointsToMm(MIN_READABLE.width))),
            height: formatNumber(i18n.language, pointsToMm(MIN_READABLE.height)),
          })}
        </p>
      )}
    </fieldset>
  );
}
