// The one-time code: send it by SMS or WhatsApp, a 60-second wait before resending, a 6-digit
// field that takes a paste and the platform's one-time-code autofill, and plain messages for a
// wrong (attempts left), expired or locked code. The code goes to core and is cleared from the page.
// On the training sandbox a "Sandbox phone" shows the code the customer would have received.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { announce, focusWhenShown, takeFocusIfAsked } from '../announce';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { problemText } from '../components/problem-text';

type Job = OperationResult<'jobs.get'>;
const RESEND_SECONDS = 60;

type CodeError = NonNullable<Job['error']>;

/**
 * A refused code in the RAO's language. The service says only "Confirmation Code invalid"; what it
 * means (type again, with how many tries left, or send a new code) is the desk's own judgement.
 */
function codeWords(t: ReturnType<typeof useTranslation>['t'], error: CodeError): string {
  if (error.kind === 'otp_wrong' && error.attemptsLeft !== undefined)
    return t('otp.problem.otp_wrong_left', { count: error.attemptsLeft });
  if (error.kind === 'otp_wrong' || error.kind === 'otp_expired' || error.kind === 'otp_locked')
    return t(`otp.problem.${error.kind}`);
  // Any other failure (the Optimizer offline, a step refused…) as core named it, in the language.
  const named = error.problem && problemText(t, { code: error.problem.name, values: error.problem.values });
  return `${t('otp.problem.other')} ${named ?? error.message}`;
}

function secondsLeft(sentAt: string | null, now: number): number {
  if (!sentAt) return 0;
  return Math.max(0, Math.ceil(RESEND_SECONDS - (now - Date.parse(sentAt)) / 1000));
}

export function OtpPanel(props: {
  job: Job;
  consented: boolean;
  training: boolean;
  /** The job's Optimizer does not answer now (the status the header shows): no code can go. */
  offline?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  const [code, setCode] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [delivery, setDelivery] = useState<'sms' | 'whatsapp'>(
    job.auth.detail === 'whatsapp' ? 'whatsapp' : 'sms',
  );
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const wait = secondsLeft(job.otpSentAt, now);
  const sent = job.state === 'otp_sent' || job.state === 'signing';
  const codeError = job.error && job.error.kind.startsWith('otp_') ? job.error : null;
  const codeInput = useRef<HTMLInputElement>(null);
  // A code just sent: the work goes on in the code field.
  useEffect(() => {
    if (sent) takeFocusIfAsked('otpCode', codeInput.current);
  }, [sent, job.otpSentAt]);
  // A refused code: the field is ready for another try.
  const refusal = codeError ? `${codeError.kind}:${codeError.attemptsLeft ?? ''}` : null;
  useEffect(() => {
    if (refusal) codeInput.current?.focus();
  }, [refusal]);

  const send = async (): Promise<void> => {
    setBusy(true);
    const r = await bridge.call('otp.send', { jobId: job.id, delivery });
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      focusWhenShown('otpCode');
      announce(t('guide.announce.codeSent'));
      // Already shown (a new code): the field takes the focus now.
      takeFocusIfAsked('otpCode', codeInput.current);
    }
  };
  const submit = async (): Promise<void> => {
    setBusy(true);
    const r = await bridge.call('otp.submit', { jobId: job.id, code });
    setCode('');
    setBusy(false);
    setError(r.ok ? null : r.error);
    // Signing goes on in the queue; the signed documents take the focus when they are shown.
    if (r.ok) focusWhenShown('results');
  };

  return (
    <section className="card otp" aria-labelledby="otp-heading">
      <h3 id="otp-heading">{t('otp.title')}</h3>
      <ErrorNotice error={error} />
      {codeError && (
        <div role="alert" className="notice notice-bad">
          {codeWords(t, codeError)}
        </div>
      )}
      <div className="actions">
        <label>
          {t('auth.deliveryLabel')}{' '}
          <select
            value={delivery}
            onChange={(e) => setDelivery(e.target.value === 'whatsapp' ? 'whatsapp' : 'sms')}
          >
            <option value="sms">{t('auth.delivery.sms')}</option>
            <option value="whatsapp">{t('auth.delivery.whatsapp')}</option>
          </select>
        </label>
        <button
          type="button"
          className={sent ? '' : 'primary'}
          disabled={!props.consented || busy || wait > 0 || job.state === 'signing' || props.offline}
          onClick={() => void send()}
        >
          {sent ? t('otp.resend') : t('otp.send')}
        </button>
        {sent && wait > 0 && (
          <span className="muted" aria-live="polite">
            {t('otp.resendIn', { seconds: wait })}
          </span>
        )}
      </div>
      {!props.consented && <p className="muted">{t('otp.needsConsent')}</p>}
      {props.offline && (
        <p role="status" className="notice notice-attention">
          {t('link.otpOffline')}
        </p>
      )}
      {sent && (
        <form
          className="otp-entry"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {t('otp.code')}
            <input
              ref={codeInput}
              className="otp-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              onPaste={(e) => {
                e.preventDefault();
                setCode(e.clipboardData.getData('text').replace(/\D/g, '').slice(0, 6));
              }}
            />
          </label>
          <button
            type="submit"
            className="primary"
            disabled={code.length !== 6 || busy || job.state !== 'otp_sent'}
          >
            {t('actions.sign')}
          </button>
        </form>
      )}
      {props.training && sent && <SandboxPhone jobId={job.id} />}
    </section>
  );
}

function SandboxPhone({ jobId }: { jobId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const [inbox, setInbox] = useState<OperationResult<'training.inbox'> | null>(null);
  useEffect(() => {
    let live = true;
    const look = (): void =>
      void bridge.call('training.inbox', { jobId }).then((r) => live && r.ok && setInbox(r.value));
    look();
    const timer = window.setInterval(look, 2000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [jobId]);
  return (
    <aside className="sandbox-phone" aria-label={t('otp.sandboxPhone')}>
      <h4>{t('otp.sandboxPhone')}</h4>
      <p className="muted">{t('otp.sandboxPhoneHint')}</p>
      {inbox?.code ? (
        <p>
          {t('otp.sandboxMessage')} <strong className="sandbox-code">{inbox.code}</strong>
        </p>
      ) : (
        <p>{t('otp.sandboxEmpty')}</p>
      )}
    </aside>
  );
}
