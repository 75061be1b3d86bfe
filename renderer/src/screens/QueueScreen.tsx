// The queue: drop PDFs or folders (or "Add documents"), each file checked on arrival with an inline
// message for the ones refused; a virtualized list of every job with its state, progress, filters
// and batch actions; and a banner while the Optimizer cannot be reached.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { RUNNER_STATES, type JobState } from '../../../shared/job';
import { bridge } from '../bridge';
import { Progress } from '../components/StateChip';
import { ErrorNotice } from '../components/Notice';
import { DropZone } from '../queue/DropZone';
import { JobRow } from '../queue/JobRow';
import { ROW_HEIGHT, useJobPages } from '../queue/useJobPages';

export type QueueFilter = 'all' | 'needsSigner' | 'running' | 'failed' | 'done';
const FILTER_STATES: Record<QueueFilter, JobState[] | undefined> = {
  all: undefined,
  needsSigner: ['draft', 'contract_ready', 'awaiting_signer', 'otp_sent'],
  running: [...RUNNER_STATES],
  failed: ['failed'],
  done: ['done'],
};

export function QueueScreen(props: {
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  checked: ReadonlySet<string>;
  onCheck: (ids: Set<string>) => void;
  offline: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [error, setError] = useState<BridgeError | null>(null);
  // Ticked at once while every page of ids is fetched.
  const [selecting, setSelecting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const { virtualizer, rows, total, counts, reload } = useJobPages(FILTER_STATES[filter], scroller, setError);
  const items = virtualizer.getVirtualItems();

  const batch = async (
    action: 'jobs.start' | 'jobs.pause' | 'jobs.cancel' | 'jobs.retry' | 'jobs.remove',
  ): Promise<void> => {
    const jobIds = [...props.checked];
    if (jobIds.length === 0) return;
    const result = await bridge.call(action, { jobIds });
    setError(result.ok ? null : result.error);
    if (result.ok && action === 'jobs.remove') props.onCheck(new Set());
    reload();
  };

  const selectAll = async (on: boolean): Promise<void> => {
    if (!on) return props.onCheck(new Set());
    setSelecting(true);
    const ids = new Set<string>();
    try {
      for (let offset = 0; offset < total; offset += 1000) {
        const page = await bridge.call('jobs.list', { states: FILTER_STATES[filter], offset, limit: 1000 });
        if (!page.ok) break;
        page.value.jobs.forEach((j) => ids.add(j.id));
      }
      props.onCheck(ids);
    } finally {
      setSelecting(false);
    }
  };

  const waiting = RUNNER_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const countable = Object.entries(counts)
    .filter(([s]) => s !== 'draft' && s !== 'cancelled')
    .reduce((n, [, c]) => n + c, 0);
  const overall = countable === 0 ? 0 : (counts.done ?? 0) / countable;

  return (
    <div className="screen queue-screen">
      {props.offline && (
        <div role="status" className="notice notice-attention banner-offline">
          {t('queue.offline', { count: waiting, message: props.offline })}
        </div>
      )}
      <DropZone
        onError={setError}
        onAdded={(openId) => {
          setError(null);
          reload();
          if (openId) props.onOpen(openId);
        }}
      />
      <ErrorNotice error={error} />
      <div className="queue-toolbar">
        <div role="radiogroup" aria-label={t('queue.filter')} className="filters">
          {(Object.keys(FILTER_STATES) as QueueFilter[]).map((f) => (
            <label key={f} className={`filter${filter === f ? ' active' : ''}`}>
              <input
                type="radio"
                name="queue-filter"
                checked={filter === f}
                onChange={() => {
                  setFilter(f);
                  props.onCheck(new Set());
                }}
              />
              {t(`queue.filters.${f}`)}
            </label>
          ))}
        </div>
        <div className="batch-actions" role="group" aria-label={t('queue.batchActions')}>
          <label>
            <input
              type="checkbox"
              checked={selecting || (total > 0 && props.checked.size === total)}
              onChange={(e) => void selectAll(e.target.checked)}
            />{' '}
            {t('queue.selectAll')}
          </label>
          <span className="muted">{t('queue.selected', { count: props.checked.size })}</span>
          <button type="button" onClick={() => void batch('jobs.start')}>
            {t('actions.start')}
          </button>
          <button type="button" onClick={() => void batch('jobs.pause')}>
            {t('actions.pause')}
          </button>
          <button type="button" onClick={() => void batch('jobs.cancel')}>
            {t('actions.cancel')}
          </button>
          <button type="button" onClick={() => void batch('jobs.retry')}>
            {t('actions.retry')}
          </button>
          <button type="button" onClick={() => void batch('jobs.remove')}>
            {t('actions.remove')}
          </button>
        </div>
      </div>
      <div className="overall">
        <Progress value={overall} label={t('queue.overall')} />
        <span className="muted">{t('queue.overallText', { done: counts.done ?? 0, total: countable })}</span>
      </div>
      <div
        ref={scroller}
        className="job-list"
        role="region"
        aria-label={t('queue.jobs', { count: total })}
        tabIndex={0}
      >
        {total === 0 && <p className="empty">{t('queue.empty')}</p>}
        <div
          className="job-list-inner"
          role={total > 0 ? 'list' : undefined}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const job = rows.get(item.index);
            return (
              <div
                key={item.key}
                role="listitem"
                className={`job-row${job && job.id === props.selectedJobId ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {job ? (
                  <JobRow
                    job={job}
                    checked={props.checked.has(job.id)}
                    onCheck={(on) => {
                      const next = new Set(props.checked);
                      if (on) next.add(job.id);
                      else next.delete(job.id);
                      props.onCheck(next);
                    }}
                    onOpen={() => props.onOpen(job.id)}
                  />
                ) : (
                  <span className="muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
