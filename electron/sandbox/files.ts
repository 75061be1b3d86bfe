// Durable file placement for the simulator: content is fsynced before it is renamed into place and
// the directory entry is fsynced after, so a crash leaves either no file or a whole one.
import { open, rename, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a finished temporary file to its final name durably. */
export async function placeFile(tmpPath: string, finalPath: string): Promise<void> {
  await mkdir(dirname(finalPath), { recursive: true });
  await fsyncPath(tmpPath);
  await rename(tmpPath, finalPath);
  await fsyncPath(dirname(finalPath));
}

export async function writeFileDurably(finalPath: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(finalPath), { recursive: true });
  const tmp = `${finalPath}.tmp-${process.pid}-${Date.now()}`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, finalPath);
  await fsyncPath(dirname(finalPath));
}

export class DocumentFiles {
  constructor(private readonly root: string) {}

  original(pk: number, uid: string): string {
    return join(this.root, 'documents', String(pk), `${uid}.pdf`);
  }

  signed(pk: number, uid: string): string {
    return join(this.root, 'documents', String(pk), `${uid}.signed.pdf`);
  }

  contract(pk: number): string {
    return join(this.root, 'contracts', `${pk}.pdf`);
  }

  get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  async removeDocument(pk: number, uid: string): Promise<void> {
    await rm(this.original(pk, uid), { force: true });
    await rm(this.signed(pk, uid), { force: true });
  }
}
