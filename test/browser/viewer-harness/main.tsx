// Test page for PdfViewer: English strings, the PDF named by `?file=` (served next to this page),
// and `window.harness` (see api.ts) for the test to read callbacks, probe canvases and swap the
// document.
import i18next from 'i18next';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { PdfViewer } from '../../../renderer/src/review/PdfViewer';
import { renderThumbnail } from '../../../renderer/src/review/pdfjs';
import { viewer } from '../../../renderer/src/i18n/en/viewer';
import type { HarnessWindow, ViewerHarness } from './api';

async function fixture(file: string): Promise<Uint8Array> {
  if (!/^[\w-]+\.pdf$/.test(file)) throw new Error(`not a fixture name: ${file}`);
  const response = await fetch(`./${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const pagesPane = (): HTMLElement | null => document.querySelector('.pdf-viewer__pages');
const pageCanvas = (label: string): HTMLCanvasElement | null =>
  pagesPane()?.querySelector(`canvas[aria-label="${label}"]`) ?? null;

let setDocument: (bytes: Uint8Array | null) => void = () => {};

const harness: ViewerHarness = {
  seenPages: [],
  seenMs: [],
  pageCounts: [],
  maxPageCanvases: 0,
  async show(file) {
    const bytes = file === null ? null : await fixture(file);
    harness.seenPages = [];
    harness.seenMs = [];
    setDocument(bytes);
  },
  async thumbnail(file, widthPx) {
    const url = await renderThumbnail(await fixture(file), widthPx);
    const image = new Image();
    image.src = url;
    await image.decode();
    return { scheme: url.slice(0, url.indexOf(',')), width: image.naturalWidth };
  },
  inkedPixels(label) {
    const canvas = pageCanvas(label);
    if (!canvas || canvas.width < 2) return 0;
    // Read a copy: reading the viewer's own canvas back would slow it down (and Chromium says so).
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let count = 0;
    // An unpainted canvas is transparent black: only opaque dark pixels are ink.
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255 && data[i]! + data[i + 1]! + data[i + 2]! < 384) count++;
    }
    return count;
  },
  canvasWidth: (label) => pageCanvas(label)?.width ?? 0,
  canvasBox(label) {
    const canvas = pageCanvas(label);
    const pane = pagesPane();
    if (!canvas || !pane) return null;
    const box = canvas.getBoundingClientRect();
    const frame = pane.getBoundingClientRect();
    return {
      top: box.top,
      bottom: box.bottom,
      width: box.width,
      height: box.height,
      paneTop: frame.top,
      paneBottom: frame.bottom,
      paneWidth: pane.clientWidth,
    };
  },
  trackPageCanvases() {
    const count = (): void => {
      const now = document.querySelectorAll('.pdf-viewer__pages canvas').length;
      harness.maxPageCanvases = Math.max(harness.maxPageCanvases, now);
    };
    harness.maxPageCanvases = 0;
    count();
    new MutationObserver(count).observe(document.body, { childList: true, subtree: true });
  },
  scrollPagesTo: (top) => pagesPane()?.scrollTo({ top }),
  pagesScrollHeight: () => pagesPane()?.scrollHeight ?? 0,
  pagesClientHeight: () => pagesPane()?.clientHeight ?? 0,
  positionText: () => document.querySelector('.pdf-viewer [aria-live]')?.textContent ?? '',
  currentThumbnail: () =>
    document.querySelector('.pdf-viewer__thumb[aria-current="page"]')?.getAttribute('aria-label') ?? '',
  async showTimed(file) {
    const bytes = await fixture(file);
    harness.seenPages = [];
    harness.seenMs = [];
    // Unmounted first, so that no canvas of an earlier document can be taken for this one's.
    setDocument(null);
    while (pagesPane()) await new Promise((resolve) => requestAnimationFrame(resolve));
    const start = performance.now();
    setDocument(bytes);
    // Checked every frame: the first page's canvas exists only once its drawing is complete.
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const canvas = pagesPane()?.querySelector('[data-page="1"] canvas');
      if (canvas instanceof HTMLCanvasElement && canvas.width > 1) return performance.now() - start;
    }
  },
  longTasks: [],
  trackLongTasks() {
    harness.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) harness.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  },
  pageCanvasCount: () => document.querySelectorAll('.pdf-viewer__pages canvas').length,
};
(window as unknown as HarnessWindow).harness = harness;

const first = new URLSearchParams(location.search).get('file');
const flow = new URLSearchParams(location.search).get('layout') === 'flow';
const initialBytes = first ? await fixture(first) : null;
function Harness(): React.JSX.Element | null {
  const [bytes, setBytes] = useState(initialBytes);
  useEffect(() => {
    setDocument = setBytes;
  }, []);
  if (!bytes) return null;
  const viewer = (
    <PdfViewer
      bytes={bytes}
      title="Service contract"
      onPageSeen={(seen) => {
        harness.seenPages.push(seen.page);
        harness.seenMs.push(seen.ms);
      }}
      onPageCount={(n) => harness.pageCounts.push(n)}
    />
  );
  // `?layout=flow`: inside a box of no set height in a page that scrolls, as the results' "View".
  return flow ? <div className="flow">{viewer}</div> : viewer;
}

await i18next.use(initReactI18next).init({
  lng: 'en',
  resources: { en: { translation: viewer } },
  interpolation: { escapeValue: false },
});
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
}
