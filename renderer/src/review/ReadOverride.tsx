// The RAO's way to count a document as read without the viewer (the signer read the paper copy,
// say): only with a reason, which core records in the audit log as an override, never as reading.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { bridge } from '../bridge';

/** Fewer characters than this is not a reason a reader of the audit log could follow. */
const MIN_REASON = 3;

export function ReadOverride(props: {
  jobId: string;
  which: 'contract' | number;
  name: string;
  onRecorded: (state: OperationResult<'review.override'>) => void;
  onError: (error: BridgeError) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const id = useId();

  if (!asking)
    return (
      <button type="button" className="link-button" onClick={() => setAsking(true)}>
        {t('reading.override')}
      </button>
    );

  const record = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) return setTooShort(true);
    const r = await bridge.call('review.override', {
      jobId: props.jobId,
      which: props.which,
      reason: reason.trim(),
    });
    if (!r.ok) return props.onError(r.error);
    setAsking(false);
    setReason('');
    props.onRecorded(r.value);
  };

  return (
    <form className="read-override" aria-labelledby={`${id}-title`} onSubmit={(e) => void record(e)}>
      <p id={`${id}-title`} className="read-override__title">
        {t('reading.overrideTitle', { name: props.name })}
      </p>
      <label htmlFor={`${id}-reason`}>{t('reading.reason')}</label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        rows={3}
        maxLength={500}
        placeholder={t('reading.reasonExample')}
        aria-invalid={tooShort ? true : undefined}
        aria-describedby={tooShort ? `${id}-problem` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setTooShort(false);
        }}
      />
      {tooShort && (
        <span id={`${id}-problem`} className="field-problem">
          {t('reading.reasonTooShort')}
        </span>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('reading.record')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t('reading.cancel')}
        </button>
      </div>
    </form>
  );
}
