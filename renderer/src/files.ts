// Turning what the RAO drops or picks into local paths core can check: Electron gives the path of
// each file or folder; browser mode has only bytes, which are staged to core in chunks, and
// dropped folders are walked here for their PDFs.
import type { BridgeError } from '../../shared/contract';
import { bridge, pathForFile } from './bridge';
import { toBase64 } from './bytes';

/** Base64 chunks of 3 MiB stay under the contract's 4 MiB (base64) limit. */
const CHUNK_BYTES = 3 * 1024 * 1024;

export interface Picked {
  name: string;
  path: string | null;
  /** Why this file could not even be handed over (read or staging failure). */
  problem?: BridgeError;
}

async function stage(file: File): Promise<Picked> {
  let stageId: string | null = null;
  let offset = 0;
  do {
    const slice = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    const last = offset + slice.length >= file.size;
    const result: Awaited<ReturnType<typeof bridge.call<'documents.stage'>>> = await bridge.call(
      'documents.stage',
      {
        stageId,
        filename: file.name,
        offset,
        base64: toBase64(slice),
        last,
      },
    );
    if (!result.ok) return { name: file.name, path: null, problem: result.error };
    stageId = result.value.stageId;
    offset += slice.length;
    if (last) return { name: file.name, path: result.value.path };
  } while (offset < file.size || file.size === 0);
  return { name: file.name, path: null };
}

export async function pickedFromFiles(files: readonly File[]): Promise<Picked[]> {
  const out: Picked[] = [];
  for (const file of files) {
    const path = pathForFile?.(file);
    out.push(path ? { name: file.name, path } : await stage(file));
  }
  return out;
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Files of a browser drop, folders walked for PDFs (Electron hands the folder's path to core instead). */
async function filesOfEntry(entry: FileSystemEntry, depth = 0): Promise<File[]> {
  if (entry.isFile) return [await entryFile(entry as FileSystemFileEntry)];
  if (!entry.isDirectory || depth > 8) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const files: File[] = [];
  // readEntries answers in batches until an empty one.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch.sort((a, b) => a.name.localeCompare(b.name))) {
      if (child.name.startsWith('.')) continue;
      if (child.isDirectory) files.push(...(await filesOfEntry(child, depth + 1)));
      else if (child.name.toLowerCase().endsWith('.pdf'))
        files.push(...(await filesOfEntry(child, depth + 1)));
    }
  }
  return files;
}

export async function pickedFromDrop(data: DataTransfer): Promise<Picked[]> {
  if (pathForFile) return pickedFromFiles([...data.files]);
  const entries = [...data.items]
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return pickedFromFiles([...data.files]);
  const files: File[] = [];
  for (const entry of entries) files.push(...(await filesOfEntry(entry)));
  return pickedFromFiles(files);
}
