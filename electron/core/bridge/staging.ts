// Files that reach core as bytes rather than paths (the browser host's page cannot name a local
// file): appended chunk by chunk under the data folder's `incoming/`, then handled like any path.
// And folders dropped on the queue: searched for PDFs, so a whole customer folder can be dropped.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { refusal } from './errors';

/** The largest file the staging area takes: the same limit the PDF checks apply. */
const MAX_STAGED_MB = 200;
export const MAX_STAGED_BYTES = MAX_STAGED_MB * 1024 * 1024;
/** Staged files older than this are left-overs of a closed page. */
const STALE_MS = 24 * 60 * 60 * 1000;
const MAX_FOLDER_FILES = 1000;

export interface StageChunk {
  stageId: string | null;
  filename: string;
  offset: number;
  base64: string;
  last: boolean;
}

/** Keeps only a plain file name: no folders, no control characters, nothing Windows refuses. */
export function safeFilename(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    // Control characters and what Windows refuses in a name.
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^\.+/, '_')
    .trim()
    .slice(0, 200);
  return base === '' ? 'document.pdf' : base;
}

export class StagingArea {
  private readonly sizes = new Map<string, number>();

  constructor(private readonly dir: string) {}

  async append(chunk: StageChunk): Promise<{ stageId: string; received: number; path: string | null }> {
    const stageId = chunk.stageId ?? randomUUID();
    const expected = this.sizes.get(stageId) ?? 0;
    if (chunk.stageId !== null && !this.sizes.has(stageId))
      throw refusal('not_found', 'That upload is not known any more; add the file again.', 'uploadUnknown');
    if (chunk.offset !== expected)
      throw refusal(
        'conflict',
        `The upload of ${chunk.filename} is out of order (expected byte ${expected}); add the file again.`,
        'uploadOutOfOrder',
        { filename: chunk.filename },
      );
    const bytes = Buffer.from(chunk.base64, 'base64');
    if (expected + bytes.length > MAX_STAGED_BYTES) {
      this.sizes.delete(stageId);
      await rm(join(this.dir, stageId), { recursive: true, force: true });
      throw refusal(
        'validation',
        `${chunk.filename} is larger than ${MAX_STAGED_MB} MB and cannot be signed.`,
        'uploadTooLarge',
        { filename: chunk.filename, maxMb: MAX_STAGED_MB },
      );
    }
    const folder = join(this.dir, stageId);
    if (chunk.stageId === null) {
      await this.sweep();
      await mkdir(folder, { recursive: true, mode: 0o700 });
    }
    const path = join(folder, safeFilename(chunk.filename));
    const handle = await open(path, chunk.stageId === null ? 'w' : 'a', 0o600);
    try {
      await handle.write(bytes);
      if (chunk.last) await handle.sync();
    } finally {
      await handle.close();
    }
    const received = expected + bytes.length;
    if (chunk.last) this.sizes.delete(stageId);
    else this.sizes.set(stageId, received);
    return { stageId, received, path: chunk.last ? path : null };
  }

  /** Removes staged folders left from earlier sessions (their jobs keep their own copies). */
  private async sweep(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch {
      return;
    }
    const now = Date.now();
    await Promise.all(
      entries.map(async (entry) => {
        if (this.sizes.has(entry)) return;
        const info = await stat(join(this.dir, entry)).catch(() => undefined);
        if (info && now - info.mtimeMs > STALE_MS)
          await rm(join(this.dir, entry), { recursive: true, force: true });
      }),
    );
  }
}

/**
 * Paths as dropped: files stay as they are, folders become the PDFs inside them (recursively,
 * sorted, hidden entries skipped), so the caller checks each file on its own.
 */
/** A dropped path as found: a file to inspect, or a folder that could not be listed. */
export interface DropEntry {
  path: string;
  /** Why the folder could not be listed (EACCES, ELOOP…): its files are left out, the rest goes on. */
  unreadable?: string;
}

export async function expandFolders(paths: readonly string[]): Promise<DropEntry[]> {
  const out: DropEntry[] = [];
  const walk = async (path: string, depth: number): Promise<void> => {
    if (out.length >= MAX_FOLDER_FILES) return;
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory() || depth > 8) {
      out.push({ path });
      return;
    }
    let listed;
    try {
      listed = await readdir(path, { withFileTypes: true });
    } catch (error) {
      // One folder the RAO may not read must not cost the rest of the drop.
      out.push({ path, unreadable: (error as NodeJS.ErrnoException).code ?? 'EIO' });
      return;
    }
    const entries = listed
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) out.push({ path: child });
      if (out.length >= MAX_FOLDER_FILES) return;
    }
  };
  for (const path of paths) await walk(path, 0);
  return out;
}
