// Content-addressed copies of the documents a job will sign: `<dataDir>/documents/<sha256>.pdf`.
// The queue works on its own copy, so a file the RAO moves or edits after dropping it cannot
// change what is signed. A copy is streamed, hashed on the way, fsynced and renamed into place.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';
import { pipeline } from 'node:stream/promises';

export interface StoredDocument {
  sha256: string;
  size: number;
  path: string;
}

export class DocumentStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'documents');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, `${sha256}.pdf`);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  async import(source: string): Promise<StoredDocument> {
    return (await this.importMany([source]))[0] as StoredDocument;
  }

  /**
   * Several files, one after another, with one fsync of the folder for them all once the last is
   * renamed into place: the caller records the jobs that use them only after this resolves.
   */
  async importMany(sources: readonly string[]): Promise<StoredDocument[]> {
    await ensurePrivateDir(this.dir);
    const stored: StoredDocument[] = [];
    let renamed = false;
    for (const source of sources) {
      const copy = await this.copyIn(source);
      stored.push(copy.stored);
      renamed ||= copy.renamed;
    }
    if (renamed) await syncDirectory(this.dir);
    return stored;
  }

  /** Streams, hashes and fsyncs one copy and renames it into place; the folder is not yet synced. */
  private async copyIn(source: string): Promise<{ stored: StoredDocument; renamed: boolean }> {
    const tmp = join(this.dir, `.import-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        createReadStream(source),
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        // 0600 from creation (the umask can only take bits away); kept through the rename.
        createWriteStream(tmp, { mode: PRIVATE_FILE_MODE }),
      );
      const sha256 = hash.digest('hex');
      const path = this.pathOf(sha256);
      if (existsSync(path) && (await stat(path)).size === size) {
        await rm(tmp, { force: true });
        // The same content kept by an older version, maybe 0644.
        await chmod(path, PRIVATE_FILE_MODE);
        return { stored: { sha256, size, path }, renamed: false };
      }
      await chmod(tmp, PRIVATE_FILE_MODE);
      const handle = await open(tmp, 'r');
      await handle.sync();
      await handle.close();
      await rename(tmp, path);
      return { stored: { sha256, size, path }, renamed: true };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
