// The queue's jobs, loaded a page at a time as the virtualized list scrolls, and kept current by
// the bridge's events (throttled, so a busy queue does not flood the bridge).
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BridgeError } from '../../../shared/contract';
import type { JobState } from '../../../shared/job';
import { bridge } from '../bridge';
import { throttle, useBridgeEvents } from '../hooks';
import type { JobView } from './JobRow';

const PAGE = 100;
export const ROW_HEIGHT = 64;

export interface JobPages {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Jobs by their index in the whole (filtered) queue; a row not loaded yet is missing. */
  rows: ReadonlyMap<number, JobView>;
  total: number;
  /** Jobs per state across the whole queue, for the overall progress. */
  counts: Record<string, number>;
  /** Reload now: after the RAO changed jobs. */
  reload: () => void;
}

export function useJobPages(
  states: JobState[] | undefined,
  scroller: React.RefObject<HTMLDivElement | null>,
  onError: (error: BridgeError) => void,
): JobPages {
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<Map<number, JobView>>(new Map());
  const [counts, setCounts] = useState<Record<string, number>>({});
  const pagesLoaded = useRef(new Set<number>());
  const reportError = useRef(onError);
  reportError.current = onError;

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
      const result = await bridge.call('jobs.list', { states, offset: page * PAGE, limit: PAGE });
      if (pageRequests.current.get(page) !== ticket) return;
      if (!result.ok) return reportError.current(result.error);
      pagesLoaded.current.add(page);
      setTotal(result.value.total);
      setCounts(result.value.counts);
      setRows((old) => {
        const next = new Map(old);
        result.value.jobs.forEach((job, i) => next.set(page * PAGE + i, job));
        return next;
      });
    },
    [states],
  );

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

  const reload = useCallback(() => {
    void loadPage(0);
    refresh();
  }, [loadPage, refresh]);

  return { virtualizer, rows, total, counts, reload };
}
