// One PDF page drawn on a canvas at the screen's pixel density, for the viewer and its thumbnails.
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { giveBackCanvas, takeCanvas } from './canvas-pool';
import { isRenderCancelled } from './pdfjs';
import type { PageSize } from './viewer-layout';

/** A page canvas never exceeds this many pixels (64 MB); above it the pixel ratio gives way. */
const MAX_CANVAS_PIXELS = 2 ** 24;
/** A page starts drawing only after staying mounted this long. */
const RENDER_DELAY_MS = 40;

interface PageCanvasProps {
  doc: PDFDocumentProxy;
  pageNumber: number;
  /** pdf.js viewport scale: CSS pixels per PDF point. */
  scale: number;
  size: PageSize;
  pixelRatio: number;
  className: string;
  /** Set for a page the reader reads; a thumbnail is decoration inside a labelled button. */
  label?: string;
  onRendered?: () => void;
  /** Its drawing has left the screen (the page was unmounted and its canvas given back). */
  onReleased?: () => void;
  /** Wait before drawing, in ms; thumbnails wait longer so that the page itself comes first. */
  delayMs?: number;
}

/**
 * One page: a paper-sized box that receives a canvas drawn at the screen's pixel density. Each
 * render draws on a detached canvas from the pool and then swaps it in, so after a zoom the old
 * bitmap (stretched by CSS) stays until the sharp one is ready, and no pixels are copied. An empty
 * box is the placeholder: it has the page's size, so scroll positions never depend on drawing.
 */
export function PageCanvas(props: PageCanvasProps): React.JSX.Element {
  const { doc, pageNumber, scale, size, pixelRatio, className, delayMs = RENDER_DELAY_MS } = props;
  const holder = useRef<HTMLSpanElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const [failed, setFailed] = useState(false);
  const cssWidth = size.width * scale;
  const cssHeight = size.height * scale;

  useEffect(() => {
    let cancelled = false;
    let task: RenderTask | undefined;
    let canvas: HTMLCanvasElement | undefined;
    const box = holder.current;
    const draw = async (): Promise<void> => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const ratio = Math.min(pixelRatio, Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight)));
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas = takeCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
      task = page.render({ canvas, viewport });
      await task.promise;
      if (cancelled || !box) return;
      describe(canvas, latest.current.label);
      for (const old of [...box.children]) giveBackCanvas(old);
      box.replaceChildren(canvas);
      setFailed(false);
      latest.current.onRendered?.();
    };
    // Pages that only fly past while scrolling are unmounted before they start.
    const timer = setTimeout(() => {
      draw().catch((error: unknown) => {
        if (!cancelled && !isRenderCancelled(error)) setFailed(true);
      });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      task?.cancel();
      if (canvas && !canvas.isConnected) giveBackCanvas(canvas);
      // Unmounted (the page left the viewport): the drawing it showed goes back to the pool too.
      if (box && !box.isConnected && box.firstElementChild) {
        for (const old of [...box.children]) giveBackCanvas(old);
        latest.current.onReleased?.();
      }
    };
  }, [doc, pageNumber, scale, pixelRatio, cssWidth, cssHeight, delayMs]);

  useEffect(() => {
    const shown = holder.current?.firstElementChild;
    if (shown) describe(shown, props.label);
  }, [props.label]);

  return (
    // A span, so that a thumbnail stays valid content for its button.
    <span
      ref={holder}
      className={failed ? `${className} pdf-viewer__failed` : className}
      style={{ width: cssWidth, height: cssHeight }}
    />
  );
}

function describe(canvas: Element, label: string | undefined): void {
  if (label === undefined) {
    canvas.setAttribute('aria-hidden', 'true');
  } else {
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
  }
}

/** window.devicePixelRatio, following moves between screens and browser zoom. */
export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const update = (): void => setRatio(window.devicePixelRatio || 1);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [ratio]);
  return ratio;
}
