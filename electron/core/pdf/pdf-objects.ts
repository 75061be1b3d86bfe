// The objects of a PDF looked up one at a time through its cross-reference, from a ByteSource:
// only the objects asked for are read (and the object streams holding them), never the whole file.
import type { ByteSource } from './byte-source';
import {
  decodeStream,
  MAX_DECODED_STREAM,
  parseAt,
  parseIndirect,
  PdfStructureError,
  readCrossReference,
  type CrossReference,
  type ParsedIndirect,
} from './cross-reference';
import { PdfReader, type PdfDict, type PdfValue } from './pdf-syntax';

const MAX_REFERENCE_DEPTH = 32;
/** Decoded object streams kept for the next lookups: objects of one stream tend to be read together. */
const OBJECT_STREAM_CACHE = 4;

interface ObjectStream {
  data: Buffer;
  /** Offset of each member in `data`, by object number. */
  members: Map<number, number>;
}

export class PdfObjects {
  private readonly objectStreams = new Map<number, ObjectStream>();

  private constructor(
    readonly source: ByteSource,
    readonly xref: CrossReference,
  ) {}

  static async open(source: ByteSource): Promise<PdfObjects> {
    return new PdfObjects(source, await readCrossReference(source));
  }

  /** A trailer entry, from the newest trailer that has it. */
  trailer(key: string): PdfValue | undefined {
    for (const trailer of this.xref.trailers) {
      const value = trailer.entries.get(key)?.value;
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The object's latest version, or undefined when the cross-reference has no such object. */
  async get(objectNumber: number): Promise<ParsedIndirect | undefined> {
    const entry = this.xref.entries.get(objectNumber);
    if (!entry) return undefined;
    if (entry.type === 'offset') {
      const { offset } = entry;
      if (offset >= this.source.size) throw new PdfStructureError(`object ${objectNumber} is past the end`);
      const object = await parseAt(
        this.source,
        offset,
        (window, atEnd) => parseIndirect(window, atEnd, offset),
        4096,
      );
      if (object.objectNumber !== objectNumber) {
        throw new PdfStructureError(`the cross-reference points object ${objectNumber} at another object`);
      }
      return object;
    }
    const stream = await this.objectStream(entry.stream);
    const at = stream.members.get(objectNumber);
    if (at === undefined) return undefined;
    const value = new PdfReader(stream.data, at).parseValue();
    return { objectNumber, generation: 0, value };
  }

  /** Follows references to the value they name; undefined for a missing object. */
  async resolve(value: PdfValue | undefined): Promise<PdfValue | undefined> {
    let current = value;
    for (let depth = 0; current?.kind === 'ref'; depth++) {
      if (depth >= MAX_REFERENCE_DEPTH) throw new PdfStructureError('references loop');
      current = (await this.get(current.objectNumber))?.value;
    }
    return current;
  }

  async resolveDict(value: PdfValue | undefined): Promise<PdfDict | undefined> {
    const resolved = await this.resolve(value);
    return resolved?.kind === 'dict' ? resolved : undefined;
  }

  /** A stream's /Length, direct or indirect. */
  async streamLength(object: ParsedIndirect): Promise<number> {
    const length = await this.resolve(object.stream?.length);
    if (length?.kind !== 'number' || !length.integer || length.value < 0) {
      throw new PdfStructureError(`stream ${object.objectNumber} has no usable /Length`);
    }
    return length.value;
  }

  private async objectStream(objectNumber: number): Promise<ObjectStream> {
    const cached = this.objectStreams.get(objectNumber);
    if (cached) return cached;
    const entry = this.xref.entries.get(objectNumber);
    if (entry?.type !== 'offset') throw new PdfStructureError(`object stream ${objectNumber} is missing`);
    const object = await this.get(objectNumber);
    if (!object?.stream || object.value.kind !== 'dict') {
      throw new PdfStructureError(`object ${objectNumber} is not an object stream`);
    }
    const length = await this.streamLength(object);
    if (length > MAX_DECODED_STREAM)
      throw new PdfStructureError(`object stream ${objectNumber} is too large`);
    const dict = object.value;
    const data = decodeStream(dict, await this.source.read(object.stream.dataStart, length));
    const count = dict.entries.get('N')?.value;
    const first = dict.entries.get('First')?.value;
    if (count?.kind !== 'number' || first?.kind !== 'number') {
      throw new PdfStructureError(`object stream ${objectNumber} lacks /N or /First`);
    }
    const members = new Map<number, number>();
    const header = new PdfReader(data, 0, Math.min(data.length, first.value));
    for (let i = 0; i < count.value; i++) {
      const num = header.parseValue();
      const offset = header.parseValue();
      if (num.kind !== 'number' || offset.kind !== 'number') {
        throw new PdfStructureError(`object stream ${objectNumber} has a bad header`);
      }
      if (!members.has(num.value)) members.set(num.value, first.value + offset.value);
    }
    const stream = { data, members };
    if (this.objectStreams.size >= OBJECT_STREAM_CACHE) {
      const oldest = this.objectStreams.keys().next().value;
      if (oldest !== undefined) this.objectStreams.delete(oldest);
    }
    this.objectStreams.set(objectNumber, stream);
    return stream;
  }
}
