// Measures which pages the reader has really had in front of them: each page element is watched
// with an IntersectionObserver against the browser window (so a page scrolled out of the viewer, a
// viewer scrolled out of the pane, or a hidden tab all count as not shown), and a page counts once
// the required share of it has stayed visible for the dwell time without a break. The evidence
// (share, time, moment) goes to core, which checks it again.
import { READ_DWELL_MS, requiredShare } from '../../../shared/reading';

export interface PageSeen {
  /** Counted from 1. */
  page: number;
  share: number;
  ms: number;
  at: string;
}

/** Fine enough that a page's share is known within 5 % as it scrolls. */
const THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);

interface Watch {
  ratio: number;
  /** Height of the page and of the pane it scrolls in, when last measured. */
  required: number;
  since: number | null;
  best: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class PageReadingMeter {
  private readonly observer: IntersectionObserver;
  private readonly pages = new Map<Element, number>();
  private readonly watches = new Map<number, Watch>();
  private readonly seen = new Set<number>();

  constructor(
    /** The scrolling pane: its height is the "screen" a tall page is measured against. */
    private readonly pane: HTMLElement,
    private readonly onSeen: (seen: PageSeen) => void,
    /**
     * Since when (performance.now()) the page's drawing has been on its canvas, null while it is
     * not: a blank sheet is not read, so the time on screen counts from the drawing.
     */
    private readonly drawnSince: (page: number) => number | null,
  ) {
    this.observer = new IntersectionObserver((entries) => this.measure(entries), {
      threshold: THRESHOLDS,
    });
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Watches exactly these page elements (virtualized pages come and go as the reader scrolls). */
  sync(elements: Iterable<Element>): void {
    const now = new Set(elements);
    for (const [element, page] of this.pages)
      if (!now.has(element)) {
        this.observer.unobserve(element);
        this.pages.delete(element);
        this.stop(page, 0);
      }
    for (const element of now) {
      const page = Number((element as HTMLElement).dataset.page);
      if (this.pages.has(element) || !Number.isInteger(page) || page < 1) continue;
      this.pages.set(element, page);
      this.observer.observe(element);
    }
  }

  disconnect(): void {
    this.observer.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const watch of this.watches.values()) clearTimeout(watch.timer);
    this.watches.clear();
    this.pages.clear();
  }

  private measure(entries: IntersectionObserverEntry[]): void {
    const screen = this.pane.clientHeight;
    for (const entry of entries) {
      const page = this.pages.get(entry.target);
      if (page === undefined || this.seen.has(page)) continue;
      const ratio = entry.isIntersecting ? entry.intersectionRatio : 0;
      const required = requiredShare(entry.boundingClientRect.height, screen);
      const watch = this.watch(page);
      watch.required = required;
      if (ratio + 0.001 >= required) this.start(page, ratio);
      else this.stop(page, ratio);
    }
  }

  private watch(page: number): Watch {
    let watch = this.watches.get(page);
    if (!watch) {
      watch = { ratio: 0, required: 1, since: null, best: 0, timer: undefined };
      this.watches.set(page, watch);
    }
    return watch;
  }

  private start(page: number, ratio: number): void {
    const watch = this.watch(page);
    watch.ratio = ratio;
    if (document.visibilityState !== 'visible') return;
    if (watch.since === null) {
      watch.since = performance.now();
      watch.best = ratio;
    } else watch.best = Math.max(watch.best, ratio);
    if (watch.timer === undefined) watch.timer = setTimeout(() => this.check(page), READ_DWELL_MS);
  }

  private stop(page: number, ratio: number): void {
    const watch = this.watches.get(page);
    if (!watch) return;
    watch.ratio = ratio;
    watch.since = null;
    clearTimeout(watch.timer);
    watch.timer = undefined;
  }

  private check(page: number): void {
    const watch = this.watches.get(page);
    if (!watch || watch.since === null) return;
    watch.timer = undefined;
    const drawn = this.drawnSince(page);
    // Not drawn yet: look again shortly. Drawn: it counts from whichever came last, drawn or shown.
    const ms = drawn === null ? 0 : Math.round(performance.now() - Math.max(watch.since, drawn));
    if (ms < READ_DWELL_MS) {
      watch.timer = setTimeout(() => this.check(page), drawn === null ? 100 : READ_DWELL_MS - ms);
      return;
    }
    this.seen.add(page);
    this.watches.delete(page);
    this.onSeen({ page, share: Math.min(1, watch.best), ms, at: new Date().toISOString() });
  }

  /** A hidden tab shows nothing: time stops, and starts again from zero when it is back. */
  private readonly onVisibility = (): void => {
    for (const [page, watch] of this.watches) {
      if (document.visibilityState !== 'visible') this.stop(page, watch.ratio);
      else if (watch.ratio + 0.001 >= watch.required) this.start(page, watch.ratio);
    }
  };
}
