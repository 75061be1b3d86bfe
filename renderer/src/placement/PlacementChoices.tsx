// The placement editor's choices beside the page: which page every document gets its stamp on
// (first, last or a number, as people count) and the optional anchor phrase.
import { useTranslation } from 'react-i18next';
import type { PageRule } from '../../../shared/appearance';

export function PageRuleChoice(props: {
  rule: PageRule;
  pageNumber: number;
  onChoose: (rule: PageRule) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('placement.pageRule')}</legend>
      <label>
        <input
          type="radio"
          name="page-rule"
          checked={props.rule === 'first'}
          onChange={() => props.onChoose('first')}
        />
        {t('placement.first')}
      </label>
      <label>
        <input
          type="radio"
          name="page-rule"
          checked={props.rule === 'last'}
          onChange={() => props.onChoose('last')}
        />
        {t('placement.last')}
      </label>
      <label>
        <input
          type="radio"
          name="page-rule"
          checked={typeof props.rule === 'number'}
          onChange={() => props.onChoose(props.pageNumber)}
        />
        {t('placement.numbered')}
      </label>
      {typeof props.rule === 'number' && (
        <label>
          {t('placement.pageNumber')}
          <input
            type="number"
            min={1}
            value={props.rule}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1) props.onChoose(n);
            }}
          />
        </label>
      )}
    </fieldset>
  );
}

export function AnchorChoice(props: {
  text: string;
  onText: (text: string) => void;
  onFind: () => void;
  /** The document is loaded: a search needs its pages to place the stamp beside the phrase. */
  ready: boolean;
  /** Where the phrase was found, or why not (null before a search). */
  message: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('placement.anchor')}</legend>
      <p className="muted">{t('placement.anchorHelp')}</p>
      <div className="inline">
        <input
          aria-label={t('placement.anchorText')}
          value={props.text}
          onChange={(e) => props.onText(e.target.value)}
        />
        <button type="button" onClick={props.onFind} disabled={!props.ready || props.text.trim() === ''}>
          {t('placement.find')}
        </button>
      </div>
      <p role="status" className="muted">
        {props.message}
      </p>
    </fieldset>
  );
}
