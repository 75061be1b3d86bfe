// A PDF's pages as pdf.js sees them — each page's visible box and rotation, and where a phrase
// sits — read in core with the same library the renderer draws with, so a rule resolved here lands
// where the RAO saw it. pdf.js runs on this thread: its worker module is registered as the
// "main-thread worker" (no worker file to find at run time, so the bundled app needs nothing).
import { normaliseRect, normaliseRotation, type PdfRect, type Rotation } from '../../../shared/appearance';
import { readPageContent, type PageContentBoxes } from './page-content';
import { runCorners, type TextRun } from './text-runs';

/**
 * pdf.js (3 MB of JavaScript) is loaded at the first PDF read, not when the process starts: the CLI
 * and the browser host start without it (in dist/ it sits in a chunk of its own).
 */
async function importPdfjs() {
  const [pdfjsWorker, pdfjs] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    import('pdfjs-dist/legacy/build/pdf.mjs'),
  ]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;
  return pdfjs;
}
let pdfjsLoaded: ReturnType<typeof importPdfjs> | undefined;

export interface PageGeometry {
  viewBox: [number, number, number, number];
  rotation: Rotation;
}

export interface FoundText {
  /** Index from 0. */
  pageIndex: number;
  /** The phrase's bounding box in user-space points. */
  rect: PdfRect;
}

export interface PdfLayout {
  pages: PageGeometry[];
  /** The first place the phrase occurs, in reading order; case and spacing do not matter. */
  findText(phrase: string): Promise<FoundText | null>;
  /** The text and image boxes of one page (index from 0): only that page's content is read. */
  pageContent(index: number): Promise<PageContentBoxes>;
  close(): Promise<void>;
}

/** Spacing and case never decide a match: "Firma :" in the file still answers "firma:". */
const fold = (text: string): string => text.toLocaleLowerCase().replace(/\s+/g, '');

export async function openPdfLayout(bytes: Uint8Array): Promise<PdfLayout> {
  const { getDocument } = await (pdfjsLoaded ??= importPdfjs());
  const pdf = await getDocument({
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: PageGeometry[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [a, b, c, d] = page.view as [number, number, number, number];
    pages.push({ viewBox: [a, b, c, d], rotation: normaliseRotation(page.rotate) });
  }

  async function findOnPage(index: number, wanted: string): Promise<PdfRect | null> {
    const page = await pdf.getPage(index + 1);
    const runs: TextRun[] = (await page.getTextContent()).items.flatMap((item) =>
      'str' in item
        ? [{ str: item.str, width: item.width, height: item.height, transform: item.transform as number[] }]
        : [],
    );
    // One folded string for the page, remembering which run and character each letter came from.
    let folded = '';
    const origin: { run: number; char: number }[] = [];
    runs.forEach((run, r) => {
      [...run.str].forEach((ch, i) => {
        for (const f of fold(ch)) {
          folded += f;
          origin.push({ run: r, char: i });
        }
      });
    });
    const at = folded.indexOf(wanted);
    if (at < 0) return null;
    const first = origin[at];
    const last = origin[at + wanted.length - 1];
    if (!first || !last) return null;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let r = first.run; r <= last.run; r++) {
      const run = runs[r];
      if (!run) continue;
      const length = [...run.str].length || 1;
      const from = r === first.run ? first.char / length : 0;
      const to = r === last.run ? (last.char + 1) / length : 1;
      for (const [x, y] of runCorners(run, from, to)) {
        xs.push(x);
        ys.push(y);
      }
    }
    return normaliseRect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }

  return {
    pages,
    async findText(phrase) {
      const wanted = fold(phrase);
      if (wanted === '') return null;
      for (let index = 0; index < pages.length; index++) {
        const rect = await findOnPage(index, wanted);
        if (rect) return { pageIndex: index, rect };
      }
      return null;
    },
    pageContent: async (index) => readPageContent(await pdf.getPage(index + 1)),
    close: () => pdf.destroy(),
  };
}
