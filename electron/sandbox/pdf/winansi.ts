// Text for the standard Helvetica font: reduces any Unicode string to what WinAnsiEncoding can show
// and encodes it as the single bytes a content stream carries.
import { winAnsiCode } from '../../../shared/win-ansi';

/** Letters that Unicode decomposition does not reduce to a base letter (the stroke is not a mark). */
// prettier-ignore
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', ſ: 's',
  Ŧ: 'T', ŧ: 't', Ɓ: 'B', Ƒ: 'F', Ǥ: 'G', ǥ: 'g', ĸ: 'k', ŉ: "'n",
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2032': "'", '\u2033': '"',
};

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
