// Where the desk builds the appearance it sends: the standard stamp lines are worded in the signer's
// communication language as the create call will send it (the RAO's choice, else the document's
// country, else the office's setting), on a real SQLite store.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { signatureDesign } from '../../electron/core/placement/resolve-job';
import { openStore, type Store } from '../../electron/core/store/index';
import type { SignerIdentity } from '../../shared/signer';
import { SIGNER } from '../helpers/sandbox';
import { officeProfile } from '../helpers/office-profile';

function jobFor(store: Store, signer: SignerIdentity) {
  return store.jobs.create({
    profileId: 'stamp-language-office',
    raoUsername: 'rao-stamp-language',
    label: 'Stamp language',
    signer,
    auth: { method: 'otp', delivery: 'sms' },
    outputDir: join(store.dataDir, 'out'),
    state: 'draft',
    documents: [{ sha256: 'a'.repeat(64), filename: 'contract.pdf', size: 1000, pages: 1 }],
  });
}

describe('the standard stamp lines the desk sends', () => {
  const store = openStore(mkdtempSync(join(tmpdir(), 'stamp-language-')));
  store.profiles.save(
    officeProfile('stamp-language-office', 'http://127.0.0.1:9/oneshot/api/v1', {
      name: 'Stamp language office',
      defaultProfile: 'PFnubeAFCiudadano',
    }),
  );
  after(() => store.close());

  it('follow the signer’s communication language', () => {
    const text = (signer: SignerIdentity) => signatureDesign(store, jobFor(store, signer)).appearance?.text;
    // A Spanish document and no choice made: Spanish, as the create call will send it.
    assert.deepEqual(text(SIGNER), ['Firmado por María Núñez García', 'Documento 12345678Z']);
    assert.deepEqual(text({ ...SIGNER, communication_language: 'PL' }), [
      'Podpisany przez María Núñez García',
      'Dokument 12345678Z',
    ]);
    assert.deepEqual(text({ ...SIGNER, communication_language: 'EN' }), [
      'Signed by María Núñez García',
      'ID 12345678Z',
    ]);
    // Neither Spanish nor Polish document, no choice: the office's setting.
    store.settings.set('signerLanguage', 'PL');
    assert.deepEqual(text({ ...SIGNER, id_document_country: 'FR' }), [
      'Podpisany przez María Núñez García',
      'Dokument 12345678Z',
    ]);
  });
});
