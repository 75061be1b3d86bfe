// The one error type the PDF signer throws, with a machine-readable reason the REST layer maps
// onto the Optimizer's error answers.

export type PdfSignErrorReason =
  | 'not_pdf'
  | 'encrypted'
  | 'damaged'
  | 'page_out_of_range'
  | 'bad_position'
  | 'bad_image'
  | 'cms_too_large';

export class PdfSignError extends Error {
  constructor(
    readonly reason: PdfSignErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PdfSignError';
  }
}
