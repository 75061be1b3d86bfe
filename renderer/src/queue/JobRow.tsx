// One job in the queue list: its tick box, its name with documents, method and stamps, its state
// and its progress.
import { useTranslation } from 'react-i18next';
import type { OperationResult } from '../../../shared/contract';
import { Progress, StateChip } from '../components/StateChip';
import { StampSummary } from '../placement/StampWhere';
import { FileName } from '../components/FileName';

export type JobView = OperationResult<'jobs.list'>['jobs'][number];

export function JobRow(props: {
  job: JobView;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onOpen: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  return (
    <>
      <input
        type="checkbox"
        aria-label={t('queue.selectJob', { label: job.label })}
        checked={props.checked}
        onChange={(e) => props.onCheck(e.target.checked)}
      />
      <button type="button" className="job-open" onClick={props.onOpen}>
        <FileName name={job.label} className="job-label" />
        <span className="muted job-meta">
          {t('queue.documents', { count: job.documents.length })} ·{' '}
          {job.auth.method === 'otp'
            ? t(`auth.delivery.${job.auth.detail}`, { defaultValue: job.auth.detail })
            : job.auth.detail}
          <StampSummary documents={job.documents} />
        </span>
      </button>
      <StateChip state={job.state} paused={job.paused} />
      <Progress value={job.progress} label={t('queue.jobProgress', { label: job.label })} />
    </>
  );
}
