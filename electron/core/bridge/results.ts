// The signed copies as saved: each one verified again on request (the signature, the signer, that
// it covers the whole file and the original is unchanged), and its bytes for the viewer.
import { readFile } from 'node:fs/promises';
import type { Desk } from '../desk';
import { verifySignedPdf } from '../pdf/index';
import { refusal } from './errors';
import { requireJob, signedDocument, type Room } from './guards';

type ResultOperations = Room<'results.verify' | 'results.file'>;

export function resultOperations(desk: Pick<Desk, 'store'>): ResultOperations {
  const { store } = desk;
  return {
    'results.verify': async ({ jobId, position }) => {
      const doc = signedDocument(requireJob(store, jobId), position);
      const result = await verifySignedPdf(doc.outputPath, {
        expectedOriginal: { size: doc.size, sha256: doc.sha256 },
      });
      return {
        ok: result.ok,
        signerName: result.last?.signer?.commonName ?? null,
        signingTime: result.last?.signingTime ?? null,
        coversWholeFile: result.last?.coversWholeFile ?? false,
        problems: result.problems,
      };
    },
    'results.file': async ({ jobId, position }) => {
      const doc = signedDocument(requireJob(store, jobId), position);
      try {
        return {
          filename: doc.outputPath.split(/[\\/]/).pop() ?? doc.filename,
          base64: (await readFile(doc.outputPath)).toString('base64'),
        };
      } catch {
        throw refusal('not_found', `The signed file is no longer at ${doc.outputPath}.`, 'signedFileMoved', {
          path: doc.outputPath,
        });
      }
    },
  };
}
