// Random access to a PDF's bytes, from a file on disk or a buffer already in memory, so the checks
// read only the parts they need (header, trailer, cross-reference, a few objects) and stream the
// rest, whatever the size of the file.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `start` (fewer at the end of the data). */
  read(start: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Bytes read at a time when a whole range is streamed. */
export const STREAM_CHUNK = 1024 * 1024;

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
    const wanted = Math.min(this.size - from, Math.max(0, length));
    const buffer = Buffer.alloc(wanted);
    let done = 0;
    while (done < wanted) {
      const { bytesRead } = await this.handle.read(buffer, done, wanted - done, from + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === wanted ? buffer : buffer.subarray(0, done);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Feeds `[start, start + length)` to `consume` chunk by chunk. */
export async function streamRange(
  source: ByteSource,
  start: number,
  length: number,
  consume: (chunk: Buffer) => void,
): Promise<void> {
  const end = Math.min(source.size, start + length);
  for (let at = start; at < end; ) {
    const chunk = await source.read(at, Math.min(STREAM_CHUNK, end - at));
    if (chunk.length === 0) break;
    consume(chunk);
    at += chunk.length;
  }
}
