// Where new jobs' signatures go until the RAO places them otherwise: set from the placement
// editor ("also for new jobs") or by IT in the machine-wide file; shown and cleared here.
import { useTranslation } from 'react-i18next';
import type { Placement } from '../../../shared/contract-appearance';
import { describePlacement } from './describe-placement';

export function DefaultPlacement(props: {
  placement: Placement | null;
  onClear: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="form-grid">
      <legend>{t('settings.newJobs.title')}</legend>
      <p className="wide" data-testid="default-placement">
        {props.placement ? describePlacement(t, props.placement, i18n.language) : t('settings.newJobs.none')}
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
