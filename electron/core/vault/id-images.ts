// The signer's ID-document images (front, rear, photo of the owner) between capture and the create
// call: personal data, so each is sealed with AES-256-GCM under a key kept in the OS keychain, bound
// to its job and side, and purged once the Optimizer has the request (ARCHITECTURE §5).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkImage,
  checkSide,
  ID_IMAGE_LABELS,
  ID_IMAGE_SIDES,
  ID_IMAGE_TYPES,
  IdImageError,
  MAX_ID_IMAGE_BYTES,
  type IdImageContentType,
  type IdImageSide,
} from './id-image-rules';
import { ensurePrivateDir } from '../store/private-files';
import type { Keychain } from './keychain';

export {
  ID_IMAGE_SIDES,
  ID_IMAGE_TYPES,
  IdImageError,
  MAX_ID_IMAGE_BYTES,
  type IdImageContentType,
  type IdImageErrorCode,
  type IdImageSide,
} from './id-image-rules';
export {
  purgeJobIdImages,
  sweepIdImages,
  type IdImageAudit,
  type IdImagePurgeReason,
} from './id-image-purge';

/**
 * The key's place in the keychain. Not under `oneshot-desk/<x>` like the RAO tokens: there the part
 * after the slash is a profile id the person chooses, so any name put there could one day be a
 * profile's. The bare app name can never be a TokenVault service.
 */
export const ID_IMAGE_KEY_SERVICE = 'oneshot-desk';
export const ID_IMAGE_KEY_ACCOUNT = 'id-image-key';

// File layout: MAGIC(4) VERSION(1) TYPE(1) KEY_ID(8) IV(12) | ciphertext | GCM tag(16).
// The whole header is authenticated too, so neither the type nor the key id can be swapped.
const MAGIC = Buffer.from('OSDI', 'ascii');
const VERSION = 1;
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 2 + KEY_ID_BYTES + IV_BYTES;
const TYPE_CODES: Record<IdImageContentType, number> = { 'image/jpeg': 1, 'image/png': 2 };
const JOB_ID = /^[A-Za-z0-9-]{1,100}$/;
interface SealingKey {
  key: Buffer;
  /** The first bytes of the key's SHA-256, written in each file to tell a lost key from tampering. */
  id: Buffer;
}

export interface IdImageStoreOptions {
  /** A folder of the app's data folder; one sub-folder per job. */
  dir: string;
  keychain: Keychain;
}

export class IdImageStore {
  readonly dir: string;
  private readonly keychain: Keychain;
  /** Found once, then kept for the store's life. */
  private key: SealingKey | undefined;
  private creating: Promise<SealingKey> | undefined;

  constructor(options: IdImageStoreOptions) {
    this.dir = options.dir;
    this.keychain = options.keychain;
  }

  /** Seals an image for a job, replacing any earlier one for that side. */
  async put(
    jobId: string,
    side: IdImageSide,
    bytes: Uint8Array,
    contentType: IdImageContentType,
  ): Promise<void> {
    const folder = this.folderOf(jobId);
    checkSide(side);
    const image = checkImage(side, bytes, contentType);
    const { key, id } = await this.keyForSealing();
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header[MAGIC.length] = VERSION;
    header[MAGIC.length + 1] = TYPE_CODES[contentType];
    id.copy(header, MAGIC.length + 2);
    randomBytes(IV_BYTES).copy(header, MAGIC.length + 2 + KEY_ID_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, ivOf(header), { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(header, jobId, side));
    const sealed = Buffer.concat([header, cipher.update(image), cipher.final(), cipher.getAuthTag()]);
    // 0700 whatever the umask, the id-images folder too (it may predate this rule).
    await ensurePrivateDir(this.dir);
    await ensurePrivateDir(folder);
    await writeAtomically(join(folder, `${side}.bin`), sealed);
  }

  /** The sides sealed for a job, in the order of ID_IMAGE_SIDES. */
  async sides(jobId: string): Promise<IdImageSide[]> {
    const folder = this.folderOf(jobId);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return ID_IMAGE_SIDES.filter((side) => names.includes(`${side}.bin`));
  }

  /** The image, or null when none is sealed for that side. Throws IdImageError when it cannot be trusted. */
  async read(
    jobId: string,
    side: IdImageSide,
  ): Promise<{ bytes: Buffer; contentType: IdImageContentType } | null> {
    const folder = this.folderOf(jobId);
    checkSide(side);
    const path = join(folder, `${side}.bin`);
    let sealed: Buffer;
    try {
      if ((await stat(path)).size > HEADER_BYTES + MAX_ID_IMAGE_BYTES + TAG_BYTES) throw damaged(side);
      sealed = await readFile(path);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    if (sealed.length < HEADER_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
      throw damaged(side);
    if (sealed[MAGIC.length] !== VERSION)
      throw new IdImageError(
        'tampered',
        `The sealed ${ID_IMAGE_LABELS[side]} was written by another version of One-Shot Desk and cannot be read here: add the image again.`,
      );
    const contentType = ID_IMAGE_TYPES.find((t) => TYPE_CODES[t] === sealed[MAGIC.length + 1]);
    if (contentType === undefined) throw damaged(side);
    const header = sealed.subarray(0, HEADER_BYTES);
    // Never make a key to read with: a missing key means these images are lost, and saying so
    // beats a misleading integrity failure.
    const current = await this.keyForReading();
    const keyId = header.subarray(MAGIC.length + 2, MAGIC.length + 2 + KEY_ID_BYTES);
    if (current === null || !current.id.equals(keyId))
      throw new IdImageError(
        'key_missing',
        `The ${ID_IMAGE_LABELS[side]} of this job was encrypted with a key that is no longer in the OS keychain, ` +
          'so it cannot be decrypted: add the image again.',
      );
    const decipher = createDecipheriv('aes-256-gcm', current.key, ivOf(header), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aadOf(header, jobId, side));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let bytes: Buffer;
    try {
      bytes = Buffer.concat([
        decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new IdImageError(
        'tampered',
        `The sealed ${ID_IMAGE_LABELS[side]} failed its integrity check: it was altered, damaged or belongs to ` +
          'another job. It was not used; add the image again.',
      );
    }
    return { bytes, contentType };
  }

  /** True when an image was removed, false when there was none. */
  async remove(jobId: string, side: IdImageSide): Promise<boolean> {
    const folder = this.folderOf(jobId);
    checkSide(side);
    try {
      await unlink(join(folder, `${side}.bin`));
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    // An empty job folder is dropped; one still holding images (or a write in progress) stays.
    await rmdir(folder).catch(() => undefined);
    return true;
  }

  /** Removes the job's folder and everything in it; answers the sides that were there. Idempotent. */
  async purge(jobId: string): Promise<IdImageSide[]> {
    const folder = this.folderOf(jobId);
    const sides = await this.sides(jobId);
    await rm(folder, { recursive: true, force: true });
    return sides;
  }

  /** When the job's newest image was sealed (ms since the epoch), or null when it has none. */
  async sealedAt(jobId: string): Promise<number | null> {
    const folder = this.folderOf(jobId);
    let newest: number | null = null;
    for (const side of await this.sides(jobId)) {
      try {
        const { mtimeMs } = await stat(join(folder, `${side}.bin`));
        newest = Math.max(newest ?? 0, mtimeMs);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return newest;
  }

  /** The jobs that still have a folder here, for the sweep that catches purges a crash missed. */
  async jobIds(): Promise<string[]> {
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && JOB_ID.test(e.name)).map((e) => e.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  private folderOf(jobId: string): string {
    // Letters, digits and hyphens only: no separator, no `..`, so the path stays inside `dir`.
    if (typeof jobId !== 'string' || !JOB_ID.test(jobId))
      throw new IdImageError('invalid_input', 'This job id cannot be used to keep ID images.');
    return join(this.dir, jobId);
  }

  private async keyForSealing(): Promise<SealingKey> {
    if (this.key) return this.key;
    // One creation at a time: puts racing on first use must not each write a different key.
    this.creating ??= (async () => {
      const stored = await this.keyForReading();
      if (stored !== null) return stored;
      // First use, or the key was deleted from the keychain: images sealed under an old key stay
      // unreadable either way, and read() says so by their key id.
      await this.keychain.set(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT, randomBytes(32).toString('base64'));
      // Read back what the keychain kept, so that what is sealed is what a later read will use.
      const kept = await this.keyForReading();
      if (kept === null)
        throw new IdImageError('key_missing', 'The OS keychain did not keep the key for ID images.');
      return kept;
    })().finally(() => {
      // A failed attempt (e.g. a locked keychain) is not remembered: the next put asks again.
      this.creating = undefined;
    });
    return this.creating;
  }

  /** The key in the keychain (cached once found), or null when there is none. Never creates one. */
  private async keyForReading(): Promise<SealingKey | null> {
    if (this.key) return this.key;
    const text = await this.keychain.get(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT);
    if (text === null) return null;
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32 || key.toString('base64') !== text.trim())
      throw new IdImageError(
        'key_invalid',
        'The key for ID images in the OS keychain is not one One-Shot Desk wrote; sealed ID images cannot be read.',
      );
    this.key = { key, id: createHash('sha256').update(key).digest().subarray(0, KEY_ID_BYTES) };
    return this.key;
  }
}

const ivOf = (header: Buffer): Buffer => header.subarray(MAGIC.length + 2 + KEY_ID_BYTES, HEADER_BYTES);

/** The header, the job and the side: a file copied to another job or side fails to open. */
const aadOf = (header: Buffer, jobId: string, side: IdImageSide): Buffer =>
  Buffer.concat([header, Buffer.from(`\0${jobId}\0${side}`, 'utf8')]);

const damaged = (side: IdImageSide): IdImageError =>
  new IdImageError(
    'tampered',
    `The sealed ${ID_IMAGE_LABELS[side]} is damaged or is not a sealed ID image: it was not used; add the image again.`,
  );

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Temp file, fsync, rename: a crash leaves the old sealed file or the new one, never half of one. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await file.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself is durable only once the folder is synced (not possible on Windows).
  if (process.platform !== 'win32') {
    const folder = await open(join(path, '..'), 'r').catch(() => undefined);
    if (folder) {
      await folder.sync().catch(() => undefined);
      await folder.close().catch(() => undefined);
    }
  }
}
