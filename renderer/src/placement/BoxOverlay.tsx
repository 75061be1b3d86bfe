// The signature box over a rendered page: drag on the page to draw it, drag it to move it, drag a
// corner to resize it; arrow keys move it and Alt + arrow keys size it (Shift: ten times further). The box is held in points
// on the page as displayed (a view at scale 1), so zooming or re-rendering never moves it.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keepOnPage, viewSize, type PageView, type ScreenBox } from '../../../shared/appearance';

type Handle = 'nw' | 'ne' | 'sw' | 'se';
type Gesture =
  | { kind: 'draw'; x: number; y: number }
  | { kind: 'move'; dx: number; dy: number }
  | { kind: 'resize'; handle: Handle; fixedX: number; fixedY: number };

/** Smaller than this (in points) a drag is a click, not a box. */
const MIN_DRAWN = 4;
const MIN_SIDE = 8;

export function BoxOverlay(props: {
  view: PageView;
  box: ScreenBox;
  onChange: (box: ScreenBox) => void;
  /** Where the anchor phrase is on this page, in points, to show it. */
  phrase?: ScreenBox | null;
  /** The text and images the box lies over, in points, to show them. */
  covered?: readonly ScreenBox[];
  /** The nearest free spot of the box's size, in points, drawn dashed. */
  freeSpot?: ScreenBox | null;
  children?: React.ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { view, box, onChange } = props;
  const gesture = useRef<Gesture | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const page = viewSize({ ...view, scale: 1 });
  const px = (pt: number): number => pt * view.scale;

  /** The pointer in points on the displayed page, clamped to it. */
  const pointAt = (event: React.PointerEvent): { x: number; y: number } => {
    const rect = layer.current?.getBoundingClientRect();
    const x = (event.clientX - (rect?.left ?? 0)) / view.scale;
    const y = (event.clientY - (rect?.top ?? 0)) / view.scale;
    return { x: Math.min(Math.max(x, 0), page.width), y: Math.min(Math.max(y, 0), page.height) };
  };

  const settle = (next: ScreenBox): void => onChange(keepOnPage(next, { ...view, scale: 1 }).box);

  const start = (event: React.PointerEvent, next: Gesture): void => {
    event.preventDefault();
    event.stopPropagation();
    layer.current?.setPointerCapture(event.pointerId);
    gesture.current = next;
  };

  const onMove = (event: React.PointerEvent): void => {
    const g = gesture.current;
    if (!g) return;
    const p = pointAt(event);
    if (g.kind === 'draw') {
      if (Math.abs(p.x - g.x) < MIN_DRAWN && Math.abs(p.y - g.y) < MIN_DRAWN) return;
      settle({
        left: Math.min(g.x, p.x),
        top: Math.min(g.y, p.y),
        width: Math.abs(p.x - g.x),
        height: Math.abs(p.y - g.y),
      });
    } else if (g.kind === 'move') {
      settle({ ...box, left: p.x - g.dx, top: p.y - g.dy });
    } else {
      settle({
        left: Math.min(g.fixedX, p.x),
        top: Math.min(g.fixedY, p.y),
        width: Math.max(Math.abs(p.x - g.fixedX), MIN_SIDE),
        height: Math.max(Math.abs(p.y - g.fixedY), MIN_SIDE),
      });
    }
  };

  const onKey = (event: React.KeyboardEvent): void => {
    const step = event.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    if (event.altKey) {
      // Alt sizes the box from its lower-right corner, so it can be sized without a mouse too.
      const width = Math.max(box.width + move[0], MIN_SIDE);
      const height = Math.max(box.height + move[1], MIN_SIDE);
      const page1 = { ...view, scale: 1 };
      const room = viewSize(page1);
      onChange(
        keepOnPage(
          {
            ...box,
            width: Math.min(width, room.width - box.left),
            height: Math.min(height, room.height - box.top),
          },
          page1,
        ).box,
      );
      return;
    }
    settle({ ...box, left: box.left + move[0], top: box.top + move[1] });
  };

  const handleAt = (handle: Handle): { fixedX: number; fixedY: number } => ({
    fixedX: handle.endsWith('w') ? box.left + box.width : box.left,
    fixedY: handle.startsWith('n') ? box.top + box.height : box.top,
  });

  return (
    <div
      ref={layer}
      className="box-layer"
      data-testid="placement-layer"
      style={{ width: px(page.width), height: px(page.height) }}
      onPointerDown={(e) => {
        const p = pointAt(e);
        start(e, { kind: 'draw', x: p.x, y: p.y });
      }}
      onPointerMove={onMove}
      onPointerUp={() => (gesture.current = null)}
      onPointerCancel={() => (gesture.current = null)}
    >
      {props.covered?.map((c, i) => (
        <div
          key={i}
          className="covered-content"
          aria-hidden="true"
          style={{ left: px(c.left), top: px(c.top), width: px(c.width), height: px(c.height) }}
        />
      ))}
      {props.freeSpot && (
        <div
          className="free-spot"
          aria-hidden="true"
          data-testid="free-spot"
          style={{
            left: px(props.freeSpot.left),
            top: px(props.freeSpot.top),
            width: px(props.freeSpot.width),
            height: px(props.freeSpot.height),
          }}
        />
      )}
      {props.phrase && (
        <div
          className="anchor-phrase"
          aria-hidden="true"
          style={{
            left: px(props.phrase.left),
            top: px(props.phrase.top),
            width: px(props.phrase.width),
            height: px(props.phrase.height),
          }}
        />
      )}
      <div
        className="signature-box"
        role="group"
        tabIndex={0}
        aria-label={t('placement.box')}
        data-testid="signature-box"
        style={{ left: px(box.left), top: px(box.top), width: px(box.width), height: px(box.height) }}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          const p = pointAt(e);
          start(e, { kind: 'move', dx: p.x - box.left, dy: p.y - box.top });
        }}
      >
        {props.children}
        {(['nw', 'ne', 'sw', 'se'] as const).map((handle) => (
          <span
            key={handle}
            className={`box-handle ${handle}`}
            aria-hidden="true"
            onPointerDown={(e) => start(e, { kind: 'resize', handle, ...handleAt(handle) })}
          />
        ))}
      </div>
    </div>
  );
}
