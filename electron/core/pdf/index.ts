// PDF checks that run on the RAO's machine without the Optimizer: the offline inspection of a file
// dropped into the queue, and the verification of the signed PDF the Optimizer returns.
export { inspectLocalPdf, DEFAULT_MAX_BYTES } from './inspect';
export { verifySignedPdf, verifySignedPdfBytes } from './verify';
export type {
  InspectOptions,
  LocalPdfCheck,
  LocalPdfProblem,
  SignatureReport,
  SignedPdfVerification,
  SignerIdentity,
  VerifyOptions,
} from './types';
