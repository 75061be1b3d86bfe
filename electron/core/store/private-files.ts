// The data folder holds customers' documents, ID images and the job database: only the person
// running the desk may read it, whatever the process umask. mkdir's and open's modes are masked
// by the umask (they can only lose bits) and leave folders made by an older version as they were,
// so every folder and file gets an explicit chmod as well.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * `dir` exists and is 0700, with any folders created on the way to it (up to the first one that
 * existed, which is not ours to change).
 */
export function ensurePrivateDirSync(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of createdChain(dir, first)) chmodSync(d, PRIVATE_DIR_MODE);
}

export async function ensurePrivateDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const d of createdChain(dir, first)) await chmod(d, PRIVATE_DIR_MODE);
}

/** `dir` itself always; its parents only when this call created them. */
function createdChain(dir: string, firstCreated: string | undefined): string[] {
  const chain = [dir];
  if (firstCreated === undefined) return chain;
  for (let d = dirname(dir); d.length >= firstCreated.length && d !== dirname(d); d = dirname(d))
    chain.push(d);
  return chain;
}

/** Makes an existing folder 0700. */
export function privateDirIfPresentSync(dir: string): void {
  if (existsSync(dir)) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600; a missing one is no error (SQLite's WAL comes and goes). */
export function privateFileSync(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
