// The free-space geometry (shared/free-space.ts): what a stamp covers, the nearest free spot of the
// same size (checked against a brute-force search on random pages), and a stamp made to fit a
// page smaller than itself by scaling evenly instead of squeezing.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ScreenBox } from '../../shared/appearance';
import {
  CONTENT_GAP,
  coverage,
  coveredBy,
  findFreeSpot,
  fitOnPage,
  foregroundImages,
  type PageContent,
} from '../../shared/free-space';

const box = (left: number, top: number, width: number, height: number): ScreenBox => ({
  left,
  top,
  width,
  height,
});
const LETTER = { width: 612, height: 792 };
const none: PageContent = { text: [], images: [] };

/** How deep two boxes overlap on the shallower axis (≤ 0: apart or touching). */
const overlap = (a: ScreenBox, b: ScreenBox): number =>
  Math.min(
    Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left),
    Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top),
  );

describe('what a stamp covers', () => {
  it('counts a box it lies over, not one it only touches or grazes by less than a point', () => {
    const stamp = box(100, 100, 180, 60);
    assert.equal(coveredBy(stamp, [box(150, 120, 40, 10)]).length, 1, 'inside');
    assert.equal(coveredBy(stamp, [box(270, 150, 40, 10)]).length, 1, 'across the edge');
    assert.equal(coveredBy(stamp, [box(280, 120, 40, 10)]).length, 0, 'touching on the right');
    assert.equal(coveredBy(stamp, [box(279.5, 120, 40, 10)]).length, 0, 'half a point in');
    assert.equal(coveredBy(stamp, [box(100, 40, 40, 10)]).length, 0, 'above');
  });

  it('leaves out images that fill most of the page (a scan or a background), keeps a logo', () => {
    const scan = box(0, 0, 612, 792);
    const logo = box(400, 700, 120, 60);
    assert.deepEqual(foregroundImages([scan, logo], LETTER), [logo]);
    const stamp = box(396, 696, 180, 60);
    assert.deepEqual(coverage(stamp, { text: [], images: [scan, logo] }, LETTER), { text: 0, images: 1 });
    assert.deepEqual(coverage(stamp, { text: [box(420, 720, 60, 10)], images: [scan] }, LETTER), {
      text: 1,
      images: 0,
    });
  });
});

describe('the nearest free spot', () => {
  it('on a page with nothing in the way is where the box already is', () => {
    assert.deepEqual(findFreeSpot(box(396, 696, 180, 60), none, LETTER), box(396, 696, 180, 60));
  });

  it('moves a bottom-right stamp off footnotes to just above them, keeping the gap and the corner', () => {
    // Four footnote lines along the bottom, y 740..788 on the displayed page.
    const footnotes = [0, 1, 2, 3].map((i) => box(300, 740 + i * 12, 244, 10));
    const stamp = box(396, 696, 180, 60);
    const spot = findFreeSpot(stamp, { text: footnotes, images: [] }, LETTER);
    assert.ok(spot);
    assert.equal(spot.width, 180);
    assert.equal(spot.height, 60);
    assert.equal(coveredBy(spot, footnotes, 0).length, 0, 'covers no footnote');
    assert.ok(
      spot.top + spot.height <= 740 - CONTENT_GAP + 1e-9,
      `above the footnotes with a gap: ${spot.top}`,
    );
    assert.ok(Math.abs(spot.left - stamp.left) < 1e-9, 'it only moved up');
    assert.ok(696 - spot.top <= 22, `it moved as little as it could: ${spot.top}`);
  });

  it('is null when the page has no room anywhere', () => {
    const page = { width: 200, height: 50 };
    const title = box(45, 18, 127, 14);
    assert.equal(findFreeSpot(box(25, 0, 150, 50), { text: [title], images: [] }, page), null);
    // A box larger than the page fits nowhere.
    assert.equal(findFreeSpot(box(0, 0, 250, 40), none, page), null);
  });

  it('never covers content, and no free spot is nearer than the one found (against a brute-force search)', () => {
    const content = fc.array(
      fc.record({
        left: fc.integer({ min: -20, max: 300 }),
        top: fc.integer({ min: -20, max: 300 }),
        width: fc.integer({ min: 1, max: 120 }),
        height: fc.integer({ min: 1, max: 40 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        content,
        fc.integer({ min: 0, max: 250 }),
        fc.integer({ min: 0, max: 270 }),
        (text, left, top) => {
          const page = { width: 300, height: 300 };
          const stamp = box(Math.min(left, 300 - 50), Math.min(top, 300 - 30), 50, 30);
          const spot = findFreeSpot(stamp, { text, images: [] }, page);
          const margin = Math.max(
            0,
            Math.min(18, stamp.left, stamp.top, 300 - stamp.left - 50, 300 - stamp.top - 30),
          );
          // Brute force, every whole point: a spot keeping the gap from every box.
          let best = Infinity;
          const grown = text.map((t) =>
            box(
              t.left - CONTENT_GAP,
              t.top - CONTENT_GAP,
              t.width + 2 * CONTENT_GAP,
              t.height + 2 * CONTENT_GAP,
            ),
          );
          for (let x = margin; x <= 300 - margin - 50; x++)
            for (let y = margin; y <= 300 - margin - 30; y++)
              if (grown.every((g) => overlap(box(x, y, 50, 30), g) <= 0))
                best = Math.min(best, Math.hypot(x - stamp.left, y - stamp.top));
          if (spot === null) {
            // The search works on 2-point cells: a spot it misses can only be a squeeze through.
            assert.ok(best === Infinity || best > 0, 'a free spot at the box itself is always found');
            return;
          }
          assert.ok(spot.left >= margin - 1e-9 && spot.left + 50 <= 300 - margin + 1e-9, 'inside across');
          assert.ok(spot.top >= margin - 1e-9 && spot.top + 30 <= 300 - margin + 1e-9, 'inside down');
          for (const t of text) assert.ok(overlap(spot, t) <= 0, `covers ${JSON.stringify(t)}`);
          const found = Math.hypot(spot.left - stamp.left, spot.top - stamp.top);
          // Cells of 2 points and the gap rounded out cost at most a few points of distance.
          assert.ok(found <= best + 6, `found at ${found}, a free spot exists at ${best}`);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('answers in milliseconds on a dense page', () => {
    // 60 lines of 8 words each, leaving a strip free at the very top.
    const text: ScreenBox[] = [];
    for (let line = 0; line < 60; line++)
      for (let word = 0; word < 8; word++) text.push(box(36 + word * 68, 100 + line * 11, 60, 9));
    const started = performance.now();
    const spot = findFreeSpot(box(396, 696, 180, 60), { text, images: [] }, LETTER);
    const took = performance.now() - started;
    assert.ok(spot, 'the free strip above the text is found');
    assert.ok(spot.top + spot.height <= 100 - CONTENT_GAP + 1e-9);
    assert.ok(took < 100, `took ${took.toFixed(0)} ms`);
  });
});

describe('a stamp on a page smaller than itself', () => {
  it('is scaled down evenly to fit a 200 × 50 page, not squeezed to 180 × 50', () => {
    const { box: fitted, shrunk } = fitOnPage(box(-16, -46, 180, 60), { width: 200, height: 50 });
    assert.equal(shrunk, true);
    assert.ok(Math.abs(fitted.width / fitted.height - 3) < 1e-9, 'same proportions as 180 × 60');
    assert.ok(Math.abs(fitted.height - 50) < 1e-9);
    assert.ok(fitted.left >= 0 && fitted.left + fitted.width <= 200 + 1e-9);
    assert.ok(fitted.top >= 0 && fitted.top + fitted.height <= 50 + 1e-9);
  });

  it('is left as it is on a page it fits, and only held on the page', () => {
    assert.deepEqual(fitOnPage(box(396, 696, 180, 60), LETTER), {
      box: box(396, 696, 180, 60),
      shrunk: false,
    });
    assert.deepEqual(fitOnPage(box(500, 760, 180, 60), LETTER), {
      box: box(432, 732, 180, 60),
      shrunk: false,
    });
  });
});
