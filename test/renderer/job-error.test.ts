// A job stopped by an output folder that can't be written is worded in the RAO's language, with the
// cause worded too and the folder isolated from the sentence's own direction; any other failure
// keeps core's message.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { jobErrorText } from '../../renderer/src/components/job-error';
import { resources } from '../../renderer/src/i18n/catalogue';

async function inLanguage(lng: 'en' | 'es' | 'pl') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const stopped = {
  kind: 'output_folder',
  message: "The folder “/media/usb/Firmados” can't be written: read-only.",
  retryable: true,
  problem: { name: 'outputFolderUnwritable', values: { folder: '/media/usb/Firmados', cause: 'readOnly' } },
};

describe('job error wording', () => {
  it('words an unwritable output folder in English, Spanish and Polish', async () => {
    const expected = {
      en: 'The folder “\u2068/media/usb/Firmados\u2069” can’t be written: read-only.',
      es: 'No se puede escribir en la carpeta «\u2068/media/usb/Firmados\u2069»: solo lectura.',
      pl: 'Nie można zapisać w folderze „\u2068/media/usb/Firmados\u2069”: tylko do odczytu.',
    } as const;
    for (const lng of ['en', 'es', 'pl'] as const) {
      const i18n = await inLanguage(lng);
      const text = jobErrorText(i18n.t, i18n, stopped);
      assert.ok(text.startsWith(expected[lng]), `${lng}: ${text}`);
    }
  });

  it('keeps core’s message for a failure without a known problem', async () => {
    const i18n = await inLanguage('pl');
    const plain = { kind: 'server', message: 'The Optimizer answered 500.', retryable: true };
    assert.equal(jobErrorText(i18n.t, i18n, plain), plain.message);
    const unknown = { ...plain, problem: { name: 'somethingNew', values: {} } };
    assert.equal(jobErrorText(i18n.t, i18n, unknown), plain.message);
  });
});
