// Asks before a profile's address, CA or pin changes while it holds RAO tokens: keeping them sends
// them to the new address, forgetting removes them from this computer. Nothing is saved until the
// RAO answers; Cancel goes back to the form with everything typed still there.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function TokensAtNewAddress(props: {
  count: number;
  baseUrl: string;
  onKeep: () => void;
  onForget: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  // Neither answer is the safe one to give by a stray Enter: the focus waits on Cancel.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby="tokens-question-title"
      aria-describedby="tokens-question-what"
      className="notice notice-attention confirm"
      onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
    >
      <strong id="tokens-question-title">{t('connection.tokensQuestionTitle')}</strong>
      <p id="tokens-question-what">
        {t('connection.tokensQuestion', { count: props.count, baseUrl: props.baseUrl })}
      </p>
      <p className="muted">{t('connection.tokensForgetHint')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={props.onKeep}>
          {t('connection.keepTokens')}
        </button>
        <button type="button" className="danger" onClick={props.onForget}>
          {t('connection.forgetTokens')}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
