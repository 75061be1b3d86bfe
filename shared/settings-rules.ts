// What each setting may hold, as pure rules shared by core (which enforces them on every change)
// and the settings screen (which explains a problem in the RAO's language before saving). The
// output folder's file-system checks need Node and live in core (electron/core/settings-rules.ts).
import { placementSchema, type Placement, type SettingKey } from './contract-appearance';
import { folderTemplateProblem } from './output-folder-template';
import { LANGUAGES } from './signer';

export const LANGUAGE_CHOICES = ['en', 'es', 'pl'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** 'system' follows the operating system's light or dark preference, and its changes. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const CONCURRENCY_RANGE = { min: 1, max: 16 } as const;
/** Days; 0 means "no time limit": the copy is kept until some other rule removes it. */
export const RETENTION_RANGE = { min: 0, max: 3650 } as const;

/** The placeholders a file-name template may use (see electron/core/queue/output-names.ts). */
export const NAME_PLACEHOLDERS = ['name', 'signer', 'pk', 'date', 'n'] as const;
/** At least one of these, so each document of a job gets a name of its own. */
export const DISTINCT_PLACEHOLDERS = ['name', 'n'] as const;
export const MAX_TEMPLATE_LENGTH = 200;

export type SettingProblem =
  | { code: 'language'; allowed: readonly string[] }
  | { code: 'theme'; allowed: readonly string[] }
  | { code: 'signerLanguage'; allowed: readonly string[] }
  | { code: 'wholeNumber'; min: number; max: number }
  | { code: 'templateEmpty' }
  | { code: 'templateTooLong'; max: number }
  | { code: 'templateSeparator' }
  | { code: 'templateUnsafe'; character: string }
  | { code: 'templatePlaceholder'; placeholder: string; allowed: readonly string[] }
  | { code: 'templateBrace' }
  | { code: 'templateNoName' }
  | { code: 'templateLeadingDot' }
  | { code: 'placement' }
  | { code: 'folderEmpty' }
  | { code: 'folderRelative' }
  | { code: 'folderPlaceholder'; placeholder: string; allowed: readonly string[] }
  | { code: 'folderBrace' }
  // Found by core alone: the file system's answer, and a template's sample name.
  | { code: 'folderIsFile'; folder: string }
  | { code: 'folderBlockedByFile'; folder: string; file: string }
  | { code: 'folderNoRoot'; folder: string }
  | { code: 'folderNotWritable'; folder: string; cause: WriteCause }
  | { code: 'folderCannotCreate'; folder: string; parent: string; cause: WriteCause }
  | { code: 'templateUnusable'; sample: string };

/** Why a folder refused a test file, as a person would act on it. */
export type WriteCause = 'permission' | 'readOnly' | 'full' | 'other';

/**
 * A problem as the bridge carries it (its code and flat values), so the screen words a refusal
 * from core in the RAO's language too.
 */
export function problemForBridge(problem: SettingProblem): {
  code: string;
  values: Record<string, string | number>;
} {
  const { code, ...rest } = problem;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(rest) as [string, unknown][])
    values[name] = Array.isArray(value) ? value.join(', ') : (value as string | number);
  return { code, values };
}

export type SettingCheck<T = unknown> = { ok: true; value: T } | { ok: false; problem: SettingProblem };

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const UNSAFE_IN_NAME = /[<>:"|?*\u0000-\u001f]/;

/** The rules that need no file system: every key but the output folder's existence and rights. */
export function checkSettingValue(key: SettingKey, value: unknown): SettingCheck {
  switch (key) {
    case 'language':
      return oneOf(value, LANGUAGE_CHOICES, 'language');
    case 'theme':
      return oneOf(value, THEME_CHOICES, 'theme');
    case 'signerLanguage':
      return value === null ? { ok: true, value: null } : oneOf(value, LANGUAGES, 'signerLanguage');
    case 'concurrency':
      return wholeNumber(value, CONCURRENCY_RANGE);
    case 'originalsRetentionDays':
    case 'idImageRetentionDays':
      return wholeNumber(value, RETENTION_RANGE);
    case 'nameTemplate':
      return checkNameTemplate(value);
    case 'outputDir':
      return checkFolderText(value);
    case 'defaultPlacement':
      return checkDefaultPlacement(value);
  }
}

/** Null (new jobs start without a stamp) or a rule as the placement editor makes it. */
export function checkDefaultPlacement(value: unknown): SettingCheck<Placement | null> {
  if (value === null) return { ok: true, value: null };
  const parsed = placementSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : fail({ code: 'placement' });
}

export function checkNameTemplate(value: unknown): SettingCheck<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail({ code: 'templateEmpty' });
  const template = value.trim();
  if (template.length > MAX_TEMPLATE_LENGTH)
    return fail({ code: 'templateTooLong', max: MAX_TEMPLATE_LENGTH });
  if (/[/\\]/.test(template)) return fail({ code: 'templateSeparator' });
  const unsafe = UNSAFE_IN_NAME.exec(template);
  if (unsafe) return fail({ code: 'templateUnsafe', character: printable(unsafe[0]) });
  const used: string[] = [];
  // Every brace must belong to a placeholder: a lone one is almost always a typing slip.
  const rest = template.replace(/\{(\w*)\}/g, (_whole, name: string) => {
    used.push(name);
    return '';
  });
  const unknown = used.find((name) => !(NAME_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown !== undefined)
    return fail({ code: 'templatePlaceholder', placeholder: `{${unknown}}`, allowed: placeholderList() });
  if (/[{}]/.test(rest)) return fail({ code: 'templateBrace' });
  if (!used.some((name) => (DISTINCT_PLACEHOLDERS as readonly string[]).includes(name)))
    return fail({ code: 'templateNoName' });
  // A name starting with a dot is hidden on macOS and Linux: the RAO would not find the file.
  if (template.startsWith('.')) return fail({ code: 'templateLeadingDot' });
  return { ok: true, value: template };
}

/** The text checks of a folder path; core then checks that it exists or can be made, and is writable. */
export function checkFolderText(value: unknown): SettingCheck<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail({ code: 'folderEmpty' });
  const folder = value.trim();
  // Either platform's full path: the screen does not know which one the desk runs on.
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(folder)) return fail({ code: 'folderRelative' });
  // The folder may be a template ({signer}, {id}, {date}, {job}): its braces must be placeholders.
  const template = folderTemplateProblem(folder);
  if (template !== null) return fail(template);
  return { ok: true, value: folder };
}

/** "{name}, {signer}, …": the placeholders as the RAO types them. */
export const placeholderList = (): string[] => NAME_PLACEHOLDERS.map((p) => `{${p}}`);

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  code: 'language' | 'theme' | 'signerLanguage',
): SettingCheck<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? { ok: true, value: value as T }
    : fail({ code, allowed });
}

function wholeNumber(value: unknown, range: { min: number; max: number }): SettingCheck<number> {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max
    ? { ok: true, value }
    : fail({ code: 'wholeNumber', min: range.min, max: range.max });
}

const fail = (problem: SettingProblem): { ok: false; problem: SettingProblem } => ({ ok: false, problem });

const printable = (character: string): string =>
  character < ' ' ? `U+${character.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` : character;
