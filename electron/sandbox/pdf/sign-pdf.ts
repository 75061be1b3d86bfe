// Signs a PDF as PAdES for the sandbox Optimizer: adds a signature field (visible stamp or invisible)
// by incremental update, so the original bytes, and any signature already in them, stay intact.
import { readFileSync } from 'node:fs';
import { appendFile, copyFile, readFile } from 'node:fs/promises';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { BufferSource, FileSource, type ByteSource } from '../../core/pdf/byte-source';
import type { PDFObject } from 'pdf-lib';
import { buildAppearance } from './appearance';
import type { Rect } from './appearance';
import { PdfSignError } from './errors';
import { attachSignatureField, listPages, uniqueFieldName } from './form';
import type { PageEntry } from './form';
import { buildIncrementalUpdate, readLastSection } from './incremental';
import type { PreviousSection } from './incremental';
import { fillSignature, pdfText, signatureDictionary } from './signature-dictionary';
import { readSkeleton, type PdfSkeleton } from './skeleton';
import type { PdfSignOptions } from './types';

export { PdfSignError } from './errors';
export type { PdfSignErrorReason } from './errors';
export type { PdfSignOptions, SignatureAppearance, SubFilter } from './types';

const DEFAULT_CONTENTS_SIZE = 16384;
/**
 * A file whose cross-reference cannot be followed is given whole to pdf-lib, which rebuilds it, up
 * to this size; a larger one is refused as damaged rather than read into memory.
 */
const REBUILD_MAX_BYTES = 32 * 1024 * 1024;
/** Print + Locked (§12.5.3): the stamp is printed and cannot be moved or deleted. */
const WIDGET_FLAGS = 132;

interface OpenedPdf {
  doc: PDFDocument;
  previous: PreviousSection;
  catalogRef: PDFRef;
  catalog: PDFDict;
  pages: PageEntry[];
}

async function openPdf(source: ByteSource, readWhole: () => Promise<Buffer>): Promise<OpenedPdf> {
  const head = await source.read(0, 1024);
  if (!head.includes('%PDF-', 0, 'latin1')) throw new PdfSignError('not_pdf', 'The file is not a PDF');
  let skeleton: PdfSkeleton | undefined;
  try {
    skeleton = await readSkeleton(source);
  } catch (error) {
    // pdf-lib can still rebuild a file whose cross-reference is wrong, from the whole of it.
    if (source.size > REBUILD_MAX_BYTES) {
      throw new PdfSignError(
        'damaged',
        `The PDF is damaged: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (skeleton?.encrypted) {
    throw new PdfSignError(
      'encrypted',
      'The PDF is encrypted; remove the password protection before signing',
    );
  }
  try {
    const pdf = skeleton?.bytes ?? (await readWhole());
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const section = readLastSection(pdf, doc.context);
    // The update chains to the file's own last section, not the stand-in's.
    const previous = skeleton
      ? { ...section, startxref: skeleton.startxref, isStream: skeleton.isStream }
      : section;
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
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  return (await openPdf(new BufferSource(bytes), () => Promise.resolve(bytes))).pages.length;
}

/** The page count of a PDF on disk, reading only its structure. */
export async function countPagesOfFile(path: string): Promise<number> {
  const source = await FileSource.open(path);
  try {
    return (await openPdf(source, () => readFile(path))).pages.length;
  } finally {
    await source.close();
  }
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
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const update = await signatureUpdate(new BufferSource(bytes), () => bytes, options);
  return Buffer.concat([bytes, update]);
}

/**
 * Signs the PDF at `originalPath` into `targetPath`: a copy of the file with the signature appended,
 * never the whole file in memory.
 */
export async function signPdfFile(
  originalPath: string,
  targetPath: string,
  options: PdfSignOptions,
): Promise<void> {
  const source = await FileSource.open(originalPath);
  let update: Buffer;
  try {
    update = await signatureUpdate(source, () => readFileSync(originalPath), options);
  } finally {
    await source.close();
  }
  await copyFile(originalPath, targetPath);
  await appendFile(targetPath, update);
}

/** The bytes that, appended to `source`, sign it. */
async function signatureUpdate(
  source: ByteSource,
  readWhole: () => Buffer,
  options: PdfSignOptions,
): Promise<Buffer> {
  const { doc, previous, catalogRef, catalog, pages } = await openPdf(source, () =>
    Promise.resolve(readWhole()),
  );
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
  const last = (await source.read(source.size - 1, 1))[0];
  const update = buildIncrementalUpdate(
    { length: source.size, endsWithNewline: last === 0x0a || last === 0x0d },
    objects,
    previous,
    context,
  );
  return fillSignature(
    { source, readWhole },
    update.bytes,
    update.offsets.get(signatureRef.objectNumber) ?? 0,
    (content) => options.createCms(content),
  );
}
