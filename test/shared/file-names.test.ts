// The signed file's name (issue 16, item 12): whatever the original is called, the name saved is
// safe on every OS — no hidden file, no Windows device name, no trailing dot or space, no control,
// bidi or separator character, at most 255 bytes — and Polish letters and emoji are kept.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyNameTemplate } from '../../shared/file-names';

const named = (filename: string, template = '{name}.signed.pdf'): string =>
  applyNameTemplate(template, {
    filename,
    signer: 'Zofia Wójcik',
    requestPk: '822001',
    date: new Date('2026-12-05T10:00:00Z'),
    index: 0,
  });

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('applyNameTemplate: names safe on every OS', () => {
  const table: [string, string, string?][] = [
    // [original, saved name, template]
    ['..pdf', 'document.signed.pdf'],
    ['.pdf', 'pdf.signed.pdf'],
    ['.hidden.pdf', 'hidden.signed.pdf'],
    ['...pdf', 'document.signed.pdf'],
    ['CON.pdf', '_CON.signed.pdf'],
    ['con.pdf', '_con.signed.pdf'],
    ['nul', '_nul.signed.pdf'],
    ['Aux.txt.pdf', '_Aux.txt.signed.pdf'],
    ['com1.pdf', '_com1.signed.pdf'],
    ['LPT9.pdf', '_LPT9.signed.pdf'],
    ['prn.pdf', '_prn.pdf', '{name}'],
    ['CONTRACT.pdf', 'CONTRACT.signed.pdf'],
    ['com10.pdf', 'com10.signed.pdf'],
    ['nul.pdf', '_nul.pdf', '{name}.pdf'],
    ['umowa. .pdf', 'umowa.pdf', '{name}'],
    ['umowa . ', 'umowa .signed.pdf'],
    ['a\u0000b\u0007c\u007f\u0085.pdf', 'a_b_c__.signed.pdf'],
    ['invoice\u202Efdp.exe.pdf', 'invoice_fdp.exe.signed.pdf'],
    ['x\u2066y\u2069\u200e\u200f\u061c.pdf', 'x_y____.signed.pdf'],
    ['dir/sub\\file.pdf', 'file.signed.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.signed.pdf'],
    ['Umowa zażółć gęślą jaźń.pdf', 'Umowa zażółć gęślą jaźń.signed.pdf'],
    ['Factura 🧾 €.pdf', 'Factura 🧾 €.signed.pdf'],
    ['ŻÓŁW.pdf', 'ŻÓŁW.pdf', '{name}'],
  ];
  for (const [original, saved, template] of table) {
    it(`${JSON.stringify(original)}${template ? ` with ${template}` : ''} → ${JSON.stringify(saved)}`, () => {
      assert.equal(named(original, template), saved);
    });
  }

  it('keeps a long name under 255 bytes, cut between whole characters (never half an emoji or letter)', () => {
    for (const unit of ['ż', '🧾', 'a', 'ąb🧾']) {
      const name = named(`${unit.repeat(300)}.pdf`);
      assert.ok(bytes(name) <= 255 - bytes(' (99)'), `${unit}: ${bytes(name)} bytes`);
      assert.ok(name.endsWith('.pdf'));
      assert.ok(!name.includes('\uFFFD'));
      assert.equal(name.normalize('NFC'), name);
      // Only whole units are kept: what precedes ".pdf" is made of the original's characters.
      assert.ok(
        Array.from(name.slice(0, -4)).every((c) => unit.includes(c)),
        name.slice(-12),
      );
    }
  });

  it('a combined (NFD) Polish name is saved composed (NFC), as macOS and Windows show it', () => {
    assert.equal(named('z\u0307ółw.pdf'), 'żółw.signed.pdf');
  });
});
