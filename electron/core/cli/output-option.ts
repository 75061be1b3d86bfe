// `--out DIR`: the folder for the signed files gets the checks Settings and the bridge apply, before
// anything is sent to the Optimizer, so a folder that cannot take the files is bad input (exit 2).
// Like the Settings field it may be a template ("./signed/{date}/{signer}"): each job's folder is
// resolved once, as it is queued (queue/output-folder-template.ts).
import { resolve } from 'node:path';
import { checkOutputDir, describeProblem } from '../settings-rules';
import { InputError } from './input-error';

/** The absolute folder `--out` names (relative to the working directory), or InputError. */
export async function checkOutOption(out: string): Promise<string> {
  const verdict = await checkOutputDir(resolve(out));
  if (verdict.ok) return verdict.value as string;
  throw new InputError(`--out ${out}: ${describeProblem('outputDir', verdict.problem)}`);
}
