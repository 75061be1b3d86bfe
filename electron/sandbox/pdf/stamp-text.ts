// What the visible stamp says: the SANDBOX notice and the signer / date / reason / location lines
// (composed by shared/stamp-layout.ts, as the desk's preview composes them), already reduced to
// what the standard Helvetica font can show.
import type { CommunicationLanguage } from '../../../shared/signer';
import { stampLines as composeStampLines } from '../../../shared/stamp-layout';
import type { PdfSignOptions } from './types';
import { toWinAnsiText } from './winansi';

/**
 * This simulator's signatures have no legal value, and every stamp says so, in the request's
 * communication language (the published API says nothing of the real service's stamp words; the
 * sandbox's own words follow the language the request asked the service to speak to the signer).
 */
export const SANDBOX_NOTICES: Readonly<Record<CommunicationLanguage, string>> = {
  EN: 'SANDBOX - no legal value',
  ES: 'SANDBOX - sin validez legal',
  PL: 'SANDBOX - bez mocy prawnej',
};
export const SANDBOX_NOTICE = SANDBOX_NOTICES.EN;
export const SANDBOX_NOTICE_SHORT = 'SANDBOX';

/** "2024-05-01 14:34:56 +02:00" in `timeZone` (IANA name), or UTC when absent or unknown. */
export function formatSigningTime(date: Date, timeZone: string | undefined): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timeZone ?? 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
  } catch {
    return formatSigningTime(date, 'UTC');
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  // No-break spaces keep the date, time and offset together when the stamp wraps lines.
  return [
    `${part('year')}-${part('month')}-${part('day')}`,
    `${part('hour')}:${part('minute')}:${part('second')}`,
    offset,
  ].join('\u00a0');
}

export function stampLines(options: PdfSignOptions): string[] {
  const appearance = options.appearance ?? {};
  return composeStampLines({
    text: appearance.text,
    signerName: options.signerName,
    date: appearance.date ?? formatSigningTime(options.signingTime, appearance.timezone),
    reason: appearance.reason ?? options.reason,
    location: appearance.location ?? options.location,
    language: options.language,
  }).map(toWinAnsiText);
}
