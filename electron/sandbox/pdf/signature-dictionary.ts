// The /Sig dictionary with fixed-size /ByteRange and /Contents placeholders, and the patching that
// fills them once the whole file is laid out (ISO 32000-1 §12.8.1).
import { createHash } from 'node:crypto';
import { PDFHexString, PDFInvalidObject, PDFString } from 'pdf-lib';
import type { PDFContext, PDFDict } from 'pdf-lib';
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

/**
 * Fills /ByteRange around the /Contents hex string of the signature object written at
 * `signatureOffset`, has the CMS made over the covered bytes and writes it into /Contents.
 */
export async function fillSignature(
  file: Buffer,
  signatureOffset: number,
  createCms: PdfSignOptions['createCms'],
): Promise<Buffer> {
  const byteRangeAt = file.indexOf('/ByteRange ', signatureOffset, 'latin1') + '/ByteRange '.length;
  const contentsStart = file.indexOf('/Contents <', signatureOffset, 'latin1') + '/Contents '.length;
  const contentsEnd = file.indexOf('>', contentsStart) + 1;
  const byteRange = `[0 ${contentsStart} ${contentsEnd} ${file.length - contentsEnd}]`;
  file.write(byteRange.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), byteRangeAt, 'latin1');

  const ranges = [file.subarray(0, contentsStart), file.subarray(contentsEnd)];
  const digest = ranges.reduce((hash, range) => hash.update(range), createHash('sha256')).digest();
  const cms = await createCms({ digest, ranges });
  const room = contentsEnd - contentsStart - 2;
  const hex = cms.toString('hex').toUpperCase();
  if (hex.length > room) {
    throw new PdfSignError(
      'cms_too_large',
      `The CMS signature (${cms.length} bytes) does not fit in the ${room / 2} bytes reserved for it`,
    );
  }
  file.write(hex, contentsStart + 1, 'latin1');
  return file;
}
