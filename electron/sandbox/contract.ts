// The service contract the signer must read before the code is sent: a generated PDF naming the
// signer, the certificate profile and the sandbox's terms. It has no legal value and says so.
import { PDFDocument, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SignerData } from './routes/signer-fields';

const TERMS = [
  'This is a training contract produced by the One-Shot Optimizer SANDBOX. It has no legal value, and no qualified certificate is issued under it.',
  "By entering the one-time code sent to the mobile phone named above, the signer asks the sandbox certification authority to issue a single-use certificate in the signer's name and to use it at once to sign the documents of this request. The certificate is valid for 24 hours and for this request only.",
  "The signer declares that the identity data above are true and that the identity document shown to the Registration Authority Officer is the signer's own.",
  'The documents are hashed on the Optimizer; only their hashes are sent to the signature service. The Optimizer keeps the documents until the Registration Authority deletes them.',
  'In production the certification authority is Uanataca, a qualified trust service provider, and its own terms and certification practice statement apply instead of these.',
];

export interface ContractFacts {
  pk: number;
  signer: SignerData;
  createdAt: string;
}

export async function buildContractPdf(facts: ContractFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`One-Shot service contract - request ${facts.pk} (SANDBOX)`);
  doc.setProducer('One-Shot Optimizer SANDBOX');
  doc.setCreationDate(new Date(facts.createdAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595.28, 841.89]);
  watermark(page, bold);

  let y = 780;
  const line = (text: string, font = regular, size = 10): void => {
    page.drawText(winAnsi(text), { x: 56, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 6;
  };
  line('One-Shot Signature - service contract', bold, 18);
  line('SANDBOX - NO LEGAL VALUE', bold, 12);
  y -= 8;
  const s = facts.signer;
  const name = [s.given_name, s.surname_1, s.surname_2].filter(Boolean).join(' ');
  const rows: [string, string][] = [
    ['Request', String(facts.pk)],
    ['Signer', name],
    ['Identity document', `${s.id_document_type} ${s.id_document_country} ${s.serial_number}`],
    ['E-mail', s.email],
    ['Mobile phone', s.mobile_phone_number],
    ['Certificate profile', s.profile],
    ['Registration authority', s.registration_authority],
    ['Date', facts.createdAt],
  ];
  for (const [label, value] of rows) line(`${label}: ${value}`);
  y -= 10;
  line('Terms', bold, 12);
  for (const paragraph of TERMS) {
    for (const text of wrap(winAnsi(paragraph), regular, 10, 480)) line(text);
    y -= 4;
  }
  return doc.save();
}

function watermark(page: PDFPage, font: PDFFont): void {
  page.drawText('SANDBOX', {
    x: 150,
    y: 300,
    size: 110,
    font,
    color: rgb(0.9, 0.9, 0.9),
    rotate: degrees(45),
  });
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && current) {
      lines.push(current);
      current = word;
    } else {
      current = next;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Helvetica's WinAnsi covers Spanish; letters outside it (Polish Ł, say) lose their marks. */
export function winAnsi(text: string): string {
  const special: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ø: 'O', ø: 'o' };
  return Array.from(text)
    .map((ch) => {
      if (/[\u0020-\u007e\u00a0-\u00ff€]/.test(ch)) return ch;
      if (special[ch]) return special[ch];
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(base) ? base : '?';
    })
    .join('');
}
