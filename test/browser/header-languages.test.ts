// The header and the queue's toolbar hold longer labels on one line: in Spanish and Polish, whose
// words run longer than English, nothing wraps onto a second row at 1280 × 720 (issue 13).
// Browser host + training sandbox, Debian's Chromium.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { deskForSuite, SKIP_WITHOUT_KEYRING } from '../helpers/desk-browser';
import { openSmall } from '../helpers/desk-shots';

interface Rows {
  /** The box's height in CSS pixels. */
  height: number;
  /** How many distinct rows its items sit on (tops more than 4 px apart start a new row). */
  rows: number;
  /** Items whose own text runs onto more than one line. */
  wrapped: string[];
}

/**
 * How the items in a box are laid out: the rows they sit on (centres more than 4 px apart start a
 * new row) and those whose own text runs onto a second line (one client rect per line of a text
 * node). Run in the page, written as page script: the tests are typed without the DOM.
 */
const ROWS_OF = `({ box, items }) => {
  const container = document.querySelector(box);
  if (!container) throw new Error('no ' + box + ' on the page');
  const tops = [];
  const wrapped = [];
  for (const item of container.querySelectorAll(items)) {
    const rect = item.getBoundingClientRect();
    if (rect.width === 0) continue;
    tops.push(rect.top + rect.height / 2);
    const lines = new Set();
    const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('select')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) lines.add(Math.round(r.top / 4));
    }
    if (lines.size > 1) wrapped.push(item.textContent.trim());
  }
  const rows = tops.sort((a, b) => a - b).filter((top, i, all) => i === 0 || top - all[i - 1] > 4);
  return { height: container.getBoundingClientRect().height, rows: rows.length, wrapped };
}`;

/** Whether the header fits the window: nothing past its edge, the connection's state whole. */
const FITS = `(() => {
  const header = document.querySelector('header.topbar');
  const state = document.querySelector('header .link-state');
  if (!header || !state) throw new Error('no header or connection state');
  const name = document.querySelector('header .link-name');
  return {
    overflow: header.scrollWidth - header.clientWidth,
    stateShown:
      state.getBoundingClientRect().right <= header.getBoundingClientRect().right &&
      state.scrollWidth <= state.clientWidth + 1,
    nameCut: name ? name.scrollWidth > name.clientWidth + 1 : false,
  };
})()`;

interface Fits {
  /** Pixels the header runs past the window's edge. */
  overflow: number;
  /** The connection's state ("online (91 ms)") is shown whole. */
  stateShown: boolean;
  /** The connection's name gave way ("…"); allowed, it is whole in its tooltip. */
  nameCut: boolean;
}

const rowsOf = async (page: Page, box: string, items: string): Promise<Rows> =>
  page.evaluate<Rows>(`(${ROWS_OF})(${JSON.stringify({ box, items })})`);

describe('header and toolbar in every language', { skip: SKIP_WITHOUT_KEYRING }, () => {
  const desk = deskForSuite();

  it('keeps the header and the queue toolbar on one line in EN, ES and PL at 1280 × 720', async () => {
    const { page, problems } = await openSmall(desk.browser, desk.host.url);
    // The connection line's words settle once the status check answered (its longest state).
    await page.locator('header .link-online').waitFor({ timeout: 20_000 });
    const measured: Record<
      string,
      {
        header: Rows;
        toolbar: Rows;
        nav: Rows;
        fits: { overflow: number; stateShown: boolean; nameCut: boolean };
      }
    > = {};
    for (const language of ['en', 'es', 'pl'] as const) {
      await page.locator('header label.language select').selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await page.locator('.queue-toolbar').waitFor();
      measured[language] = {
        header: await rowsOf(page, 'header.topbar', ':scope > *'),
        toolbar: await rowsOf(page, '.queue-toolbar', '.filter, .batch-actions > *'),
        nav: await rowsOf(page, 'header nav', 'button'),
        fits: await page.evaluate<Fits>(FITS),
      };
    }
    console.log(JSON.stringify(measured));
    for (const [language, { header, toolbar, nav, fits }] of Object.entries(measured)) {
      assert.ok(fits.overflow <= 0, `${language}: the header runs ${fits.overflow} px past the window`);
      assert.ok(fits.stateShown, `${language}: the connection's state is cut`);
      assert.deepEqual(nav.wrapped, [], `${language}: tabs wrapped`);
      assert.equal(header.rows, 1, `${language}: the header's items sit on ${header.rows} rows`);
      assert.deepEqual(header.wrapped, [], `${language}: header labels wrapped`);
      assert.equal(toolbar.rows, 1, `${language}: the toolbar's items sit on ${toolbar.rows} rows`);
      assert.deepEqual(toolbar.wrapped, [], `${language}: toolbar labels wrapped`);
      assert.ok(
        Math.abs(header.height - (measured.en?.header.height ?? 0)) < 2,
        `${language}: the header is ${header.height} px high, English ${measured.en?.header.height} px`,
      );
    }
    assert.deepEqual(problems, []);
  });
});
