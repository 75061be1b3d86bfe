// A small stand-in for a large PDF, for pdf-lib: every live object of the file at the number the
// cross-reference gives it, written as a plain object, except that large streams keep their
// dictionary and lose their data (the signer never reads page content, images or fonts). Object
// streams are unpacked and cross-reference streams left out. The signature is appended to the real
// file, so nothing of the stand-in is ever written to it but the objects the signer changes.
import type { ByteSource } from '../../core/pdf/byte-source';
import { PdfObjects } from '../../core/pdf/pdf-objects';
import type { PdfValue } from '../../core/pdf/pdf-syntax';

export interface PdfSkeleton {
  /** A complete small PDF with the same object numbers as the file. */
  readonly bytes: Buffer;
  /** Offset of the file's newest cross-reference section: the update's /Prev. */
  readonly startxref: number;
  /** The file's newest section is a cross-reference stream, so the update's must be too. */
  readonly isStream: boolean;
  /** The file's trailer has /Encrypt. */
  readonly encrypted: boolean;
}

/** Streams up to this size keep their data in the stand-in (small forms, appearance streams). */
const KEPT_STREAM_BYTES = 4096;
/** Trailer entries carried into the stand-in's trailer. */
const TRAILER_KEYS = ['Size', 'Root', 'Info', 'ID', 'Encrypt'];

export async function readSkeleton(source: ByteSource): Promise<PdfSkeleton> {
  const objects = await PdfObjects.open(source);
  const { xref } = objects;
  const encrypted = objects.trailer('Encrypt') !== undefined;
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets = new Map<number, { offset: number; generation: number }>();
  const numbers = [...xref.entries.keys()].filter((n) => n > 0 && xref.entries.get(n)).sort((a, b) => a - b);
  for (const num of encrypted ? [] : numbers) {
    const object = await objects.get(num);
    if (!object) continue;
    const { value } = object;
    let body = serialise(value);
    if (object.stream && value.kind === 'dict') {
      const type = value.entries.get('Type')?.value;
      if (type?.kind === 'name' && (type.value === 'XRef' || type.value === 'ObjStm')) continue;
      const length = await objects.streamLength(object);
      const data =
        length <= KEPT_STREAM_BYTES ? await source.read(object.stream.dataStart, length) : Buffer.alloc(0);
      const dict = new Map(value.entries);
      dict.set('Length', {
        keyStart: -1,
        value: { kind: 'number', value: data.length, integer: true, start: 0, end: 0 },
      });
      body = `${serialise({ ...value, entries: dict })}\nstream\n`;
      const chunk = Buffer.concat([
        Buffer.from(`${num} ${object.generation} obj\n${body}`, 'latin1'),
        data,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]);
      offsets.set(num, { offset, generation: object.generation });
      parts.push(chunk);
      offset += chunk.length;
      continue;
    }
    const chunk = Buffer.from(`${num} ${object.generation} obj\n${body}\nendobj\n`, 'latin1');
    offsets.set(num, { offset, generation: object.generation });
    parts.push(chunk);
    offset += chunk.length;
  }

  const size = Math.max(
    numbers.reduce((max, n) => Math.max(max, n + 1), 1),
    (() => {
      const value = objects.trailer('Size');
      return value?.kind === 'number' ? value.value : 1;
    })(),
  );
  let table = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let num = 1; num < size; num++) {
    const at = offsets.get(num);
    table += at
      ? `${String(at.offset).padStart(10, '0')} ${String(at.generation).padStart(5, '0')} n\r\n`
      : '0000000000 65535 f\r\n';
  }
  const trailer = TRAILER_KEYS.flatMap((key) => {
    if (key === 'Size') return [`/Size ${size}`];
    const value = objects.trailer(key);
    return value === undefined ? [] : [`/${key} ${serialise(value)}`];
  }).join(' ');
  parts.push(Buffer.from(`${table}trailer\n<< ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return { bytes: Buffer.concat(parts), startxref: xref.startxref, isStream: xref.isStream, encrypted };
}

/** PDF syntax for a parsed value: strings as hex, names escaped, numbers without exponents. */
function serialise(value: PdfValue): string {
  switch (value.kind) {
    case 'dict':
      return `<<${[...value.entries].map(([key, entry]) => `${nameToken(key)} ${serialise(entry.value)}`).join(' ')}>>`;
    case 'array':
      return `[${value.items.map(serialise).join(' ')}]`;
    case 'name':
      return nameToken(value.value);
    case 'string':
      return `<${value.bytes.toString('hex')}>`;
    case 'number':
      return Number.isInteger(value.value)
        ? String(value.value)
        : value.value.toFixed(6).replace(/\.?0+$/, '');
    case 'ref':
      return `${value.objectNumber} ${value.generation} R`;
    case 'keyword':
      return value.value;
  }
}

function nameToken(name: string): string {
  let token = '/';
  for (const char of name) {
    const code = char.charCodeAt(0);
    const plain = code > 0x20 && code < 0x7f && !'#()<>[]{}/%'.includes(char);
    token += plain ? char : `#${(code & 0xff).toString(16).padStart(2, '0')}`;
  }
  return token;
}
