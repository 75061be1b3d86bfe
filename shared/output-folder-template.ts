// The output folder as a template ("/home/ana/Signed/{date}/{signer}"): each signer and day get a
// folder of their own, so two customers' "contract.pdf" never become "contract.signed (2).pdf". Pure,
// so core (which resolves it once, when a job starts) and the settings screen's example agree.
import { safeNamePart } from './file-names';

export const FOLDER_PLACEHOLDERS = ['signer', 'id', 'date', 'job'] as const;
export type FolderPlaceholder = (typeof FOLDER_PLACEHOLDERS)[number];

/**
 * {id} is the ID number's last characters only: a folder name is seen by anyone browsing the disk
 * or its backups, so it carries enough to tell two signers of the same name apart, not a number
 * that identifies a person.
 */
export const ID_TAIL_CHARS = 4;

/** The default a new desk starts with, below its "Signed" folder: a folder per day, then per signer. */
export const DEFAULT_FOLDER_PARTS = ['{date}', '{signer}'] as const;

export interface FolderFacts {
  /** The signer's full name as typed. */
  signer: string;
  /** The signer's ID document number (serial_number); only its last characters are used. */
  idNumber: string;
  /** When the job was started. */
  date: Date;
  jobId: string;
}

const PLACEHOLDER = /\{(signer|id|date|job)\}/g;

/** True when the folder names any placeholder: it must be resolved before files are saved. */
export function hasFolderPlaceholders(folder: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(folder);
}

/** The folder a template gives for one job; a folder without placeholders comes back unchanged. */
export function applyFolderTemplate(template: string, facts: FolderFacts): string {
  const values: Record<FolderPlaceholder, string> = {
    signer: safeNamePart(facts.signer, 'signer'),
    id: safeNamePart(idTail(facts.idNumber), 'id'),
    date: localDay(facts.date),
    job: safeNamePart(facts.jobId.slice(0, 8), 'job'),
  };
  return template.replace(PLACEHOLDER, (_whole, key: FolderPlaceholder) => values[key]);
}

/** "…678Z" of "12345678Z", without spaces or dashes, as the {id} placeholder shows it. */
export function idTail(idNumber: string): string {
  return idNumber
    .replace(/[\s\-./]/g, '')
    .toUpperCase()
    .slice(-ID_TAIL_CHARS);
}

/** The calendar day where the desk is (an office working past midnight UTC keeps its own day). */
export function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** What is wrong with the braces of a folder template, or null when every one is a placeholder. */
export function folderTemplateProblem(
  folder: string,
): { code: 'folderPlaceholder'; placeholder: string; allowed: string[] } | { code: 'folderBrace' } | null {
  const names: string[] = [];
  const rest = folder.replace(/\{(\w*)\}/g, (_whole, name: string) => {
    names.push(name);
    return '';
  });
  const unknown = names.find((name) => !(FOLDER_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown !== undefined)
    return { code: 'folderPlaceholder', placeholder: `{${unknown}}`, allowed: folderPlaceholderList() };
  return /[{}]/.test(rest) ? { code: 'folderBrace' } : null;
}

/** "{signer}, {id}, …": the placeholders as the RAO types them. */
export const folderPlaceholderList = (): string[] => FOLDER_PLACEHOLDERS.map((p) => `{${p}}`);

/**
 * The part of a template that is the same for every job: the path up to the first part that names
 * a placeholder. Core checks that this folder exists or can be made and can be written in.
 */
export function fixedFolderPart(template: string): string {
  const parts = template.split(/(?<=[/\\])/);
  const first = parts.findIndex((part) => hasFolderPlaceholders(part));
  return first === -1 ? template : parts.slice(0, first).join('');
}
