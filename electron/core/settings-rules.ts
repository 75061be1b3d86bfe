// Core's word on a setting's value: the shared rules, then the checks only Node can make (is the
// output folder there, or can it be made, and may we write in it). A refused value comes back as a
// message that names what is wrong and what is allowed.
import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { Placement, SettingKey } from '../../shared/contract-appearance';
import { SETTING_KEYS } from '../../shared/contract-appearance';
import type { CommunicationLanguage } from '../../shared/signer';
import {
  checkSettingValue,
  type LanguageChoice,
  type SettingProblem,
  type ThemeChoice,
  type WriteCause,
} from '../../shared/settings-rules';
import {
  DEFAULT_FOLDER_PARTS,
  fixedFolderPart,
  folderTemplateProblem,
  hasFolderPlaceholders,
} from '../../shared/output-folder-template';
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
  signerLanguage: CommunicationLanguage | null;
  defaultPlacement: Placement | null;
}

/** What a key holds until someone sets it (the machine-wide file may set some first). */
export function settingDefaults(home = homedir()): SettingValues {
  return {
    language: 'en',
    // A folder per day and signer: two customers' "contract.pdf" never collide (" (2)").
    outputDir: defaultOutputFolder(home),
    nameTemplate: DEFAULT_NAME_TEMPLATE,
    concurrency: 4,
    // A month to look at or re-sign an original after its job finished.
    originalsRetentionDays: 30,
    // ID images normally go as soon as the request is created; this bounds abandoned drafts.
    idImageRetentionDays: 7,
    theme: 'system',
    // Without it a signer from a country other than Spain or Poland is written to in English.
    signerLanguage: null,
    // Until the RAO (or IT, in the machine-wide file) chooses one, signatures are invisible.
    defaultPlacement: null,
  };
}

/** Where a new desk saves signed files: "~/One-Shot Desk/Signed/{date}/{signer}". */
export function defaultOutputFolder(home = homedir()): string {
  return join(home, 'One-Shot Desk', 'Signed', ...DEFAULT_FOLDER_PARTS);
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

export type SettingVerdict = { ok: true; value: unknown } | { ok: false; problem: SettingProblem };

/** The value to store (normalised: trimmed text), or why it is refused. */
export async function checkSetting(key: SettingKey, value: unknown): Promise<SettingVerdict> {
  const check = checkSettingValue(key, value);
  if (!check.ok) return check;
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
      return refuse({ code: 'templateUnusable', sample });
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
  if (!isAbsolute(value)) return refuse({ code: 'folderRelative' });
  const braces = folderTemplateProblem(value);
  if (braces !== null) return refuse(braces);
  // A template: the part every job shares is checked; the parts below it are made at the first save
  // (requireWritableFolder checks the job's own folder then).
  if (hasFolderPlaceholders(value)) {
    const fixed = await checkOutputDir(resolve(fixedFolderPart(value)));
    return fixed.ok ? { ok: true, value: normalize(value) } : fixed;
  }
  const folder = normalize(value);
  let existing = folder;
  for (;;) {
    const kind = await kindOf(existing);
    if (kind === 'folder') break;
    if (kind === 'file')
      return refuse(
        existing === folder
          ? { code: 'folderIsFile', folder }
          : { code: 'folderBlockedByFile', folder, file: existing },
      );
    const parent = dirname(existing);
    if (parent === existing) return refuse({ code: 'folderNoRoot', folder });
    existing = parent;
  }
  const cause = await writeProblem(existing);
  if (cause === null) return { ok: true, value: folder };
  return refuse(
    existing === folder
      ? { code: 'folderNotWritable', folder, cause }
      : { code: 'folderCannotCreate', folder, parent: existing, cause },
  );
}

const refuse = (problem: SettingProblem): SettingVerdict => ({ ok: false, problem });

/** The English message core answers with; the screen words the same problems in the RAO's language. */
export function describeProblem(key: SettingKey, problem: SettingProblem): string {
  const label = LABELS[key];
  switch (problem.code) {
    case 'language':
    case 'theme':
    case 'signerLanguage':
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
    case 'placement':
      return `The ${label} must be null or a rule: a page (first, last or a number from 1), a corner, and a box in points.`;
    case 'folderEmpty':
      return 'Choose the folder for the signed files.';
    case 'folderRelative':
      return 'The output folder must be a full path, starting at the root (/…) or a drive (C:\\…).';
    case 'folderPlaceholder':
      return `The output folder uses ${problem.placeholder}, which is not a placeholder; use ${problem.allowed.join(', ')}.`;
    case 'folderBrace':
      return 'The output folder has a { or } that does not belong to a placeholder such as {signer}.';
    case 'folderIsFile':
      return `“${problem.folder}” is a file, not a folder. Choose a folder.`;
    case 'folderBlockedByFile':
      return `“${problem.folder}” cannot be created because “${problem.file}” is a file. Choose another folder.`;
    case 'folderNoRoot':
      return `“${problem.folder}” cannot be created: its drive or root does not exist.`;
    case 'folderNotWritable':
      return `One-Shot Desk may not write in “${problem.folder}” (${CAUSES[problem.cause]}). Choose a folder you can save files in.`;
    case 'folderCannotCreate':
      return `“${problem.folder}” does not exist and cannot be created: One-Shot Desk may not write in “${problem.parent}” (${CAUSES[problem.cause]}).`;
    case 'templateUnusable':
      return `The file-name template gives “${problem.sample}”, which is not a usable name.`;
  }
}

const CAUSES: Record<WriteCause, string> = {
  permission: 'permission denied',
  readOnly: 'read-only',
  full: 'the disk is full',
  other: 'the system refused a test file',
};

const LABELS: Record<SettingKey, string> = {
  language: 'language',
  outputDir: 'output folder',
  nameTemplate: 'file-name template',
  concurrency: 'number of jobs run at once',
  originalsRetentionDays: 'number of days originals are kept',
  idImageRetentionDays: 'number of days ID images are kept',
  theme: 'theme',
  signerLanguage: 'signers’ language where their country does not settle it',
  defaultPlacement: 'default placement of new jobs’ signatures',
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

/** Null when a file can be made in `folder`, else why not, as the RAO can act on it. */
async function writeProblem(folder: string): Promise<WriteCause | null> {
  const probe = join(folder, `.oneshot-write-test-${randomBytes(6).toString('hex')}`);
  try {
    const file = await open(probe, 'wx');
    await file.close();
    await unlink(probe);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'permission';
    if (code === 'EROFS') return 'readOnly';
    if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
    return 'other';
  }
}
