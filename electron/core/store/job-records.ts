// What a job is, in the store and in SQL rows: the records core works with, the rows they are kept
// as, what may change, and the conversion from rows (JSON columns parsed, flags as booleans).
import type { JobState, JobStep } from '../../../shared/job';
import type { ExactPlacement, Placement, Stamp } from '../../../shared/contract-appearance';
import type { SignatureParams } from '../../../shared/signature';
import type { DraftSignerFields, SignerAuth, SignerIdentity } from '../../../shared/signer';

export interface JobError {
  kind: string;
  message: string;
  retryable: boolean;
  status?: number;
  /** For a refused code: how many more tries the desk allows before a new code is needed. */
  attemptsLeft?: number;
  /** The same failure as a code and its values (a folder, a cause), for the interface to word. */
  problem?: { code: string; values: Record<string, string> };
}

export interface JobDocument {
  position: number;
  sha256: string;
  filename: string;
  size: number;
  pages: number;
  signature: SignatureParams | null;
  uploadState: 'pending' | 'sent' | 'uploaded';
  remoteUid: string | null;
  outputPath: string | null;
  signedSha256: string | null;
  signerName: string | null;
  verifiedAt: string | null;
  remoteDeleted: boolean;
  /** The RAO's own box for this document (it overrides the job's rule). */
  placement: ExactPlacement | null;
  /** Where the stamp will go, resolved against this document; null: invisible or not yet known. */
  stamp: Stamp | null;
  /** The Optimizer's own words when it refused this document (e.g. a 415); null otherwise. */
  refusal: string | null;
}

export interface SignerImages {
  /** Paths of ID images to send with the create call. */
  document_front?: string;
  document_rear?: string;
  document_owner?: string;
}

export interface JobRecord {
  id: string;
  profileId: string;
  raoUsername: string;
  batchId: string | null;
  label: string;
  state: JobState;
  failedStep: JobStep | null;
  error: JobError | null;
  attempts: number;
  nextAttemptAt: number | null;
  paused: boolean;
  signer: SignerIdentity & { images?: SignerImages };
  /** An external method's `value` here is always '': the value itself is in the OS keychain. */
  auth: SignerAuth;
  /** An external method whose value is kept in the OS keychain under this job. */
  externalValueKept: boolean;
  signature: SignatureParams | null;
  /** Where stamps go on this job's documents (null: an invisible signature). */
  placement: Placement | null;
  /** The appearance template (null: the default one at the time of starting). */
  templateId: string | null;
  outputDir: string;
  nameTemplate: string;
  requestPk: string | null;
  contractPath: string | null;
  otpSentAt: string | null;
  /** Signed in the service's async mode: the sign call returns early and the desk polls the request. */
  asyncMode: boolean;
  /** When an async sign call was accepted: from then on the desk polls, it never signs again. */
  signAcceptedAt: string | null;
  /** Codes refused since the last one was sent: the desk's own count (the service does not say). */
  otpWrongAttempts: number;
  createdAt: string;
  updatedAt: string;
  documents: JobDocument[];
}

export interface NewJob {
  profileId: string;
  raoUsername: string;
  batchId?: string;
  label: string;
  signer: SignerIdentity & { images?: SignerImages };
  auth: SignerAuth;
  signature?: SignatureParams;
  outputDir: string;
  nameTemplate?: string;
  asyncMode?: boolean;
  /** Start as a draft (edited in the UI) or queued (ready to run). */
  state?: 'draft' | 'queued';
  documents: {
    sha256: string;
    filename: string;
    size: number;
    pages: number;
    signature?: SignatureParams;
    placement?: ExactPlacement | null;
  }[];
}

export interface JobRow {
  id: string;
  profile_id: string;
  rao_username: string;
  batch_id: string | null;
  label: string;
  state: JobState;
  failed_step: JobStep | null;
  error_json: string | null;
  attempts: number;
  next_attempt_at: number | null;
  paused: number;
  signer_json: string;
  auth_json: string;
  signature_json: string | null;
  placement_json: string | null;
  template_id: string | null;
  output_dir: string;
  name_template: string;
  request_pk: string | null;
  contract_path: string | null;
  otp_sent_at: string | null;
  async_mode: number;
  sign_accepted_at: string | null;
  otp_wrong_attempts: number;
  created_at: string;
  updated_at: string;
}

export interface DocumentRow {
  job_id: string;
  position: number;
  sha256: string;
  filename: string;
  size: number;
  pages: number;
  signature_json: string | null;
  upload_state: JobDocument['uploadState'];
  remote_uid: string | null;
  output_path: string | null;
  signed_sha256: string | null;
  signer_name: string | null;
  verified_at: string | null;
  remote_deleted: number;
  placement_json: string | null;
  stamp_json: string | null;
  refusal: string | null;
}

/** What a draft may change before it is queued (a draft's signer may still be incomplete). */
export interface DraftChanges {
  signer?: DraftSignerFields;
  auth?: SignerAuth;
  raoUsername?: string;
  outputDir?: string;
  asyncMode?: boolean;
  label?: string;
  profileId?: string;
  documents?: NewJob['documents'];
}

export const DEFAULT_NAME_TEMPLATE = '{name}.signed.pdf';

/** A stored document as a new job's document: the same file, name, stamp and hand-drawn box. */
export function asNewDocument(d: JobDocument): NewJob['documents'][number] {
  return {
    sha256: d.sha256,
    filename: d.filename,
    size: d.size,
    pages: d.pages,
    signature: d.signature ?? undefined,
    placement: d.placement,
  };
}

export const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/** A stored stamp; one written before stamps carried notes reads as having none. */
function readStamp(json: string | null): Stamp | null {
  const stamp = parse<Omit<Stamp, 'notes'> & { notes?: Stamp['notes'] }>(json);
  return stamp ? { ...stamp, notes: stamp.notes ?? [] } : null;
}

export type JobChanges = Partial<{
  requestPk: string | null;
  contractPath: string | null;
  otpSentAt: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  error: JobError | null;
  paused: boolean;
  signAcceptedAt: string | null;
  otpWrongAttempts: number;
  /** Set as a job leaves its draft: the folder its template gives (see queue/output-folder-template). */
  outputDir: string;
}>;

/** What the queue records of a document as it goes: upload, saved output, verification, clean-up. */
export type DocumentChanges = Partial<
  Pick<
    JobDocument,
    | 'uploadState'
    | 'remoteUid'
    | 'outputPath'
    | 'signedSha256'
    | 'signerName'
    | 'verifiedAt'
    | 'remoteDeleted'
    | 'refusal'
  >
>;

export function toJobRecord(row: JobRow, docs: readonly DocumentRow[]): JobRecord {
  return {
    id: row.id,
    profileId: row.profile_id,
    raoUsername: row.rao_username,
    batchId: row.batch_id,
    label: row.label,
    state: row.state,
    failedStep: row.failed_step,
    error: parse<JobError>(row.error_json),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    paused: row.paused === 1,
    signer: JSON.parse(row.signer_json) as JobRecord['signer'],
    auth: readAuth(row.auth_json),
    externalValueKept: valueKept(row.auth_json),
    signature: parse<SignatureParams>(row.signature_json),
    placement: parse<Placement>(row.placement_json),
    templateId: row.template_id,
    outputDir: row.output_dir,
    nameTemplate: row.name_template,
    requestPk: row.request_pk,
    contractPath: row.contract_path,
    otpSentAt: row.otp_sent_at,
    asyncMode: row.async_mode === 1,
    signAcceptedAt: row.sign_accepted_at,
    otpWrongAttempts: row.otp_wrong_attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    documents: docs.map((d) => ({
      position: d.position,
      sha256: d.sha256,
      filename: d.filename,
      size: d.size,
      pages: d.pages,
      signature: parse<SignatureParams>(d.signature_json),
      uploadState: d.upload_state,
      remoteUid: d.remote_uid,
      outputPath: d.output_path,
      signedSha256: d.signed_sha256,
      signerName: d.signer_name,
      verifiedAt: d.verified_at,
      remoteDeleted: d.remote_deleted === 1,
      placement: parse<ExactPlacement>(d.placement_json),
      stamp: readStamp(d.stamp_json),
      refusal: d.refusal,
    })),
  };
}

/** What auth_json holds: the method and its type or channel, and whether a value is in the keychain. */
export type StoredAuth =
  | { method: 'otp'; delivery: Extract<SignerAuth, { method: 'otp' }>['delivery'] }
  | { method: 'external'; type: string; kept?: boolean };

/**
 * What SQLite may keep of a job's method: never an OTP, never an external value (that goes to the
 * OS keychain under the job, see vault/external-auth.ts); `kept` says that the keychain has one.
 */
export function publicAuth(auth: SignerAuth, kept = false): StoredAuth {
  if (auth.method === 'otp') return { method: 'otp', delivery: auth.delivery };
  return kept ? { method: 'external', type: auth.type, kept: true } : { method: 'external', type: auth.type };
}

/** The external value (and code) a new or edited job carries, if any: it is for the keychain. */
export function externalSecretOf(auth: SignerAuth | undefined): { value: string; secret?: string } | null {
  if (auth?.method !== 'external' || auth.value.trim() === '') return null;
  return auth.secret !== undefined ? { value: auth.value, secret: auth.secret } : { value: auth.value };
}

function storedAuth(json: string): StoredAuth & { value?: unknown } {
  return JSON.parse(json) as StoredAuth & { value?: unknown };
}

function valueKept(json: string): boolean {
  const auth = storedAuth(json);
  return auth.method === 'external' && auth.kept === true;
}

/** The record's method: an external one without its value (read it from the keychain to sign). */
function readAuth(json: string): SignerAuth {
  const auth = storedAuth(json);
  return auth.method === 'otp'
    ? { method: 'otp', delivery: auth.delivery }
    : { method: 'external', type: auth.type, value: '' };
}

/** Where JobStore keeps external values: the OS keychain (vault/external-auth.ts ExternalAuthVault). */
export interface ExternalValueKeeper {
  keep(jobId: string, secret: { value: string; secret?: string }): Promise<void>;
  read(jobId: string): Promise<{ value: string; secret?: string } | null>;
  forget(jobId: string): Promise<boolean>;
  jobIds(): Promise<string[]>;
}
