// What a person needs to know about a signer's certificate (names, id number, issuer, validity), and
// whether it chains up to one of the trusted certification authorities.
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, SubjectAlternativeName, type Name } from '@peculiar/asn1-x509';

export interface SignerIdentity {
  commonName: string;
  /** The subject's serialNumber attribute: for qualified certificates the id document, e.g. "IDCES-12345678Z". */
  serialNumber?: string;
  givenName?: string;
  surname?: string;
  /** From the subject's emailAddress or, failing that, the first rfc822Name of subjectAltName. */
  email?: string;
  organization?: string;
  /** The issuing authority's common name (its whole name when it has no CN). */
  issuer: string;
  /** RFC 4514 style, most specific first: "CN=..., O=..., C=ES". */
  subjectDn: string;
  issuerDn: string;
  /** Upper-case hex. */
  certificateSerial: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
}

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const SUBJECT_ALT_NAME = '2.5.29.17';

function nameEntries(name: Name): { type: string; value: string }[] {
  return name.flatMap((rdn) =>
    rdn.map((atv) => ({ type: NAMES[atv.type] ?? atv.type, value: atv.value.toString() })),
  );
}

function distinguishedName(entries: { type: string; value: string }[]): string {
  return [...entries]
    .reverse()
    .map(({ type, value }) => `${type}=${value.replace(/([,+"\\<>;])/g, '\\$1')}`)
    .join(', ');
}

export function describeCertificate(der: Buffer): SignerIdentity {
  const certificate = AsnConvert.parse(der, Certificate);
  const tbs = certificate.tbsCertificate;
  const subject = nameEntries(tbs.subject);
  const issuer = nameEntries(tbs.issuer);
  const first = (entries: { type: string; value: string }[], type: string): string | undefined =>
    entries.find((e) => e.type === type)?.value;
  let email = first(subject, 'emailAddress');
  if (!email) {
    const san = tbs.extensions?.find((e) => e.extnID === SUBJECT_ALT_NAME);
    if (san)
      email = AsnConvert.parse(san.extnValue, SubjectAlternativeName).find((g) => g.rfc822Name)?.rfc822Name;
  }
  const subjectDn = distinguishedName(subject);
  const issuerDn = distinguishedName(issuer);
  return {
    commonName: first(subject, 'CN') ?? subjectDn,
    serialNumber: first(subject, 'serialNumber'),
    givenName: first(subject, 'GN'),
    surname: first(subject, 'SN'),
    email,
    organization: first(subject, 'O'),
    issuer: first(issuer, 'CN') ?? issuerDn,
    subjectDn,
    issuerDn,
    certificateSerial: new X509Certificate(der).serialNumber.toUpperCase(),
    notBefore: tbs.validity.notBefore.getTime().toISOString(),
    notAfter: tbs.validity.notAfter.getTime().toISOString(),
  };
}

/**
 * Whether `signer` was issued by one of `trusted`, directly or through intermediates found among
 * `others` (the certificates embedded in the signature). Signatures are checked; dates and
 * revocation are not.
 */
export function chainsToTrusted(
  signer: X509Certificate,
  others: X509Certificate[],
  trusted: X509Certificate[],
): boolean {
  const issuedBy = (child: X509Certificate, parent: X509Certificate): boolean => {
    try {
      return child.checkIssued(parent) && child.verify(parent.publicKey);
    } catch {
      return false;
    }
  };
  let current = signer;
  const seen = new Set<string>();
  for (let depth = 0; depth < 8; depth++) {
    if (depth > 0 && trusted.some((ca) => ca.fingerprint256 === current.fingerprint256)) return true;
    if (trusted.some((ca) => issuedBy(current, ca))) return true;
    seen.add(current.fingerprint256);
    const next = others.find((c) => c.ca && !seen.has(c.fingerprint256) && issuedBy(current, c));
    if (!next) return false;
    current = next;
  }
  return false;
}

/** PEM text (one or several certificates) → certificates; unreadable blocks are skipped. */
export function certificatesFromPem(pems: readonly string[]): X509Certificate[] {
  const result: X509Certificate[] = [];
  for (const pem of pems) {
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      try {
        result.push(new X509Certificate(block));
      } catch {
        // A damaged entry in the trust list should not hide the others.
      }
    }
  }
  return result;
}
