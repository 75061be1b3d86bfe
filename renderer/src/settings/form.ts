// The settings form's fields and values, shared by the screen and its field components.
import type { TFunction } from 'i18next';
import type { SettingKey } from '../../../shared/contract-appearance';
import type { SettingProblem } from '../../../shared/settings-rules';

export const FORM_KEYS = [
  'outputDir',
  'nameTemplate',
  'concurrency',
  'originalsRetentionDays',
  'idImageRetentionDays',
] as const satisfies readonly SettingKey[];
export type FormKey = (typeof FORM_KEYS)[number];
export type Draft = Record<FormKey, string>;
export type Problems = Partial<Record<FormKey, string>>;
const NUMBER_KEYS: ReadonlySet<FormKey> = new Set([
  'concurrency',
  'originalsRetentionDays',
  'idImageRetentionDays',
]);

/** A problem in the RAO's language, with the rule's bounds or allowed values filled in. */
export function problemText(t: TFunction, problem: SettingProblem): string {
  const { code, ...params } = problem;
  const values: Record<string, unknown> = { ...params };
  if ('allowed' in problem) values.allowed = problem.allowed.join(', ');
  return t(`settings.problems.${code}`, values);
}

/** A stored value as a field's text (core answers strings and numbers for these keys). */
export const asText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** What the field holds as the setting's value: numbers as numbers (NaN when not one). */
export function parse(key: FormKey, text: string): unknown {
  if (!NUMBER_KEYS.has(key)) return text;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}
