// Drafts: a job the RAO is still filling in. Files are checked and copied into the document store
// as they arrive; the signer may be incomplete until "Start", which names every missing field.
import { resolve } from 'node:path';
import { signerSchema } from '../../../shared/contract';
import type { Desk } from '../desk';
import { inspectLocalPdf } from '../pdf/index';
import type { JobRecord, NewJob } from '../store/index';
import { BridgeFailure } from './errors';

export type AcceptedDocument = NewJob['documents'][number];

/** Checks every file; refuses the whole set naming each bad file, or imports them all. */
export async function acceptDocuments(
  desk: Desk,
  paths: readonly string[],
  field = 'paths',
): Promise<AcceptedDocument[]> {
  const fields: Record<string, string[]> = {};
  const documents: (AcceptedDocument & { path: string })[] = [];
  for (const [i, path] of paths.entries()) {
    const check = await inspectLocalPdf(path);
    if (!check.ok) fields[`${field}.${i}`] = [check.message];
    else
      documents.push({
        path: resolve(path),
        filename: path.split(/[\\/]/).pop() ?? path,
        size: check.size,
        pages: check.pages,
        sha256: check.sha256,
      });
  }
  if (Object.keys(fields).length > 0)
    throw new BridgeFailure('validation', 'Some documents cannot be signed.', fields);
  for (const d of documents) await desk.store.documents.import(d.path);
  return documents.map(({ path: _p, ...d }) => d);
}

/** "Ana García López", or the first file's name while the signer is still unknown. */
export function jobLabel(
  signer: { given_name?: string; surname_1?: string; surname_2?: string },
  documents: readonly { filename: string }[],
): string {
  const name = [signer.given_name, signer.surname_1, signer.surname_2]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(' ');
  if (name) return name;
  const first = documents[0]?.filename ?? 'New job';
  return documents.length > 1 ? `${first} +${documents.length - 1}` : first;
}

/** Every field a draft still needs before it may be queued, with the reason, keyed like the form. */
export async function missingForStart(desk: Desk, job: JobRecord): Promise<Record<string, string[]>> {
  const fields: Record<string, string[]> = {};
  const signer = signerSchema.safeParse(job.signer);
  if (!signer.success)
    for (const issue of signer.error.issues) {
      const key = `signer.${issue.path.join('.')}`;
      (fields[key] ??= []).push(issue.message);
    }
  if (job.documents.length === 0) fields.documents = ['Add at least one PDF.'];
  if (job.outputDir.trim() === '') fields.outputDir = ['Choose the folder for the signed files.'];
  if (job.raoUsername.trim() === '') fields.raoUsername = ['Choose the RAO whose token signs this job.'];
  else {
    const tokens = await desk.vault.list(job.profileId);
    if (!tokens.some((t) => t.username === job.raoUsername))
      fields.raoUsername = [
        `No token for ${job.raoUsername} on this Optimizer: create one under Connection first.`,
      ];
  }
  if (job.auth.method === 'external' && (job.auth.type.trim() === '' || job.auth.value.trim() === ''))
    fields.auth = ['An external authentication method needs its type and value.'];
  return fields;
}
