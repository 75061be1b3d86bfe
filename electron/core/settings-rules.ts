// Core's word on a setting's value: the shared rules, then the checks only Node can make (is the
// output folder there, or can it be made, and may we write in it). A refused value comes back as a
// message that names what is wrong and what is allowed.
import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { SettingKey } from '../../shared/contract-appearance';
import { SETTING_KEYS } from '../../shared/contract-appearance';
import {
  checkSettingValue,
  type LanguageChoice,
  type SettingProblem,
  type ThemeChoice,
} from '../../shared/settings-rules';
import { applyNameTemplate } from './queue/output-names';
import { DEFAULT_NAME_TEMPLATE } from './store/jobs';

export interface SettingValues {
  language: LanguageChoice;
  outputDir: string;
  nameTemplate: string;
  concurrency: number;
  originalsRetentionDays: number;
  idImageRetentionDays: number;
  theme: ThemeChoice;
}

/** What a key holds until someone sets it (the machine-wide file may set some first). */
export function settingDefaults(home = homedir()): SettingValues {
  return {
    language: 'en',
    outputDir: join(home, 'One-Shot Desk', 'Signed'),
    nameTemplate: DEFAULT_NAME_TEMPLATE,
    concurrency: 4,
    // A month to look at or re-sign an original after its job finished.
    originalsRetentionDays: 30,
    // ID images normally go as soon as the request is created; this bounds abandoned drafts.
    idImageRetentionDays: 7,
    theme: 'system',
  };
}

/**
 * Every key with its effective value: the stored one when it still follows the rules (a value from
 * an older version or a hand-edited machine file may not), else the default. Other stored keys
 * (the active profile, window bounds…) pass through unchanged.
 */
export function effectiveSettings(stored: Record<string, unknown>): Record<string, unknown> {
  const defaults = settingDefaults();
  const effective: Record<string, unknown> = { ...stored };
  for (const key of SETTING_KEYS) {
    const check = checkSettingValue(key, stored[key]);
    effective[key] = check.ok ? check.value : defaults[key];
  }
  return effective;
}

export type SettingVerdict = { ok: true; value: unknown } | { ok: false; message: string };

/** The value to store (normalised: trimmed text), or why it is refused. */
export async function checkSetting(key: SettingKey, value: unknown): Promise<SettingVerdict> {
  const check = checkSettingValue(key, value);
  if (!check.ok) return { ok: false, message: describeProblem(key, check.problem) };
  if (key === 'outputDir') return checkOutputDir(check.value as string);
  if (key === 'nameTemplate') {
    // The queue's own naming must agree: a sample name has to come out as a plain PDF name.
    const sample = applyNameTemplate(check.value as string, {
      filename: 'contract.pdf',
      signer: 'Signer',
      requestPk: 'pk',
      date: new Date(),
      index: 0,
    });
    if (/[/\\]/.test(sample) || sample.startsWith('.') || sample === '.pdf')
      return { ok: false, message: `The file-name template gives “${sample}”, which is not a usable name.` };
  }
  return { ok: true, value: check.value };
}

/**
 * An output folder is accepted when it is a full path and either exists as a folder we can write in,
 * or does not exist yet and the nearest folder above it that does exist is one we can write in (the
 * queue makes the missing folders when it saves the first signed file). Writing is tried for real
 * — a test file made and removed — because permission bits do not tell the whole story (ACLs,
 * read-only mounts).
 */
export async function checkOutputDir(value: string): Promise<SettingVerdict> {
  if (!isAbsolute(value))
    return {
      ok: false,
      message: `“${value}” is not a full path. Give the whole path of the folder, starting at the root (/…) or a drive (C:\\…).`,
    };
  const folder = normalize(value);
  let existing = folder;
  for (;;) {
    const kind = await kindOf(existing);
    if (kind === 'folder') break;
    if (kind === 'file')
      return {
        ok: false,
        message:
          existing === folder
            ? `“${folder}” is a file, not a folder. Choose a folder.`
            : `“${folder}” cannot be created because “${existing}” is a file. Choose another folder.`,
      };
    const parent = dirname(existing);
    if (parent === existing)
      return { ok: false, message: `“${folder}” cannot be created: its drive or root does not exist.` };
    existing = parent;
  }
  const problem = await writeProblem(existing);
  if (problem === null) return { ok: true, value: folder };
  return {
    ok: false,
    message:
      existing === folder
        ? `One-Shot Desk may not write in “${folder}” (${problem}). Choose a folder you can save files in.`
        : `“${folder}” does not exist and cannot be created: One-Shot Desk may not write in “${existing}” (${problem}).`,
  };
}

/** The English message core answers with; the screen words the same problems in the RAO's language. */
export function describeProblem(key: SettingKey, problem: SettingProblem): string {
  const label = LABELS[key];
  switch (problem.code) {
    case 'language':
    case 'theme':
      return `The ${label} must be one of ${problem.allowed.join(', ')}.`;
    case 'wholeNumber':
      return `The ${label} must be a whole number from ${problem.min} to ${problem.max}.`;
    case 'templateEmpty':
      return 'The file-name template is empty; use for example {name}.signed.pdf.';
    case 'templateTooLong':
      return `The file-name template is longer than ${problem.max} characters.`;
    case 'templateSeparator':
      return 'The file-name template may not contain / or \\: it names a file, not a folder.';
    case 'templateUnsafe':
      return `The file-name template contains “${problem.character}”, which file systems do not accept in a name.`;
    case 'templatePlaceholder':
      return `The file-name template uses ${problem.placeholder}, which is not a placeholder; use ${problem.allowed.join(', ')}.`;
    case 'templateBrace':
      return 'The file-name template has a { or } that does not belong to a placeholder such as {name}.';
    case 'templateNoName':
      return 'The file-name template must contain {name} or {n}, so each document gets its own name.';
    case 'templateLeadingDot':
      return 'The file-name template may not start with a dot: the file would be hidden.';
    case 'folderEmpty':
      return 'Choose the folder for the signed files.';
    case 'folderRelative':
      return 'The output folder must be a full path, starting at the root (/…) or a drive (C:\\…).';
  }
}

const LABELS: Record<SettingKey, string> = {
  language: 'language',
  outputDir: 'output folder',
  nameTemplate: 'file-name template',
  concurrency: 'number of jobs run at once',
  originalsRetentionDays: 'number of days originals are kept',
  idImageRetentionDays: 'number of days ID images are kept',
  theme: 'theme',
};

async function kindOf(path: string): Promise<'folder' | 'file' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file stands higher up the path; walking up finds and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
}

/** Null when a file can be made in `folder`, else the system's short reason (EACCES, EROFS…). */
async function writeProblem(folder: string): Promise<string | null> {
  const probe = join(folder, `.oneshot-write-test-${randomBytes(6).toString('hex')}`);
  try {
    const file = await open(probe, 'wx');
    await file.close();
    await unlink(probe);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
        ? 'read-only'
        : (code ?? 'error');
  }
}
