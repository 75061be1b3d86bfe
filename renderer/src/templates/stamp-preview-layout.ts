// What the stamp preview draws, computed without React or the DOM: the design as the sign call will
// send it, laid out by shared/stamp-layout.ts exactly as the sandbox's PDF writer lays it out. Kept
// apart from StampPreview.tsx so a test can put it beside the PDF the sandbox writes.
import { create as createQr } from 'qrcode';
import type { TemplateDesign } from '../../../shared/contract-appearance';
import type { CommunicationLanguage } from '../../../shared/signer';
import { layoutStamp, stampLines, type StampBox, type StampLayout } from '../../../shared/stamp-layout';
import { templateToSignature, type PlaceholderValues } from '../../../shared/template';

export interface QrModules {
  size: number;
  data: ArrayLike<number>;
}

export type PreviewGraphic =
  | { kind: 'image'; aspect: number; href: string }
  | { kind: 'qr'; modules: QrModules | null };

export interface PreviewLayout {
  /** The stamp's size in points. */
  width: number;
  height: number;
  layout: StampLayout;
  placed: { graphic: PreviewGraphic; box: StampBox }[];
}

/** A PNG's width / height from its IHDR chunk (bytes 16–23), or 1 when it cannot be read. */
function pngAspect(base64: string): number {
  try {
    const head = atob(base64.slice(0, 32));
    const int = (at: number): number =>
      ((head.charCodeAt(at) << 24) |
        (head.charCodeAt(at + 1) << 16) |
        (head.charCodeAt(at + 2) << 8) |
        head.charCodeAt(at + 3)) >>>
      0;
    const width = int(16);
    const height = int(20);
    return width > 0 && height > 0 ? width / height : 1;
  } catch {
    return 1;
  }
}

function qrModules(content: string): QrModules | null {
  try {
    return createQr(content, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    // Too long for a QR code: a labelled square stands in for it.
    return null;
  }
}

/**
 * The preview of `design` in a box of `width` × `height` points. The service adds the signing
 * time, reason and location under the design's own lines (the sandbox does the same) in the
 * request's language; placeholders without a value show as written ({date}…).
 */
export function previewLayout(
  design: TemplateDesign,
  values: PlaceholderValues,
  width: number,
  height: number,
  language?: CommunicationLanguage,
): PreviewLayout {
  const appearance = templateToSignature(design, values, language).appearance ?? {};
  const graphics: PreviewGraphic[] = [];
  if (appearance.b64_image)
    graphics.push({
      kind: 'image',
      aspect: pngAspect(appearance.b64_image),
      href: `data:image/png;base64,${appearance.b64_image}`,
    });
  if (appearance.qrcode) graphics.push({ kind: 'qr', modules: qrModules(appearance.qrcode) });
  const layout = layoutStamp({
    width,
    height,
    graphics: graphics.map((g) => (g.kind === 'image' ? g.aspect : 1)),
    lines: stampLines({
      text: appearance.text,
      signerName: values.signer ?? '{signer}',
      date: values.date ?? '{date}',
      reason: appearance.reason,
      location: appearance.location,
      language,
    }),
    textSize: appearance.text_size,
    textAlign: appearance.text_align,
  });
  const placed = graphics.map((graphic, index) => ({
    graphic,
    box: layout.graphics[index] ?? { x: 0, y: 0, width: 0, height: 0 },
  }));
  return { width, height, layout, placed };
}
