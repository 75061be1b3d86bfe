// Properties of the signature-placement geometry (shared/appearance.ts). The conversions between
// the page as pdf.js draws it and PDF user space are checked against pdf.js itself (its own
// PageViewport class, taken from a real page), for every rotation, many scales and view boxes
// that do not start at 0,0, and on real PDFs made with pdf-lib (/Rotate, CropBox at 50,50).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { PDFDocument, PDFName, PDFNumber, degrees } from 'pdf-lib';
import {
  CORNERS,
  POINTS_PER_MM,
  boxForRule,
  formatPosition,
  fromPdfRect,
  keepOnPage,
  mmToPoints,
  normaliseRotation,
  pageIndexFor,
  parsePosition,
  pointsToMm,
  ruleForBox,
  toApiPage,
  toPageNumber,
  toPdfPoint,
  toPdfRect,
  toScreenPoint,
  viewSize,
} from '../../shared/appearance';
import type { PageView, PdfRect, Rotation, ScreenBox } from '../../shared/appearance';

const RUNS = { numRuns: 300 };
type Box4 = readonly [number, number, number, number];

// --- tolerance -----------------------------------------------------------------------------------

/** Equal to 1e-6, relative to the larger magnitude (absolute below 1). */
const near = (a: number, b: number, tolerance = 1e-6): boolean =>
  Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

function assertNear(actual: number, expected: number, label: string, tolerance = 1e-6): void {
  assert.ok(near(actual, expected, tolerance), `${label}: ${actual} is not ≈ ${expected}`);
}

function assertNearAll(actual: readonly number[], expected: readonly number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  actual.forEach((a, i) => assertNear(a, expected[i]!, `${label}[${i}]`));
}

function assertBoxNear(actual: ScreenBox, expected: ScreenBox, label: string): void {
  assertNearAll(
    [actual.left, actual.top, actual.width, actual.height],
    [expected.left, expected.top, expected.width, expected.height],
    label,
  );
}

function assertNormalised(rect: PdfRect, label: string): void {
  assert.equal(rect.length, 4, label);
  assert.ok(rect.every(Number.isFinite), `${label}: not finite ${String(rect)}`);
  assert.ok(rect[0] <= rect[2] && rect[1] <= rect[3], `${label}: not normalised ${String(rect)}`);
}

function bounds(viewBox: Box4): { x1: number; y1: number; x2: number; y2: number } {
  return {
    x1: Math.min(viewBox[0], viewBox[2]),
    y1: Math.min(viewBox[1], viewBox[3]),
    x2: Math.max(viewBox[0], viewBox[2]),
    y2: Math.max(viewBox[1], viewBox[3]),
  };
}

// --- arbitraries ---------------------------------------------------------------------------------

const rotationArb = fc.constantFrom<Rotation>(0, 90, 180, 270);
const scaleArb = fc.double({ min: 0.25, max: 4, noNaN: true, noDefaultInfinity: true });
const coordArb = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }),
  fc.double({ min: -2000, max: 2000, noNaN: true, noDefaultInfinity: true }),
);
const extentArb = fc.oneof(
  fc.integer({ min: 20, max: 3000 }),
  fc.double({ min: 20, max: 3000, noNaN: true, noDefaultInfinity: true }),
);
/** Normalised view boxes as pdf.js `page.view` gives them, rarely at 0,0. */
const viewBoxArb: fc.Arbitrary<Box4> = fc.oneof(
  fc.tuple(coordArb, coordArb, extentArb, extentArb).map(([x, y, w, h]): Box4 => [x, y, x + w, y + h]),
  fc.tuple(extentArb, extentArb).map(([w, h]): Box4 => [50, 50, 50 + w, 50 + h]),
  fc.tuple(extentArb, extentArb).map(([w, h]): Box4 => [-w / 2, -h / 2, w / 2, h / 2]),
  fc.constant<Box4>([0, 0, 595.28, 841.89]),
);
const viewArb: fc.Arbitrary<PageView> = fc.record({
  viewBox: viewBoxArb,
  rotation: rotationArb,
  scale: scaleArb,
});

const fraction = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Any box near the page (partly or wholly off it too), in the view's CSS pixels. */
const viewAndBoxArb = fc
  .tuple(viewArb, fraction(-0.5, 1.5), fraction(-0.5, 1.5), fraction(0, 1), fraction(0, 1))
  .map(([view, fl, ft, fw, fh]) => {
    const { width, height } = viewSize(view);
    return { view, box: { left: fl * width, top: ft * height, width: fw * width, height: fh * height } };
  });

/** A box wholly on the page. */
const viewAndOnPageBoxArb = fc
  .tuple(viewArb, fraction(0, 1), fraction(0, 1), fraction(0, 1), fraction(0, 1))
  .map(([view, fl, ft, fw, fh]) => {
    const { width, height } = viewSize(view);
    const left = fl * width;
    const top = ft * height;
    return { view, box: { left, top, width: fw * (width - left), height: fh * (height - top) } };
  });

/** A normalised user-space rectangle near the view box. */
const viewAndRectArb = fc
  .tuple(viewArb, fraction(-0.5, 1.5), fraction(-0.5, 1.5), fraction(0, 1), fraction(0, 1))
  .map(([view, fx, fy, fw, fh]) => {
    const b = bounds(view.viewBox);
    const w = b.x2 - b.x1;
    const h = b.y2 - b.y1;
    const x1 = b.x1 + fx * w;
    const y1 = b.y1 + fy * h;
    const rect: PdfRect = [x1, y1, x1 + fw * w, y1 + fh * h];
    return { view, rect };
  });

// --- pdf.js, taken from a real page --------------------------------------------------------------

interface Viewport {
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
  readonly viewBox: readonly number[];
  convertToViewportPoint(x: number, y: number): number[];
  convertToPdfPoint(x: number, y: number): number[];
  convertToViewportRectangle(rect: number[]): number[];
}
interface ViewportParams {
  viewBox: number[];
  userUnit: number;
  scale: number;
  rotation: number;
  offsetX: number;
  offsetY: number;
  dontFlip: boolean;
}
type ViewportClass = new (params: ViewportParams) => Viewport;
interface PdfPage {
  readonly view: number[];
  readonly rotate: number;
  getViewport(params: { scale: number }): Viewport;
}
interface PdfDoc {
  readonly numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

async function openWithPdfjs(data: Uint8Array): Promise<PdfDoc> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc: PdfDoc = await pdfjs.getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
  return doc;
}

const opened: PdfDoc[] = [];
let PageViewport: ViewportClass | undefined;

function pdfjsViewport(view: PageView): Viewport {
  assert.ok(PageViewport, 'pdf.js PageViewport not loaded');
  return new PageViewport({
    viewBox: [...view.viewBox],
    userUnit: 1,
    scale: view.scale,
    rotation: view.rotation,
    offsetX: 0,
    offsetY: 0,
    dontFlip: false,
  });
}

function box4(values: readonly number[]): Box4 {
  assert.equal(values.length, 4);
  return [values[0]!, values[1]!, values[2]!, values[3]!];
}

before(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([200, 300]);
  const pdf = await openWithPdfjs(await doc.save());
  opened.push(pdf);
  const viewport = (await pdf.getPage(1)).getViewport({ scale: 1 });
  PageViewport = viewport.constructor as unknown as ViewportClass;
});

after(async () => {
  await Promise.all(opened.map((pdf) => pdf.destroy()));
});

// --- tests ---------------------------------------------------------------------------------------

describe('appearance geometry: round trips', () => {
  it('fromPdfRect(toPdfRect(box)) ≈ box, and the rectangle is always normalised', () => {
    fc.assert(
      fc.property(viewAndBoxArb, ({ view, box }) => {
        const rect = toPdfRect(box, view);
        assertNormalised(rect, 'toPdfRect');
        assertBoxNear(fromPdfRect(rect, view), box, 'box');
      }),
      RUNS,
    );
  });

  it('toPdfRect(fromPdfRect(rect)) ≈ rect, for either corner order', () => {
    fc.assert(
      fc.property(viewAndRectArb, fc.boolean(), ({ view, rect }, swap) => {
        const given: Box4 = swap ? [rect[2], rect[3], rect[0], rect[1]] : rect;
        const box = fromPdfRect(given, view);
        assert.ok(box.width >= 0 && box.height >= 0, 'negative size');
        const back = toPdfRect(box, view);
        assertNormalised(back, 'toPdfRect');
        assertNearAll(back, rect, 'rect');
      }),
      RUNS,
    );
  });

  it('the point conversions are inverse to each other', () => {
    fc.assert(
      fc.property(viewArb, fraction(-1, 2), fraction(-1, 2), ({ viewBox, rotation, scale }, fx, fy) => {
        const view = { viewBox, rotation, scale };
        const b = bounds(viewBox);
        const x = b.x1 + fx * (b.x2 - b.x1);
        const y = b.y1 + fy * (b.y2 - b.y1);
        const [left, top] = toScreenPoint(x, y, view);
        assertNearAll(toPdfPoint(left, top, view), [x, y], 'point');
      }),
      RUNS,
    );
  });

  it('a box wholly on the page lands inside the view box, with its size in points', () => {
    fc.assert(
      fc.property(viewAndOnPageBoxArb, ({ view, box }) => {
        const rect = toPdfRect(box, view);
        const b = bounds(view.viewBox);
        const slack = 1e-6 * Math.max(1, ...view.viewBox.map(Math.abs));
        assert.ok(rect[0] >= b.x1 - slack && rect[2] <= b.x2 + slack, `x outside ${String(rect)}`);
        assert.ok(rect[1] >= b.y1 - slack && rect[3] <= b.y2 + slack, `y outside ${String(rect)}`);
        const [across, down] = view.rotation % 180 === 0 ? [box.width, box.height] : [box.height, box.width];
        assertNear(rect[2] - rect[0], across / view.scale, 'rect width');
        assertNear(rect[3] - rect[1], down / view.scale, 'rect height');
      }),
      RUNS,
    );
  });

  it('the whole rendered page is the whole view box', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        const { width, height } = viewSize(view);
        assertNearAll(toPdfRect({ left: 0, top: 0, width, height }, view), view.viewBox, 'page');
        assertBoxNear(fromPdfRect(view.viewBox, view), { left: 0, top: 0, width, height }, 'page box');
      }),
      RUNS,
    );
  });

  it('does not mind a view box given with its corners swapped', () => {
    fc.assert(
      fc.property(viewAndBoxArb, ({ view, box }) => {
        const [a, b, c, d] = view.viewBox;
        const swapped: PageView = { ...view, viewBox: [c, d, a, b] };
        assert.deepEqual(viewSize(swapped), viewSize(view));
        assert.deepEqual(toPdfRect(box, swapped), toPdfRect(box, view));
      }),
      RUNS,
    );
  });
});

describe('appearance geometry: agreement with pdf.js', () => {
  it('toScreenPoint is convertToViewportPoint and viewSize is the viewport size', () => {
    fc.assert(
      fc.property(viewArb, fraction(-0.5, 1.5), fraction(-0.5, 1.5), (view, fx, fy) => {
        const viewport = pdfjsViewport(view);
        const size = viewSize(view);
        assertNear(size.width, viewport.width, 'width');
        assertNear(size.height, viewport.height, 'height');
        const b = bounds(view.viewBox);
        const x = b.x1 + fx * (b.x2 - b.x1);
        const y = b.y1 + fy * (b.y2 - b.y1);
        assertNearAll(toScreenPoint(x, y, view), viewport.convertToViewportPoint(x, y), 'screen point');
      }),
      RUNS,
    );
  });

  it('toPdfPoint is convertToPdfPoint', () => {
    fc.assert(
      fc.property(viewArb, fraction(-0.5, 1.5), fraction(-0.5, 1.5), (view, fl, ft) => {
        const viewport = pdfjsViewport(view);
        const left = fl * viewport.width;
        const top = ft * viewport.height;
        assertNearAll(toPdfPoint(left, top, view), viewport.convertToPdfPoint(left, top), 'pdf point');
      }),
      RUNS,
    );
  });

  it('fromPdfRect is convertToViewportRectangle, normalised', () => {
    fc.assert(
      fc.property(viewAndRectArb, ({ view, rect }) => {
        const [a, b, c, d] = box4(pdfjsViewport(view).convertToViewportRectangle([...rect]));
        const expected = {
          left: Math.min(a, c),
          top: Math.min(b, d),
          width: Math.abs(c - a),
          height: Math.abs(d - b),
        };
        assertBoxNear(fromPdfRect(rect, view), expected, 'viewport rectangle');
      }),
      RUNS,
    );
  });

  it('normaliseRotation reduces every quarter turn as pdf.js reduces /Rotate', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 40 }), (quarters) => {
        const degreesGiven = quarters * 90;
        assert.equal(normaliseRotation(degreesGiven), ((degreesGiven % 360) + 360) % 360);
      }),
      RUNS,
    );
    assert.equal(normaliseRotation(-90), 270);
    assert.equal(normaliseRotation(450), 90);
    assert.equal(normaliseRotation(-0), 0);
  });

  it('agrees with pdf.js on real PDFs with /Rotate and a CropBox at 50,50', async () => {
    const doc = await PDFDocument.create();
    const given = [0, 90, 180, 270, -90, 450];
    for (const rotate of given) {
      const page = doc.addPage([612, 792]);
      page.setCropBox(50, 50, 400.5, 600.25);
      page.setRotation(degrees(rotate));
    }
    const odd = doc.addPage([612, 792]);
    odd.setMediaBox(-100.5, -200, 500, 700);
    odd.setRotation(degrees(90));
    const pdf = await openWithPdfjs(await doc.save());
    opened.push(pdf);
    assert.equal(pdf.numPages, given.length + 1);

    const expectedViews: Box4[] = [
      ...given.map((): Box4 => [50, 50, 450.5, 650.25]),
      [-100.5, -200, 399.5, 500],
    ];
    const expectedRotations = [0, 90, 180, 270, 270, 90, 90];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      assert.deepEqual(page.view, expectedViews[n - 1], `page ${n} view`);
      assert.equal(page.rotate, expectedRotations[n - 1], `page ${n} rotate`);
      for (const scale of [0.5, 1, 1.37, 2.5]) {
        const view: PageView = { viewBox: box4(page.view), rotation: normaliseRotation(page.rotate), scale };
        const viewport = page.getViewport({ scale });
        const size = viewSize(view);
        assertNear(size.width, viewport.width, `page ${n} width`);
        assertNear(size.height, viewport.height, `page ${n} height`);
        const b = bounds(view.viewBox);
        const points: [number, number][] = [
          [b.x1, b.y1],
          [b.x2, b.y1],
          [b.x1, b.y2],
          [b.x2, b.y2],
          [(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 3],
          [b.x1 + 36.6, b.y2 - 72.25],
        ];
        for (const [x, y] of points) {
          assertNearAll(
            toScreenPoint(x, y, view),
            viewport.convertToViewportPoint(x, y),
            `page ${n} to screen`,
          );
          const [left, top] = viewport.convertToViewportPoint(x, y);
          assertNearAll(
            toPdfPoint(left!, top!, view),
            viewport.convertToPdfPoint(left!, top!),
            `page ${n} to pdf`,
          );
        }
        const whole = { left: 0, top: 0, width: viewport.width, height: viewport.height };
        assertNearAll(toPdfRect(whole, view), page.view, `page ${n} whole page`);
      }
    }
  });

  it('places a bottom-right rule on a quarter-turned A4 page where pdf.js draws it', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).setRotation(degrees(90));
    const pdf = await openWithPdfjs(await doc.save());
    opened.push(pdf);
    const page = await pdf.getPage(1);
    const view: PageView = { viewBox: box4(page.view), rotation: normaliseRotation(page.rotate), scale: 1.5 };
    const rule = {
      page: 'last' as const,
      corner: 'bottom-right' as const,
      x: 36,
      y: 36,
      width: 144,
      height: 48,
    };
    const box = boxForRule(rule, view);
    // Displayed landscape: 842 wide, 595 high. The unrotated top-right corner is the displayed
    // bottom-right one, so the stamp keeps 36 pt from x2 and y2 of the page in user space.
    assertNearAll(toPdfRect(box, view), [595 - 36 - 48, 842 - 36 - 144, 595 - 36, 842 - 36], 'rect');
    const viewport = page.getViewport({ scale: 1.5 });
    const [a, b, c, d] = box4(viewport.convertToViewportRectangle([511, 662, 559, 806]));
    assertBoxNear(
      box,
      { left: Math.min(a, c), top: Math.min(b, d), width: Math.abs(c - a), height: Math.abs(d - b) },
      'pdf.js',
    );
  });

  it('reads any /Rotate a PDF may hold as pdf.js displays it', async () => {
    // Not quarter turns (invalid, but found in the wild): pdf.js draws the page unrotated.
    const raw = [0, 90, -90, 450, 720, -450, 45, -45, 135, 30, 89.5, 270.25];
    const doc = await PDFDocument.create();
    for (const rotate of raw) doc.addPage([300, 400]).node.set(PDFName.of('Rotate'), PDFNumber.of(rotate));
    const pdf = await openWithPdfjs(await doc.save());
    opened.push(pdf);
    for (const [i, rotate] of raw.entries()) {
      const page = await pdf.getPage(i + 1);
      assert.equal(normaliseRotation(rotate), page.rotate, `/Rotate ${rotate}`);
      assert.equal(normaliseRotation(page.rotate), page.rotate, `pdf.js rotate ${page.rotate}`);
    }
  });

  it('normaliseRotation always gives a quarter turn, by the rule pdf.js applies to /Rotate', () => {
    // pdf.js (Page.rotate): not a multiple of 90 → 0, otherwise reduced into 0..359.
    const pdfjsRotate = (rotate: number): number => {
      let r = rotate || 0;
      if (r % 90 !== 0) r = 0;
      else if (r >= 360) r %= 360;
      else if (r < 0) r = ((r % 360) + 360) % 360;
      return r;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -4000, max: 4000 }),
          fc.integer({ min: -40, max: 40 }).map((q) => q * 90),
          fc.double({ noNaN: false }),
        ),
        (rotate) => {
          const r = normaliseRotation(rotate);
          assert.ok(([0, 90, 180, 270] as number[]).includes(r), `${rotate} → ${String(r)}`);
          assert.equal(r, pdfjsRotate(rotate) + 0, `${rotate}`);
        },
      ),
      RUNS,
    );
  });
});

describe('appearance geometry: the position string', () => {
  const rectArb = fc.array(
    fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -2000, max: 2000 }),
      fc.double({ min: -0.01, max: 0.01, noNaN: true, noDefaultInfinity: true }),
    ),
    { minLength: 4, maxLength: 4 },
  );

  it('formats a normalised rectangle with at most two decimals and no -0, and parses back', () => {
    fc.assert(
      fc.property(rectArb, (values) => {
        const rect = box4(values);
        const text = formatPosition(rect);
        const parts = text.split(',');
        assert.equal(parts.length, 4, text);
        for (const part of parts) {
          assert.match(part, /^-?\d+(\.\d{1,2})?$/, text);
          assert.doesNotMatch(part, /^-0(\.0*)?$/, `negative zero in ${text}`);
        }
        const parsed = parsePosition(text);
        assert.ok(parsed, `refused its own output ${text}`);
        assertNormalised(parsed, text);
        const expected = [
          Math.min(rect[0], rect[2]),
          Math.min(rect[1], rect[3]),
          Math.max(rect[0], rect[2]),
          Math.max(rect[1], rect[3]),
        ];
        parsed.forEach((v, i) => {
          assert.ok(
            Math.abs(v - expected[i]!) <= 0.005 + 1e-9 * Math.abs(v),
            `${text}[${i}] vs ${expected[i]}`,
          );
        });
        assert.equal(formatPosition(parsed), text, 'formatting is idempotent');
      }),
      RUNS,
    );
  });

  it('writes the exact example values', () => {
    assert.equal(formatPosition([400, 50, 100, 20]), '100,20,400,50');
    assert.equal(formatPosition([-0.001, 0.004, 10.005, 12.345]), '0,0,10.01,12.35');
    assert.equal(formatPosition([-0, 0, 1, 1]), '0,0,1,1');
    assert.deepEqual(parsePosition(' 100.5, 20 ,400,50.25'), [100.5, 20, 400, 50.25]);
    assert.deepEqual(parsePosition('400,50,100,20'), [100, 20, 400, 50]);
  });

  it('refuses junk', () => {
    for (const junk of [
      '',
      '1,2,3',
      '1,2,3,4,5',
      '1,2,3,x',
      'a,b,c,d',
      '1,,3,4',
      'NaN,1,2,3',
      'Infinity,1,2,3',
      '1e3,1,2,3',
      '0x10,1,2,3',
      '1.,2,3,4',
      '.5,2,3,4',
      '1;2;3;4',
      '+1,2,3,4',
    ]) {
      assert.equal(parsePosition(junk), null, JSON.stringify(junk));
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parsePosition(text);
        if (parsed !== null) {
          assertNormalised(parsed, text);
          assert.equal(text.split(',').length, 4);
        }
      }),
      RUNS,
    );
  });
});

describe('appearance geometry: pages', () => {
  it('maps first, last and a page number to the index the sign body wants', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: -10, max: 5010 }), (count, k) => {
        assert.equal(pageIndexFor('first', count), 0);
        assert.equal(pageIndexFor('last', count), count - 1);
        assert.equal(pageIndexFor(k, count), k >= 1 && k <= count ? k - 1 : null);
      }),
      RUNS,
    );
  });

  it('gives null for an empty document and for a page number that is not an integer', () => {
    assert.equal(pageIndexFor('first', 0), null);
    assert.equal(pageIndexFor('last', 0), null);
    assert.equal(pageIndexFor(1, 0), null);
    assert.equal(pageIndexFor(1.5, 3), null);
    assert.equal(pageIndexFor(Number.NaN, 3), null);
    assert.equal(pageIndexFor(Number.POSITIVE_INFINITY, 3), null);
  });

  it('toApiPage and toPageNumber are inverse, counting from 1 and from 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (n) => {
        assert.equal(toPageNumber(toApiPage(n)), n);
        assert.equal(toApiPage(toPageNumber(n)), n);
        assert.equal(toApiPage(n), n - 1);
      }),
      RUNS,
    );
    assert.equal(toApiPage(1), 0);
    assert.equal(toPageNumber(0), 1);
  });
});

describe('appearance geometry: corner rules and keeping on the page', () => {
  it('boxForRule(ruleForBox(box)) ≈ box', () => {
    fc.assert(
      fc.property(
        viewAndBoxArb,
        fc.constantFrom<'first' | 'last' | number>('first', 'last', 3),
        ({ view, box }, page) => {
          const rule = ruleForBox(box, view, page);
          assert.equal(rule.page, page);
          assert.ok(CORNERS.includes(rule.corner));
          assertBoxNear(boxForRule(rule, view), box, 'box');
        },
      ),
      RUNS,
    );
  });

  it('holds a rule in points: the same box on the same page at any other scale', () => {
    fc.assert(
      fc.property(viewAndOnPageBoxArb, scaleArb, ({ view, box }, otherScale) => {
        const rule = ruleForBox(box, view, 'first');
        const other = boxForRule(rule, { ...view, scale: otherScale });
        const k = otherScale / view.scale;
        assertBoxNear(
          other,
          { left: box.left * k, top: box.top * k, width: box.width * k, height: box.height * k },
          'scaled',
        );
        assertNearAll(
          toPdfRect(other, { ...view, scale: otherScale }),
          toPdfRect(box, view),
          'same user-space rect',
        );
      }),
      RUNS,
    );
  });

  it('picks the nearest corner of the displayed page', () => {
    fc.assert(
      fc.property(viewAndOnPageBoxArb, ({ view, box }) => {
        const rule = ruleForBox(box, view, 'first');
        const { width, height } = viewSize(view);
        const gaps = {
          left: box.left,
          right: width - box.left - box.width,
          top: box.top,
          bottom: height - box.top - box.height,
        };
        const [vertical, horizontal] = rule.corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
        assert.ok(
          gaps[horizontal] <= gaps[horizontal === 'left' ? 'right' : 'left'],
          `${rule.corner} ${JSON.stringify(gaps)}`,
        );
        assert.ok(
          gaps[vertical] <= gaps[vertical === 'top' ? 'bottom' : 'top'],
          `${rule.corner} ${JSON.stringify(gaps)}`,
        );
        assertNear(rule.x, Math.min(gaps.left, gaps.right) / view.scale, 'x');
        assertNear(rule.y, Math.min(gaps.top, gaps.bottom) / view.scale, 'y');
        assertNear(rule.width, box.width / view.scale, 'width');
        assertNear(rule.height, box.height / view.scale, 'height');
      }),
      RUNS,
    );
  });

  it('keeps a rule at its distance from its corner on any page size', () => {
    fc.assert(
      fc.property(
        viewArb,
        fc.constantFrom(...CORNERS),
        fraction(0, 200),
        fraction(0, 200),
        fraction(1, 300),
        fraction(1, 100),
        (view, corner, x, y, width, height) => {
          const box = boxForRule({ page: 'last', corner, x, y, width, height }, view);
          const size = viewSize(view);
          const s = view.scale;
          assertNear(box.width, width * s, 'width');
          assertNear(box.height, height * s, 'height');
          const horizontalGap = corner.endsWith('left') ? box.left : size.width - box.left - box.width;
          const verticalGap = corner.startsWith('top') ? box.top : size.height - box.top - box.height;
          assertNear(horizontalGap, x * s, 'horizontal gap', 1e-9 * Math.max(1, size.width) + 1e-6);
          assertNear(verticalGap, y * s, 'vertical gap', 1e-9 * Math.max(1, size.height) + 1e-6);
        },
      ),
      RUNS,
    );
  });

  it('keepOnPage never leaves a box off the page and keeps its size when it fits', () => {
    fc.assert(
      fc.property(
        viewArb,
        fraction(-2, 2),
        fraction(-2, 2),
        fraction(0, 1.5),
        fraction(0, 1.5),
        (view, fl, ft, fw, fh) => {
          const size = viewSize(view);
          const box = {
            left: fl * size.width,
            top: ft * size.height,
            width: fw * size.width,
            height: fh * size.height,
          };
          const { box: kept, moved } = keepOnPage(box, view);
          const slack = 1e-9 * Math.max(size.width, size.height);
          assert.ok(kept.left >= 0 && kept.top >= 0, JSON.stringify(kept));
          assert.ok(kept.left + kept.width <= size.width + slack, `right edge ${JSON.stringify(kept)}`);
          assert.ok(kept.top + kept.height <= size.height + slack, `bottom edge ${JSON.stringify(kept)}`);
          assert.equal(kept.width, Math.min(box.width, size.width));
          assert.equal(kept.height, Math.min(box.height, size.height));
          const wasOn =
            box.left >= 0 &&
            box.top >= 0 &&
            box.left + box.width <= size.width &&
            box.top + box.height <= size.height;
          if (!wasOn && (box.left < -1e-3 || box.top < -1e-3 || box.width > size.width))
            assert.ok(moved, 'moved');
          // Once on the page it stays put.
          const again = keepOnPage(kept, view);
          assert.equal(again.moved, false, 'not idempotent');
          assertBoxNear(again.box, kept, 'again');
        },
      ),
      RUNS,
    );
  });

  it('keepOnPage leaves a box that is on the page where it is', () => {
    fc.assert(
      fc.property(viewAndOnPageBoxArb, ({ view, box }) => {
        const { box: kept, moved } = keepOnPage(box, view);
        assert.equal(moved, false, JSON.stringify({ box, size: viewSize(view) }));
        assertBoxNear(kept, box, 'kept');
      }),
      RUNS,
    );
  });
});

describe('appearance geometry: units', () => {
  it('converts millimetres and points both ways', () => {
    assert.equal(POINTS_PER_MM, 72 / 25.4);
    assertNear(mmToPoints(25.4), 72, '1 inch');
    assertNear(mmToPoints(210), 595.2755905511812, 'A4 width');
    assertNear(pointsToMm(842), 297.0388888888889, 'A4 height');
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true, noDefaultInfinity: true }), (mm) => {
        assertNear(pointsToMm(mmToPoints(mm)), mm, 'mm', 1e-12);
        assertNear(mmToPoints(pointsToMm(mm)), mm, 'pt', 1e-12);
        if (mm > 0) assert.ok(mmToPoints(mm) > mm, 'a point is smaller than a millimetre');
      }),
      RUNS,
    );
  });
});
