// The queue: drop PDFs or folders (or "Add documents"), each file checked on arrival with an inline
// message for the ones refused; a virtualized list of every job with its state, progress, filters
// and batch actions; and a banner while the Optimizer cannot be reached.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StampSummary } from '../placement/StampWhere';
import type { BridgeError, OperationResult } from '../../../shared/contract';
import { RUNNER_STATES, type JobState } from '../../../shared/job';
import { bridge, pathForFile } from '../bridge';
import { Progress, StateChip } from '../components/StateChip';
import { ErrorNotice } from '../components/Notice';
import { pickedFromDrop, pickedFromFiles, type Picked } from '../files';
import { throttle, useBridgeEvents } from '../hooks';

type JobView = OperationResult<'jobs.list'>['jobs'][number];

export type QueueFilter = 'all' | 'needsSigner' | 'running' | 'failed' | 'done';
const FILTER_STATES: Record<QueueFilter, JobState[] | undefined> = {
  all: undefined,
  needsSigner: ['draft', 'contract_ready', 'awaiting_signer', 'otp_sent'],
  running: [...RUNNER_STATES],
  failed: ['failed'],
  done: ['done'],
};
const PAGE = 100;
const ROW_HEIGHT = 64;

interface Rejected {
  name: string;
  message: string;
}

export function QueueScreen(props: {
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  checked: ReadonlySet<string>;
  onCheck: (ids: Set<string>) => void;
  offline: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<Map<number, JobView>>(new Map());
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [rejected, setRejected] = useState<Rejected[]>([]);
  const [error, setError] = useState<BridgeError | null>(null);
  const [adding, setAdding] = useState(false);
  const [perFile, setPerFile] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  // Ticked at once while every page of ids is fetched.
  const [selecting, setSelecting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const pagesLoaded = useRef(new Set<number>());

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  // Each page's latest request: an older answer arriving late must not overwrite a newer one.
  const pageRequests = useRef(new Map<number, number>());
  const loadPage = useCallback(
    async (page: number) => {
      const ticket = (pageRequests.current.get(page) ?? 0) + 1;
      pageRequests.current.set(page, ticket);
      const result = await bridge.call('jobs.list', {
        states: FILTER_STATES[filter],
        offset: page * PAGE,
        limit: PAGE,
      });
      if (pageRequests.current.get(page) !== ticket) return;
      if (!result.ok) return setError(result.error);
      pagesLoaded.current.add(page);
      setTotal(result.value.total);
      setCounts(result.value.counts);
      setRows((old) => {
        const next = new Map(old);
        result.value.jobs.forEach((job, i) => next.set(page * PAGE + i, job));
        return next;
      });
    },
    [filter],
  );

  // The pages in view; refreshed by events, throttled so a busy queue does not flood the bridge.
  const visiblePages = useMemo(() => {
    const pages: number[] = [];
    for (let p = Math.floor(firstIndex / PAGE); p <= Math.floor(lastIndex / PAGE); p++) pages.push(p);
    return pages;
  }, [firstIndex, lastIndex]);
  const visibleRef = useRef(visiblePages);
  visibleRef.current = visiblePages;
  const refresh = useMemo(
    () => throttle(() => visibleRef.current.forEach((p) => void loadPage(p)), 400),
    [loadPage],
  );

  useEffect(() => {
    pagesLoaded.current.clear();
    setRows(new Map());
    void loadPage(0);
  }, [loadPage]);
  useEffect(() => {
    for (const p of visiblePages) if (!pagesLoaded.current.has(p)) void loadPage(p);
  }, [visiblePages, loadPage]);

  useBridgeEvents((event) => {
    if (event.type === 'queue') {
      setCounts(event.counts);
      refresh();
    } else if (event.type === 'job') {
      // The row shows the new state at once; the throttled reload brings the rest (documents, errors).
      setRows((old) => {
        for (const [index, job] of old) {
          if (job.id !== event.jobId) continue;
          const next = new Map(old);
          next.set(index, { ...job, state: event.state, progress: event.progress });
          return next;
        }
        return old;
      });
      refresh();
    }
  });

  const addPicked = async (picked: Picked[]): Promise<void> => {
    const refused: Rejected[] = picked
      .filter((p) => p.path === null)
      .map((p) => ({ name: p.name, message: p.problem ?? t('queue.couldNotRead') }));
    const paths = picked.flatMap((p) => (p.path ? [p.path] : []));
    if (paths.length === 0) return setRejected(refused);
    const inspected = await bridge.call('documents.inspect', { paths });
    if (!inspected.ok) return setError(inspected.error);
    const good: string[] = [];
    for (const file of inspected.value.files) {
      if (file.ok) good.push(file.path);
      else
        refused.push({
          name: file.path.split(/[\\/]/).pop() ?? file.path,
          message: t(`queue.reason.${file.reason}`, { defaultValue: file.message }),
        });
    }
    setRejected(refused);
    const groups = perFile ? good.map((p) => [p]) : good.length > 0 ? [good] : [];
    let lastId: string | null = null;
    for (const group of groups) {
      const draft = await bridge.call('jobs.draft', { paths: group });
      if (!draft.ok) return setError(draft.error);
      lastId = draft.value.id;
    }
    setError(null);
    void loadPage(0);
    refresh();
    if (lastId && groups.length === 1) props.onOpen(lastId);
  };

  const run = async (work: () => Promise<void>): Promise<void> => {
    setAdding(true);
    try {
      await work();
    } finally {
      setAdding(false);
    }
  };

  const addDocuments = (): void => {
    if (pathForFile) {
      void run(async () => {
        const picked = await bridge.call('dialogs.pickDocuments', {});
        if (!picked.ok) return setError(picked.error);
        if (picked.value.paths.length > 0)
          await addPicked(picked.value.paths.map((path) => ({ name: path, path })));
      });
    } else fileInput.current?.click();
  };

  const batch = async (
    action: 'jobs.start' | 'jobs.pause' | 'jobs.cancel' | 'jobs.retry' | 'jobs.remove',
  ): Promise<void> => {
    const jobIds = [...props.checked];
    if (jobIds.length === 0) return;
    const result = await bridge.call(action, { jobIds });
    setError(result.ok ? null : result.error);
    if (result.ok && action === 'jobs.remove') props.onCheck(new Set());
    void loadPage(0);
    refresh();
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
      <section
        aria-label={t('queue.dropHere')}
        className={`drop-zone${dragOver ? ' drag-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragOver(false);
          const data = e.dataTransfer;
          void run(async () => addPicked(await pickedFromDrop(data)));
        }}
      >
        <p className="drop-title">{t('queue.dropHere')}</p>
        <p className="muted">{t('queue.dropHint')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={addDocuments} disabled={adding}>
            {t('queue.addDocuments')}
          </button>
          <label>
            <input type="checkbox" checked={perFile} onChange={(e) => setPerFile(e.target.checked)} />{' '}
            {t('queue.onePerFile')}
          </label>
        </div>
        <input
          ref={fileInput}
          type="file"
          accept="application/pdf,.pdf"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void run(async () => addPicked(await pickedFromFiles(files)));
          }}
        />
        {adding && <p role="status">{t('queue.checking')}</p>}
      </section>
      {rejected.length > 0 && (
        <div role="alert" className="notice notice-bad rejected">
          <strong>{t('queue.rejectedTitle', { count: rejected.length })}</strong>
          <ul>
            {rejected.map((r, i) => (
              <li key={`${r.name}-${i}`}>
                <span className="filename">{r.name}</span>: {r.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setRejected([])}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
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

function JobRow(props: {
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
        <span className="job-label">{job.label}</span>
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
