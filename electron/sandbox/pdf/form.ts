// The document structure a signature touches: the page tree (to find the widget's page), the
// AcroForm field list and the page's /Annots, recording which existing objects must be rewritten.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { PDFContext, PDFObject } from 'pdf-lib';
import { PdfSignError } from './errors';

export type Rotation = 0 | 90 | 180 | 270;

export interface PageEntry {
  readonly ref: PDFRef;
  readonly dict: PDFDict;
  /** /Rotate, inherited through the page tree and reduced to a quarter turn. */
  readonly rotation: Rotation;
}

const name = (key: string): PDFName => PDFName.of(key);

function quarterTurn(object: PDFObject | undefined): Rotation | undefined {
  if (!(object instanceof PDFNumber)) return undefined;
  return ((((Math.round(object.asNumber() / 90) * 90) % 360) + 360) % 360) as Rotation;
}

/** Leaf pages in document order; a page tree with cycles or without pages is damaged. */
export function listPages(context: PDFContext, catalog: PDFDict): PageEntry[] {
  const pages: PageEntry[] = [];
  const visited = new Set<PDFRef>();
  const visit = (ref: PDFObject | undefined, inherited: Rotation): void => {
    if (!(ref instanceof PDFRef) || visited.has(ref)) {
      throw new PdfSignError('damaged', 'The PDF is damaged: invalid page tree');
    }
    visited.add(ref);
    const node = context.lookup(ref);
    if (!(node instanceof PDFDict))
      throw new PdfSignError('damaged', 'The PDF is damaged: invalid page node');
    const rotation = quarterTurn(context.lookup(node.get(name('Rotate')))) ?? inherited;
    const kids = context.lookup(node.get(name('Kids')));
    if (node.get(name('Type')) === name('Pages') || kids instanceof PDFArray) {
      if (!(kids instanceof PDFArray))
        throw new PdfSignError('damaged', 'The PDF is damaged: page node without kids');
      for (const kid of kids.asArray()) visit(kid, rotation);
    } else {
      pages.push({ ref, dict: node, rotation });
    }
  };
  visit(catalog.get(name('Pages')), 0);
  if (pages.length === 0) throw new PdfSignError('damaged', 'The PDF is damaged: it has no pages');
  return pages;
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/**
 * A top-level field name not used by any other top-level field: `wanted` (periods would make it a
 * hierarchical name, so they become "_") or "Signature<N>", with a numeric suffix if taken.
 */
export function uniqueFieldName(context: PDFContext, catalog: PDFDict, wanted: string | undefined): string {
  const acroForm = context.lookup(catalog.get(name('AcroForm')));
  const fields = acroForm instanceof PDFDict ? context.lookup(acroForm.get(name('Fields'))) : undefined;
  const taken = new Set<string>();
  if (fields instanceof PDFArray) {
    for (const field of fields.asArray()) {
      const dict = context.lookup(field);
      const title = dict instanceof PDFDict ? textOf(context.lookup(dict.get(name('T')))) : undefined;
      if (title !== undefined) taken.add(title);
    }
  }
  const base = wanted?.replaceAll('.', '_').trim();
  if (base && !taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = base ? `${base}_${n + 1}` : `Signature${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Appends `item` to the array at `holder[key]`, creating it if absent. Records in `changed` the
 * object that really changes: the array itself when it is indirect, otherwise the holder.
 */
function appendTo(
  context: PDFContext,
  holder: PDFDict,
  holderRef: PDFRef,
  key: string,
  item: PDFRef,
  changed: Set<PDFRef>,
): void {
  const current = holder.get(name(key));
  const array = context.lookup(current);
  if (current instanceof PDFRef && array instanceof PDFArray) {
    array.push(item);
    changed.add(current);
    return;
  }
  if (array instanceof PDFArray) array.push(item);
  else holder.set(name(key), context.obj([item]));
  changed.add(holderRef);
}

/** Makes the widget a field of the document's AcroForm and an annotation of its page. */
export function attachSignatureField(
  context: PDFContext,
  catalogRef: PDFRef,
  catalog: PDFDict,
  page: PageEntry,
  widgetRef: PDFRef,
  changed: Set<PDFRef>,
): void {
  appendTo(context, page.dict, page.ref, 'Annots', widgetRef, changed);

  const current = catalog.get(name('AcroForm'));
  const existing = context.lookup(current);
  let acroForm: PDFDict;
  let acroFormRef = catalogRef;
  if (existing instanceof PDFDict) {
    acroForm = existing;
    if (current instanceof PDFRef) acroFormRef = current;
  } else {
    acroForm = context.obj({});
    catalog.set(name('AcroForm'), acroForm);
  }
  changed.add(acroFormRef);
  appendTo(context, acroForm, acroFormRef, 'Fields', widgetRef, changed);
  const flags = context.lookup(acroForm.get(name('SigFlags')));
  // SignaturesExist | AppendOnly: tells editors to save incrementally from now on.
  acroForm.set(name('SigFlags'), PDFNumber.of((flags instanceof PDFNumber ? flags.asNumber() : 0) | 3));
}
