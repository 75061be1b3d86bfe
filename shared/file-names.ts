// A signed file's name from the office's template ("{name}.signed.pdf", "{date} {name}"…).

/** Characters no common file system accepts in a name, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f]/g;

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
