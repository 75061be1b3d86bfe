// P1's documents: PDFs like an office's, deterministic from a seed. Varied producers and file
// structures (classic xref tables, xref and object streams from pdf-lib and from qpdf, a linearized
// file, a hand-appended incremental update), 1 to 50 pages of contract-like text, and an image on
// the first page that brings each file to a size drawn between a few and ~150 KB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
} from 'pdf-lib';

export interface CorpusOptions {
  files: number;
  signers: number;
  /** What all the files should weigh together, roughly. */
  totalBytes: number;
  maxPages: number;
  seed?: number;
}

export interface Corpus {
  /** One list of absolute paths per signer. */
  jobs: string[][];
  bytes: number;
  pages: number;
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCERS = [
  'Microsoft® Word for Microsoft 365',
  'LibreOffice 7.6',
  'Adobe PDF Library 17.0',
  'Skia/PDF m120',
  'iText® 7.2.5 ©2000-2023 iText Group NV',
  'macOS Version 14.1 (Build 23B74) Quartz PDFContext',
];
/** How each file is laid out on disk; the index of a file picks one in turn. */
const STRUCTURES = [
  'object-streams',
  'classic',
  'qpdf-object-streams',
  'qpdf-linearized',
  'incremental',
] as const;
const CLAUSE =
  'The parties agree to the terms set out in this document, including the conditions of the ' +
  'service, the fees payable and the obligations of each party, which they accept by signing. ';
const FIXED_DATE = new Date('2026-03-14T09:26:53Z');

async function onePdf(
  rand: () => number,
  index: number,
  targetBytes: number,
  pages: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const producer = PRODUCERS[index % PRODUCERS.length]!;
  doc.setProducer(producer);
  doc.setCreator(producer.split(' ')[0]!);
  doc.setTitle(`Contract ${index + 1}`);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const font = await doc.embedFont(index % 2 === 0 ? StandardFonts.Helvetica : StandardFonts.TimesRoman);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(index % 7 === 3 ? [612, 792] : [595.28, 841.89]);
    page.drawText(`Contract ${index + 1} — page ${p + 1} of ${pages}`, { x: 50, y: 780, size: 14, font });
    const lines = 20 + Math.floor(rand() * 25);
    for (let l = 0; l < lines; l++) {
      const from = Math.floor(rand() * 60);
      page.drawText(CLAUSE.slice(from, from + 80), { x: 50, y: 750 - l * 15, size: 10, font });
    }
    if (p === pages - 1) page.drawText('Firma:', { x: 60, y: 90, size: 11, font });
  }
  // An incompressible image makes up the rest of the size (as a scan or a logo would).
  const imageBytes = Math.max(0, targetBytes - pages * 1500 - 3000);
  if (imageBytes > 4096) {
    const width = 256;
    const height = Math.floor(imageBytes / width);
    const samples = new Uint8Array(width * height);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.floor(rand() * 256);
    const image = doc.context.register(
      doc.context.stream(samples, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      }),
    );
    const first = doc.getPage(0);
    first.node.setXObject(PDFName.of('Scan1'), image);
    first.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(120, 0, 0, 120, 420, 40),
      drawObject('Scan1'),
      popGraphicsState(),
    );
  }
  const structure = STRUCTURES[index % STRUCTURES.length]!;
  const bytes = await doc.save({ useObjectStreams: structure === 'object-streams' });
  if (structure !== 'incremental') return bytes;
  return appendIncrementalUpdate(bytes, doc.context.largestObjectNumber, producer);
}

/** A new Info dictionary in an update appended after %%EOF, as an editor that saves in place writes. */
function appendIncrementalUpdate(bytes: Uint8Array, largest: number, producer: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text)?.[1];
  if (!Number.isFinite(prev) || !root) throw new Error('pdf-lib wrote no classic trailer');
  const num = largest + 1;
  const objectAt = bytes.length + 1;
  const object = `${num} 0 obj\n<< /Producer (${producer.replace(/[^\x20-\x7e]/g, '')}; edited) /ModDate (D:20260315101500Z) >>\nendobj\n`;
  const xrefAt = objectAt + object.length;
  const update =
    `\n${object}xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${num + 1} /Root ${root} /Info ${num} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(update, 'latin1')]);
}

/** Rewrites a file through qpdf (object streams and xref streams, or linearized). */
function qpdf(path: string, args: string[]): void {
  const out = `${path}.qpdf`;
  const run = spawnSync('qpdf', [...args, path, out], { encoding: 'utf8' });
  // 3: warnings only; the file is written.
  if (run.status !== 0 && run.status !== 3) throw new Error(`qpdf ${args.join(' ')}: ${run.stderr}`);
  renameSync(out, path);
}

export async function writeCorpus(dir: string, opts: CorpusOptions): Promise<Corpus> {
  const rand = random(opts.seed ?? 15);
  // Sizes drawn first, then scaled to the total asked for.
  const weights = Array.from({ length: opts.files }, () => 0.2 + rand() * rand() * 3);
  const scale = opts.totalBytes / weights.reduce((a, b) => a + b, 0);
  const jobs: string[][] = Array.from({ length: opts.signers }, () => []);
  let bytes = 0;
  let pages = 0;
  for (let i = 0; i < opts.files; i++) {
    const pageCount = 1 + Math.floor(rand() * opts.maxPages);
    const signer = i % opts.signers;
    const folder = join(dir, `signer-${signer + 1}`);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `document-${String(i + 1).padStart(3, '0')}.pdf`);
    writeFileSync(path, await onePdf(rand, i, Math.round(weights[i]! * scale), pageCount));
    const structure = STRUCTURES[i % STRUCTURES.length];
    if (structure === 'qpdf-object-streams') qpdf(path, ['--object-streams=generate', '--deterministic-id']);
    if (structure === 'qpdf-linearized') qpdf(path, ['--linearize', '--deterministic-id']);
    jobs[signer]!.push(path);
    bytes += statSync(path).size;
    pages += pageCount;
  }
  return { jobs, bytes, pages };
}

/** The same bytes from the same options, so before and after sign the same files. */
export function corpusDigest(corpus: Corpus): string {
  let h = 0;
  for (const path of corpus.jobs.flat()) for (const b of readFileSync(path)) h = (Math.imul(h, 31) + b) >>> 0;
  return h.toString(16).padStart(8, '0');
}
