// Atomic downloads: bytes go to `<dest>.part-<random>`, are fsynced, renamed over the destination
// and the directory entry is fsynced; on any failure the partial file is removed, so the
// destination holds either nothing new or the whole file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DownloadResult, ProgressListener } from './types';

const localErrors = new WeakSet<object>();

/** True for errors of the local file system (disk full, permissions), not of the Optimizer. */
export const isLocalFileError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && localErrors.has(error);

async function local<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (typeof error === 'object' && error !== null) localErrors.add(error);
    throw error;
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is as durable as it gets there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class TruncatedDownloadError extends Error {
  override readonly name = 'TruncatedDownloadError';
  readonly code = 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
}

export async function writeAtomically(
  destPath: string,
  body: AsyncIterable<Buffer>,
  options: { expectedBytes?: number; onProgress?: ProgressListener },
): Promise<DownloadResult> {
  const dir = dirname(destPath);
  await local(mkdir(dir, { recursive: true }));
  const tmpPath = `${destPath}.part-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle | undefined = await local(open(tmpPath, 'wx', 0o600));
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of body) {
      await local(writeAll(handle, chunk));
      hash.update(chunk);
      bytes += chunk.length;
      options.onProgress?.(bytes, options.expectedBytes ?? 0);
    }
    if (options.expectedBytes !== undefined && bytes !== options.expectedBytes) {
      throw new TruncatedDownloadError(`Received ${bytes} of ${options.expectedBytes} bytes`);
    }
    await local(handle.sync());
    await local(handle.close());
    handle = undefined;
    await local(rename(tmpPath, destPath));
    await local(fsyncDirectory(dir));
    return { path: destPath, bytes, sha256: hash.digest('hex') };
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(tmpPath, { force: true }).catch(() => {});
    throw error;
  }
}
