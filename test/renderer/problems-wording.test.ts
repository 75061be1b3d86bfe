// Every problem code core or the bridge can report is worded in every language the desk speaks:
// for each code in PROBLEM_CODES, sample values built from its shape (PROBLEM_SHAPES) must all
// appear in the text (a step, a field, a rule or a cause as the language words it), no `{{` or raw
// key may be left, and Spanish and Polish must not be the English text.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import i18next, { type TFunction } from 'i18next';
import { problemText } from '../../renderer/src/components/problem-text';
import { resources } from '../../renderer/src/i18n/catalogue';
import { signerSchema } from '../../shared/contract-schemas';
import {
  fieldProblemsOf,
  FIELD_RULES,
  FOLDER_CAUSES,
  OPTIMIZER_STEPS,
  PROBLEM_CODES,
  PROBLEM_FIELDS,
  PROBLEM_SHAPES,
  type ProblemCode,
} from '../../shared/problems';

const LANGUAGES = ['en', 'es', 'pl'] as const;

async function translator(lng: (typeof LANGUAGES)[number]): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources, interpolation: { escapeValue: false } });
  return i18n.t;
}

/** Where each closed list's values are worded, to find them in the text. */
const LIST_KEYS: Record<string, string> = {
  step: 'problemParts.steps',
  field: 'problemParts.fields',
  rule: 'problemParts.rules',
  cause: 'settings.writeCauses',
};

/** Sample values for a code's shape; `nth` picks a different member of each closed list per code. */
function sample(code: ProblemCode, nth: number, withOptional: boolean): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  let n = 0;
  for (const [name, kind] of Object.entries(PROBLEM_SHAPES[code] as Record<string, string>)) {
    n++;
    if (kind.endsWith('?') && !withOptional) continue;
    if (kind.startsWith('text')) values[name] = `Zq${name}${n}x`;
    else if (kind.startsWith('number')) values[name] = 7000 + nth * 10 + n;
    else if (kind === 'step') values[name] = OPTIMIZER_STEPS[nth % OPTIMIZER_STEPS.length] as string;
    else if (kind === 'field') values[name] = PROBLEM_FIELDS[nth % PROBLEM_FIELDS.length] as string;
    else if (kind === 'rule') values[name] = FIELD_RULES[nth % FIELD_RULES.length] as string;
    else if (kind === 'cause') values[name] = FOLDER_CAUSES[nth % FOLDER_CAUSES.length] as string;
    else assert.fail(`${code}.${name}: a kind of value the test does not know (${kind})`);
  }
  return values;
}

/** What each value must look like in the text: as given, or as the language words it. */
function expectedPieces(t: TFunction, code: ProblemCode, values: Record<string, string | number>): string[] {
  const shape = PROBLEM_SHAPES[code] as Record<string, string>;
  return Object.entries(values).map(([name, value]) => {
    const kind = shape[name] as string;
    const list = LIST_KEYS[kind];
    if (list) return t(`${list}.${value}`);
    return String(value);
  });
}

function assertClean(text: string, where: string): void {
  assert.ok(!text.includes('{{') && !text.includes('}}'), `${where}: a variable left: ${text}`);
  assert.ok(!/\bproblem(s|Parts)\.|settings\.writeCauses/.test(text), `${where}: a raw key: ${text}`);
  assert.ok(text.trim().length > 0, `${where}: empty`);
}

describe('problem wording', () => {
  it('every code is worded in every language, with every value it carries', async () => {
    const t = Object.fromEntries(await Promise.all(LANGUAGES.map(async (l) => [l, await translator(l)])));
    assert.ok(PROBLEM_CODES.length > 80, `only ${PROBLEM_CODES.length} codes`);
    PROBLEM_CODES.forEach((code, nth) => {
      for (const withOptional of [true, false]) {
        const values = sample(code, nth, withOptional);
        const texts: Record<string, string> = {};
        for (const lng of LANGUAGES) {
          const where = `${lng} ${code} ${JSON.stringify(values)}`;
          const text = problemText(t[lng] as TFunction, { code, values });
          assert.ok(text !== null, `${where}: not worded`);
          assertClean(text, where);
          for (const piece of expectedPieces(t[lng] as TFunction, code, values)) {
            assertClean(piece, `${where} (value)`);
            assert.ok(text.includes(piece), `${where}: “${piece}” is not in “${text}”`);
          }
          texts[lng] = text;
        }
        assert.notEqual(texts.es, texts.en, `es ${code}: the English text`);
        assert.notEqual(texts.pl, texts.en, `pl ${code}: the English text`);
      }
    });
  });

  it('every step, field, rule and cause is worded in every language, never as its code', async () => {
    for (const lng of LANGUAGES) {
      const t = await translator(lng);
      const lists: [string, readonly string[]][] = [
        ['problemParts.steps', OPTIMIZER_STEPS],
        ['problemParts.fields', PROBLEM_FIELDS],
        ['problemParts.rules', FIELD_RULES],
        ['settings.writeCauses', FOLDER_CAUSES],
      ];
      for (const [key, members] of lists)
        for (const member of members) {
          const text = t(`${key}.${member}`);
          assert.notEqual(text, `${key}.${member}`, `${lng}: ${key}.${member} has no words`);
          assert.notEqual(text, member, `${lng}: ${key}.${member} is shown as its code`);
          assertClean(text, `${lng} ${key}.${member}`);
        }
    }
  });

  it("zod's issues about a signer become field problems worded without zod's English", async () => {
    const signer = {
      given_name: 'Ana',
      surname_1: 'Ruiz',
      id_document_type: 'XYZ',
      id_document_country: 'ES',
      serial_number: '1'.repeat(150),
      email: 'ana@',
      mobile_phone_number: '600123456',
      registration_authority: 'RA',
    };
    const parsed = signerSchema.safeParse(signer);
    assert.ok(!parsed.success);
    const fields = fieldProblemsOf(parsed.error.issues, signer, 'signer.');
    assert.deepEqual(fields, {
      'signer.id_document_type': [
        { code: 'fieldInvalid', values: { field: 'id_document_type', rule: 'notAllowed' } },
      ],
      'signer.serial_number': [{ code: 'fieldTooLong', values: { field: 'serial_number', max: 100 } }],
      'signer.email': [{ code: 'fieldInvalid', values: { field: 'email', rule: 'email' } }],
      'signer.mobile_phone_number': [
        { code: 'fieldInvalid', values: { field: 'mobile_phone_number', rule: 'phonePrefix' } },
      ],
      'signer.profile': [{ code: 'fieldInvalid', values: { field: 'profile', rule: 'required' } }],
    });
    const es = await translator('es');
    const phone = fields['signer.mobile_phone_number']?.[0];
    assert.ok(phone);
    assert.equal(
      problemText(es, phone),
      'Teléfono móvil: Escriba el número con su prefijo internacional, p. ej. +34 600 123 456.',
    );
    const en = await translator('en');
    for (const problems of Object.values(fields))
      for (const problem of problems) {
        const text = problemText(en, problem) ?? '';
        assert.ok(!/Invalid input|expected|received|pattern|\/\^/.test(text), text);
      }
  });

  it('a code that is not one of the desk’s is left to the caller', async () => {
    const t = await translator('es');
    assert.equal(problemText(t, { code: 'noSuchProblem', values: {} }), null);
  });
});
