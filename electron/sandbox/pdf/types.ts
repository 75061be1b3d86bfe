// The signer's public option types: the One-Shot API's `signature.appearance` fields and the
// per-signature settings the sandbox Optimizer passes in.
import type { CommunicationLanguage } from '../../../shared/signer';

export interface SignatureAppearance {
  /** "x1,y1,x2,y2" in PDF points in the page's unrotated user space, like a /Rect. */
  position?: string;
  /** 0-based page index. */
  page?: number;
  text?: string[];
  text_size?: number;
  text_align?: string;
  /** Image and QR code beside the text (true) or above it (false); default: beside in a wide box. */
  horizontal?: boolean;
  date?: string;
  timezone?: string;
  reason?: string;
  location?: string;
  /** Base64 PNG (JPEG is accepted too). */
  b64_image?: string;
  /** Id of an uploaded image: not supported by the sandbox, ignored. */
  image?: string;
  qrcode?: string;
}

export type SubFilter = 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';

export interface PdfSignOptions {
  /** Without a position the signature is invisible (widget /Rect [0 0 0 0] on the first page). */
  appearance?: SignatureAppearance;
  signerName: string;
  /** The request's communication language: the words the sandbox adds to the stamp. Default EN. */
  language?: CommunicationLanguage;
  reason?: string;
  location?: string;
  signingTime: Date;
  subFilter: SubFilter;
  /** Bytes reserved for the CMS; the /Contents hex string is twice as long. Default 16384. */
  contentsSize?: number;
  /** Default "Signature<N>", unique in the document. */
  fieldName?: string;
  /**
   * `digest` is the SHA-256 of the bytes /ByteRange covers; `ranges` are those bytes, read whole
   * into memory only when asked for (the sandbox's own CMS needs the digest alone).
   */
  createCms(content: { digest: Buffer; ranges: Buffer[] }): Promise<Buffer>;
}
