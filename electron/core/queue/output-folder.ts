// Why a job's output folder cannot take its signed files, in one error the queue stops on: the same
// checks Settings applies (checkOutputDir), and whatever the file system says while saving.
import { problem, type FolderCause, type ProblemValues } from '../../../shared/problems';
import { checkOutputDir } from '../settings-rules';

/** What the RAO can act on; the interface words each (problems' causes). */
export type { FolderCause };

const CAUSE_WORDS: Record<FolderCause, string> = {
  permission: 'permission denied',
  readOnly: 'read-only',
  full: 'the disk is full',
  isFile: 'a file stands where the folder should be',
  missing: 'it does not exist and cannot be made',
  relative: 'it is not a full path',
  other: 'the system refused to write there',
};

export class OutputFolderError extends Error {
  override readonly name = 'OutputFolderError';
  readonly problem: { code: 'outputFolderUnwritable'; values: ProblemValues['outputFolderUnwritable'] };

  constructor(
    readonly folder: string,
    readonly reason: FolderCause,
    detail?: string,
  ) {
    super(
      `The folder “${folder}” can't be written: ${CAUSE_WORDS[reason]}${detail ? ` (${detail})` : ''}. ` +
        'The signed copies stay on the Optimizer: make the folder writable, then retry the job.',
    );
    this.problem = problem('outputFolderUnwritable', { folder, cause: reason });
  }
}

/** Throws OutputFolderError unless `folder` is (or can be made as) a folder we can write in. */
export async function requireWritableFolder(folder: string): Promise<void> {
  const verdict = await checkOutputDir(folder);
  if (verdict.ok) return;
  const problem = verdict.problem;
  switch (problem.code) {
    case 'folderNotWritable':
    case 'folderCannotCreate':
      throw new OutputFolderError(folder, problem.cause);
    case 'folderIsFile':
    case 'folderBlockedByFile':
      throw new OutputFolderError(folder, 'isFile');
    case 'folderRelative':
      throw new OutputFolderError(folder, 'relative');
    case 'folderNoRoot':
      throw new OutputFolderError(folder, 'missing');
    default:
      throw new OutputFolderError(folder, 'other');
  }
}

const ERRNO_CAUSES: Record<string, FolderCause> = {
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'readOnly',
  ENOSPC: 'full',
  EDQUOT: 'full',
  ENOTDIR: 'isFile',
  ENOENT: 'missing',
};

/**
 * The file system's refusal while saving into `folder`, as an OutputFolderError; null for anything
 * else (a signed copy that did not verify, a name taken meanwhile: those have their own ways on).
 */
export function folderErrorFrom(error: unknown, folder: string): OutputFolderError | null {
  if (error instanceof OutputFolderError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || code === 'EEXIST') return null;
  return new OutputFolderError(folder, ERRNO_CAUSES[code] ?? 'other', code);
}
