// A signed file's name from the office's template ("{name}.signed.pdf", "{date} {name}"…).

/**
 * Characters no common file system accepts in a name (Windows' set, which includes the path
 * separators), C0 and C1 control characters, and the bidi controls that could make a name read
 * differently from what it is ("invoice\u202Efdp.exe" shown as "invoiceexe.pdf").
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Names Windows reserves for devices, whatever the extension or case ("nul.signed.pdf" too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)/i;

/** Most file systems allow 255 bytes (UTF-8) in a name; room is left for " (99)" and a ".part". */
const MAX_NAME_BYTES = 240;
const MAX_NAME_CHARS = 200;

export interface NameFacts {
  /** The original file name, e.g. "contract.pdf". */
  filename: string;
  signer: string;
  requestPk: string;
  date: Date;
  /** The document's position in its job, from 0. */
  index: number;
}

/**
 * The file name a template gives: what the queue saves a signed PDF as (before " (2)" is added to
 * avoid an existing file), and the example the settings screen shows. Pure, so both use this one.
 */
export function applyNameTemplate(template: string, facts: NameFacts): string {
  const base = facts.filename.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const name = dot > 0 ? base.slice(0, dot) : base;
  const values: Record<string, string> = {
    // "..pdf" or ".pdf" has no name of its own once its dots go (they would hide the file).
    name: name.replace(/^[.\s]+/, '') || 'document',
    signer: facts.signer,
    pk: facts.requestPk,
    date: facts.date.toISOString().slice(0, 10),
    n: String(facts.index + 1),
  };
  let result = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  result = result.normalize('NFC').replace(UNSAFE, '_').trim();
  // A leading dot hides the file (a document named "..pdf" must not give "..signed.pdf").
  result = result.replace(/^[.\s]+/, '');
  if (!/\.pdf$/i.test(result)) result = `${result.replace(/[.\s]+$/, '')}.pdf`;
  if (result === '.pdf' || /^\.pdf$/i.test(result)) result = 'document.pdf';
  if (WINDOWS_RESERVED.test(result)) result = `_${result}`;
  return shorten(result);
}

/** Cut before ".pdf", by whole characters (never half an emoji), to the length and byte limits. */
function shorten(name: string): string {
  const encoder = new TextEncoder();
  if (name.length <= MAX_NAME_CHARS && encoder.encode(name).length <= MAX_NAME_BYTES) return name;
  const ext = name.slice(-4);
  const stem = Array.from(name.slice(0, -4));
  let bytes = encoder.encode(ext).length;
  let units = ext.length;
  let kept = '';
  for (const char of stem) {
    const size = encoder.encode(char).length;
    if (bytes + size > MAX_NAME_BYTES || units + char.length > MAX_NAME_CHARS) break;
    kept += char;
    bytes += size;
    units += char.length;
  }
  return `${kept.replace(/[.\s]+$/, '')}${ext}`;
}

/** A folder-name part made from the signer's details is kept short: the full path has limits too. */
const MAX_PART_CHARS = 80;

/**
 * One part of a folder name from data the RAO typed (a signer's name, an ID number's last
 * characters): the same unsafe characters as a file name go (separators, controls, bidi controls),
 * so it stays one folder, never climbs out ("..") and is never hidden; letters of any script and
 * emoji stay. Empty after that, it is `fallback`.
 */
export function safeNamePart(value: string, fallback: string): string {
  let part = value.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  // Leading dots hide a folder; trailing dots and spaces are dropped by Windows.
  part = part.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  part = Array.from(part).slice(0, MAX_PART_CHARS).join('').trim();
  if (part === '') return fallback;
  return WINDOWS_RESERVED.test(part) ? `_${part}` : part;
}
