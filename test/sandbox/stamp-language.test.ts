// A stamp speaks the signer's language: the desk's standard lines in the signer's communication
// language, and the sandbox's own words (date, reason, location, the SANDBOX notice, the fallback
// "signed by") in the language the request was created with. Read back with pdftotext from PDFs
// the sandbox signed over a real socket.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import type { SignatureAppearance } from '../../shared/signature';
import type { CommunicationLanguage } from '../../shared/signer';
import { STANDARD_TEMPLATE, templateToSignature } from '../../shared/template';
import { makePdf } from '../fixtures/pdfs';
import { pdfText } from '../helpers/pdf-judges';
import { call, createRequest, download, sendOtpAndRead, upload } from '../helpers/sandbox';

let sandbox: SandboxHandle;
const work = mkdtempSync(join(tmpdir(), 'stamp-language-'));
before(async () => {
  sandbox = await startSandbox({ log: () => {} });
});
after(async () => sandbox.stop());

/** Signs one page for a request in `language` with `appearance`; the signed PDF's text. */
async function signedText(language: CommunicationLanguage, appearance: SignatureAppearance): Promise<string> {
  const base = sandbox.baseUrl;
  const pk = await createRequest(base, { communication_language: language });
  const [uid] = await upload(base, pk, [{ name: 'contract.pdf', bytes: await makePdf({ pages: 1 }) }]);
  const secret = await sendOtpAndRead(base, pk);
  const signed = await call(base, 'POST', `/sign/${pk}`, {
    secret,
    signature: { appearance: { ...appearance, position: '50,50,330,150', page: 0 } },
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const file = await download(base, `/document/${pk}/${uid}?document_type=signed`);
  assert.equal(file.status, 200);
  const path = join(work, `${language}-${pk}.pdf`);
  writeFileSync(path, file.bytes);
  return pdfText(path);
}

const signer = { signer: 'María Núñez García', id: '12345678Z' };
const desksAppearance = (language: CommunicationLanguage): SignatureAppearance => ({
  ...templateToSignature(STANDARD_TEMPLATE, signer, language).appearance,
  reason: 'Contrato',
  location: 'Madrid',
});
const ENGLISH = /Signed by|ID 12345678Z|Date:|Reason:|Location:|no legal value/;

describe('stamp wording in the signer’s language', () => {
  // Written out in full here, not taken from shared/stamp-layout.ts: the test says what a reader sees.
  const expected: [CommunicationLanguage, string, RegExp[]][] = [
    [
      'ES',
      'Spanish',
      [/Firmado por María Núñez García/, /Documento 12345678Z/, /Fecha: \d{4}-\d\d-\d\d/, /Motivo: Contrato/],
    ],
    [
      'PL',
      'Polish',
      [
        /Podpisany przez María Núñez García/,
        /Dokument 12345678Z/,
        /Data: \d{4}-\d\d-\d\d/,
        /Powód: Contrato/,
      ],
    ],
    [
      'EN',
      'English',
      [/Signed by María Núñez García/, /ID 12345678Z/, /Date: \d{4}-\d\d-\d\d/, /Reason: Contrato/],
    ],
  ];
  const place = { ES: /Lugar: Madrid/, PL: /Miejsce: Madrid/, EN: /Location: Madrid/ };
  const notice = {
    ES: /SANDBOX - sin validez legal/,
    PL: /SANDBOX - bez mocy prawnej/,
    EN: /SANDBOX - no legal value/,
  };
  for (const [language, name, lines] of expected) {
    it(`a signer whose communication language is ${name} gets a stamp in ${name}`, async () => {
      const text = await signedText(language, desksAppearance(language));
      for (const line of [...lines, place[language], notice[language]]) assert.match(text, line);
      if (language !== 'EN') assert.doesNotMatch(text, ENGLISH);
    });
  }

  it('the sandbox’s own "signed by" line, when the design sends none, follows the request', async () => {
    const text = await signedText('ES', {});
    assert.match(text, /Firmado por: /);
    assert.doesNotMatch(text, ENGLISH);
  });

  it('lines an office wrote itself are sent as written, whatever the language', () => {
    const own = { ...STANDARD_TEMPLATE, lines: ['Firma de {signer}', 'Ref. {id}'] };
    assert.deepEqual(templateToSignature(own, signer, 'PL').appearance?.text, [
      'Firma de María Núñez García',
      'Ref. 12345678Z',
    ]);
    // The standard lines in any language count as the standard design.
    const spanishStandard = { ...STANDARD_TEMPLATE, lines: ['Firmado por {signer}', 'Documento {id}'] };
    assert.deepEqual(templateToSignature(spanishStandard, signer, 'EN').appearance?.text, [
      'Signed by María Núñez García',
      'ID 12345678Z',
    ]);
    assert.deepEqual(templateToSignature(STANDARD_TEMPLATE, signer).appearance?.text, [
      'Signed by María Núñez García',
      'ID 12345678Z',
    ]);
  });
});
