// Text for the standard Helvetica font: reduces any Unicode string to what WinAnsiEncoding can show
// and encodes it as the single bytes a content stream carries.

/** WinAnsi code points 0x80–0x9F, which differ from Latin-1 (ISO 32000-1 Annex D). */
// prettier-ignore
const WIN_ANSI_HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/** Letters that Unicode decomposition does not reduce to a base letter (the stroke is not a mark). */
// prettier-ignore
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', ſ: 's',
  Ŧ: 'T', ŧ: 't', Ɓ: 'B', Ƒ: 'F', Ǥ: 'G', ǥ: 'g', ĸ: 'k', ŉ: "'n",
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2032': "'", '\u2033': '"',
};

function winAnsiCode(codePoint: number): number | undefined {
  if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) return codePoint;
  return WIN_ANSI_HIGH.get(codePoint);
}

function isWinAnsi(char: string): boolean {
  return winAnsiCode(char.codePointAt(0) ?? 0) !== undefined;
}

/**
 * Keeps every character WinAnsi has (á, ñ, €…) and transliterates the rest (Ł→L, ș→s); what is
 * still not representable becomes "?". Whitespace controls become spaces so nothing breaks a line.
 */
export function toWinAnsiText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) out += char;
    else if (/\s/u.test(char)) out += ' ';
    else {
      const base = (TRANSLITERATIONS[char] ?? char).normalize('NFD').replace(/\p{M}/gu, '');
      out += [...base].every(isWinAnsi) && base !== '' ? base : '?';
    }
  }
  return out;
}

/**
 * Already-reduced text as a PDF literal string `( … )` of WinAnsi bytes, returned as a binary
 * (Latin-1) string so it can be concatenated into a content stream.
 */
export function winAnsiLiteral(text: string): string {
  const bytes: number[] = [0x28];
  for (const char of text) {
    const code = winAnsiCode(char.codePointAt(0) ?? 0) ?? 0x3f;
    // Parentheses and backslash are the only bytes a literal string must escape.
    if (code === 0x28 || code === 0x29 || code === 0x5c) bytes.push(0x5c);
    bytes.push(code);
  }
  bytes.push(0x29);
  return String.fromCharCode(...bytes);
}
