// Asks before a job (or a selection) is cancelled, saying what happens on the Optimizer: the request
// is cancelled there and its copies of the documents deleted — or, before anything was sent, that
// the job only stops here — and that after the certificate is issued there is no cancelling.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmCancel(props: {
  /** One job: its label and whether a request exists on the Optimizer; several: how many. */
  what: { label: string; remote: boolean } | { count: number };
  onConfirm: () => void;
  onKeep: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer has the focus, so a stray Enter keeps the job.
  useEffect(() => keep.current?.focus(), []);
  const one = 'label' in props.what ? props.what : null;
  const count = 'count' in props.what ? props.what.count : 1;
  return (
    <div
      role="alertdialog"
      aria-labelledby="confirm-cancel-title"
      aria-describedby="confirm-cancel-what"
      className="notice notice-attention confirm"
      onKeyDown={(e) => e.key === 'Escape' && props.onKeep()}
    >
      <strong id="confirm-cancel-title">
        {one
          ? t('jobActions.confirmCancel.title', { label: one.label })
          : t('jobActions.confirmCancel.titleMany', { count })}
      </strong>
      <p id="confirm-cancel-what">
        {one
          ? t(one.remote ? 'jobActions.confirmCancel.remote' : 'jobActions.confirmCancel.local')
          : t('jobActions.confirmCancel.many')}
      </p>
      <p className="muted">{t('jobActions.confirmCancel.after')}</p>
      <div className="actions">
        <button type="button" className="danger" onClick={props.onConfirm}>
          {t('jobActions.confirmCancel.confirm')}
        </button>
        <button type="button" ref={keep} onClick={props.onKeep}>
          {t('jobActions.confirmCancel.keep')}
        </button>
      </div>
    </div>
  );
}
