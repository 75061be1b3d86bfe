// A small reader for PDF object syntax (ISO 32000-1 §7.2-7.3) that keeps byte offsets, so a
// signature dictionary's /ByteRange and /Contents can be located in the file itself rather than
// through a parser that may rebuild or renumber things. Only what signature dictionaries need.

export type PdfValue =
  | { kind: 'dict'; entries: Map<string, PdfEntry>; start: number; end: number }
  | { kind: 'array'; items: PdfValue[]; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'string'; bytes: Buffer; hex: boolean; start: number; end: number }
  | { kind: 'number'; value: number; integer: boolean; start: number; end: number }
  | { kind: 'ref'; objectNumber: number; generation: number; start: number; end: number }
  | { kind: 'keyword'; value: string; start: number; end: number };

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;

export interface PdfEntry {
  /** Offset of the key's '/'. */
  keyStart: number;
  value: PdfValue;
}

export class PdfSyntaxError extends Error {
  override name = 'PdfSyntaxError';
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 32;

export const isWhitespace = (byte: number | undefined): boolean => byte !== undefined && WHITESPACE.has(byte);
export const isDelimiter = (byte: number | undefined): boolean => byte !== undefined && DELIMITERS.has(byte);
const isRegular = (byte: number | undefined): boolean =>
  byte !== undefined && !WHITESPACE.has(byte) && !DELIMITERS.has(byte);

export class PdfReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    private readonly limit = bytes.length,
  ) {}

  skipWhitespace(): void {
    while (this.pos < this.limit) {
      const byte = this.bytes[this.pos];
      if (isWhitespace(byte)) this.pos++;
      else if (byte === 0x25) {
        while (this.pos < this.limit && this.bytes[this.pos] !== 0x0a && this.bytes[this.pos] !== 0x0d) {
          this.pos++;
        }
      } else break;
    }
  }

  parseValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply');
    this.skipWhitespace();
    const start = this.pos;
    const byte = this.bytes[this.pos];
    if (byte === undefined || this.pos >= this.limit) throw new PdfSyntaxError('unexpected end of data');
    if (byte === 0x3c && this.bytes[this.pos + 1] === 0x3c) return this.parseDict(depth);
    if (byte === 0x3c) return this.parseHexString();
    if (byte === 0x28) return this.parseLiteralString();
    if (byte === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWhitespace();
        if (this.bytes[this.pos] === 0x5d) {
          this.pos++;
          return { kind: 'array', items, start, end: this.pos };
        }
        items.push(this.parseValue(depth + 1));
      }
    }
    if (byte === 0x2f) return this.parseName();
    if (isRegular(byte)) {
      const token = this.regularToken();
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
        const number: PdfValue = {
          kind: 'number',
          value: Number(token),
          integer: /^\d+$/.test(token),
          start,
          end: this.pos,
        };
        if (number.integer) return this.maybeReference(number);
        return number;
      }
      return { kind: 'keyword', value: token, start, end: this.pos };
    }
    throw new PdfSyntaxError(`unexpected character '${String.fromCharCode(byte)}' at ${start}`);
  }

  private regularToken(): string {
    const start = this.pos;
    while (this.pos < this.limit && isRegular(this.bytes[this.pos])) this.pos++;
    return Buffer.from(this.bytes.subarray(start, this.pos)).toString('latin1');
  }

  /** `n g R` after an integer: a reference; otherwise rewind to just after the integer. */
  private maybeReference(number: Extract<PdfValue, { kind: 'number' }>): PdfValue {
    const after = this.pos;
    this.skipWhitespace();
    const generationStart = this.pos;
    const generation = this.regularToken();
    if (/^\d+$/.test(generation) && this.pos > generationStart) {
      this.skipWhitespace();
      if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1])) {
        this.pos++;
        return {
          kind: 'ref',
          objectNumber: number.value,
          generation: Number(generation),
          start: number.start,
          end: this.pos,
        };
      }
    }
    this.pos = after;
    return number;
  }

  private parseDict(depth: number): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfEntry>();
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.limit) throw new PdfSyntaxError(`dictionary at ${start} is not closed`);
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { kind: 'dict', entries, start, end: this.pos };
      }
      const keyStart = this.pos;
      if (this.bytes[this.pos] !== 0x2f) throw new PdfSyntaxError(`dictionary key expected at ${keyStart}`);
      const key = this.parseName();
      const value = this.parseValue(depth + 1);
      entries.set(key.value, { keyStart, value });
    }
  }

  private parseName(): Extract<PdfValue, { kind: 'name' }> {
    const start = this.pos;
    this.pos++;
    const raw = this.regularToken();
    const value = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    return { kind: 'name', value, start, end: this.pos };
  }

  private parseHexString(): Extract<PdfValue, { kind: 'string' }> {
    const start = this.pos;
    const close = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.limit).indexOf(0x3e, start);
    if (close < 0) throw new PdfSyntaxError(`hex string at ${start} is not closed`);
    let digits = '';
    for (let i = start + 1; i < close; i++) {
      const byte = this.bytes[i];
      if (isWhitespace(byte)) continue;
      const char = String.fromCharCode(byte ?? 0);
      if (!/[0-9a-fA-F]/.test(char)) throw new PdfSyntaxError(`invalid hex digit '${char}' at ${i}`);
      digits += char;
    }
    if (digits.length % 2) digits += '0';
    this.pos = close + 1;
    return { kind: 'string', bytes: Buffer.from(digits, 'hex'), hex: true, start, end: this.pos };
  }

  private parseLiteralString(): Extract<PdfValue, { kind: 'string' }> {
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let nesting = 1;
    while (this.pos < this.limit) {
      const byte = this.bytes[this.pos++] ?? 0;
      if (byte === 0x5c) {
        const next = this.bytes[this.pos++];
        if (next === undefined) break;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (next in simple) out.push(simple[next] ?? 0);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let i = 0; i < 2; i++) {
            const digit = this.bytes[this.pos];
            if (digit === undefined || digit < 0x30 || digit > 0x37) break;
            octal = octal * 8 + (digit - 0x30);
            this.pos++;
          }
          out.push(octal & 0xff);
        } else if (next === 0x0d) {
          if (this.bytes[this.pos] === 0x0a) this.pos++;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) nesting++;
      if (byte === 0x29 && --nesting === 0) {
        return { kind: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
      }
      out.push(byte);
    }
    throw new PdfSyntaxError(`string at ${start} is not closed`);
  }
}

/** A PDF text string (§7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding. */
export function decodeTextString(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return bytes.subarray(3).toString('utf8');
  }
  // PDFDocEncoding matches Latin-1 for the printable range, which is what signature fields use.
  return bytes.toString('latin1');
}

/** A PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (§7.9.4) as a Date, or undefined when unreadable. */
export function parsePdfDate(text: string): Date | undefined {
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?/.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, tzh, tzm] = match;
  let offsetMinutes = 0;
  if (sign === '+' || sign === '-') {
    offsetMinutes = (Number(tzh ?? 0) * 60 + Number(tzm ?? 0)) * (sign === '-' ? -1 : 1);
  }
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
