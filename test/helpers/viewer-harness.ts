// The PdfViewer test page (test/browser/viewer-harness) built with Vite and served with the host's
// security headers and static file rules, next to the PDF fixtures it is asked to show.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { build } from 'vite';
import { DEFAULT_CSP, setSecurityHeaders } from '../../electron/host/guard';
import { serveStatic } from '../../electron/host/static-files';
import { A4 } from '../fixtures/pdfs';
import { REPO_ROOT } from './sandbox-process';

export interface ViewerHarnessServer {
  origin: string;
  /** Every URL the page asked for, in order. */
  requested: string[];
  stop(): Promise<void>;
}

/** Builds the harness and serves it with `fixtures` (file name → bytes) beside it. */
export async function startViewerHarness(fixtures: Record<string, Uint8Array>): Promise<ViewerHarnessServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'pdf-viewer-'));
  await build({
    root: join(REPO_ROOT, 'test/browser/viewer-harness'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    // The default inline limit is kept on purpose: pdfjs.ts must not depend on the app's 0.
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false } },
  });
  for (const [name, bytes] of Object.entries(fixtures)) writeFileSync(join(outDir, name), bytes);
  const requested: string[] = [];
  const server = createServer((req, res) => {
    requested.push(req.url ?? '');
    setSecurityHeaders(res, DEFAULT_CSP);
    void serveStatic(req, res, outDir);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Pages like a contract: a title, a huge page number to see in screenshots, some body text. */
export async function contractPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let index = 0; index < pages; index++) {
    const page = doc.addPage(A4);
    const ink = rgb(0.1, 0.1, 0.15);
    page.drawText('Service contract', { x: 60, y: 770, size: 28, font: bold, color: ink });
    page.drawText(`Page ${index + 1} of ${pages}`, { x: 60, y: 735, size: 16, font: regular, color: ink });
    page.drawText(String(index + 1), { x: 200, y: 330, size: 260, font: bold, color: rgb(0.15, 0.3, 0.7) });
    for (let line = 0; line < 8; line++) {
      page.drawText(`Clause ${index + 1}.${line + 1}: the subscriber accepts the terms of the certificate.`, {
        x: 60,
        y: 680 - line * 22,
        size: 13,
        font: regular,
        color: ink,
      });
    }
  }
  return doc.save();
}
