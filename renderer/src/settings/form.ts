// The settings form's fields and values, shared by the screen and its field components.
import type { TFunction } from 'i18next';
import type { SettingKey } from '../../../shared/contract-appearance';
import type { BridgeError } from '../../../shared/contract';
import { problemForBridge, type SettingProblem } from '../../../shared/settings-rules';
import { settings } from '../i18n/en/settings';

const PROBLEM_CODES: ReadonlySet<string> = new Set(Object.keys(settings.settings.problems));
const WRITE_CAUSES: ReadonlySet<string> = new Set(Object.keys(settings.settings.writeCauses));

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

/** A problem in the RAO's language, with the rule's bounds, allowed values or paths filled in. */
export function problemText(t: TFunction, problem: SettingProblem): string {
  return bridgeProblemText(t, problemForBridge(problem)) ?? problem.code;
}

/**
 * A refusal from core in the RAO's language, when it names a problem this screen knows; null
 * otherwise (the caller shows core's own message).
 */
export function bridgeProblemText(t: TFunction, problem: BridgeError['problem']): string | null {
  if (!problem || !PROBLEM_CODES.has(problem.code)) return null;
  const values: Record<string, string | number> = { ...problem.values };
  const cause = problem.values.cause;
  if (typeof cause === 'string' && WRITE_CAUSES.has(cause)) values.cause = t(`settings.writeCauses.${cause}`);
  return t(`settings.problems.${problem.code}`, values);
}

/** A stored value as a field's text (core answers strings and numbers for these keys). */
export const asText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** What the field holds as the setting's value: numbers as numbers (NaN when not one). */
export function parse(key: FormKey, text: string): unknown {
  if (!NUMBER_KEYS.has(key)) return text;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}
