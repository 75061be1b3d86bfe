// The buttons of one job: exactly the actions its state allows (shared/job-actions.ts), so a
// cancelled job offers "Copy as new draft" instead of a Retry that cannot work, Cancel asks first,
// Remove can be undone, and a Retry that would fail the same way says why instead of being offered.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { jobActions, retryBlock, type JobAction } from '../../../shared/job-actions';
import { bridge } from '../bridge';
import { ConfirmCancel } from '../queue/ConfirmCancel';
import type { Removal } from '../queue/UndoRemoval';
import '../queue/job-actions.css';
import { isolated } from '../components/FileName';

type Job = OperationResult<'jobs.get'>;
export type RunAction = 'jobs.start' | 'jobs.pause' | 'jobs.resume' | 'jobs.retry';

const PRIMARY: ReadonlySet<JobAction> = new Set(['start', 'retry', 'copyAsDraft']);
const LABEL: Record<JobAction, string> = {
  start: 'actions.start',
  pause: 'actions.pause',
  resume: 'actions.resume',
  cancel: 'actions.cancel',
  retry: 'actions.retry',
  copyAsDraft: 'jobActions.copyAsDraft',
  remove: 'actions.remove',
};

export function JobActionBar(props: {
  job: Job;
  /** The actions this place in the pane shows (the others, if allowed, are shown elsewhere). */
  only: readonly JobAction[];
  run: (action: RunAction) => Promise<void>;
  onError: (error: BridgeError | null) => void;
  onCopied: (jobId: string) => void;
  onRemoved: (removal: Removal) => void;
  children?: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { job } = props;
  const [confirming, setConfirming] = useState(false);
  const allowed = jobActions(job).filter((a) => props.only.includes(a));
  const blocked = allowed.includes('retry') ? retryBlock(job) : null;
  const refused = job.documents.find((d) => d.refusal !== null);

  const cancel = async (): Promise<void> => {
    setConfirming(false);
    const r = await bridge.call('jobs.cancel', { jobIds: [job.id] });
    props.onError(r.ok ? null : r.error);
  };
  const copy = async (): Promise<void> => {
    const r = await bridge.call('jobs.copyAsDraft', { jobId: job.id });
    props.onError(r.ok ? null : r.error);
    if (r.ok) props.onCopied(r.value.id);
  };
  const remove = async (): Promise<void> => {
    const r = await bridge.call('jobs.remove', { jobIds: [job.id] });
    props.onError(r.ok ? null : r.error);
    if (r.ok) props.onRemoved({ undoToken: r.value.undoToken, count: 1, label: job.label });
  };
  const press = (action: JobAction): void => {
    if (action === 'cancel') setConfirming(true);
    else if (action === 'copyAsDraft') void copy();
    else if (action === 'remove') void remove();
    else void props.run(`jobs.${action}`);
  };

  return (
    <>
      {blocked && (
        <p role="note" className="retry-blocked">
          {t('jobActions.retryBlocked')}{' '}
          {t(`problems.${blocked}`, { label: job.label, filename: isolated(refused?.filename ?? '') })}
        </p>
      )}
      <div className="actions">
        {allowed
          .filter((a) => !(a === 'retry' && blocked))
          .map((action) => (
            <button
              key={action}
              type="button"
              className={PRIMARY.has(action) ? 'primary' : undefined}
              aria-expanded={action === 'cancel' ? confirming : undefined}
              onClick={() => press(action)}
            >
              {t(LABEL[action])}
            </button>
          ))}
        {props.children}
      </div>
      {confirming && (
        <ConfirmCancel
          what={{ label: job.label, remote: job.requestPk !== null }}
          onConfirm={() => void cancel()}
          onKeep={() => setConfirming(false)}
        />
      )}
    </>
  );
}
