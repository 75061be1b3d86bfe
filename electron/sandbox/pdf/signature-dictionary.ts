// The /Sig dictionary with fixed-size /ByteRange and /Contents placeholders, and the patching that
// fills them once the whole file is laid out (ISO 32000-1 §12.8.1).
import { createHash } from 'node:crypto';
import { PDFHexString, PDFInvalidObject, PDFString } from 'pdf-lib';
import type { PDFContext, PDFDict } from 'pdf-lib';
import { streamRange, type ByteSource } from '../../core/pdf/byte-source';
import { PdfSignError } from './errors';
import type { PdfSignOptions } from './types';

/** Room for four offsets of up to 10 digits, so patching never moves a byte. */
const BYTE_RANGE_PLACEHOLDER = '[0 0 0 0]'.padEnd(40, ' ');

/** A PDF text string: literal when plain ASCII, otherwise UTF-16BE with BOM (§7.9.2.2). */
export function pdfText(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) && !/[()\\]/.test(text)
    ? PDFString.of(text)
    : PDFHexString.fromText(text);
}

export function signatureDictionary(
  context: PDFContext,
  options: PdfSignOptions,
  contentsSize: number,
): PDFDict {
  // /ByteRange and /Contents come first so that the first match after the object header is ours.
  return context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: options.subFilter,
    ByteRange: PDFInvalidObject.of(Buffer.from(BYTE_RANGE_PLACEHOLDER, 'latin1')),
    Contents: PDFInvalidObject.of(Buffer.from(`<${'0'.repeat(contentsSize * 2)}>`, 'latin1')),
    M: PDFString.fromDate(options.signingTime),
    Name: pdfText(options.signerName),
    Reason: options.reason === undefined ? undefined : pdfText(options.reason),
    Location: options.location === undefined ? undefined : pdfText(options.location),
    Prop_Build: { App: { Name: 'OneShotDeskSandbox' } },
  });
}

/** The file being signed, as it is before the update: read in chunks for the digest. */
export interface SignedBase {
  readonly source: ByteSource;
  /** The whole of it in memory: only when a caller of createCms asks for `ranges`. */
  readWhole(): Buffer;
}

/**
 * Fills /ByteRange around the /Contents hex string of the signature object written at
 * `signatureOffset` (in the whole file's terms) in `update`, the bytes appended to `base`, has the
 * CMS made over the covered bytes and writes it into /Contents. Returns `update`, filled.
 */
export async function fillSignature(
  base: SignedBase,
  update: Buffer,
  signatureOffset: number,
  createCms: PdfSignOptions['createCms'],
): Promise<Buffer> {
  const start = base.source.size;
  const local = signatureOffset - start;
  const byteRangeAt = update.indexOf('/ByteRange ', local, 'latin1') + '/ByteRange '.length;
  const contentsStart = update.indexOf('/Contents <', local, 'latin1') + '/Contents '.length;
  const contentsEnd = update.indexOf('>', contentsStart) + 1;
  const total = start + update.length;
  const byteRange = `[0 ${start + contentsStart} ${start + contentsEnd} ${total - start - contentsEnd}]`;
  update.write(byteRange.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), byteRangeAt, 'latin1');

  const hash = createHash('sha256');
  await streamRange(base.source, 0, start, (chunk) => hash.update(chunk));
  const digest = hash.update(update.subarray(0, contentsStart)).update(update.subarray(contentsEnd)).digest();
  const cms = await createCms({
    digest,
    get ranges(): Buffer[] {
      return [
        Buffer.concat([base.readWhole(), update.subarray(0, contentsStart)]),
        update.subarray(contentsEnd),
      ];
    },
  });
  const room = contentsEnd - contentsStart - 2;
  const hex = cms.toString('hex').toUpperCase();
  if (hex.length > room) {
    throw new PdfSignError(
      'cms_too_large',
      `The CMS signature (${cms.length} bytes) does not fit in the ${room / 2} bytes reserved for it`,
    );
  }
  update.write(hex, contentsStart + 1, 'latin1');
  return update;
}
