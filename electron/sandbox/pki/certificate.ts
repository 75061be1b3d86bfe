// Low-level X.509 v3 assembly for the sandbox CA: names, extensions, TBSCertificate, RSA signature.
// Built on @peculiar/asn1-x509 directly because @peculiar/x509 needs a reflect-metadata polyfill.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  Extensions,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

export const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
} as const;

export type NameEntry = readonly [oid: string, value: string];

// RFC 5280 wants countryName and serialNumber as PrintableString; everything else goes out as
// UTF8String so that names like "Núñez" or "Łukasz" survive untouched.
const PRINTABLE_ONLY = new Set<string>([OID.country, OID.serialNumber]);
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

export function buildName(entries: readonly NameEntry[]): Name {
  return new Name(
    entries.map(([type, text]) => {
      const value =
        PRINTABLE_ONLY.has(type) && PRINTABLE.test(text)
          ? new AttributeValue({ printableString: text })
          : new AttributeValue({ utf8String: text });
      return new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value })]);
    }),
  );
}

export function extension(extnID: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function spkiOf(publicKey: KeyObject): SubjectPublicKeyInfo {
  return AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 over the subjectPublicKey BIT STRING contents. */
export function keyIdentifier(spki: SubjectPublicKeyInfo): Buffer {
  return createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
}

/** 16 random bytes, first byte in 0x40..0x7f: always positive, always 16 bytes, minimal DER. */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  return serial;
}

/** Drops milliseconds, which X.509 times cannot carry, so callers report what the cert says. */
export function wholeSeconds(epochMs: number): Date {
  return new Date(Math.floor(epochMs / 1000) * 1000);
}

export interface CertificateParams {
  serial: Buffer;
  issuer: Name;
  subject: Name;
  notBefore: Date;
  notAfter: Date;
  subjectPublicKey: SubjectPublicKeyInfo;
  extensions: Extension[];
  issuerKey: KeyObject;
}

// The callback form runs the RSA operation on libuv's thread pool instead of the event loop.
const signAsync = promisify(sign);

export async function buildCertificate(params: CertificateParams): Promise<Buffer> {
  // RFC 4055: sha256WithRSAEncryption carries an explicit NULL parameter.
  const signatureAlgorithm = new AlgorithmIdentifier({
    algorithm: OID.sha256WithRSAEncryption,
    parameters: null,
  });
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(params.serial).buffer,
    signature: signatureAlgorithm,
    issuer: params.issuer,
    validity: new Validity({ notBefore: params.notBefore, notAfter: params.notAfter }),
    subject: params.subject,
    subjectPublicKeyInfo: params.subjectPublicKey,
    extensions: new Extensions(params.extensions),
  });
  const tbs = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const signatureValue = await signAsync('sha256', tbs, params.issuerKey);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm,
    signatureValue: new Uint8Array(signatureValue).buffer,
  });
  return Buffer.from(AsnConvert.serialize(certificate));
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
