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
import type { ExactPlacement, Placement, Stamp } from '../../../shared/contract-appearance';
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
      note: exact.page > pages.length ? `The document has only ${pages.length} page(s).` : null,
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
      return finish(found.pageIndex, box, view, 'anchor', null);
    }
  }
  const wanted = pageIndexFor(rule.page, pages.length);
  const index = wanted ?? pages.length - 1;
  const page = pages[index];
  if (!page) return null;
  const view = viewOf(page);
  const notes: string[] = [];
  if (anchor) notes.push(`"${anchor.text}" is not in this document: the page rule was used.`);
  if (wanted === null)
    notes.push(`The document has only ${pages.length} page(s): the stamp goes on the last one.`);
  return finish(index, boxForRule(rule, view), view, anchor ? 'fallback' : 'rule', notes.join(' ') || null);
}

function finish(
  index: number,
  box: ScreenBox,
  view: PageView,
  source: Stamp['source'],
  note: string | null,
): Stamp {
  const kept = keepOnPage(box, view);
  const moved = kept.moved ? 'The box reached past the page edge and was moved onto the page.' : null;
  return {
    page: toPageNumber(index),
    rect: toPdfRect(kept.box, view),
    source,
    note: [note, moved].filter(Boolean).join(' ') || null,
  };
}
