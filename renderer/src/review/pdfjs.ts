/// <reference types="vite/client" />
// Loads pdf.js once for the renderer, configured for the app's CSP: the worker and every data
// file pdf.js may need come from our own origin as Vite-emitted assets, nothing is evaluated.
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import jpxFallbackUrl from 'pdfjs-dist/wasm/openjpeg_nowasm_fallback.js?url';

// pdf.js would fetch CMaps and the 14 standard fonts from `${cMapUrl}${name}` and
// `${standardFontDataUrl}${name}`. Vite hashes asset names, so no such folder URL exists; instead
// every file is emitted as an asset here and looked up by its plain name (`useWorkerFetch: false`
// sends those requests to the main thread, to `PdfDataFiles.fetch` below). They are same-origin,
// so `connect-src 'self'` allows the fetch. `no-inline` keeps small files from becoming data:
// URLs, which `connect-src` would refuse.
const cMapFiles = byBaseName(
  import.meta.glob<string>('../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
    query: '?url&no-inline',
    import: 'default',
    eager: true,
  }),
);
const standardFontFiles = byBaseName(
  import.meta.glob<string>('../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
    query: '?url&no-inline',
    import: 'default',
    eager: true,
  }),
);

function byBaseName(files: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
}

/** pdf.js's BinaryDataFactory contract: `new Factory(urls)`, then `fetch({ kind, filename })`. */
class PdfDataFiles {
  constructor(_urls: unknown) {}

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const table =
      kind === 'cMapUrl' ? cMapFiles : kind === 'standardFontDataUrl' ? standardFontFiles : undefined;
    const url = table?.get(filename);
    if (url === undefined) throw new Error(`pdf.js data file not bundled: ${kind} ${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`pdf.js data file ${filename}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

interface Loaded {
  pdfjs: typeof PdfJs;
  worker: PDFWorker;
}

let loading: Promise<Loaded> | undefined;

/** pdf.js itself is a separate chunk: screens without a document never download it. */
function loadPdfJs(): Promise<Loaded> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    // A worker URL on our own origin: pdf.js starts it directly (`worker-src 'self'`), without
    // the blob: wrapper it would build for a cross-origin URL.
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    // One worker thread for the whole app, passed explicitly to every document. Leaving it to
    // getDocument would start a thread per document, and the shared `workerPort` alternative is
    // torn down by the first document destroyed while others still use it.
    return { pdfjs, worker: new pdfjs.PDFWorker() };
  });
  return loading;
}

function documentOptions(bytes: Uint8Array, worker: PDFWorker): DocumentInitParameters {
  return {
    // pdf.js transfers the buffer to its worker; a copy leaves the caller's bytes usable.
    data: bytes.slice(),
    worker,
    // No `new Function` for PDF functions or glyph outlines: `script-src 'self'` has no eval.
    isEvalSupported: false,
    // WebAssembly needs `'wasm-unsafe-eval'`, which the CSP does not grant. Without it pdf.js uses
    // its JS decoders for JBIG2 and CCITT, skips ICC profiles (the alternate colour space is
    // used), and imports the JS OpenJPEG build for JPEG 2000 from `${wasmUrl}<name>.js`. The
    // fragment makes that concatenation land on the hashed asset: pdf.js requires a trailing
    // slash, and the part after `#` never reaches the server.
    useWasm: false,
    wasmUrl: `${new URL(jpxFallbackUrl, document.baseURI).href}#/`,
    useWorkerFetch: false,
    BinaryDataFactory: PdfDataFiles,
    // Non-embedded standard fonts (Helvetica, Times, …) render with pdf.js's own bundled fonts
    // rather than whatever the office PC has installed: the contract looks the same on every desk.
    useSystemFonts: false,
  };
}

/** Opens a PDF held in memory. The caller owns the document: `destroy()` it when done. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { pdfjs, worker } = await loadPdfJs();
  return pdfjs.getDocument(documentOptions(bytes, worker)).promise;
}

/**
 * Page 1 as a PNG data: URL, `widthPx` CSS pixels wide and drawn at the screen's pixel ratio, for
 * lists of documents. A data: URL (allowed by `img-src`) needs no revoking, so nothing leaks.
 */
export async function renderThumbnail(bytes: Uint8Array, widthPx: number): Promise<string> {
  const doc = await openPdf(bytes);
  try {
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const pixelRatio = Math.min(window.devicePixelRatio || 1, 3);
    const viewport = page.getViewport({ scale: (widthPx / natural.width) * pixelRatio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    await page.render({ canvas, viewport }).promise;
    const url = canvas.toDataURL('image/png');
    canvas.width = 0;
    canvas.height = 0;
    return url;
  } finally {
    await doc.destroy();
  }
}

/** True for the rejection a cancelled render task produces, which is not an error. */
export function isRenderCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'RenderingCancelledException';
}

/** True when the PDF needs a password, which the viewer does not ask for. */
export function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}
