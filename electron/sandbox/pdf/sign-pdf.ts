// Signs a PDF as PAdES for the sandbox Optimizer: adds a signature field (visible stamp or invisible)
// by incremental update, so the original bytes, and any signature already in them, stay intact.
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { buildAppearance } from './appearance';
import type { Rect } from './appearance';
import { PdfSignError } from './errors';
import { attachSignatureField, listPages, uniqueFieldName } from './form';
import type { PageEntry } from './form';
import { appendIncrementalUpdate, readLastSection } from './incremental';
import type { PreviousSection } from './incremental';
import { fillSignature, pdfText, signatureDictionary } from './signature-dictionary';
import type { PdfSignOptions } from './types';

export { PdfSignError } from './errors';
export type { PdfSignErrorReason } from './errors';
export type { PdfSignOptions, SignatureAppearance, SubFilter } from './types';

const DEFAULT_CONTENTS_SIZE = 16384;
/** Print + Locked (§12.5.3): the stamp is printed and cannot be moved or deleted. */
const WIDGET_FLAGS = 132;

interface OpenedPdf {
  doc: PDFDocument;
  previous: PreviousSection;
  catalogRef: PDFRef;
  catalog: PDFDict;
  pages: PageEntry[];
}

async function openPdf(pdf: Uint8Array): Promise<OpenedPdf> {
  const head = Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(pdf.byteLength, 1024));
  if (!head.includes('%PDF-', 0, 'latin1')) throw new PdfSignError('not_pdf', 'The file is not a PDF');
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const previous = readLastSection(pdf, doc.context);
    if (doc.isEncrypted || previous.trailer.get(PDFName.of('Encrypt')) !== undefined) {
      throw new PdfSignError(
        'encrypted',
        'The PDF is encrypted; remove the password protection before signing',
      );
    }
    const catalogRef = previous.trailer.get(PDFName.of('Root')) ?? doc.context.trailerInfo.Root;
    const catalog = doc.context.lookup(catalogRef);
    if (!(catalogRef instanceof PDFRef) || !(catalog instanceof PDFDict)) {
      throw new PdfSignError('damaged', 'The PDF is damaged: no document catalog');
    }
    return { doc, previous, catalogRef, catalog, pages: listPages(doc.context, catalog) };
  } catch (error) {
    if (error instanceof PdfSignError) throw error;
    throw new PdfSignError(
      'damaged',
      `The PDF is damaged: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export async function countPages(pdf: Uint8Array): Promise<number> {
  return (await openPdf(pdf)).pages.length;
}

/** "x1,y1,x2,y2" (corners in any order) → a normalised rectangle of at least 1 pt per side. */
export function parsePosition(position: string): Rect {
  const numbers = position
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : NaN));
  const [a, b, c, d] = numbers;
  if (
    numbers.length !== 4 ||
    !numbers.every(Number.isFinite) ||
    a === undefined ||
    b === undefined ||
    c === undefined ||
    d === undefined
  ) {
    throw new PdfSignError('bad_position', `The position "${position}" is not four numbers "x1,y1,x2,y2"`);
  }
  const rect = { x1: Math.min(a, c), y1: Math.min(b, d), x2: Math.max(a, c), y2: Math.max(b, d) };
  if (rect.x2 - rect.x1 < 1 || rect.y2 - rect.y1 < 1) {
    throw new PdfSignError('bad_position', `The position "${position}" is smaller than 1 pt on a side`);
  }
  return rect;
}

function choosePage(pages: PageEntry[], requested: number | undefined): PageEntry {
  const index = requested ?? 0;
  const page = Number.isInteger(index) ? pages[index] : undefined;
  if (!page) {
    throw new PdfSignError(
      'page_out_of_range',
      `Page ${index} does not exist: the document has ${pages.length} page(s), indexes 0 to ${pages.length - 1}`,
    );
  }
  return page;
}

export async function signPdfIncrementally(pdf: Uint8Array, options: PdfSignOptions): Promise<Buffer> {
  const { doc, previous, catalogRef, catalog, pages } = await openPdf(pdf);
  const { context } = doc;
  // pdf-lib does not count object and xref streams; the trailer's /Size does.
  context.largestObjectNumber = Math.max(context.largestObjectNumber, previous.size - 1);
  const firstNewObject = context.largestObjectNumber + 1;

  const position = options.appearance?.position?.trim();
  const visible = position !== undefined && position !== '';
  const rect = visible ? parsePosition(position) : { x1: 0, y1: 0, x2: 0, y2: 0 };
  const page = visible ? choosePage(pages, options.appearance?.page) : choosePage(pages, 0);

  const requestedSize = options.contentsSize;
  const contentsSize =
    requestedSize !== undefined && Number.isInteger(requestedSize) && requestedSize > 0
      ? requestedSize
      : DEFAULT_CONTENTS_SIZE;
  const signatureRef = context.register(signatureDictionary(context, options, contentsSize));
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: pdfText(uniqueFieldName(context, catalog, options.fieldName)),
    V: signatureRef,
    F: WIDGET_FLAGS,
    P: page.ref,
    Rect: [rect.x1, rect.y1, rect.x2, rect.y2],
  });
  if (visible) {
    widget.set(
      PDFName.of('AP'),
      context.obj({ N: await buildAppearance(doc, rect, page.rotation, options) }),
    );
  }
  const widgetRef = context.register(widget);
  const changed = new Set<PDFRef>();
  attachSignatureField(context, catalogRef, catalog, page, widgetRef, changed);
  await doc.flush();

  const objects: { ref: PDFRef; object: PDFObject }[] = context
    .enumerateIndirectObjects()
    .filter(([ref]) => ref.objectNumber >= firstNewObject || changed.has(ref))
    .map(([ref, object]) => ({ ref, object }));
  const update = appendIncrementalUpdate(pdf, objects, previous, context);
  return fillSignature(update.bytes, update.offsets.get(signatureRef.objectNumber) ?? 0, (content) =>
    options.createCms(content),
  );
}
