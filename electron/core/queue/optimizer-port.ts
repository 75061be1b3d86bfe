// What the queue needs from an Optimizer client. OptimizerClient satisfies it; the queue depends
// on this narrow shape only, which keeps its tests honest about what it calls.
import type {
  CallOptions,
  CreateRequestFields,
  CreateRequestImages,
  DocumentSummary,
  ProgressListener,
  SignRequestBody,
  UploadFile,
  UploadedDocument,
} from '../optimizer/types';

export interface QueueOptimizer {
  hello(options?: CallOptions): Promise<unknown>;
  createRequest(
    fields: CreateRequestFields,
    images?: CreateRequestImages,
    options?: CallOptions,
  ): Promise<{ pk: string }>;
  getRequest(pk: string, options?: CallOptions): Promise<{ status: string | undefined }>;
  cancelRequest(pk: string, options?: CallOptions): Promise<unknown>;
  uploadDocuments(
    pk: string,
    files: UploadFile[],
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<UploadedDocument[]>;
  listDocuments(pk: string, options?: CallOptions): Promise<DocumentSummary[] | null>;
  downloadContract(
    pk: string,
    destPath: string,
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<unknown>;
  sendOtp(pk: string, deliveryMethod: 'sms' | 'whatsapp', options?: CallOptions): Promise<unknown>;
  sign(pk: string, body: SignRequestBody, options?: CallOptions): Promise<unknown>;
  downloadDocument(
    pk: string,
    uid: string,
    variant: 'signed' | 'original',
    destPath: string,
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<{ path: string; bytes: number; sha256: string }>;
  deleteDocument(pk: string, uid: string, options?: CallOptions): Promise<unknown>;
  deleteDocuments(pk: string, knownUids: readonly string[], options?: CallOptions): Promise<unknown>;
}

/** Checks a saved signed PDF before the Optimizer's copy may be deleted. */
export type SignedPdfVerifier = (
  path: string,
  expectedOriginal: { size: number; sha256: string },
) => Promise<{ ok: boolean; problems: string[]; signerName?: string }>;
