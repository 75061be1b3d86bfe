// One PDF page drawn on a canvas at the screen's pixel density, for the viewer and its thumbnails.
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
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
}

/**
 * One page: a paper-sized box that receives a canvas drawn at the screen's pixel density. Each
 * render draws a fresh, detached canvas and then swaps it in, so after a zoom the old bitmap
 * (stretched by CSS) stays until the sharp one is ready, and no pixels are copied.
 */
export function PageCanvas(props: PageCanvasProps): React.JSX.Element {
  const { doc, pageNumber, scale, size, pixelRatio, className } = props;
  const holder = useRef<HTMLSpanElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const [failed, setFailed] = useState(false);
  const cssWidth = size.width * scale;
  const cssHeight = size.height * scale;

  useEffect(() => {
    let cancelled = false;
    let task: RenderTask | undefined;
    const canvas = document.createElement('canvas');
    describe(canvas, latest.current.label);
    const draw = async (): Promise<void> => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const ratio = Math.min(pixelRatio, Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight)));
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.max(1, Math.floor(viewport.width));
      canvas.height = Math.max(1, Math.floor(viewport.height));
      task = page.render({ canvas, viewport });
      await task.promise;
      const box = holder.current;
      if (cancelled || !box) return;
      for (const old of box.children) release(old);
      box.replaceChildren(canvas);
      setFailed(false);
      latest.current.onRendered?.();
    };
    // Pages that only fly past while scrolling are unmounted before they start.
    const timer = setTimeout(() => {
      draw().catch((error: unknown) => {
        if (!cancelled && !isRenderCancelled(error)) setFailed(true);
      });
    }, RENDER_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      task?.cancel();
      if (!canvas.isConnected) release(canvas);
    };
  }, [doc, pageNumber, scale, pixelRatio, cssWidth, cssHeight]);

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

/** Frees a canvas's pixels now rather than at the next garbage collection. */
function release(element: Element): void {
  if (element instanceof HTMLCanvasElement) {
    element.width = 0;
    element.height = 0;
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
