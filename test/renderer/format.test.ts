// Numbers, sizes and days as each language writes them, and typed ones read back: "8.5 mm" keeps
// no dot in Spanish or Polish, and a filter day is written day first there.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  dayPattern,
  formatBytes,
  formatClock,
  formatDateTime,
  formatDay,
  formatNumber,
  parseDay,
  parseNumber,
} from '../../renderer/src/i18n/format';
import { catalogue } from '../../renderer/src/i18n/catalogue';

/** Intl separates a number from its unit with a no-break space; compared as a plain one. */
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting for the language', () => {
  it('writes decimals with the language’s mark and reads either mark back', () => {
    assert.equal(formatNumber('en', 8.5), '8.5');
    assert.equal(formatNumber('es', 8.5), '8,5');
    assert.equal(formatNumber('pl', 8.5), '8,5');
    assert.equal(formatNumber('es', 63.25), '63,3');
    assert.equal(formatNumber('pl', 1234.5), '1234,5');
    assert.equal(parseNumber('8,5'), 8.5);
    assert.equal(parseNumber(' 8.5 '), 8.5);
    assert.equal(parseNumber('8,'), 8);
    assert.equal(parseNumber(',5'), 0.5);
    assert.equal(parseNumber('8,5 mm'), null);
    assert.equal(parseNumber('1.234,5'), null);
    assert.equal(parseNumber(''), null);
  });

  it('writes sizes in the language’s units', () => {
    assert.equal(plain(formatBytes('es', 1.5 * 1024 * 1024)), '1,5 MB');
    assert.equal(plain(formatBytes('pl', 1.5 * 1024 * 1024)), '1,5 MB');
    assert.equal(plain(formatBytes('en', 1.5 * 1024 * 1024)), '1.5 MB');
    assert.equal(plain(formatBytes('es', 20 * 1024)), '20 kB');
    assert.equal(plain(formatBytes('pl', 812)), '812 B');
  });

  it('writes days, dates and times the language’s way', () => {
    assert.equal(formatDay('es', '2026-11-02'), '02/11/2026');
    assert.equal(formatDay('pl', '2026-11-02'), '02.11.2026');
    assert.equal(formatDay('en', '2026-11-02'), '11/02/2026');
    const at = new Date(2026, 10, 2, 14, 5, 9);
    assert.match(formatDateTime('es', at), /^2\/11\/26,? 14:05:09$/);
    assert.match(formatDateTime('pl', at), /^2\.11\.2026,? 14:05:09$/);
    assert.equal(formatClock('pl', at), '14:05:09');
  });

  it('shows how to write a day in the language’s own letters', () => {
    const letters = (l: 'en' | 'es' | 'pl') => catalogue[l].common.dayLetters;
    assert.equal(dayPattern('es', letters('es')), 'dd/mm/aaaa');
    assert.equal(dayPattern('pl', letters('pl')), 'dd.mm.rrrr');
    assert.equal(dayPattern('en', letters('en')), 'mm/dd/yyyy');
  });

  it('reads a typed day in the language’s order, and nothing that is no day', () => {
    assert.equal(parseDay('es', '2/11/2026'), '2026-11-02');
    assert.equal(parseDay('pl', '02.11.2026'), '2026-11-02');
    assert.equal(parseDay('pl', '2.11.26'), '2026-11-02');
    assert.equal(parseDay('en', '11/2/2026'), '2026-11-02');
    assert.equal(parseDay('es', '2026-11-02'), '2026-11-02');
    assert.equal(parseDay('es', '31/02/2026'), null);
    assert.equal(parseDay('pl', '13.13.2026'), null);
    assert.equal(parseDay('es', '2/11'), null);
    assert.equal(parseDay('es', 'mañana'), null);
    for (const language of ['en', 'es', 'pl']) {
      assert.equal(parseDay(language, formatDay(language, '2026-01-31')), '2026-01-31');
    }
  });
});
