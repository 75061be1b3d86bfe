// The queue: drop PDFs or folders (or "Add documents"), each file checked on arrival with an inline
// message for the ones refused; a virtualized list of every job with its state, progress, filters
// and batch actions; and a banner while the Optimizer cannot be reached.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { RUNNER_STATES, type JobState } from '../../../shared/job';
import type { JobAction } from '../../../shared/job-actions';
import { bridge } from '../bridge';
import { throttle, useBridgeEvents } from '../hooks';
import { ConfirmCancel } from '../queue/ConfirmCancel';
import type { Removal } from '../queue/UndoRemoval';
import { Progress } from '../components/StateChip';
import { ErrorNotice } from '../components/Notice';
import { DropZone } from '../queue/DropZone';
import { JobRow } from '../queue/JobRow';
import { ROW_HEIGHT, useJobPages } from '../queue/useJobPages';
import { FirstRunChecklist, type ChecklistPlace } from '../queue/FirstRunChecklist';
import type { ActiveConnection } from '../connection/useActiveConnection';
import { announce, focusWhenShown } from '../announce';

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
  onRemoved: (removal: Removal) => void;
  /** The active Optimizer's live status, for the first-run checklist. */
  connection?: ActiveConnection;
  /** Takes the RAO to where a first-run step is done. */
  onGo?: (place: ChecklistPlace) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [error, setError] = useState<BridgeError | null>(null);
  // Ticked at once while every page of ids is fetched.
  const [selecting, setSelecting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const { virtualizer, rows, total, counts, reload } = useJobPages(FILTER_STATES[filter], scroller, setError);
  const items = virtualizer.getVirtualItems();
  const allowed = useSelectionActions(props.checked);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const screen = useRef<HTMLDivElement>(null);

  const batch = async (action: Exclude<JobAction, 'copyAsDraft'>): Promise<void> => {
    setConfirmCancel(false);
    const jobIds = [...props.checked];
    if (jobIds.length === 0) return;
    if (action === 'remove') {
      const result = await bridge.call('jobs.remove', { jobIds });
      setError(result.ok ? null : result.error);
      if (result.ok) {
        props.onCheck(new Set());
        const label = jobIds.length === 1 ? (findJob(jobIds[0])?.label ?? null) : null;
        props.onRemoved({ undoToken: result.value.undoToken, count: result.value.removed, label });
      }
    } else {
      const result = await bridge.call(`jobs.${action}`, { jobIds });
      setError(result.ok ? null : result.error);
    }
    reload();
  };
  const findJob = (id: string | undefined) => [...rows.values()].find((j) => j.id === id);
  /** A button per action some selected job allows, with how many when several are selected. */
  const toolbarButton = (action: Exclude<JobAction, 'copyAsDraft'>, label: string): React.ReactNode => {
    const n = allowed[action] ?? 0;
    if (n === 0) return null;
    return (
      <button
        type="button"
        aria-expanded={action === 'cancel' ? confirmCancel : undefined}
        onClick={() => (action === 'cancel' ? setConfirmCancel(true) : void batch(action))}
      >
        {props.checked.size > 1 ? `${t(label)} (${n})` : t(label)}
      </button>
    );
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
    <div className="screen queue-screen" ref={screen}>
      {props.offline && (
        <div role="status" className="notice notice-attention banner-offline">
          {t('queue.offline', { count: waiting, message: props.offline.replace(/[.\s]+$/, '') })}
        </div>
      )}
      <DropZone
        onError={setError}
        onAdded={(openId, count) => {
          setError(null);
          reload();
          // One draft: the work goes on in its signer form; several: the queue says how many.
          if (openId) {
            focusWhenShown('signer');
            props.onOpen(openId);
          } else if (count > 0) announce(t('guide.announce.jobsAdded', { count }));
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
          {toolbarButton('start', 'actions.start')}
          {toolbarButton('resume', 'actions.resume')}
          {toolbarButton('pause', 'actions.pause')}
          {toolbarButton('retry', 'actions.retry')}
          {toolbarButton('cancel', 'actions.cancel')}
          {toolbarButton('remove', 'actions.remove')}
        </div>
      </div>
      {confirmCancel && (allowed.cancel ?? 0) > 0 && (
        <ConfirmCancel
          what={
            props.checked.size === 1 ? oneJob(findJob([...props.checked][0])) : { count: allowed.cancel ?? 0 }
          }
          onConfirm={() => void batch('cancel')}
          onKeep={() => setConfirmCancel(false)}
        />
      )}
      <div className="overall">
        <Progress value={overall} label={t('queue.overall')} />
        <span className="muted">{t('queue.overallText', { done: counts.done ?? 0, total: countable })}</span>
      </div>
      {props.connection && (
        <FirstRunChecklist
          connection={props.connection}
          hasJobs={total > 0}
          onGo={(place) => props.onGo?.(place)}
          // The drop zone's own button, so the browser's file chooser opens from this click.
          onAddDocuments={() =>
            screen.current?.querySelector<HTMLButtonElement>('.drop-zone button.primary')?.click()
          }
        />
      )}
      <div
        ref={scroller}
        className="job-list"
        // Nothing queued: the checklist above stands in for the empty list.
        hidden={total === 0 && props.connection !== undefined}
        role="region"
        aria-label={t('queue.jobs', { count: total })}
        tabIndex={0}
      >
        {total === 0 && !props.connection && <p className="empty">{t('queue.empty')}</p>}
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

const oneJob = (job: { label: string; requestPk: string | null } | undefined) =>
  job ? { label: job.label, remote: job.requestPk !== null } : { count: 1 };

/** How many of the selected jobs allow each action, kept current as the queue works. */
function useSelectionActions(checked: ReadonlySet<string>): Partial<Record<JobAction, number>> {
  const [counts, setCounts] = useState<Partial<Record<JobAction, number>>>({});
  const latest = useRef(checked);
  latest.current = checked;
  const load = useCallback(async () => {
    const jobIds = [...latest.current];
    if (jobIds.length === 0) return setCounts({});
    const r = await bridge.call('jobs.actions', { jobIds });
    // A selection changed meanwhile is answered by its own call.
    if (r.ok && latest.current.size === jobIds.length) setCounts(r.value.counts);
  }, []);
  useEffect(() => void load(), [checked, load]);
  const refresh = useRef(throttle(() => void load(), 400));
  useBridgeEvents((event) => {
    if (latest.current.size > 0 && (event.type === 'job' || event.type === 'queue')) refresh.current();
  });
  return counts;
}
