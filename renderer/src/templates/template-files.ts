// Files on the templates screen: a stamp image picked by the RAO (a PNG of at most 1 MB, as base64),
// a shared template file read as text, and an export handed to the browser as a download.
import { toBase64 } from '../bytes';
import { downloadText } from '../download';

export const MAX_IMAGE_BYTES = 1024 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export type PickedImage = { ok: true; base64: string } | { ok: false; problem: 'tooLarge' | 'notPng' };

export async function readStampImage(file: File): Promise<PickedImage> {
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, problem: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return { ok: false, problem: 'notPng' };
  return { ok: true, base64: toBase64(bytes) };
}

/** Saves `json` through the browser's own download (works in Electron and in browser mode). */
export const downloadJson = (filename: string, json: string): void =>
  downloadText(filename, json, 'application/json');
