// Writes a valid PDF of a chosen size without ever holding it in memory: each page draws one large
// uncompressed greyscale image whose samples are written chunk by chunk, then a classic xref table
// and trailer with the offsets counted on the way. For memory tests and benchmarks of big files.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export interface BigPdfOptions {
  /** Approximate size of the file in bytes (the images take all but a few hundred bytes a page). */
  bytes: number;
  /** Number of pages, at least 1; each carries one image and a line of text. */
  pages: number;
}

/** Bytes written at a time: the only buffer this helper holds. */
const CHUNK = 1 << 20;
/** Image width in samples; the height follows from the share of bytes each page gets. */
const IMAGE_WIDTH = 2048;
/** Room left for the objects, the xref table and the trailer around the images. */
const OVERHEAD_PER_PAGE = 600;

class OffsetWriter {
  offset = 0;
  private constructor(private readonly file: FileHandle) {}

  static async create(path: string): Promise<OffsetWriter> {
    return new OffsetWriter(await open(path, 'w', 0o600));
  }

  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
    this.offset += bytes.length;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** A grey ramp that changes from chunk to chunk, so the pages are not blank. */
function fillChunk(chunk: Buffer, seed: number): void {
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i + seed * 37) & 0xff;
}

export async function writeBigPdf(path: string, opts: BigPdfOptions): Promise<void> {
  const pages = Math.max(1, Math.floor(opts.pages));
  const imageBytes = Math.max(
    IMAGE_WIDTH,
    Math.floor((opts.bytes - pages * OVERHEAD_PER_PAGE - 400) / pages),
  );
  const height = Math.max(1, Math.floor(imageBytes / IMAGE_WIDTH));
  const sampleBytes = height * IMAGE_WIDTH;

  // Objects: 1 catalog, 2 page tree, 3 font, then for page i: page, content, image.
  const pageObj = (i: number): number => 4 + i * 3;
  const objectCount = 3 + pages * 3;
  const offsets: number[] = new Array<number>(objectCount + 1).fill(0);
  const out = await OffsetWriter.create(path);
  try {
    await out.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    const object = async (num: number, body: string): Promise<void> => {
      offsets[num] = out.offset;
      await out.write(`${num} 0 obj\n${body}\nendobj\n`);
    };
    await object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const kids = Array.from({ length: pages }, (_, i) => `${pageObj(i)} 0 R`).join(' ');
    await object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
    await object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');

    const chunk = Buffer.alloc(CHUNK);
    for (let i = 0; i < pages; i++) {
      const page = pageObj(i);
      await object(
        page,
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> ` +
          `/XObject << /Im1 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
      );
      const content = `q 495 0 0 600 50 150 cm /Im1 Do Q\nBT /F1 14 Tf 50 100 Td (Big test page ${i + 1} of ${pages}) Tj ET\n`;
      await object(page + 1, `<< /Length ${content.length} >>\nstream\n${content}endstream`);

      offsets[page + 2] = out.offset;
      await out.write(
        `${page + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${IMAGE_WIDTH} /Height ${height} ` +
          `/ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${sampleBytes} >>\nstream\n`,
      );
      for (let written = 0, n = 0; written < sampleBytes; n++) {
        const size = Math.min(CHUNK, sampleBytes - written);
        fillChunk(chunk, n + i);
        await out.write(size === CHUNK ? chunk : chunk.subarray(0, size));
        written += size;
      }
      await out.write('\nendstream\nendobj\n');
    }

    const xrefAt = out.offset;
    let xref = `xref\n0 ${objectCount + 1}\n0000000000 65535 f \n`;
    for (let num = 1; num <= objectCount; num++)
      xref += `${String(offsets[num]).padStart(10, '0')} 00000 n \n`;
    await out.write(xref);
    await out.write(`trailer\n<< /Size ${objectCount + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  } finally {
    await out.close();
  }
}
