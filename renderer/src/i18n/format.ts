// Numbers, sizes, days and instants as the RAO's language writes them ("8,5 mm", "1,5 MB",
// "22/11/2026", "22.11.2026"), through Intl, and typed numbers and days read back. Every screen
// formats through here, so a language never shows another's separators.

/** A number with at most `digits` decimals: 8.5 is "8.5" in English, "8,5" in Spanish and Polish. */
export function formatNumber(language: string, value: number, digits = 1): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/**
 * A typed number, or null. Either a comma or a point is the decimal mark (the fields this reads
 * never need thousands, and people type the other language's mark out of habit); spaces are ignored.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (!/^-?(\d+([.,]\d*)?|[.,]\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** A file's size in the language's units and marks: "812 B", "1234 kB", "1,5 MB". */
export function formatBytes(language: string, bytes: number): string {
  const unit = (name: 'byte' | 'kilobyte' | 'megabyte', value: number, digits: number): string =>
    new Intl.NumberFormat(language, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).format(value);
  if (bytes < 1024) return unit('byte', bytes, 0);
  if (bytes < 1024 * 1024) return unit('kilobyte', bytes / 1024, 0);
  return unit('megabyte', bytes / 1024 / 1024, 1);
}

type When = string | number | Date;

/** An instant as a date and a time of day: "22/11/2026, 14:05:09". */
export function formatDateTime(language: string, when: When, seconds = true): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'short',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(new Date(when));
}

/** A time of day to the second on the 24-hour clock: "14:05:09". */
export function formatClock(language: string, when: When): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(when));
}

const dayFormat = (language: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' });

/** The order of day, month and year in the language's short dates, and what separates them. */
function dayParts(language: string): Intl.DateTimeFormatPart[] {
  return dayFormat(language).formatToParts(new Date(2026, 10, 22));
}

/** The letters people write for each part of a day, in their own language (dd/mm/aaaa). */
export interface DayLetters {
  day: string;
  month: string;
  year: string;
}

/** How a day is written in the language, to show in an empty field: "dd/mm/aaaa", "dd.mm.rrrr". */
export function dayPattern(language: string, letters: DayLetters): string {
  return dayParts(language)
    .map((part) =>
      part.type === 'day' || part.type === 'month' || part.type === 'year' ? letters[part.type] : part.value,
    )
    .join('');
}

/** A day kept as YYYY-MM-DD, written as the language writes it: "22/11/2026", "22.11.2026". */
export function formatDay(language: string, isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  return dayFormat(language).format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const isoOf = (year: number, month: number, day: number): string | null => {
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * A typed day as YYYY-MM-DD, or null when it is no day of the calendar. Read in the language's
 * order (day first in Spanish and Polish), with any separator; a two-digit year is this century's.
 * A day written the ISO way (2026-11-22) is read as well.
 */
export function parseDay(language: string, text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numbers = trimmed.split(/[^\d]+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const order = dayParts(language)
    .map((part) => part.type)
    .filter((type) => type === 'day' || type === 'month' || type === 'year');
  const value: Record<string, number> = {};
  order.forEach((type, i) => (value[type] = Number(numbers[i])));
  const { day = 0, month = 0 } = value;
  let year = value.year ?? 0;
  if ((numbers[order.indexOf('year')] ?? '').length <= 2) year += 2000;
  return isoOf(year, month, day);
}
