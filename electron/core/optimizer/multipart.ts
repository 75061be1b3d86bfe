// multipart/form-data bodies streamed from disk or memory: the length is known up front (from stat)
// so the Optimizer gets a Content-Length, and each file on disk is read in 64 KiB chunks while it is
// sent, never whole. Progress counts body bytes as the connection takes them.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { ProgressListener } from './types';

/** A file part: read from `path` while it is sent, or `bytes` already in memory (never written). */
export type MultipartFile = {
  field: string;
  filename: string;
  contentType?: string;
} & ({ path: string; bytes?: never } | { bytes: Uint8Array; path?: never });

export interface MultipartBody {
  contentType: string;
  length: number;
  stream: Readable;
}

/** Thrown while the body is streamed when a file changed size after it was measured. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
}

/** Thrown before anything is sent when a file cannot be opened or is not a regular file. */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(`The file ${basename(path)} cannot be read.`, options);
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
};

export const contentTypeFor = (filename: string): string =>
  CONTENT_TYPES[extname(filename).toLowerCase()] ?? 'application/octet-stream';

/** Quotes a name the way browsers do in form-data (WHATWG): `"` → %22, CR → %0D, LF → %0A. */
const quoted = (value: string): string =>
  `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/** Thrown before anything is sent when an in-memory part cannot be put in a form as given. */
export class InvalidPartError extends Error {
  override readonly name = 'InvalidPartError';
}

const CHUNK = 64 * 1024;
/** type/subtype and parameters, nothing that could end the part's header line. */
const CONTENT_TYPE =
  /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9_.+-]+=[A-Za-z0-9_.+"-]+)*$/;

type Part = { kind: 'bytes'; bytes: Buffer } | { kind: 'file'; path: string; size: number; name: string };

export async function buildMultipart(
  fields: readonly (readonly [string, string])[],
  files: readonly MultipartFile[],
  onProgress?: ProgressListener,
): Promise<MultipartBody> {
  const boundary = `----OneShotDesk${randomBytes(16).toString('hex')}`;
  const parts: Part[] = [];
  for (const [name, value] of fields) {
    parts.push({
      kind: 'bytes',
      bytes: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    });
  }
  for (const file of files) {
    const contentType = file.contentType ?? contentTypeFor(file.filename);
    if (!CONTENT_TYPE.test(contentType))
      throw new InvalidPartError(`The file ${file.filename} has an unusable content type.`);
    let body: Part;
    if (file.bytes !== undefined) {
      // A view, not a copy: an ID image is not duplicated in memory more than needed.
      body = {
        kind: 'bytes',
        bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length),
      };
    } else {
      try {
        const info = await stat(file.path);
        if (!info.isFile()) throw new Error('not a regular file');
        body = { kind: 'file', path: file.path, size: info.size, name: file.filename };
      } catch (cause) {
        throw new UnreadableFileError(file.path, { cause });
      }
    }
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; ` +
      `filename=${quoted(file.filename)}\r\nContent-Type: ${contentType}\r\n\r\n`;
    parts.push({ kind: 'bytes', bytes: Buffer.from(head, 'utf8') });
    parts.push(body);
    parts.push({ kind: 'bytes', bytes: Buffer.from('\r\n') });
  }
  parts.push({ kind: 'bytes', bytes: Buffer.from(`--${boundary}--\r\n`) });
  const length = parts.reduce((sum, p) => sum + (p.kind === 'bytes' ? p.bytes.length : p.size), 0);

  async function* chunks(): AsyncGenerator<Buffer> {
    let sent = 0;
    const report = (n: number): void => {
      sent += n;
      onProgress?.(sent, length);
    };
    for (const part of parts) {
      if (part.kind === 'bytes') {
        // In 64 KiB views, so an in-memory image goes out at the socket's pace like a file does.
        for (let at = 0; at < part.bytes.length; at += CHUNK) {
          const chunk = part.bytes.subarray(at, at + CHUNK);
          yield chunk;
          report(chunk.length);
        }
        continue;
      }
      if (part.size === 0) continue;
      let read = 0;
      // `end` is inclusive; a file that grew is cut at its measured size, one that shrank is an error.
      const stream = createReadStream(part.path, { start: 0, end: part.size - 1, highWaterMark: CHUNK });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          yield chunk;
          report(chunk.length);
        }
      } finally {
        stream.destroy();
      }
      if (read !== part.size)
        throw new FileChangedError(`The file ${part.name} changed while it was being sent.`);
    }
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    // Not object mode: the stream buffers at most ~64 KiB ahead of the socket.
    stream: Readable.from(chunks(), { objectMode: false, highWaterMark: CHUNK }),
  };
}
