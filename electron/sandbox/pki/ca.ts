// The sandbox certification authority: a self-signed root kept in `<dir>/ca.{key,cert}.pem` that
// issues single-use signer certificates and the `--tls` server certificate, all marked SANDBOX.
import { createPrivateKey, generateKeyPair, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CertificatePolicies,
  DisplayText,
  ExtendedKeyUsage,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  PolicyInformation,
  PolicyQualifierInfo,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  UserNotice,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_certificatePolicies,
  id_ce_certificatePolicies_anyPolicy,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_emailProtection,
  id_kp_serverAuth,
  type Extension,
  type Name,
} from '@peculiar/asn1-x509';
import {
  OID,
  buildCertificate,
  buildName,
  extension,
  keyIdentifier,
  randomSerial,
  spkiOf,
  toPem,
  wholeSeconds,
  type NameEntry,
} from './certificate';

export interface SignerSubject {
  givenName: string;
  surname1: string;
  surname2?: string;
  /** IDC, PAS, PNO, TIN, CI, CE, ... */
  idDocumentType: string;
  /** ISO 3166-1 alpha-2, e.g. "ES". */
  idDocumentCountry: string;
  /** The id document number, e.g. "12345678Z". */
  serialNumber: string;
  email: string;
  /** The sandbox request id; ends up in the subject's OU. */
  requestPk: string;
}

export interface SignerCredential {
  certificatePem: string;
  certificateDer: Buffer;
  privateKey: KeyObject;
  /** Issuing chain for the CMS certificates field (just the CA). */
  chainDer: Buffer[];
  subjectCommonName: string;
  /** Upper-case hex, as node's X509Certificate.serialNumber prints it. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SandboxCa {
  readonly caPem: string;
  issueServerCertificate(hosts: string[]): Promise<{ certPem: string; keyPem: string }>;
  issueSignerCertificate(subject: SignerSubject): Promise<SignerCredential>;
}

const SANDBOX_ORG = 'One-Shot Desk training sandbox - NO LEGAL VALUE';
const SANDBOX_NOTICE = 'SANDBOX - no legal value. Issued by the One-Shot Desk training simulator.';
const CA_NAME: NameEntry[] = [
  [OID.country, 'ES'],
  [OID.organization, SANDBOX_ORG],
  [OID.commonName, 'One-Shot SANDBOX CA'],
];
const ID_QT_UNOTICE = '1.3.6.1.5.5.7.2.2';
const ID_KP_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
const UB_COMMON_NAME = 64;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const generateRsa = (modulusLength: number) => promisify(generateKeyPair)('rsa', { modulusLength });

export async function loadOrCreateCa(dir: string): Promise<SandboxCa> {
  const keyFile = join(dir, 'ca.key.pem');
  const certFile = join(dir, 'ca.cert.pem');
  const existing = await readPair(keyFile, certFile);
  if (existing) return new Authority(existing.key, existing.cert);

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { key, certPem } = await createRoot();
  // The cert file is the commit marker: it only ever exists next to the key it was made for, so a
  // crash anywhere in here leaves no CA or a complete one, never a key/cert mismatch.
  await unlink(certFile).catch(ignoreMissing);
  await writeFileAtomic(keyFile, key.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  await writeFileAtomic(certFile, certPem, 0o644);
  return new Authority(key, new X509Certificate(certPem));
}

async function readPair(
  keyFile: string,
  certFile: string,
): Promise<{ key: KeyObject; cert: X509Certificate } | null> {
  let keyPem: string;
  let certPem: string;
  try {
    [keyPem, certPem] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
  } catch (error) {
    ignoreMissing(error);
    return null;
  }
  const key = createPrivateKey(keyPem);
  const cert = new X509Certificate(certPem);
  if (!cert.ca || !cert.checkPrivateKey(key)) {
    throw new Error(`${certFile} is not a CA certificate for ${keyFile}; remove both to start afresh`);
  }
  return { key, cert };
}

async function createRoot(): Promise<{ key: KeyObject; certPem: string }> {
  const { publicKey, privateKey } = await generateRsa(3072);
  const spki = spkiOf(publicKey);
  const name = buildName(CA_NAME);
  const now = Date.now();
  const der = await buildCertificate({
    serial: randomSerial(),
    issuer: name,
    subject: name,
    notBefore: wholeSeconds(now - DAY),
    notAfter: wholeSeconds(now + 3652 * DAY),
    subjectPublicKey: spki,
    issuerKey: privateKey,
    extensions: [
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spki))),
    ],
  });
  return { key: privateKey, certPem: toPem('CERTIFICATE', der) };
}

class Authority implements SandboxCa {
  readonly caPem: string;
  readonly #key: KeyObject;
  readonly #der: Buffer;
  readonly #name: Name;
  readonly #keyId: Buffer;

  constructor(key: KeyObject, cert: X509Certificate) {
    this.#key = key;
    this.#der = cert.raw;
    this.caPem = toPem('CERTIFICATE', cert.raw);
    const tbs = AsnConvert.parse(cert.raw, Certificate).tbsCertificate;
    // Reuse the parsed subject so every issued cert names its issuer byte for byte the same.
    this.#name = tbs.subject;
    const ski = tbs.extensions?.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
    this.#keyId = ski
      ? Buffer.from(AsnConvert.parse(ski.extnValue, SubjectKeyIdentifier).buffer)
      : keyIdentifier(tbs.subjectPublicKeyInfo);
  }

  async issueServerCertificate(hosts: string[]): Promise<{ certPem: string; keyPem: string }> {
    if (hosts.length === 0) throw new Error('a server certificate needs at least one host');
    const { publicKey, privateKey } = await generateRsa(2048);
    const now = Date.now();
    const altNames = hosts.map((host) =>
      isIP(host) ? new GeneralName({ iPAddress: host }) : new GeneralName({ dNSName: host }),
    );
    const der = await this.#issue(publicKey, {
      subject: [
        [OID.organization, SANDBOX_ORG],
        [OID.commonName, hosts[0] ?? ''],
      ],
      notBefore: wholeSeconds(now - HOUR),
      notAfter: wholeSeconds(now + 90 * DAY),
      extensions: [
        extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
        extension(
          id_ce_keyUsage,
          true,
          new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment),
        ),
        extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth])),
        extension(id_ce_subjectAltName, false, new SubjectAlternativeName(altNames)),
      ],
    });
    return {
      certPem: toPem('CERTIFICATE', der),
      keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }

  async issueSignerCertificate(subject: SignerSubject): Promise<SignerCredential> {
    const country = subject.idDocumentCountry.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) {
      throw new Error(`idDocumentCountry must be ISO 3166-1 alpha-2, got "${subject.idDocumentCountry}"`);
    }
    const given = tidy(subject.givenName);
    const surnames = [subject.surname1, subject.surname2 ?? ''].map(tidy).filter(Boolean).join(' ');
    const idNumber = tidy(subject.serialNumber);
    const email = subject.email.trim();
    if (!given || !surnames || !idNumber || !email) {
      throw new Error('a signer needs a given name, a surname, an id document number and an email');
    }
    const commonName = sandboxCommonName(`${given} ${surnames}`);
    // ETSI EN 319 412-1 §5.1.3: type reference + country + "-" + identifier, e.g. IDCES-12345678Z.
    const serialNumber = `${tidy(subject.idDocumentType).toUpperCase()}${country}-${idNumber}`;

    const { publicKey, privateKey } = await generateRsa(2048);
    const now = Date.now();
    const notBefore = wholeSeconds(now - 5 * 60_000);
    const notAfter = wholeSeconds(now + DAY);
    const der = await this.#issue(publicKey, {
      subject: [
        [OID.country, country],
        [OID.organization, SANDBOX_ORG],
        [OID.organizationalUnit, `SANDBOX request ${subject.requestPk}`],
        [OID.surname, surnames],
        [OID.givenName, given],
        [OID.serialNumber, serialNumber],
        [OID.commonName, commonName],
      ],
      notBefore,
      notAfter,
      extensions: [
        extension(id_ce_basicConstraints, false, new BasicConstraints({ cA: false })),
        extension(
          id_ce_keyUsage,
          true,
          new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation),
        ),
        // NSS (pdfsig) verifies PDF signers as "email signer" and rejects an EKU without emailProtection.
        extension(
          id_ce_extKeyUsage,
          false,
          new ExtendedKeyUsage([id_kp_emailProtection, ID_KP_DOCUMENT_SIGNING]),
        ),
        extension(
          id_ce_subjectAltName,
          false,
          new SubjectAlternativeName([new GeneralName({ rfc822Name: email })]),
        ),
        extension(id_ce_certificatePolicies, false, sandboxPolicy()),
      ],
    });
    const cert = new X509Certificate(der);
    return {
      certificatePem: toPem('CERTIFICATE', der),
      certificateDer: der,
      privateKey,
      chainDer: [this.#der],
      subjectCommonName: commonName,
      serialHex: cert.serialNumber.toUpperCase(),
      notBefore,
      notAfter,
    };
  }

  #issue(
    publicKey: KeyObject,
    profile: { subject: NameEntry[]; notBefore: Date; notAfter: Date; extensions: Extension[] },
  ): Promise<Buffer> {
    const spki = spkiOf(publicKey);
    const authorityKeyId = new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(this.#keyId) });
    return buildCertificate({
      serial: randomSerial(),
      issuer: this.#name,
      subject: buildName(profile.subject),
      notBefore: profile.notBefore,
      notAfter: profile.notAfter,
      subjectPublicKey: spki,
      issuerKey: this.#key,
      extensions: [
        ...profile.extensions,
        extension(id_ce_authorityKeyIdentifier, false, authorityKeyId),
        extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spki))),
      ],
    });
  }
}

/** anyPolicy with a user notice, so viewers that show policies say SANDBOX too. */
function sandboxPolicy(): CertificatePolicies {
  const notice = new UserNotice({ explicitText: new DisplayText({ utf8String: SANDBOX_NOTICE }) });
  return new CertificatePolicies([
    new PolicyInformation({
      policyIdentifier: id_ce_certificatePolicies_anyPolicy,
      policyQualifiers: [
        new PolicyQualifierInfo({
          policyQualifierId: ID_QT_UNOTICE,
          qualifier: AsnConvert.serialize(notice),
        }),
      ],
    }),
  ]);
}

/** "NAME SURNAMES - SANDBOX", shortening the name (not the marker) to fit X.520's 64 characters. */
function sandboxCommonName(fullName: string): string {
  const suffix = ' - SANDBOX';
  const room = UB_COMMON_NAME - suffix.length;
  const chars = Array.from(fullName);
  const name = chars.length > room ? chars.slice(0, room).join('').trimEnd() : fullName;
  return `${name}${suffix}`;
}

function tidy(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself is only durable once the directory entry is flushed. Windows cannot open a
  // directory for that, and NTFS journals the rename anyway.
  if (process.platform === 'win32') return;
  const dirHandle = await open(dirname(file), 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
