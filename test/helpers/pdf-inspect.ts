// Reads signature widgets back out of a signed PDF (field name, /Rect, page index), to compare
// what was asked for with what was written.
import type { PDFNumber } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

export interface SignatureWidget {
  name: string;
  rect: [number, number, number, number];
  pageIndex: number;
  subFilter: string | undefined;
}

export async function signatureWidgets(bytes: Uint8Array): Promise<SignatureWidget[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageRefs = doc.getPages().map((p) => p.ref);
  const widgets: SignatureWidget[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
    const rect = obj
      .lookup(PDFName.of('Rect'), PDFArray)
      .asArray()
      .map((n) => (n as PDFNumber).asNumber());
    const p = obj.get(PDFName.of('P'));
    const t = obj.get(PDFName.of('T'));
    const v = obj.lookup(PDFName.of('V'));
    const sub = v instanceof PDFDict ? v.get(PDFName.of('SubFilter')) : undefined;
    widgets.push({
      name: t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '',
      rect: rect as [number, number, number, number],
      pageIndex: p instanceof PDFRef ? pageRefs.findIndex((r) => r.objectNumber === p.objectNumber) : -1,
      subFilter: sub instanceof PDFName ? sub.decodeText() : undefined,
    });
  }
  return widgets.sort((a, b) => a.name.localeCompare(b.name));
}
