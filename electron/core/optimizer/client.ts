// OptimizerClient: one object per Optimizer profile, one method per route of the One-Shot API.
// Every call has its own deadline and an optional AbortSignal, and every failure becomes an
// OptimizerError (see errors.ts) — except a cancelled call, which rejects with an AbortError.
import { basename } from 'node:path';
import {
  matchUploads,
  readCreated,
  readDocumentList,
  readRequestStatus,
  readSignedDocuments,
  readTokenInfo,
  readTokenList,
  readTokenUid,
  readUploadEntries,
  readVersion,
} from './answers';
import { serverMessageOf, type Envelope } from './envelopes';
import { localValidationError, OptimizerError, type OptimizerRoute } from './errors';
import type { MultipartFile } from './multipart';
import { Transport, type Call } from './transport';
import {
  DEFAULT_TIMEOUTS,
  type CallOptions,
  type CreateRequestFields,
  type CreateRequestImage,
  type CreateRequestImages,
  type CreateTokenInput,
  type DocumentSummary,
  type DocumentVariant,
  type DownloadResult,
  type OptimizerProfile,
  type OptimizerTimeouts,
  type OtpDeliveryMethod,
  type ProgressListener,
  type ServiceVersion,
  type SignRequestBody,
  type TokenInfo,
  type TokenSummary,
  type UploadedDocument,
  type UploadFile,
} from './types';

export const MAX_FILES_PER_UPLOAD = 10;

export interface OptimizerClientOptions {
  timeouts?: Partial<OptimizerTimeouts>;
}

const seg = (value: string): string => encodeURIComponent(value);

export class OptimizerClient {
  readonly profile: OptimizerProfile;
  readonly timeouts: Readonly<OptimizerTimeouts>;
  private readonly transport: Transport;

  constructor(profile: OptimizerProfile, options: OptimizerClientOptions = {}) {
    this.profile = profile;
    this.timeouts = Object.freeze({ ...DEFAULT_TIMEOUTS, ...options.timeouts });
    this.transport = new Transport(profile, this.timeouts.connectMs);
  }

  /**
   * Whether the Optimizer answers at all: `GET /hello` where it exists. The new API may have no such
   * route (not published), so an answer saying the route is missing still means "reachable"; only a
   * network failure, a timeout or a server error means it is not.
   */
  async hello(options?: CallOptions): Promise<{ message?: string; raw: unknown }> {
    try {
      const envelope = await this.get('hello', '/hello', options);
      return { message: serverMessageOf(envelope), raw: envelope.body };
    } catch (error) {
      if (isMissingRoute(error)) return { raw: null };
      throw error;
    }
  }

  /** The Optimizer's version where it tells (`GET /version`); none where the route is missing. */
  async version(options?: CallOptions): Promise<ServiceVersion> {
    try {
      return readVersion(await this.get('version', '/version', options));
    } catch (error) {
      if (isMissingRoute(error)) return { raw: null };
      throw error;
    }
  }

  async listTokens(options?: CallOptions): Promise<TokenSummary[]> {
    return readTokenList(await this.get('listTokens', '/tokens', options));
  }

  async createToken(input: CreateTokenInput, options?: CallOptions): Promise<{ tokenUid: string }> {
    const json = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const envelope = await this.send('createToken', 'POST', '/token', options, {
      json,
      secrets: [input.password, input.pin],
    });
    const tokenUid = readTokenUid(envelope);
    if (tokenUid === undefined) throw this.transport.unreadable('createToken', 'a token uid');
    return { tokenUid };
  }

  async getToken(uid: string, options?: CallOptions): Promise<TokenInfo> {
    return readTokenInfo(await this.get('getToken', `/token/${seg(uid)}`, options, [uid]));
  }

  async deleteToken(uid: string, options?: CallOptions): Promise<void> {
    await this.send('deleteToken', 'DELETE', `/token/${seg(uid)}`, options, { secrets: [uid] });
  }

  async createRequest(
    fields: CreateRequestFields,
    images: CreateRequestImages = {},
    options?: CallOptions,
  ): Promise<{ pk: string; status?: string }> {
    const formFields = Object.entries(fields)
      .filter((entry): entry is [string, string | boolean] => entry[1] !== undefined && entry[1] !== null)
      .map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value] as const);
    const entries = Object.entries(images as Record<string, CreateRequestImage | null | undefined>);
    const files = entries.flatMap(([field, image]): MultipartFile[] => {
      if (typeof image === 'string') return [{ field, path: image, filename: basename(image) }];
      if (image === undefined || image === null) return [];
      // Checked here too: callers outside TypeScript (a manifest, IPC) must not lose an ID image silently.
      if (!(image.bytes instanceof Uint8Array) || typeof image.filename !== 'string')
        throw localValidationError(
          'createRequest',
          `The image for ${field} is neither a file nor a picture.`,
        );
      return [{ field, bytes: image.bytes, filename: image.filename, contentType: image.contentType }];
    });
    const envelope = await this.send('createRequest', 'POST', '/create', options, {
      multipart: await this.transport.multipart('createRequest', formFields, files),
      timeoutMs: this.timeouts.writeMs + files.length * this.timeouts.uploadPerFileMs,
      secrets: [fields.token, fields.password, fields.pin, fields.billing_password],
    });
    const { pk, status } = readCreated(envelope);
    if (pk === undefined) throw this.transport.unreadable('createRequest', 'the request number (pk)');
    return status === undefined ? { pk } : { pk, status };
  }

  async getRequest(pk: string, options?: CallOptions): Promise<{ status: string | undefined; raw: unknown }> {
    const envelope = await this.get('getRequest', `/request/${seg(pk)}`, options);
    return { status: readRequestStatus(envelope), raw: envelope.body };
  }

  async cancelRequest(pk: string, options?: CallOptions): Promise<void> {
    await this.send('cancelRequest', 'DELETE', `/request/${seg(pk)}`, options);
  }

  /** At most 10 files per call, streamed from disk; answers one uid per file, in the order given. */
  async uploadDocuments(
    pk: string,
    files: readonly UploadFile[],
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<UploadedDocument[]> {
    if (files.length === 0) throw localValidationError('uploadDocuments', 'There is no file to upload.');
    if (files.length > MAX_FILES_PER_UPLOAD) {
      throw localValidationError(
        'uploadDocuments',
        `At most ${MAX_FILES_PER_UPLOAD} files can be sent in one upload; ${files.length} were given.`,
      );
    }
    const fields = files.map((_, i) => (i === 0 ? 'file' : `file${i + 1}`));
    const parts = files.map((f, i) => ({ field: fields[i] as string, path: f.path, filename: f.filename }));
    const envelope = await this.send('uploadDocuments', 'POST', `/document/${seg(pk)}`, options, {
      multipart: await this.transport.multipart('uploadDocuments', [], parts, onProgress),
      timeoutMs: this.timeouts.writeMs + files.length * this.timeouts.uploadPerFileMs,
    });
    const matched = matchUploads(files, fields, readUploadEntries(envelope));
    // The files are probably stored; only the list of the request's documents can tell which.
    if (matched === undefined)
      throw this.transport.unreadable('uploadDocuments', 'one document uid per file');
    return matched;
  }

  /**
   * The request's documents, as the old API's `GET /documents/{pk}` lists them (name, size, upload
   * date; nothing about signing). Null when this Optimizer has no such route: the new API's list
   * route is not published, and a desk must work without one.
   */
  async listDocuments(pk: string, options?: CallOptions): Promise<DocumentSummary[] | null> {
    try {
      return readDocumentList(await this.get('listDocuments', `/documents/${seg(pk)}`, options));
    } catch (error) {
      if (isMissingRoute(error)) return null;
      throw error;
    }
  }

  async downloadContract(
    pk: string,
    destPath: string,
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<DownloadResult> {
    const path = `/contract/${seg(pk)}`;
    return this.transport.download(this.fetchFile('downloadContract', path, options), destPath, onProgress);
  }

  async sendOtp(
    pk: string,
    deliveryMethod: OtpDeliveryMethod = 'sms',
    options?: CallOptions,
  ): Promise<{ message?: string }> {
    const envelope = await this.send('sendOtp', 'POST', `/otp/${seg(pk)}`, options, {
      json: { delivery_method: deliveryMethod },
    });
    return { message: serverMessageOf(envelope) };
  }

  async sign(
    pk: string,
    body: SignRequestBody,
    options?: CallOptions,
  ): Promise<{ documents: Record<string, unknown>; message?: string; raw: unknown }> {
    const { secret, ext_unlock_value, countersignature } = body;
    const envelope = await this.send('sign', 'POST', `/sign/${seg(pk)}`, options, {
      json: body,
      timeoutMs: this.timeouts.signMs,
      secrets: [secret, ext_unlock_value, countersignature?.password, countersignature?.pin],
    });
    const documents = readSignedDocuments(envelope);
    return { documents, message: serverMessageOf(envelope), raw: envelope.body };
  }

  async downloadDocument(
    pk: string,
    uid: string,
    variant: DocumentVariant,
    destPath: string,
    onProgress?: ProgressListener,
    options?: CallOptions,
  ): Promise<DownloadResult> {
    const path = `/document/${seg(pk)}/${seg(uid)}?document_type=${variant}`;
    return this.transport.download(this.fetchFile('downloadDocument', path, options), destPath, onProgress);
  }

  async deleteDocument(pk: string, uid: string, options?: CallOptions): Promise<void> {
    await this.send('deleteDocument', 'DELETE', `/document/${seg(pk)}/${seg(uid)}`, options);
  }

  /**
   * Deletes every document of a request: the new API's `DELETE /document/{pk}`; where that answers
   * 404 or 405 (an older Optimizer, a request it no longer knows), each known uid is deleted on its
   * own, a 404 meaning that one is gone already. The service never deletes documents by itself.
   */
  async deleteDocuments(pk: string, knownUids: readonly string[], options?: CallOptions): Promise<void> {
    try {
      await this.send('deleteDocuments', 'DELETE', `/document/${seg(pk)}`, options);
      return;
    } catch (error) {
      if (!(error instanceof OptimizerError && (error.status === 404 || error.status === 405))) throw error;
    }
    for (const uid of knownUids) {
      try {
        await this.deleteDocument(pk, uid, options);
      } catch (error) {
        if (!(error instanceof OptimizerError && error.kind === 'not_found')) throw error;
      }
    }
  }

  /** Closes the profile's connections; calls in flight finish first. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private get(
    route: OptimizerRoute,
    path: string,
    options?: CallOptions,
    secrets?: string[],
  ): Promise<Envelope> {
    return this.transport.json({
      route,
      method: 'GET',
      path,
      timeoutMs: this.timeouts.readMs,
      options,
      secrets,
    });
  }

  private send(
    route: OptimizerRoute,
    method: 'POST' | 'DELETE',
    path: string,
    options: CallOptions | undefined,
    extra: Partial<Pick<Call, 'json' | 'multipart' | 'timeoutMs' | 'secrets'>> = {},
  ): Promise<Envelope> {
    return this.transport.json({ route, method, path, timeoutMs: this.timeouts.writeMs, options, ...extra });
  }

  private fetchFile(route: OptimizerRoute, path: string, options: CallOptions | undefined): Call {
    return { route, method: 'GET', path, timeoutMs: this.timeouts.downloadPerFileMs, options };
  }
}

/** FastAPI's answer for a route it does not have: 405, or 404 with exactly "Not Found". */
function isMissingRoute(error: unknown): boolean {
  if (!(error instanceof OptimizerError)) return false;
  return error.status === 405 || (error.status === 404 && /^not found$/i.test(error.serverMessage ?? ''));
}
