// How a template's stamp will look, drawn as SVG in PDF points and scaled to a pixel box. Laid out
// by the same function as the sandbox's PDF writer (shared/stamp-layout.ts): a thin border, image
// and QR code beside the text in a wide box (above it in a tall one), the same lines broken at the
// same places, centred vertically and clipped. The background stays transparent, as on the page.
// Presentational only: no bridge calls, and it lets pointer events through.
import { useId } from 'react';
import type { TemplateDesign } from '../../../shared/contract-appearance';
import type { CommunicationLanguage } from '../../../shared/signer';
import type { StampBox } from '../../../shared/stamp-layout';
import type { PlaceholderValues } from '../../../shared/template';
import { previewLayout, type QrModules } from './stamp-preview-layout';

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
  /** The signer's communication language: the standard lines and the service's words follow it. */
  language?: CommunicationLanguage;
}

/** The same border and colours as the stamp drawn in the PDF. */
const BORDER = 0.75;
const INK = '#1a1a1a';
const FRAME = 'rgb(51, 64, 115)';
const FONT = 'Helvetica, Arial, sans-serif';

type Box = StampBox;

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
  language,
}: StampPreviewProps): React.JSX.Element {
  // useId's characters are not all valid inside url(#…).
  const clipId = `stamp-clip-${useId().replace(/[^\w-]/g, '')}`;
  // The stamp's own size in points: everything below is laid out in them.
  const w = Math.max(1, width / scale);
  const h = Math.max(1, height / scale);
  const { layout, placed } = previewLayout(design, values, w, h, language);
  const area = layout.textArea;

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
      <g clipPath={`url(#${clipId})`} fontFamily={FONT} fontSize={layout.size} fill={INK}>
        {layout.lines.map((line, index) => (
          <text key={index} x={line.x} y={line.baseline} xmlSpace="preserve">
            {line.text}
          </text>
        ))}
      </g>
    </svg>
  );
}
