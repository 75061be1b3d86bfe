// Where each document's stamp goes: the RAO's own box if they drew one, else the job's rule —
// led by anchor text when the phrase is on the document, falling back to the page rule (and
// saying so) when it is not. Geometry comes from shared/appearance.ts only.
import {
  boxForAnchor,
  boxForRule,
  fromPdfRect,
  pageIndexFor,
  toPageNumber,
  toPdfRect,
  viewSize,
  type PageView,
  type ScreenBox,
} from '../../../shared/appearance';
import type { ExactPlacement, Placement, Stamp, StampNote } from '../../../shared/contract-appearance';
import { coverage, findFreeSpot, fitOnPage, type PageContent } from '../../../shared/free-space';
import type { PageContentBoxes } from './page-content';
import type { FoundText, PageGeometry } from './pdf-layout';

/** Everything is resolved in points: a view at scale 1. */
const viewOf = (page: PageGeometry): PageView => ({
  viewBox: page.viewBox,
  rotation: page.rotation,
  scale: 1,
});

export interface StampInput {
  pages: readonly PageGeometry[];
  placement: Placement | null;
  exact: ExactPlacement | null;
  /** Where the placement's anchor phrase was found in this document (null: not found or none). */
  found: FoundText | null;
}

export function resolveStamp({ pages, placement, exact, found }: StampInput): Stamp | null {
  if (exact) {
    const index = Math.min(exact.page, pages.length) - 1;
    return {
      page: toPageNumber(index),
      rect: exact.rect,
      source: 'exact',
      notes: exact.page > pages.length ? ['page_missing'] : [],
    };
  }
  if (!placement) return null;
  const { rule, anchor } = placement;
  if (anchor && found) {
    const page = pages[found.pageIndex];
    if (page) {
      const view = viewOf(page);
      const phrase = fromPdfRect(found.rect, view);
      const box = boxForAnchor(phrase, anchor, rule, view);
      return finish(found.pageIndex, box, view, 'anchor', []);
    }
  }
  const wanted = pageIndexFor(rule.page, pages.length);
  const index = wanted ?? pages.length - 1;
  const page = pages[index];
  if (!page) return null;
  const view = viewOf(page);
  const notes: StampNote[] = [];
  if (anchor) notes.push('phrase_missing');
  // The ruled page is not there: the stamp goes on the last page.
  if (wanted === null) notes.push('page_missing');
  return finish(index, boxForRule(rule, view), view, anchor ? 'fallback' : 'rule', notes);
}

function finish(
  index: number,
  box: ScreenBox,
  view: PageView,
  source: Stamp['source'],
  notes: StampNote[],
): Stamp {
  // A page smaller than the stamp gets the stamp scaled down evenly, and says so: never squeezed.
  const fitted = fitOnPage(box, viewSize(view));
  const moved = Math.abs(fitted.box.left - box.left) > 1e-6 || Math.abs(fitted.box.top - box.top) > 1e-6;
  return {
    page: toPageNumber(index),
    rect: toPdfRect(fitted.box, view),
    source,
    notes: fitted.shrunk ? [...notes, 'shrunk_to_fit'] : moved ? [...notes, 'moved_onto_page'] : notes,
  };
}

/** The page's content as boxes on the displayed page (points, origin top-left). */
export function shownContent(content: PageContentBoxes, page: PageGeometry): PageContent {
  const view = viewOf(page);
  return {
    text: content.text.map((rect) => fromPdfRect(rect, view)),
    images: content.images.map((rect) => fromPdfRect(rect, view)),
  };
}

/**
 * A resolved stamp checked against what is printed on its page: notes whether it covers text or an
 * image, and the nearest free spot (on the displayed page, so rotation and shifted page boxes
 * count) the RAO can accept.
 */
export function checkCover(stamp: Stamp, page: PageGeometry, content: PageContentBoxes): Stamp {
  const view = viewOf(page);
  const size = viewSize(view);
  const shown = shownContent(content, page);
  const box = fromPdfRect(stamp.rect, view);
  const covers = coverage(box, shown, size);
  const { free: _before, ...rest } = stamp;
  const notes: StampNote[] = stamp.notes.filter((n) => n !== 'covers_text' && n !== 'covers_image');
  if (covers.text > 0) notes.push('covers_text');
  if (covers.images > 0) notes.push('covers_image');
  if (covers.text === 0 && covers.images === 0) return { ...rest, notes };
  const spot = findFreeSpot(box, shown, size);
  return { ...rest, notes, free: spot ? toPdfRect(spot, view) : null };
}
