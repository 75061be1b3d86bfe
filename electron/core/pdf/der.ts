// A minimal BER/DER reader: just enough to walk a CMS structure and slice out the exact bytes that
// were signed (signed attributes, embedded certificates), which a parse-and-re-encode cannot
// guarantee. Indefinite lengths (BER, as some signers still write) are supported.

export interface Tlv {
  /** The identifier octet (single-byte tags only: every tag CMS uses fits). */
  readonly tag: number;
  readonly constructed: boolean;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just after the contents (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** Offset just after the whole element. */
  readonly end: number;
}

export class DerError extends Error {
  override name = 'DerError';
}

const MAX_DEPTH = 64;

export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new DerError('ASN.1 nesting too deep');
  if (offset >= limit) throw new DerError(`ASN.1 element expected at ${offset}, found end of data`);
  const tag = bytes[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte ASN.1 tag at ${offset}`);
  const constructed = (tag & 0x20) !== 0;
  let at = offset + 1;
  if (at >= limit) throw new DerError(`ASN.1 length missing at ${at}`);
  const first = bytes[at++] ?? 0;
  if (first === 0x80) {
    if (!constructed) throw new DerError(`indefinite length on a primitive element at ${offset}`);
    const contentStart = at;
    let child = contentStart;
    for (;;) {
      if (child + 2 > limit) throw new DerError('indefinite-length element without end-of-contents');
      if (bytes[child] === 0 && bytes[child + 1] === 0) {
        return { tag, constructed, start: offset, contentStart, contentEnd: child, end: child + 2 };
      }
      child = readTlv(bytes, child, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 6) throw new DerError(`ASN.1 length of ${count} octets at ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) {
      if (at >= limit) throw new DerError(`ASN.1 length truncated at ${at}`);
      length = length * 256 + (bytes[at++] ?? 0);
    }
  }
  const end = at + length;
  if (end > limit) throw new DerError(`ASN.1 element at ${offset} runs past the end of its container`);
  return { tag, constructed, start: offset, contentStart: at, contentEnd: end, end };
}

export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  if (!parent.constructed) throw new DerError(`ASN.1 element at ${parent.start} is not constructed`);
  const result: Tlv[] = [];
  let at = parent.contentStart;
  while (at < parent.contentEnd) {
    const child = readTlv(bytes, at, parent.contentEnd);
    result.push(child);
    at = child.end;
  }
  return result;
}

export function slice(bytes: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + tlv.start, tlv.end - tlv.start);
}

export function contents(bytes: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + tlv.contentStart, tlv.contentEnd - tlv.contentStart);
}

/** Dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(value: Uint8Array): string {
  const arcs: number[] = [];
  let current = 0;
  for (const byte of value) {
    current = current * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(current);
      current = 0;
    }
  }
  const [first = 0, ...rest] = arcs;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join('.');
}

export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
} as const;
