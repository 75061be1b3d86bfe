// The offline check of a file the RAO drops into the queue: is it there, is it a PDF we can send
// (not empty, not too large, not encrypted, not truncated), how many pages, its SHA-256, and
// whether it already carries signatures (an Optimizer setting can strip them: the UI warns).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { FileSource, STREAM_CHUNK, streamRange } from './byte-source';
import { readOutline, type DocumentOutline } from './document-outline';
import { PdfObjects } from './pdf-objects';
import type { InspectOptions, LocalPdfCheck, LocalPdfProblem } from './types';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/** Acrobat accepts the header anywhere in the first 1024 bytes (ISO 32000-1 Annex H.3 note 13). */
const HEADER_WINDOW = 1024;
/** …and %%EOF within the last 1024 bytes. */
const TRAILER_WINDOW = 1024;
/** What is kept of the start of the file to say what it looks like when it is not a PDF. */
const SNIFF_WINDOW = 4096;
/**
 * A file whose cross-reference cannot be followed is rebuilt by pdf-lib, in memory, up to this
 * size; a larger one is reported damaged rather than read whole.
 */
const REBUILD_MAX_BYTES = 32 * 1024 * 1024;

type Failure = Extract<LocalPdfCheck, { ok: false }>;

const fail = (reason: LocalPdfProblem, message: string): Failure => ({ ok: false, reason, message });

export async function inspectLocalPdf(path: string, options: InspectOptions = {}): Promise<LocalPdfCheck> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      return fail('not_found', `${name} is a folder, not a file: add the PDF files inside it instead.`);
    }
    size = info.size;
  } catch (error) {
    return fail('not_found', missingMessage(name, error));
  }
  if (size === 0) {
    return fail(
      'empty',
      `${name} is empty (0 bytes): save or export the document again and add the new file.`,
    );
  }
  if (size > maxBytes) return fail('too_large', tooLargeMessage(name, size, maxBytes));

  const read = await hashOnce(path, maxBytes);
  if ('failure' in read) {
    if (read.failure === 'too_large') return fail('too_large', tooLargeMessage(name, read.size, maxBytes));
    return fail('not_found', missingMessage(name, read.error));
  }
  const { head, tail, sha256 } = read;
  size = read.size;
  if (size === 0) {
    return fail(
      'empty',
      `${name} is empty (0 bytes): save or export the document again and add the new file.`,
    );
  }
  const headerAt = head.subarray(0, HEADER_WINDOW).indexOf('%PDF-', 0, 'latin1');
  if (headerAt < 0) return fail('not_pdf', notPdfMessage(name, head));

  if (tail.lastIndexOf('%%EOF', undefined, 'latin1') < 0) {
    return (await encryptedByScan(path))
      ? fail('encrypted', encryptedMessage(name))
      : fail(
          'damaged',
          `${name} is damaged: it ends abruptly, as if it was not downloaded or copied completely. ` +
            'Get a new copy of the document.',
        );
  }

  let outline: DocumentOutline;
  try {
    outline = await readOutlineOf(path);
  } catch {
    // The cross-reference cannot be followed as written. pdf-lib rebuilds it from the objects
    // themselves, which needs the whole file in memory: only for files small enough for that.
    const rebuilt = size <= REBUILD_MAX_BYTES ? await outlineByPdfLib(path) : 'damaged';
    if (rebuilt === 'damaged') {
      return (await encryptedByScan(path))
        ? fail('encrypted', encryptedMessage(name))
        : fail('damaged', damagedMessage(name));
    }
    outline = rebuilt;
  }
  if (outline.encrypted) return fail('encrypted', encryptedMessage(name));
  const { pages, signatureCount, title } = outline;
  if (pages === 0) {
    return fail(
      'damaged',
      `${name} is damaged: it has no pages. Open the original and save or export it as PDF again.`,
    );
  }
  return {
    ok: true,
    pages,
    size,
    sha256,
    hasSignatures: signatureCount > 0,
    signatureCount,
    ...(title ? { title } : {}),
  };
}

async function readOutlineOf(path: string): Promise<DocumentOutline> {
  const source = await FileSource.open(path);
  try {
    return await readOutline(await PdfObjects.open(source));
  } finally {
    await source.close();
  }
}

/** The outline as pdf-lib reads it, rebuilding a broken cross-reference from the objects. */
async function outlineByPdfLib(path: string): Promise<DocumentOutline | 'damaged'> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(await readFile(path), { ignoreEncryption: true, updateMetadata: false });
  } catch {
    return 'damaged';
  }
  if (doc.isEncrypted) return { encrypted: true, pages: 0, signatureCount: 0 };
  try {
    const title = readTitle(doc);
    return {
      encrypted: false,
      pages: doc.getPageCount(),
      signatureCount: countSignedFields(doc),
      ...(title ? { title } : {}),
    };
  } catch {
    return 'damaged';
  }
}

type HashResult =
  | { size: number; sha256: string; head: Buffer; tail: Buffer }
  | { failure: 'too_large'; size: number }
  | { failure: 'gone'; error: unknown };

/** One pass over the file, hashed as it streams in; only its first and last bytes are kept. */
async function hashOnce(path: string, maxBytes: number): Promise<HashResult> {
  let source: FileSource;
  try {
    source = await FileSource.open(path);
  } catch (error) {
    return { failure: 'gone', error };
  }
  try {
    // The file may have grown since stat().
    if (source.size > maxBytes) return { failure: 'too_large', size: source.size };
    const hash = createHash('sha256');
    await streamRange(source, 0, source.size, (chunk) => hash.update(chunk));
    const head = await source.read(0, SNIFF_WINDOW);
    const tail = await source.read(Math.max(0, source.size - TRAILER_WINDOW), TRAILER_WINDOW);
    return { size: source.size, sha256: hash.digest('hex'), head, tail };
  } catch (error) {
    return { failure: 'gone', error };
  } finally {
    await source.close();
  }
}

function missingMessage(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return `${name} cannot be opened: this user has no permission to read it. Copy it to a folder you own and add it from there.`;
  }
  return `${name} was not found: it may have been moved, renamed or deleted. Add it again from where it is now.`;
}

function tooLargeMessage(name: string, size: number, maxBytes: number): string {
  return (
    `${name} is ${megabytes(size)}, more than the ${megabytes(maxBytes)} limit: reduce its size ` +
    '(for example by saving it with lower image quality) or split it into several documents.'
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 10) return `${Math.round(mb)} MB`;
  if (mb >= 0.1) return `${mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function encryptedMessage(name: string): string {
  return `${name} is protected with a password: ask for an unprotected copy.`;
}

function damagedMessage(name: string): string {
  return (
    `${name} is damaged and cannot be read: open it in a PDF viewer and save it again as PDF, ` +
    'or get a new copy of the document.'
  );
}

/** An /Encrypt entry in a trailer or cross-reference stream, for files whose structure cannot be read. */
async function encryptedByScan(path: string): Promise<boolean> {
  let source: FileSource;
  try {
    source = await FileSource.open(path);
  } catch {
    return false;
  }
  try {
    // Chunks overlap by the length of what is matched, so no entry is missed at a boundary.
    const overlap = 48;
    for (let at = 0; at < source.size; at += STREAM_CHUNK) {
      const from = Math.max(0, at - overlap);
      const bytes = await source.read(from, STREAM_CHUNK + (at - from));
      for (let hit = bytes.indexOf('/Encrypt'); hit >= 0; hit = bytes.indexOf('/Encrypt', hit + 8)) {
        const after = bytes.toString('latin1', hit + 8, hit + 40);
        if (/^[\0\t\n\f\r ]*(\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+R|<<)/.test(after)) return true;
      }
    }
    return false;
  } finally {
    await source.close();
  }
}

interface Kind {
  /** What the file looks like, after "it starts like". */
  looksLike: string;
  /** What to do about it. */
  advice: string;
}

const EXPORT_AS_PDF = 'open the original and save or print it as PDF, then add that file';

function sniff(head: Buffer): Kind | undefined {
  const startsWith = (...signature: number[]): boolean => signature.every((b, i) => head[i] === b);
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return { looksLike: 'a ZIP archive or an Office document such as .docx', advice: EXPORT_AS_PDF };
  }
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return { looksLike: 'an older Office document (.doc or .xls)', advice: EXPORT_AS_PDF };
  }
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return { looksLike: 'a PNG image', advice: EXPORT_AS_PDF };
  if (startsWith(0xff, 0xd8, 0xff)) return { looksLike: 'a JPEG image', advice: EXPORT_AS_PDF };
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return { looksLike: 'a GIF image', advice: EXPORT_AS_PDF };
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) {
    return { looksLike: 'a TIFF image', advice: EXPORT_AS_PDF };
  }
  if (startsWith(0x1f, 0x8b))
    return { looksLike: 'a compressed .gz file', advice: 'extract the PDF from it and add that file' };
  if (startsWith(0x52, 0x61, 0x72, 0x21))
    return { looksLike: 'a RAR archive', advice: 'extract the PDF from it and add that file' };
  if (startsWith(0x37, 0x7a, 0xbc, 0xaf))
    return { looksLike: 'a 7-Zip archive', advice: 'extract the PDF from it and add that file' };
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) {
    return {
      looksLike: 'a web page',
      advice: 'the download probably failed and saved an error page; download the document again',
    };
  }
  if (text.startsWith('{\\rtf')) return { looksLike: 'an RTF document', advice: EXPORT_AS_PDF };
  if (text.startsWith('<?xml')) return { looksLike: 'an XML file', advice: EXPORT_AS_PDF };
  if (text.startsWith('%!ps')) return { looksLike: 'a PostScript file', advice: EXPORT_AS_PDF };
  return undefined;
}

function looksLikeText(head: Buffer): boolean {
  const sample = head.subarray(0, 4096);
  if (sample.includes(0)) return false;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const controls = [...decoded].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code === 0xfffd || (code < 0x20 && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\f');
  }).length;
  return controls <= decoded.length * 0.02;
}

function notPdfMessage(name: string, head: Buffer): string {
  const kind =
    sniff(head) ?? (looksLikeText(head) ? { looksLike: 'a text file', advice: EXPORT_AS_PDF } : undefined);
  if (!kind)
    return `${name} is not a PDF (its content is in a format not recognised here): ${EXPORT_AS_PDF}.`;
  return `${name} is not a PDF (it starts like ${kind.looksLike}): ${kind.advice}.`;
}

/** Signature fields that hold a signature (/FT /Sig, inheritable, with /V), walked from /AcroForm. */
function countSignedFields(doc: PDFDocument): number {
  const { context } = doc;
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acroForm instanceof PDFDict)) return 0;
  const seen = new Set<PDFObject>();
  let count = 0;
  const walk = (node: PDFObject | undefined, inheritedType: PDFObject | undefined, depth: number): void => {
    const field = node === undefined ? undefined : context.lookup(node);
    if (!(field instanceof PDFDict) || seen.has(field) || depth > 32) return;
    seen.add(field);
    const type = field.get(PDFName.of('FT')) ?? inheritedType;
    const kids = field.lookup(PDFName.of('Kids'));
    if (type === PDFName.of('Sig') && field.get(PDFName.of('V')) !== undefined) count++;
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(kid, type, depth + 1);
  };
  const fields = acroForm.lookup(PDFName.of('Fields'));
  if (fields instanceof PDFArray) for (const field of fields.asArray()) walk(field, undefined, 0);
  return count;
}

function readTitle(doc: PDFDocument): string | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return undefined;
  const title = info.lookup(PDFName.of('Title'));
  if (!(title instanceof PDFString) && !(title instanceof PDFHexString)) return undefined;
  const text = title.decodeText().replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}
