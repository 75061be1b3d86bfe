// Random access to a PDF's bytes, from a file on disk or a buffer already in memory, so the checks
// read only the parts they need (header, trailer, cross-reference, a few objects) and stream the
// rest, whatever the size of the file.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `start` (fewer at the end of the data), in a new buffer. */
  read(start: number, length: number): Promise<Buffer>;
  /** Fills `target` from `start` (less at the end of the data); resolves with the bytes read. */
  readInto(target: Buffer, start: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Bytes read at a time when a whole range is streamed, into one buffer reused from chunk to chunk:
 * a new buffer per chunk would pile up outside the JavaScript heap faster than it is collected.
 */
export const STREAM_CHUNK = 256 * 1024;

export class BufferSource implements ByteSource {
  constructor(private readonly bytes: Buffer) {}

  get size(): number {
    return this.bytes.length;
  }

  read(start: number, length: number): Promise<Buffer> {
    const from = Math.max(0, Math.min(start, this.bytes.length));
    return Promise.resolve(
      this.bytes.subarray(from, Math.min(this.bytes.length, from + Math.max(0, length))),
    );
  }

  readInto(target: Buffer, start: number): Promise<number> {
    const from = Math.max(0, Math.min(start, this.bytes.length));
    return Promise.resolve(
      this.bytes.copy(target, 0, from, Math.min(this.bytes.length, from + target.length)),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export class FileSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** Opens `path`; the size is measured once, so a file growing meanwhile is read as it was. */
  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      return new FileSource(handle, info.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(start: number, length: number): Promise<Buffer> {
    const from = Math.max(0, Math.min(start, this.size));
    const buffer = Buffer.alloc(Math.min(this.size - from, Math.max(0, length)));
    const done = await this.readInto(buffer, from);
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  async readInto(target: Buffer, start: number): Promise<number> {
    const from = Math.max(0, Math.min(start, this.size));
    const wanted = Math.min(this.size - from, target.length);
    let done = 0;
    while (done < wanted) {
      const { bytesRead } = await this.handle.read(target, done, wanted - done, from + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * Feeds `[start, start + length)` to `consume` chunk by chunk, always in the same buffer: `consume`
 * must be done with a chunk when it returns (hashing is).
 */
export async function streamRange(
  source: ByteSource,
  start: number,
  length: number,
  consume: (chunk: Buffer) => void,
): Promise<void> {
  const end = Math.min(source.size, start + length);
  const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(STREAM_CHUNK, end - start)));
  for (let at = start; at < end; ) {
    const read = await source.readInto(buffer.subarray(0, Math.min(buffer.length, end - at)), at);
    if (read === 0) break;
    consume(buffer.subarray(0, read));
    at += read;
  }
}
