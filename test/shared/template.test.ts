// Appearance templates without I/O: placeholders filled or kept for later, a design turned into the
// sign call's `signature` object, and the shared file refused with reasons a person can act on.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { templateDesignSchema, type TemplateDesign } from '../../shared/contract-appearance';
import { parseSignatureParams } from '../../shared/signature';
import {
  fillPlaceholders,
  MAX_TEMPLATE_FILE_CHARS,
  parseTemplateFile,
  PLACEHOLDERS,
  pngProblem,
  STANDARD_TEMPLATE,
  templateFile,
  templateToSignature,
} from '../../shared/template';

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const design = (overrides: Partial<TemplateDesign> = {}): TemplateDesign => ({
  ...STANDARD_TEMPLATE,
  name: 'Notary',
  lines: ['Signed by {signer}', 'ID {id}', 'On {date}', '{reason}'],
  reason: 'Contract',
  location: 'Madrid',
  ...overrides,
});

describe('template placeholders', () => {
  it('fills the placeholders given and keeps the others for later', () => {
    assert.deepEqual([...PLACEHOLDERS], ['signer', 'date', 'reason', 'location', 'id']);
    assert.equal(
      fillPlaceholders('{signer} · {id} · {date} · {unknown} · {signer}', { signer: 'Ana', id: '123Z' }),
      'Ana · 123Z · {date} · {unknown} · Ana',
    );
    assert.equal(fillPlaceholders('{date}', { date: '2026-11-25' }), '2026-11-25');
    // An empty value is a value: the placeholder goes.
    assert.equal(fillPlaceholders('[{location}]', { location: '' }), '[]');
    // A value that looks like a placeholder is not filled again.
    assert.equal(fillPlaceholders('{signer} {id}', { signer: '{id}', id: 'X' }), '{id} X');
  });
});

describe('templateToSignature', () => {
  it('turns a design into the signature object, without position or page', () => {
    const signature = templateToSignature(design({ image: PNG_1X1, qrcode: 'https://v.example/{id}' }), {
      signer: 'María Núñez',
      id: '12345678Z',
    });
    assert.deepEqual(signature, {
      appearance: {
        text: ['Signed by María Núñez', 'ID 12345678Z', 'On {date}', 'Contract'],
        text_size: 8,
        text_align: 'left',
        reason: 'Contract',
        location: 'Madrid',
        b64_image: PNG_1X1,
        qrcode: 'https://v.example/12345678Z',
      },
      level: 'BES',
      use_tsa: true,
      subfilter: 'adbe.pkcs7.detached',
    });
    assert.equal(signature.appearance?.position, undefined);
    assert.equal(signature.appearance?.page, undefined);
    // What the --appearance parser accepts is what the template produces.
    assert.ok(parseSignatureParams(signature).ok);
  });

  it('lets the job override reason and location, and drops lines left empty', () => {
    const signature = templateToSignature(
      design({ reason: '', location: '', textAlign: 'right', textSize: 11, level: 'LTV', useTsa: false }),
      { signer: 'Ana', id: '1', date: '2026-11-25 10:00', location: 'Kraków' },
    );
    assert.deepEqual(signature.appearance?.text, ['Signed by Ana', 'ID 1', 'On 2026-11-25 10:00']);
    assert.equal(signature.appearance?.reason, undefined);
    assert.equal(signature.appearance?.location, 'Kraków');
    assert.equal(signature.appearance?.qrcode, undefined);
    assert.equal(signature.appearance?.b64_image, undefined);
    assert.equal(signature.appearance?.text_align, 'right');
    assert.equal(signature.appearance?.text_size, 11);
    assert.equal(signature.level, 'LTV');
    assert.equal(signature.use_tsa, false);
  });

  it('starts a fresh desk with a standard design the schema accepts', () => {
    assert.ok(templateDesignSchema.safeParse(STANDARD_TEMPLATE).success);
    assert.deepEqual(STANDARD_TEMPLATE.lines, ['Signed by {signer}', 'ID {id}']);
    assert.equal(STANDARD_TEMPLATE.level, 'BES');
    assert.equal(STANDARD_TEMPLATE.useTsa, true);
  });
});

describe('template file', () => {
  it('round-trips designs through the shared format', () => {
    const designs = [design(), design({ name: 'With image', image: PNG_1X1, qrcode: '{id}' })];
    const json = templateFile(designs);
    const file = JSON.parse(json) as Record<string, unknown>;
    assert.equal(file.format, 'oneshot-desk.templates');
    assert.equal(file.version, 1);
    assert.deepEqual(parseTemplateFile(json), { ok: true, designs });
  });

  const problems = (json: string): string[] => {
    const parsed = parseTemplateFile(json);
    assert.equal(parsed.ok, false, `accepted: ${json.slice(0, 100)}`);
    return parsed.ok ? [] : parsed.problems;
  };
  const wrap = (templates: unknown, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ format: 'oneshot-desk.templates', version: 1, templates, ...extra });

  it('refuses what is not a template file, naming why', () => {
    assert.match(problems('{ nope')[0] ?? '', /not JSON/);
    assert.match(problems('[1,2]')[0] ?? '', /not a One-Shot Desk template file/);
    assert.match(problems(JSON.stringify({ format: 'other', version: 1, templates: [] }))[0] ?? '', /format/);
    assert.match(problems(wrap([design()], { version: 2 }))[0] ?? '', /version 2.*version 1/);
    assert.match(problems(wrap('x'))[0] ?? '', /no list of templates/);
    assert.match(problems(wrap([]))[0] ?? '', /no templates/);
    assert.match(problems(' '.repeat(MAX_TEMPLATE_FILE_CHARS + 1))[0] ?? '', /too large/);
  });

  it('lists every bad template field and every image that is not a PNG', () => {
    const found = problems(
      wrap([
        design(),
        { ...design(), name: '', textSize: 99 },
        design({ name: 'JPEG', image: '/9j/4AAQSkZJRgABAQ==' }),
        design({ name: 'Garbage', image: 'not base64!' }),
      ]),
    );
    assert.ok(
      found.some((p) => /^Template 2 \(name\)/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /^Template 2 \(textSize\)/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /Template 3 \("JPEG"\): the image is not a PNG/.test(p)),
      found.join('\n'),
    );
    assert.ok(found.some((p) => /Template 4 \("Garbage"\): the image is not valid base64/.test(p)));
    assert.ok(!found.some((p) => p.startsWith('Template 1')));
    assert.equal(pngProblem(PNG_1X1), null);
  });
});
