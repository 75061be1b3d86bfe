// Where each document's stamp goes: the RAO's own box if they drew one, else the job's rule —
// led by anchor text when the phrase is on the document, falling back to the page rule (and
// saying so) when it is not. Geometry comes from shared/appearance.ts only.
import {
  boxForAnchor,
  boxForRule,
  fromPdfRect,
  keepOnPage,
  pageIndexFor,
  toPageNumber,
  toPdfRect,
  type PageView,
  type ScreenBox,
} from '../../../shared/appearance';
import type { ExactPlacement, Placement, Stamp, StampNote } from '../../../shared/contract-appearance';
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
  const kept = keepOnPage(box, view);
  return {
    page: toPageNumber(index),
    rect: toPdfRect(kept.box, view),
    source,
    notes: kept.moved ? [...notes, 'moved_onto_page'] : notes,
  };
}
