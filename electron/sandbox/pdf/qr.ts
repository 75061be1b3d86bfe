// The stamp's QR code: a real, scannable symbol drawn as vector rectangles, so it stays sharp at
// any zoom and needs no image XObject.
import { create as createQrCode } from 'qrcode';
import { PdfSignError } from './errors';

/** Light modules around the symbol; the standard asks for 4, 2 suffices on a white stamp. */
const QUIET_ZONE = 2;

export interface QrSymbol {
  /** Modules per side, quiet zone included. */
  readonly modules: number;
  /** Dark runs per row (row 0 at the top) as [firstColumn, length], quiet zone included. */
  readonly runs: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

export function encodeQr(content: string): QrSymbol {
  let matrix;
  try {
    matrix = createQrCode(content, { errorCorrectionLevel: 'M' }).modules;
  } catch (error) {
    throw new PdfSignError('bad_image', `The QR code content cannot be encoded: ${String(error)}`);
  }
  const runs: [number, number][][] = [];
  for (let row = 0; row < matrix.size; row++) {
    const rowRuns: [number, number][] = [];
    let start = -1;
    for (let col = 0; col <= matrix.size; col++) {
      const dark = col < matrix.size && matrix.get(row, col) !== 0;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        rowRuns.push([start + QUIET_ZONE, col - start]);
        start = -1;
      }
    }
    runs.push(rowRuns);
  }
  return { modules: matrix.size + 2 * QUIET_ZONE, runs };
}

const num = (value: number): string => String(Math.round(value * 1000) / 1000);

/**
 * Content-stream operators painting the symbol in the square (x, y, side): a white background
 * (the quiet zone) and one rectangle per horizontal run of dark modules. Drawing in module units
 * under one `cm` keeps neighbouring rows exactly adjacent, without hairline seams.
 */
export function qrOperators(symbol: QrSymbol, x: number, y: number, side: number): string {
  const unit = side / symbol.modules;
  const ops = [
    `q ${num(unit)} 0 0 ${num(unit)} ${num(x)} ${num(y)} cm 1 g 0 0 ${symbol.modules} ${symbol.modules} re f 0 g`,
  ];
  symbol.runs.forEach((rowRuns, index) => {
    const rowY = symbol.modules - QUIET_ZONE - index - 1;
    for (const [col, length] of rowRuns) ops.push(`${col} ${rowY} ${length} 1 re`);
  });
  ops.push('f Q');
  return ops.join('\n');
}
