// Public result types of electron/core/pdf: the offline check of a file dropped into the queue and
// the verification of a signed PDF that came back from the Optimizer.
import type { SignerIdentity } from './certificate-info';

export type { SignerIdentity } from './certificate-info';

export type LocalPdfProblem = 'not_found' | 'empty' | 'too_large' | 'not_pdf' | 'encrypted' | 'damaged';

export type LocalPdfCheck =
  | {
      ok: true;
      pages: number;
      /** Bytes. */
      size: number;
      /** Lower-case hex SHA-256 of the whole file. */
      sha256: string;
      /** The document already carries signatures (signed /Sig fields). */
      hasSignatures: boolean;
      signatureCount: number;
      /** /Title of the document information dictionary, when set. */
      title?: string;
    }
  | {
      ok: false;
      reason: LocalPdfProblem;
      /** For a person: names the file and says what to do. */
      message: string;
    };

export interface InspectOptions {
  /** Files larger than this are refused without being read. Default 200 MB. */
  maxBytes?: number;
}

export interface SignatureReport {
  /** 1-based position in the file, which is signing order. */
  index: number;
  /** A signature, or a document time-stamp (/Type /DocTimeStamp, ETSI.RFC3161). */
  kind: 'signature' | 'timestamp';
  /** The indirect object holding the signature dictionary. */
  objectNumber: number;
  /** As written in the file. */
  byteRange: number[];
  /** [0, a, b, c] with a, b the bounds of this dictionary's /Contents and b + c the file length. */
  coversWholeFile: boolean;
  /** b + c: the length of the revision the signature covers. */
  signedLength: number;
  /** The digest of the covered bytes is the one the signature carries. */
  digestMatches: boolean;
  /** The signature value verifies with the signer certificate's public key. */
  signatureValid: boolean;
  /** /SubFilter, e.g. "adbe.pkcs7.detached" or "ETSI.CAdES.detached". */
  subFilter?: string;
  /** Node's name of the digest algorithm, e.g. "sha256". */
  digestAlgorithm?: string;
  /** Absent when the signature data could not be read or carries no signer certificate. */
  signer?: SignerIdentity;
  /** ISO 8601. */
  signingTime?: string;
  /** Where signingTime comes from: a signed attribute, a time-stamp token, or the PDF's /M (claimed, not signed). */
  signingTimeSource?: 'signed-attribute' | 'timestamp' | 'pdf';
  /** An RFC 3161 signature time-stamp in the unsigned attributes (PAdES B-T and above). */
  timestamp?: { time: string; valid: boolean; authority?: string };
  /** Only when trusted CAs were given. */
  issuedByTrustedCa?: boolean;
  /** Only when a signing time is known. */
  certificateValidAtSigningTime?: boolean;
  name?: string;
  reason?: string;
  location?: string;
  /** Sentences for a person; empty when this signature is intact. */
  problems: string[];
}

export interface SignedPdfVerification {
  /** The last signature covers the whole file, its digest matches, it verifies (and is trusted when CAs were given). */
  ok: boolean;
  /** Why `ok` is false, as sentences for a person. */
  problems: string[];
  /** Worth showing but not fatal: earlier signatures broken, original not kept verbatim, weak algorithms. */
  warnings: string[];
  signatures: SignatureReport[];
  /** The signature added last (the one the Optimizer just made); null when there is none. */
  last: SignatureReport | null;
  size: number;
  sha256: string;
  /** Only when an expected original was given: is it a byte-for-byte prefix of the signed file? */
  original?: { preserved: boolean; size?: number };
}

export interface VerifyOptions {
  /** The original's SHA-256 (hex): looked for as the file up to one of its %%EOF markers. */
  expectedOriginalSha256?: string;
  /** The original's size and SHA-256 (hex): checked as exactly that prefix of the signed file. */
  expectedOriginal?: { size: number; sha256: string };
  /** Certification authorities (PEM) the signer certificate must chain up to. */
  trustedCaPems?: string[];
}
