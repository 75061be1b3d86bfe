// A job's state as a coloured chip with its translated name.
import { useTranslation } from 'react-i18next';
import { isTerminal, type JobState } from '../../../shared/job';

const TONE: Partial<Record<JobState, string>> = {
  draft: 'neutral',
  awaiting_signer: 'attention',
  otp_sent: 'attention',
  contract_ready: 'attention',
  done: 'good',
  failed: 'bad',
  cancelled: 'neutral',
};

export function StateChip({ state, paused }: { state: JobState; paused?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  // Paused means something only while the queue would otherwise work on the job: a stopped,
  // cancelled or finished job is that, not "paused".
  const held = paused === true && !isTerminal(state) && state !== 'failed' && state !== 'draft';
  return (
    <span className={`chip chip-${held ? 'neutral' : (TONE[state] ?? 'busy')}`}>
      {t(`state.${state}`)}
      {held ? ` · ${t('state.paused')}` : ''}
    </span>
  );
}

export function Progress({ value, label }: { value: number; label: string }): React.JSX.Element {
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <progress className="bar" max={100} value={percent} aria-label={label}>
      {percent}%
    </progress>
  );
}
