// Where a signed PDF is saved: the job's output folder, a naming template such as
// "{name}.signed.pdf", and never over an existing file (" (2)", " (3)"… are added instead).
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

export { applyNameTemplate, type NameFacts } from '../../../shared/file-names';

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
