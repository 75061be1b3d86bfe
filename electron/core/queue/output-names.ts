// Where a signed PDF is saved: the job's output folder, a naming template such as
// "{name}.signed.pdf", and never over an existing file (" (2)", " (3)"… are added instead).
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface NameFacts {
  /** The original file name. */
  filename: string;
  signer: string;
  requestPk: string;
  date: Date;
  index: number;
}

/** Characters no common file system accepts in a name, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f]/g;

export function applyNameTemplate(template: string, facts: NameFacts): string {
  const name = basename(facts.filename, extname(facts.filename));
  const values: Record<string, string> = {
    name,
    signer: facts.signer,
    pk: facts.requestPk,
    date: facts.date.toISOString().slice(0, 10),
    n: String(facts.index + 1),
  };
  let result = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  result = result.replace(UNSAFE, '_').trim();
  if (!/\.pdf$/i.test(result)) result += '.pdf';
  return result.length > 200 ? `${result.slice(0, 196)}.pdf` : result;
}

/** The first name in `dir` that does not exist yet: "a.pdf", "a (2).pdf", "a (3).pdf"… */
export function freeName(
  dir: string,
  fileName: string,
  taken: (path: string) => boolean = existsSync,
): string {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? fileName : `${stem} (${n})${ext}`);
    if (!taken(candidate)) return candidate;
  }
}
