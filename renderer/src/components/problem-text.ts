// A problem core named (shared/problems.ts), worded in the RAO's language: values from a closed
// list (the step that failed, a field, the rule it broke, a folder's cause) worded too, a path
// isolated from the sentence's direction, and each optional value adding its own sentence.
import type { TFunction } from 'i18next';
import { isProblemCode, PROBLEM_SHAPES } from '../../../shared/problems';
import { isolated } from './isolated';

type Values = Readonly<Record<string, string | number>>;

/** Where a closed list's value is worded (causes are Settings' own words for the same folder checks). */
const LISTS: Readonly<Record<string, string>> = {
  step: 'problemParts.steps',
  field: 'problemParts.fields',
  rule: 'problemParts.rules',
  cause: 'settings.writeCauses',
};

/** Values that are paths: shown as they are, without reordering the sentence around them. */
const PATHS: ReadonlySet<string> = new Set(['folder', 'path']);

/** The problem in words, or null when its code is not one of shared/problems.ts'. */
export function problemText(
  t: TFunction,
  problem: { code: string; values: Values } | undefined,
): string | null {
  if (!problem || !isProblemCode(problem.code)) return null;
  const shape: Readonly<Record<string, string>> = PROBLEM_SHAPES[problem.code];
  const values: Record<string, string | number> = {};
  let added = '';
  for (const [name, kind] of Object.entries(shape)) {
    const value = problem.values[name];
    if (value === undefined) continue;
    if (kind.endsWith('?')) added += t(`problemParts.optional.${name}`, { [name]: value });
    else if (LISTS[kind]) values[name] = t(`${LISTS[kind]}.${value}`, { defaultValue: String(value) });
    else values[name] = PATHS.has(name) ? isolated(String(value)) : value;
  }
  return t(`problems.${problem.code}`, values) + added;
}
