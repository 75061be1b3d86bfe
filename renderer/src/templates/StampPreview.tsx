// How a template's stamp will look, drawn as SVG in PDF points and scaled to a pixel box. Laid out
// like the signing service draws it (electron/sandbox/pdf/appearance.ts): a thin border, image and
// QR code beside the text in a wide box (above it in a tall one), text centred vertically and
// clipped. The background stays transparent, as on the page. Presentational only: no bridge calls,
// and it lets pointer events through.
import { useId } from 'react';
import { create as createQr } from 'qrcode';
import type { TemplateDesign } from '../../../shared/contract-appearance';
import { templateToSignature, type PlaceholderValues } from '../../../shared/template';

export interface StampPreviewProps {
  design: TemplateDesign;
  /** Placeholder values; those not given show as written ({date}…). */
  values: PlaceholderValues;
  /** The box in CSS pixels. */
  width: number;
  height: number;
  /** CSS pixels per PDF point (the page's zoom), so the text size in points shows true. */
  scale?: number;
  /** An accessible name; without it the preview is decorative (hidden from assistive tech). */
  label?: string;
}

/** The same constants as the stamp drawn in the PDF. */
const LEADING = 1.2;
const DESCENT = 0.207;
const GLYPH_HEIGHT = 0.925;
const BORDER = 0.75;
const INK = '#1a1a1a';
const FRAME = 'rgb(51, 64, 115)';
const FONT = 'Helvetica, Arial, sans-serif';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Graphic = { kind: 'image'; aspect: number; href: string } | { kind: 'qr'; modules: QrModules | null };
interface QrModules {
  size: number;
  data: ArrayLike<number>;
}

let measureContext: CanvasRenderingContext2D | null | undefined;
function measure(text: string, size: number): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * size * 0.5;
  measureContext.font = `${size}px ${FONT}`;
  return measureContext.measureText(text).width;
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

/** Greedy word wrap at a fixed size; a word wider than the box is cut between characters. */
function wrap(line: string, width: number, size: number): string[] {
  if (measure(line, size) <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ').filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current !== '') out.push(current);
    current = '';
    for (const char of word) {
      if (current !== '' && measure(current + char, size) > width) {
        out.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** Places the graphics beside or above the text, as the PDF stamp does; returns the text's box. */
function placeGraphics(graphics: readonly Graphic[], body: Box, horizontal: boolean, gap: number) {
  const placed: { graphic: Graphic; box: Box }[] = [];
  if (graphics.length === 0) return { placed, text: body };
  const aspects = graphics.map((g) => (g.kind === 'image' ? g.aspect : 1));
  const aspectSum = aspects.reduce((a, b) => a + b, 0);
  const gaps = gap * (graphics.length - 1);
  const height = horizontal
    ? Math.max(0, Math.min(body.height, (body.width * 0.45 - gaps) / aspectSum))
    : Math.max(0, Math.min(body.height * 0.5, (body.width - gaps) / aspectSum));
  const rowWidth = height * aspectSum + gaps;
  let x = horizontal ? body.x : body.x + (body.width - rowWidth) / 2;
  // SVG's y runs down: a horizontal row is centred, a vertical one sits at the top.
  const y = horizontal ? body.y + (body.height - height) / 2 : body.y;
  graphics.forEach((graphic, index) => {
    const width = height * (aspects[index] ?? 1);
    placed.push({ graphic, box: { x, y, width, height } });
    x += width + gap;
  });
  const text = horizontal
    ? {
        x: body.x + rowWidth + gap,
        y: body.y,
        width: Math.max(0, body.width - rowWidth - gap),
        height: body.height,
      }
    : {
        x: body.x,
        y: body.y + height + gap,
        width: body.width,
        height: Math.max(0, body.height - height - gap),
      };
  return { placed, text };
}

function QrDrawing({ modules, box }: { modules: QrModules | null; box: Box }): React.JSX.Element {
  if (!modules) {
    return (
      <g>
        <rect x={box.x} y={box.y} width={box.width} height={box.height} fill="none" stroke={INK} />
        <text
          x={box.x + box.width / 2}
          y={box.y + box.height / 2}
          fontSize={box.height / 4}
          fontFamily={FONT}
          textAnchor="middle"
          dominantBaseline="middle"
          fill={INK}
        >
          QR
        </text>
      </g>
    );
  }
  // A quiet zone of one module, then one path of dark squares.
  const cell = box.width / (modules.size + 2);
  let d = '';
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.data[row * modules.size + col]) d += `M${col + 1} ${row + 1}h1v1h-1z`;
  return (
    <g transform={`translate(${box.x} ${box.y}) scale(${cell})`}>
      <rect width={modules.size + 2} height={modules.size + 2} fill="#fff" />
      <path d={d} fill="#000" shapeRendering="crispEdges" />
    </g>
  );
}

export function StampPreview({
  design,
  values,
  width,
  height,
  scale = 1,
  label,
}: StampPreviewProps): React.JSX.Element {
  // useId's characters are not all valid inside url(#…).
  const clipId = `stamp-clip-${useId().replace(/[^\w-]/g, '')}`;
  const signature = templateToSignature(design, values);
  const appearance = signature.appearance ?? {};
  // The stamp's own size in points: everything below is laid out in them.
  const w = Math.max(1, width / scale);
  const h = Math.max(1, height / scale);
  const pad = Math.max(1, Math.min(4, Math.min(w, h) * 0.05));
  const body: Box = { x: pad, y: pad, width: Math.max(0, w - 2 * pad), height: Math.max(0, h - 2 * pad) };

  const graphics: Graphic[] = [];
  if (appearance.b64_image)
    graphics.push({
      kind: 'image',
      aspect: pngAspect(appearance.b64_image),
      href: `data:image/png;base64,${appearance.b64_image}`,
    });
  if (appearance.qrcode) graphics.push({ kind: 'qr', modules: qrModules(appearance.qrcode) });
  const { placed, text: area } = placeGraphics(graphics, body, w >= h, pad);

  const size = design.textSize;
  const lead = size * LEADING;
  // The service adds the signing time, reason and location under the design's own lines (the
  // sandbox does the same), in its own words: the preview shows them as the PDF will.
  const added = [
    `Date: ${values.date ?? '{date}'}`,
    ...(appearance.reason ? [`Reason: ${appearance.reason}`] : []),
    ...(appearance.location ? [`Location: ${appearance.location}`] : []),
  ];
  const lines = [...(appearance.text ?? []), ...added].flatMap((line) => wrap(line, area.width, size));
  const top = area.y + Math.max(0, (area.height - lines.length * lead) / 2);
  const anchor = design.textAlign === 'center' ? 'middle' : design.textAlign === 'right' ? 'end' : 'start';
  const x =
    design.textAlign === 'center'
      ? area.x + area.width / 2
      : design.textAlign === 'right'
        ? area.x + area.width
        : area.x;

  return (
    <svg
      className="stamp-preview"
      width={width}
      height={height}
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      style={{ pointerEvents: 'none', display: 'block' }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      <rect
        x={BORDER}
        y={BORDER}
        width={Math.max(0, w - 2 * BORDER)}
        height={Math.max(0, h - 2 * BORDER)}
        fill="none"
        stroke={FRAME}
        strokeWidth={BORDER}
      />
      {placed.map(({ graphic, box }, index) =>
        graphic.kind === 'image' ? (
          <image
            key={index}
            href={graphic.href}
            x={box.x}
            y={box.y}
            width={box.width}
            height={box.height}
            preserveAspectRatio="none"
          />
        ) : (
          <QrDrawing key={index} modules={graphic.modules} box={box} />
        ),
      )}
      <clipPath id={clipId}>
        <rect x={area.x} y={area.y} width={area.width} height={area.height} />
      </clipPath>
      <g clipPath={`url(#${clipId})`} fontFamily={FONT} fontSize={size} fill={INK} textAnchor={anchor}>
        {lines.map((line, index) => (
          <text
            key={index}
            x={x}
            y={top + (index + 1) * lead - (lead - GLYPH_HEIGHT * size) / 2 - DESCENT * size}
            xmlSpace="preserve"
          >
            {line}
          </text>
        ))}
      </g>
    </svg>
  );
}
