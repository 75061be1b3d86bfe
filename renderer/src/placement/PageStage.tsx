// One page of a job's document drawn with pdf.js at a size that fits the editor, with the view
// (visible box, rotation, scale) the placement geometry needs. What sits on top of the page (the
// signature box) is passed as children and positioned in the page's CSS pixels.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { normaliseRotation, type PageView } from '../../../shared/appearance';
import { bridge } from '../bridge';
import { fromBase64 } from '../bytes';
import { isRenderCancelled, openPdf } from '../review/pdfjs';

/** The job's document as a pdf.js document; destroyed when another is chosen or on unmount. */
export function useJobPdf(
  jobId: string,
  position: number,
): { pdf: PDFDocumentProxy | null; failed: boolean } {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setPdf(null);
    setFailed(false);
    void bridge.call('review.file', { jobId, which: position }).then(async (file) => {
      if (!file.ok) return live && setFailed(true);
      try {
        opened = await openPdf(fromBase64(file.value.base64));
        if (live) setPdf(opened);
        else void opened.destroy();
      } catch {
        if (live) setFailed(true);
      }
    });
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [jobId, position]);
  return { pdf, failed };
}

export function PageStage(props: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  /** The largest size the page may take, in CSS pixels. */
  fit: { width: number; height: number };
  label: string;
  onView: (view: PageView | null) => void;
  children?: (view: PageView) => React.ReactNode;
}): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState<PageView | null>(null);
  const { pdf, pageNumber, fit, onView } = props;

  useEffect(() => {
    let live = true;
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    void pdf.getPage(pageNumber).then(
      (page) => {
        if (!live || !canvas.current) return;
        const natural = page.getViewport({ scale: 1 });
        const scale = Math.min(fit.width / natural.width, fit.height / natural.height);
        const viewport = page.getViewport({ scale });
        const ratio = Math.min(window.devicePixelRatio || 1, 3);
        const target = canvas.current;
        target.width = Math.floor(viewport.width * ratio);
        target.height = Math.floor(viewport.height * ratio);
        target.style.width = `${viewport.width}px`;
        target.style.height = `${viewport.height}px`;
        task = page.render({
          canvas: target,
          viewport: page.getViewport({ scale: scale * ratio }),
        });
        const [a, b, c, d] = page.view as [number, number, number, number];
        const next: PageView = { viewBox: [a, b, c, d], rotation: normaliseRotation(page.rotate), scale };
        setView(next);
        onView(next);
        task.promise.catch((error: unknown) => {
          if (!isRenderCancelled(error)) console.warn('page render failed', error);
        });
      },
      (error: unknown) => {
        // Closing the editor destroys the document while a page may still be on its way.
        if (live) console.warn('page could not be read', error);
      },
    );
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, pageNumber, fit.width, fit.height, onView]);

  return (
    <div className="page-stage">
      <canvas ref={canvas} role="img" aria-label={props.label} />
      {view && props.children?.(view)}
    </div>
  );
}
