// One job in the queue list: its tick box, its name with documents, method and stamps, its state
// and its progress.
import { useTranslation } from 'react-i18next';
import type { OperationResult } from '../../../shared/contract';
import { Progress, StateChip } from '../components/StateChip';
import { StampBadges, StampSummary } from '../placement/StampWhere';
import { FileName, isolated } from '../components/FileName';

export type JobView = OperationResult<'jobs.list'>['jobs'][number];

export function JobRow(props: {
  job: JobView;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onOpen: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  const files = fileNames(job);
  return (
    <>
      <input
        type="checkbox"
        aria-label={
          files === null
            ? t('queue.selectJob', { label: job.label })
            : t('queue.selectJobFiles', { label: job.label, files: files.map(isolated).join(', ') })
        }
        checked={props.checked}
        onChange={(e) => props.onCheck(e.target.checked)}
      />
      <button type="button" className="job-open" onClick={props.onOpen}>
        {/* The badge shares the label's line: a row's height is fixed (the list is virtual). */}
        <span className="job-title-line">
          <FileName name={job.label} className="job-label" />
          <StampBadges documents={job.documents} />
        </span>
        <span className="muted job-meta">
          {files === null ? (
            t('queue.documents', { count: job.documents.length })
          ) : (
            <span className="job-files">
              {files.map((name, i) => (
                <span key={i}>
                  {i > 0 && ', '}
                  <FileName name={name} />
                </span>
              ))}
            </span>
          )}{' '}
          ·{' '}
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

/** Documents named in a row beyond the label; the rest are counted ("+3"). */
const NAMED_FILES = 2;

/**
 * The file names that tell this job from others for the same signer (a batch given one signer's
 * details reads the same label ten times), or null while the label is itself the first file's name.
 */
export function fileNames(job: Pick<JobView, 'label' | 'documents'>): string[] | null {
  const first = job.documents[0];
  if (first === undefined || job.label.startsWith(first.filename)) return null;
  const names = job.documents.slice(0, NAMED_FILES).map((d) => d.filename);
  const more = job.documents.length - names.length;
  return more > 0 ? [...names, `+${more}`] : names;
}
