// Request bodies: JSON (bounded) and forms (multipart or urlencoded). Uploaded files are streamed
// to temporary files while their SHA-256 is computed; nothing is held whole in memory.
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ApiError, ValidationError } from './api-error';

const MAX_JSON_BYTES = 32 * 1024 * 1024; // b64 images travel inside the sign body
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface UploadedFile {
  field: string;
  filename: string;
  path: string;
  size: number;
  sha256: string;
  /** The first bytes of the file, to recognise its type. */
  head: Buffer;
}

export interface ParsedForm {
  fields: Map<string, string>;
  files: UploadedFile[];
  /** Removes the temporary files that were not moved elsewhere. */
  discard(): Promise<void>;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new ApiError(413, 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([{ loc: ['body', 0], kind: 'json', reason: (error as Error).message }]);
  }
}

/** Reads a JSON object body; anything else is FastAPI's "value is not a valid dict". */
export async function readJsonObject(
  req: IncomingMessage,
  required: boolean,
): Promise<Record<string, unknown>> {
  const value = await readJson(req);
  if (value === undefined && !required) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError([
      value === undefined
        ? { loc: ['body'], kind: 'missing' }
        : { loc: ['body'], kind: 'type', expected: 'dict', input: value },
    ]);
  }
  return value as Record<string, unknown>;
}

export async function readForm(req: IncomingMessage, tmpDir: string): Promise<ParsedForm> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const text = (await readRaw(req, MAX_JSON_BYTES)).toString('utf8');
    return { fields: new Map(new URLSearchParams(text)), files: [], discard: async () => {} };
  }
  if (!type.startsWith('multipart/form-data')) {
    // FastAPI reads no form fields from other bodies; the missing fields then fail validation.
    await readRaw(req, MAX_JSON_BYTES);
    return { fields: new Map(), files: [], discard: async () => {} };
  }
  return readMultipart(req, tmpDir);
}

async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function readMultipart(req: IncomingMessage, tmpDir: string): Promise<ParsedForm> {
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  const discard = async (): Promise<void> => {
    await Promise.allSettled(writes);
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  };

  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: MAX_FILE_BYTES, fields: 200, fieldSize: 1024 * 1024 },
      });
    } catch {
      reject(new ApiError(400, 'Malformed multipart body'));
      return;
    }
    let failed: Error | undefined;
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (field, stream, info) => {
      const path = join(tmpDir, `upload-${randomUUID()}`);
      const hash = createHash('sha256');
      const file: UploadedFile = {
        field,
        filename: info.filename || field,
        path,
        size: 0,
        sha256: '',
        head: Buffer.alloc(0),
      };
      files.push(file);
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          if (file.head.length < 1024)
            file.head = Buffer.concat([file.head, chunk.subarray(0, 1024 - file.head.length)]);
          file.size += chunk.length;
          done(null, chunk);
        },
      });
      stream.on('limit', () => {
        failed = new ApiError(413, `File ${file.filename} is larger than ${MAX_FILE_BYTES} bytes`);
      });
      writes.push(
        pipeline(stream, meter, createWriteStream(path)).then(() => {
          file.sha256 = hash.digest('hex');
        }),
      );
    });
    parser.on('error', (error: Error) => {
      void discard().finally(() => reject(new ApiError(400, `Malformed multipart body: ${error.message}`)));
    });
    parser.on('close', () => {
      Promise.all(writes).then(
        () => {
          if (failed) {
            const error = failed;
            void discard().finally(() => reject(error));
          } else {
            resolve({ fields, files, discard });
          }
        },
        (error: Error) => {
          void discard().finally(() => reject(error));
        },
      );
    });
    // A client that goes away mid-upload must not leave this call waiting for ever.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the client closed the connection during the upload'));
    });
    req.pipe(parser);
  });
}

export const isPdfHead = (head: Buffer): boolean => head.includes(Buffer.from('%PDF-'));
export const isImageHead = (head: Buffer): 'jpeg' | 'png' | null => {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
};
