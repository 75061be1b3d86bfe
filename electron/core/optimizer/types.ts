import type { SignatureAppearance, SignatureParams } from '../../../shared/signature';
import type { SignerIdentity } from '../../../shared/signer';

// The shapes the Optimizer client speaks in: a connection profile, per-route timeouts, the create
// form, the sign body and what each call answers. Field names of request bodies are the API's own.

/** One configured Optimizer: where it is and how far to trust its TLS certificate. */
export interface OptimizerProfile {
  id: string;
  /** e.g. `https://optimizer.example.com/oneshot/api/v1` */
  baseUrl: string;
  /** A CA (PEM) that replaces the system roots for this Optimizer, e.g. an on-premises CA. */
  caPem?: string;
  /**
   * SHA-256 of the server's leaf certificate (DER), hex (colons allowed) or base64. With a pin and
   * no `caPem`, the pin alone is the trust anchor (self-signed on-premises servers); with both, the
   * chain must verify and the leaf must match the pin.
   */
  pinSha256?: string;
  /** Connections kept to this Optimizer at most; default 6. */
  maxConnections?: number;
}

/** Deadlines for a whole call (connect, send, wait, receive), in milliseconds. */
export interface OptimizerTimeouts {
  /** Reads: hello, version, tokens, request, documents list. Default 15 s. */
  readMs: number;
  /** Small writes: token, create (without images), OTP, cancel, deletes. Default 30 s. */
  writeMs: number;
  /** Added per file sent (uploads, create with ID images). Default 2 min. */
  uploadPerFileMs: number;
  /** Per downloaded file (contract, documents). Default 2 min. */
  downloadPerFileMs: number;
  /** The sign call. Default 10 min. */
  signMs: number;
  /** Establishing a TCP/TLS connection. Default 10 s. */
  connectMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<OptimizerTimeouts> = Object.freeze({
  readMs: 15_000,
  writeMs: 30_000,
  uploadPerFileMs: 120_000,
  downloadPerFileMs: 120_000,
  signMs: 600_000,
  connectMs: 10_000,
});

export interface CallOptions {
  signal?: AbortSignal;
}

export type ProgressListener = (sentBytes: number, totalBytes: number) => void;

export type OptimizerEnv = 'sandbox' | 'prod';
export type { IdDocumentType, CommunicationLanguage } from '../../../shared/signer';

/** The create-request form (multipart text fields). RAO: `token`, or `username` + `password` + `pin`. */
export interface CreateRequestFields extends SignerIdentity {
  token?: string;
  username?: string;
  password?: string;
  pin?: string;
  env?: OptimizerEnv;
  billing_username?: string;
  /** base64 */
  billing_password?: string;
  useasync?: boolean;
  callback?: string;
}

/** An image held in memory (e.g. just unsealed), sent as a file part without touching disk. */
export interface InMemoryFile {
  bytes: Uint8Array;
  /** The name the Optimizer records. */
  filename: string;
  /** e.g. `image/jpeg` */
  contentType: string;
}

/** One image of the create form: a file path (read while sent), or the image itself. */
export type CreateRequestImage = string | InMemoryFile;

/** ID images sent with the create form. */
export interface CreateRequestImages {
  document_front?: CreateRequestImage;
  document_rear?: CreateRequestImage;
  document_owner?: CreateRequestImage;
  extra_document?: CreateRequestImage;
}

// The sign call's `signature` object is shared with the renderer and the store.
export type { SignatureAppearance, SignatureParams } from '../../../shared/signature';

export interface CountersignatureParams {
  appearance?: SignatureAppearance;
  username?: string;
  password?: string;
  pin?: string;
  subfilter?: string;
}

export interface SignRequestBody {
  /** The OTP, or a customer code with external authentication. */
  secret: string;
  ext_unlock_type?: string;
  ext_unlock_value?: string;
  signature?: SignatureParams;
  countersignature?: CountersignatureParams;
  signature_by_doc?: Record<string, SignatureParams & { usecountersignature?: boolean }>;
}

export interface CreateTokenInput {
  username: string;
  password?: string;
  pin?: string;
  env?: OptimizerEnv;
}

export interface TokenSummary {
  tokenUid: string;
  username?: string;
  env?: string;
  raoId?: string;
}

export interface TokenInfo {
  username: string;
  hasPassword: boolean;
  hasPin: boolean;
  raoId: string;
  env: string;
}

export interface ServiceVersion {
  version?: string;
  api?: string;
  raw: unknown;
}

export interface UploadFile {
  path: string;
  /** The name the Optimizer records (and shows in its answers). */
  filename: string;
  /** SHA-256 (hex) of the file, to pair it with an answer that gives digests. */
  sha256?: string;
}

export interface UploadedDocument {
  uid: string;
  filename: string;
  sha256?: string;
}

export interface DocumentSummary {
  uid: string;
  filename: string;
  size: number;
  sha256?: string;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  /** SHA-256 (hex) of the bytes written. */
  sha256: string;
}

export type DocumentVariant = 'signed' | 'original';
export type OtpDeliveryMethod = 'sms' | 'whatsapp';
