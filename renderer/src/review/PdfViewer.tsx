// The viewer the customer reads each document in before an OTP may be sent: virtualized pages
// and thumbnails, zoom, the page on screen, and — when asked — each page reported once it has
// really been on screen (page-reading.ts), as evidence that the document was read.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageCanvas, useDevicePixelRatio } from './PageCanvas';
import { PageReadingMeter, type PageSeen } from './page-reading';
import { isPasswordError, openPdf } from './pdfjs';
import {
  clamp,
  CSS_UNITS,
  GAP,
  MAX_AUTO_ZOOM,
  MAX_ZOOM,
  MIN_ZOOM,
  mostVisiblePage,
  PAD,
  pageIndexAt,
  pageLayout,
  THUMB_CHROME,
  THUMB_WIDTH,
  thumbHeight,
  ZOOM_STEPS,
  type PageSize,
  type Zoom,
} from './viewer-layout';
import './viewer.css';

export interface PdfViewerProps {
  /** The document; a new array (by identity) is a new document. */
  bytes: Uint8Array;
  /** Accessible name of the viewer region. */
  title: string;
  /**
   * Measures reading when given: called once per page, when the page has been on screen long
   * enough to count (see page-reading.ts). Without it nothing is measured.
   */
  onPageSeen?: (seen: PageSeen) => void;
  onPageCount?: (n: number) => void;
}

/** Page sizes are asked of pdf.js this many at a time, so that drawing page 1 is not held up. */
const SIZE_BATCH = 25;
/** Thumbnails start drawing after the page in view has had its turn at pdf.js's worker. */
const THUMB_RENDER_DELAY_MS = 250;

interface Loaded {
  bytes: Uint8Array;
  doc: PDFDocumentProxy;
  sizes: PageSize[];
}

export function PdfViewer(props: PdfViewerProps): React.JSX.Element {
  const { bytes, title } = props;
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<{ bytes: Uint8Array; password: boolean } | null>(null);
  const [zoomMode, setZoomMode] = useState<Zoom>('auto');
  const [viewportWidth, setViewportWidth] = useState(0);
  const callbacks = useRef(props);
  callbacks.current = props;
  // Pages whose drawing has reached the screen, for this document: a blank sheet is not read.
  // When each page's drawing went on screen; a page whose canvas went back to the pool is blank.
  const drawn = useRef<{ doc: PDFDocumentProxy | null; pages: Map<number, number> }>({
    doc: null,
    pages: new Map(),
  });
  const meter = useRef<PageReadingMeter | null>(null);
  const measuring = props.onPageSeen !== undefined;
  const scroller = useRef<HTMLDivElement>(null);
  const thumbScroller = useRef<HTMLElement>(null);
  const pixelRatio = useDevicePixelRatio();

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | undefined;
    const sizeOf = async (doc: PDFDocumentProxy, page: number): Promise<PageSize> => {
      const { width, height } = (await doc.getPage(page)).getViewport({ scale: 1 });
      return { width, height };
    };
    openPdf(bytes)
      .then(async (doc) => {
        opened = doc;
        if (cancelled) return void doc.destroy();
        // Page 1 is shown as soon as its own size is known; the others stand in at its size until
        // theirs arrive (most documents have one page size, and then nothing moves). Asking for
        // all 300 pages of a contract first kept page 1 waiting.
        const first = await sizeOf(doc, 1);
        if (cancelled) return;
        const estimate = Array.from({ length: doc.numPages }, () => first);
        setLoaded({ bytes, doc, sizes: estimate });
        callbacks.current.onPageCount?.(doc.numPages);
        const sizes = [first];
        for (let page = 2; page <= doc.numPages && !cancelled; page += SIZE_BATCH) {
          const last = Math.min(page + SIZE_BATCH - 1, doc.numPages);
          const batch = Array.from({ length: last - page + 1 }, (_, i) => sizeOf(doc, page + i));
          sizes.push(...(await Promise.all(batch)));
        }
        if (cancelled) return;
        const same = sizes.every(
          (s, i) => s.width === estimate[i]?.width && s.height === estimate[i]?.height,
        );
        if (!same) setLoaded({ bytes, doc, sizes });
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure({ bytes, password: isPasswordError(error) });
      });
    return () => {
      cancelled = true;
      // Destroying the document also cancels whatever its pages are still rendering.
      void opened?.destroy();
    };
  }, [bytes]);

  const ready = loaded?.bytes === bytes ? loaded : null;
  const sizes = useMemo(() => ready?.sizes ?? [], [ready]);
  const total = sizes.length;
  const widest = sizes.reduce((max, s) => Math.max(max, s.width), 1);
  // Pages wait for the first measurement of the viewport, which fit width depends on.
  const measured = viewportWidth > 0;
  const fitZoom = clamp((viewportWidth - 2 * PAD) / (widest * CSS_UNITS));
  const zoom =
    zoomMode === 'fit' ? fitZoom : zoomMode === 'auto' ? Math.min(fitZoom, MAX_AUTO_ZOOM) : zoomMode;
  const layout = useMemo(() => pageLayout(sizes, zoom), [sizes, zoom]);

  const pages = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (layout.heights[i] ?? 0) + GAP,
    paddingStart: PAD,
    overscan: 1,
  });
  const thumbs = useVirtualizer({
    count: total,
    getScrollElement: () => thumbScroller.current,
    estimateSize: (i) => thumbHeight(sizes[i]) + THUMB_CHROME,
    paddingStart: 8,
    overscan: 3,
  });

  // Keep the same spot of the same page in view when the zoom changes.
  const previousLayout = useRef(layout);
  useLayoutEffect(() => {
    const before = previousLayout.current;
    previousLayout.current = layout;
    pages.measure();
    thumbs.measure();
    const el = scroller.current;
    if (!el || before === layout || before.tops.length !== layout.tops.length) return;
    const index = pageIndexAt(before, el.scrollTop);
    const fraction = (el.scrollTop - (before.tops[index] ?? 0)) / (before.heights[index] || 1);
    el.scrollTop = (layout.tops[index] ?? 0) + fraction * (layout.heights[index] ?? 0);
  }, [layout, pages, thumbs]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewportWidth(el.clientWidth));
    observer.observe(el);
    setViewportWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [ready]);

  const offset = pages.scrollOffset ?? 0;
  const viewportHeight = pages.scrollRect?.height ?? 0;
  const current = total === 0 ? 0 : mostVisiblePage(layout, offset, viewportHeight) + 1;

  // Per document, not per layout: the sizes arriving after page 1 must not restart the measure.
  const readyDoc = ready?.doc;
  useEffect(() => {
    const el = scroller.current;
    if (!readyDoc || !measuring || !el) return;
    const doc = readyDoc;
    const reading = new PageReadingMeter(
      el,
      (seen) => callbacks.current.onPageSeen?.(seen),
      (page) => (drawn.current.doc === doc ? (drawn.current.pages.get(page) ?? null) : null),
    );
    meter.current = reading;
    reading.sync(el.querySelectorAll('[data-page]'));
    return () => {
      reading.disconnect();
      meter.current = null;
    };
  }, [readyDoc, measuring]);
  // Pages are virtualized: after every render the meter watches the page elements now mounted.
  useEffect(() => {
    const el = scroller.current;
    if (el) meter.current?.sync(el.querySelectorAll('[data-page]'));
  });

  useEffect(() => {
    if (current > 0) thumbs.scrollToIndex(current - 1, { align: 'auto' });
  }, [current, thumbs]);

  const goToPage = useCallback(
    (page: number) => {
      const top = layout.tops[Math.min(Math.max(page, 1), total) - 1];
      if (top !== undefined) scroller.current?.scrollTo({ top: top - GAP / 2 });
    },
    [layout, total],
  );
  const zoomBy = (direction: 1 | -1): void => {
    const next =
      direction > 0
        ? ZOOM_STEPS.find((step) => step > zoom * 1.01)
        : ZOOM_STEPS.findLast((step) => step < zoom * 0.99);
    setZoomMode(next ?? (direction > 0 ? MAX_ZOOM : MIN_ZOOM));
  };
  const pageDrawn = useCallback(
    (page: number) => {
      if (!ready) return;
      if (drawn.current.doc !== ready.doc) drawn.current = { doc: ready.doc, pages: new Map() };
      if (!drawn.current.pages.has(page)) drawn.current.pages.set(page, performance.now());
    },
    [ready],
  );
  const pageReleased = useCallback(
    (page: number) => {
      if (drawn.current.doc === ready?.doc) drawn.current.pages.delete(page);
    },
    [ready],
  );

  const onKeyDown = (event: KeyboardEvent): void => {
    const el = scroller.current;
    if (!el || total === 0 || event.altKey || event.metaKey) return;
    if (event.ctrlKey) {
      if (event.key === '+' || event.key === '=') zoomBy(1);
      else if (event.key === '-') zoomBy(-1);
      else if (event.key === '0') setZoomMode('fit');
      else return;
    } else if (event.key === 'PageDown') goToPage(current + 1);
    else if (event.key === 'PageUp') {
      const top = layout.tops[current - 1] ?? 0;
      goToPage(el.scrollTop > top - GAP / 2 + 1 && current > 0 ? current : current - 1);
    } else if (event.key === 'Home') el.scrollTo({ top: 0 });
    else if (event.key === 'End') el.scrollTo({ top: el.scrollHeight });
    else return;
    event.preventDefault();
  };

  const failed = failure?.bytes === bytes ? failure : null;
  const pageLabel = (page: number): string => t('viewer.pageOf', { page, total });
  return (
    <section className="pdf-viewer" aria-label={title} onKeyDown={onKeyDown}>
      <div className="pdf-viewer__toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <button
          type="button"
          aria-label={t('viewer.zoomOut')}
          title={t('viewer.zoomOut')}
          disabled={!ready || zoom <= MIN_ZOOM}
          onClick={() => zoomBy(-1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <span className="pdf-viewer__zoom">
          {ready ? t('viewer.zoomLevel', { percent: Math.round(zoom * 100) }) : ''}
        </span>
        <button
          type="button"
          aria-label={t('viewer.zoomIn')}
          title={t('viewer.zoomIn')}
          disabled={!ready || zoom >= MAX_ZOOM}
          onClick={() => zoomBy(1)}
        >
          <span aria-hidden="true">+</span>
        </button>
        <button
          type="button"
          aria-pressed={zoomMode === 'fit'}
          disabled={!ready}
          onClick={() => setZoomMode('fit')}
        >
          {t('viewer.fitWidth')}
        </button>
        <span className="pdf-viewer__position" aria-live="polite">
          {ready ? pageLabel(current) : ''}
        </span>
      </div>
      {!ready ? (
        <p className="pdf-viewer__status" role={failed ? 'alert' : 'status'}>
          {failed ? t(failed.password ? 'viewer.passwordProtected' : 'viewer.failed') : t('viewer.loading')}
        </p>
      ) : (
        <div className="pdf-viewer__body">
          <nav className="pdf-viewer__thumbs" ref={thumbScroller} aria-label={t('viewer.thumbnails')}>
            <div className="pdf-viewer__sheet" style={{ height: thumbs.getTotalSize() }}>
              {thumbs.getVirtualItems().map((item) => {
                const size = sizes[item.index]!;
                return (
                  <button
                    key={item.key}
                    type="button"
                    className="pdf-viewer__thumb"
                    style={{ top: item.start }}
                    aria-label={t('viewer.page', { page: item.index + 1 })}
                    aria-current={item.index + 1 === current ? 'page' : undefined}
                    onClick={() => goToPage(item.index + 1)}
                  >
                    <PageCanvas
                      doc={ready.doc}
                      pageNumber={item.index + 1}
                      scale={THUMB_WIDTH / size.width}
                      size={size}
                      pixelRatio={pixelRatio}
                      className="pdf-viewer__thumb-canvas"
                      delayMs={THUMB_RENDER_DELAY_MS}
                    />
                    <span aria-hidden="true">{item.index + 1}</span>
                  </button>
                );
              })}
            </div>
          </nav>
          <div
            className="pdf-viewer__pages"
            ref={scroller}
            tabIndex={0}
            role="group"
            aria-label={t('viewer.pages')}
          >
            <div
              className="pdf-viewer__sheet"
              style={{ height: layout.total, width: layout.width + 2 * PAD }}
            >
              {measured &&
                pages.getVirtualItems().map(({ key, index }) => (
                  <div
                    key={key}
                    className="pdf-viewer__row"
                    data-page={index + 1}
                    style={{ top: layout.tops[index], height: layout.heights[index] }}
                  >
                    <PageCanvas
                      doc={ready.doc}
                      pageNumber={index + 1}
                      scale={zoom * CSS_UNITS}
                      size={sizes[index]!}
                      pixelRatio={pixelRatio}
                      className="pdf-viewer__page"
                      label={pageLabel(index + 1)}
                      onRendered={() => pageDrawn(index + 1)}
                      onReleased={() => pageReleased(index + 1)}
                    />
                  </div>
                ))}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
