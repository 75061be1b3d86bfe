// Reads a CMS SignedData (RFC 5652) from a PDF signature's /Contents by walking the BER/DER
// directly, so the signed attributes and certificates come out as the exact bytes that were
// signed, and verifies a SignerInfo's signature with node:crypto.
import { constants, verify, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SigningTime } from '@peculiar/asn1-cms';
import { children, contents, decodeOid, DerError, readTlv, slice, TAG, type Tlv } from './der';

export class CmsError extends Error {
  override name = 'CmsError';
}

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

const DIGESTS: Record<string, string> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
  '1.3.36.3.2.1': 'ripemd160',
  // Some signers put the signature algorithm where the digest algorithm belongs.
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

/** Signature algorithms that fix their own hash. */
const HASHED_SIGNATURES: Record<string, { hash: string; family: 'rsa' | 'ecdsa' }> = {
  '1.2.840.113549.1.1.5': { hash: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.14': { hash: 'sha224', family: 'rsa' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', family: 'rsa' },
  '2.16.840.1.101.3.4.3.13': { hash: 'sha3-256', family: 'rsa' },
  '2.16.840.1.101.3.4.3.14': { hash: 'sha3-384', family: 'rsa' },
  '2.16.840.1.101.3.4.3.15': { hash: 'sha3-512', family: 'rsa' },
  '1.2.840.10045.4.1': { hash: 'sha1', family: 'ecdsa' },
  '1.2.840.10045.4.3.1': { hash: 'sha224', family: 'ecdsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', family: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', family: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', family: 'ecdsa' },
  '2.16.840.1.101.3.4.3.10': { hash: 'sha3-256', family: 'ecdsa' },
  '2.16.840.1.101.3.4.3.11': { hash: 'sha3-384', family: 'ecdsa' },
  '2.16.840.1.101.3.4.3.12': { hash: 'sha3-512', family: 'ecdsa' },
};
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';
const ED448 = '1.3.101.113';
const MGF1 = '1.2.840.113549.1.1.8';

export function digestName(oid: string): string | undefined {
  return DIGESTS[oid];
}

export interface AlgorithmId {
  oid: string;
  /** DER of the parameters, when present. */
  parameters?: Buffer;
}

export interface EssCertificateReference {
  /** Node hash name ('sha256' by default for v2, 'sha1' for v1). */
  hash: string;
  certHash: Buffer;
}

export interface TstInfo {
  imprintAlgorithm: string;
  hashedMessage: Buffer;
  genTime: Date;
}

export interface ParsedSigner {
  digestAlgorithm: AlgorithmId;
  signatureAlgorithm: AlgorithmId;
  signature: Buffer;
  /** The signed attributes re-tagged as SET OF (0x31): the bytes the signature covers. */
  signedAttributes?: Buffer;
  attributeTypes: string[];
  contentType?: string;
  messageDigest?: Buffer;
  signingTime?: Date;
  essCertificate?: EssCertificateReference;
  /** An RFC 3161 token in the unsigned attributes (signature-time-stamp, PAdES B-T). */
  timestampToken?: Buffer;
  /** The signer's certificate, found by the SignerIdentifier among the embedded ones. */
  certificate?: Buffer;
}

export interface ParsedCms {
  /** The CMS without the zero padding of /Contents. */
  der: Buffer;
  eContentType: string;
  eContent?: Buffer;
  /** Embedded certificates, byte for byte. */
  certificates: Buffer[];
  signers: ParsedSigner[];
  /** Present when eContentType is TSTInfo (a document or signature time-stamp token). */
  tstInfo?: TstInfo;
}

/** Parses a ContentInfo holding SignedData; trailing zero bytes (the /Contents padding) are ignored. */
export function parseCms(bytes: Buffer): ParsedCms {
  try {
    return parseCmsOrThrow(bytes);
  } catch (error) {
    if (error instanceof CmsError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new CmsError(`the signature data is not a valid CMS structure (${detail})`);
  }
}

function parseCmsOrThrow(bytes: Buffer): ParsedCms {
  if (bytes.length === 0 || bytes.every((b) => b === 0)) throw new CmsError('the signature value is empty');
  const root = readTlv(bytes, 0);
  const der = bytes.subarray(0, root.end);
  const [typeTlv, explicit] = expect(der, root, TAG.sequence, 'ContentInfo');
  if (!typeTlv || typeTlv.tag !== TAG.oid) throw new CmsError('ContentInfo has no content type');
  const contentType = decodeOid(contents(der, typeTlv));
  if (contentType !== OIDS.signedData) {
    throw new CmsError(`the signature holds ${contentType}, not SignedData`);
  }
  if (!explicit || explicit.tag !== TAG.context0) throw new CmsError('ContentInfo has no content');
  const [signedDataTlv] = children(der, explicit);
  if (!signedDataTlv) throw new CmsError('SignedData is missing');
  const parts = expect(der, signedDataTlv, TAG.sequence, 'SignedData');
  // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
  const encap = parts[2];
  const signerInfos = parts[parts.length - 1];
  if (!encap || encap.tag !== TAG.sequence || !signerInfos || signerInfos.tag !== TAG.set) {
    throw new CmsError('SignedData is incomplete');
  }
  const [eTypeTlv, eExplicit] = children(der, encap);
  if (!eTypeTlv || eTypeTlv.tag !== TAG.oid) throw new CmsError('the encapsulated content has no type');
  const eContentType = decodeOid(contents(der, eTypeTlv));
  let eContent: Buffer | undefined;
  if (eExplicit) {
    const [octets] = children(der, eExplicit);
    if (octets) eContent = octetString(der, octets);
  }
  const certificatesTlv = parts.slice(3, -1).find((p) => p.tag === TAG.context0);
  const certificates = certificatesTlv
    ? children(der, certificatesTlv)
        .filter((c) => c.tag === TAG.sequence)
        .map((c) => Buffer.from(slice(der, c)))
    : [];
  const signers = children(der, signerInfos).map((tlv) => parseSignerInfo(der, tlv, certificates));
  if (signers.length === 0) throw new CmsError('the signature has no SignerInfo');
  const tstInfo = eContentType === OIDS.tstInfo && eContent ? parseTstInfo(eContent) : undefined;
  return { der: Buffer.from(der), eContentType, eContent, certificates, signers, tstInfo };
}

function expect(bytes: Buffer, tlv: Tlv, tag: number, what: string): Tlv[] {
  if (tlv.tag !== tag) throw new CmsError(`${what} has tag 0x${tlv.tag.toString(16)}`);
  return children(bytes, tlv);
}

/** An OCTET STRING's value, joining the segments of a constructed (BER) one. */
function octetString(bytes: Buffer, tlv: Tlv): Buffer {
  if (tlv.tag === TAG.octetString) return Buffer.from(contents(bytes, tlv));
  if (tlv.tag === 0x24) return Buffer.concat(children(bytes, tlv).map((c) => octetString(bytes, c)));
  throw new CmsError(`OCTET STRING expected, found tag 0x${tlv.tag.toString(16)}`);
}

function algorithm(bytes: Buffer, tlv: Tlv | undefined, what: string): AlgorithmId {
  if (!tlv || tlv.tag !== TAG.sequence) throw new CmsError(`${what} is missing`);
  const [oid, parameters] = children(bytes, tlv);
  if (!oid || oid.tag !== TAG.oid) throw new CmsError(`${what} has no algorithm identifier`);
  const isNull = parameters?.tag === 0x05;
  return {
    oid: decodeOid(contents(bytes, oid)),
    parameters: parameters && !isNull ? Buffer.from(slice(bytes, parameters)) : undefined,
  };
}

function parseSignerInfo(bytes: Buffer, tlv: Tlv, certificates: Buffer[]): ParsedSigner {
  const parts = expect(bytes, tlv, TAG.sequence, 'SignerInfo');
  // version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1] unsignedAttrs?
  const sid = parts[1];
  let index = 2;
  const digestAlgorithm = algorithm(bytes, parts[index++], 'the digest algorithm');
  let signedAttributes: Buffer | undefined;
  let attributes: Map<string, Buffer[]> | undefined;
  const maybeSigned = parts[index];
  if (maybeSigned?.tag === TAG.context0) {
    signedAttributes = Buffer.from(slice(bytes, maybeSigned));
    signedAttributes[0] = TAG.set;
    attributes = readAttributes(bytes, maybeSigned);
    index++;
  }
  const signatureAlgorithm = algorithm(bytes, parts[index++], 'the signature algorithm');
  const signatureTlv = parts[index++];
  if (!signatureTlv) throw new CmsError('the SignerInfo has no signature value');
  const signature = octetString(bytes, signatureTlv);
  const unsignedTlv = parts[index];
  const unsigned = unsignedTlv?.tag === TAG.context1 ? readAttributes(bytes, unsignedTlv) : undefined;

  const single = (type: string): Buffer | undefined => attributes?.get(type)?.[0];
  const contentTypeValue = single(OIDS.contentType);
  const digestValue = single(OIDS.messageDigest);
  const timeValue = single(OIDS.signingTime);
  return {
    digestAlgorithm,
    signatureAlgorithm,
    signature,
    signedAttributes,
    attributeTypes: [...(attributes?.keys() ?? [])],
    contentType: contentTypeValue
      ? decodeOid(contents(contentTypeValue, readTlv(contentTypeValue, 0)))
      : undefined,
    messageDigest: digestValue ? octetString(digestValue, readTlv(digestValue, 0)) : undefined,
    signingTime: timeValue ? AsnConvert.parse(timeValue, SigningTime).getTime() : undefined,
    essCertificate: readEssCertificate(single(OIDS.signingCertificateV2), single(OIDS.signingCertificate)),
    timestampToken: unsigned?.get(OIDS.signatureTimeStampToken)?.[0],
    certificate: sid ? findSignerCertificate(bytes, sid, certificates) : undefined,
  };
}

/** Attribute values by type, each value as its own DER. */
function readAttributes(bytes: Buffer, set: Tlv): Map<string, Buffer[]> {
  const result = new Map<string, Buffer[]>();
  for (const attribute of children(bytes, set)) {
    const [type, values] = expect(bytes, attribute, TAG.sequence, 'an attribute');
    if (!type || type.tag !== TAG.oid || !values || values.tag !== TAG.set) {
      throw new CmsError('an attribute is malformed');
    }
    const oid = decodeOid(contents(bytes, type));
    result.set(oid, [
      ...(result.get(oid) ?? []),
      ...children(bytes, values).map((v) => Buffer.from(slice(bytes, v))),
    ]);
  }
  return result;
}

function readEssCertificate(
  v2: Buffer | undefined,
  v1: Buffer | undefined,
): EssCertificateReference | undefined {
  const value = v2 ?? v1;
  if (!value) return undefined;
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  const [certs] = children(value, readTlv(value, 0));
  const [first] = certs ? children(value, certs) : [];
  if (!first) throw new CmsError('the signing-certificate attribute lists no certificate');
  const fields = children(value, first);
  let hash = v2 ? 'sha256' : 'sha1';
  let at = 0;
  if (v2 && fields[0]?.tag === TAG.sequence) {
    const oid = algorithm(value, fields[0], 'the signing-certificate hash algorithm').oid;
    hash = digestName(oid) ?? oid;
    at = 1;
  }
  const certHash = fields[at];
  if (!certHash) throw new CmsError('the signing-certificate attribute has no certificate hash');
  return { hash, certHash: octetString(value, certHash) };
}

function parseTstInfo(der: Buffer): TstInfo {
  // TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, ... }
  const fields = expect(der, readTlv(der, 0), TAG.sequence, 'TSTInfo');
  const imprint = fields[2];
  const genTime = fields[4];
  if (!imprint || !genTime || genTime.tag !== 0x18) throw new CmsError('the time-stamp token is incomplete');
  const [alg, hashed] = children(der, imprint);
  const imprintOid = algorithm(der, alg, 'the time-stamp imprint algorithm').oid;
  if (!hashed) throw new CmsError('the time-stamp token has no imprint');
  return {
    imprintAlgorithm: digestName(imprintOid) ?? imprintOid,
    hashedMessage: octetString(der, hashed),
    genTime: parseGeneralizedTime(contents(der, genTime).toString('latin1')),
  };
}

function parseGeneralizedTime(text: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(text);
  if (!match) throw new CmsError(`unreadable time "${text}"`);
  const [, y, mo, d, h, mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  return new Date(utc - offset * 60_000);
}

/** The certificate named by a SignerIdentifier: issuer + serial, or [0] subjectKeyIdentifier. */
function findSignerCertificate(bytes: Buffer, sid: Tlv, certificates: Buffer[]): Buffer | undefined {
  if (sid.tag === TAG.sequence) {
    const [issuer, serial] = children(bytes, sid);
    if (!issuer || !serial) return undefined;
    const issuerDer = slice(bytes, issuer);
    const serialValue = integerValue(contents(bytes, serial));
    return certificates.find((cert) => {
      const fields = tbsFields(cert);
      return (
        fields !== undefined &&
        integerValue(contents(cert, fields.serial)).equals(serialValue) &&
        slice(cert, fields.issuer).equals(issuerDer)
      );
    });
  }
  if (sid.tag === 0x80) {
    const keyId = contents(bytes, sid);
    return certificates.find((cert) => subjectKeyIdentifier(cert)?.equals(keyId));
  }
  return undefined;
}

/** An INTEGER's contents without redundant leading zero octets. */
function integerValue(value: Buffer): Buffer {
  let at = 0;
  while (at < value.length - 1 && value[at] === 0) at++;
  return value.subarray(at);
}

function tbsFields(cert: Buffer): { serial: Tlv; issuer: Tlv; extensions?: Tlv } | undefined {
  try {
    const [tbs] = children(cert, readTlv(cert, 0));
    if (!tbs) return undefined;
    const fields = children(cert, tbs);
    const offset = fields[0]?.tag === TAG.context0 ? 1 : 0;
    const serial = fields[offset];
    const issuer = fields[offset + 2];
    if (!serial || !issuer) return undefined;
    return { serial, issuer, extensions: fields.find((f) => f.tag === 0xa3) };
  } catch (error) {
    if (error instanceof DerError) return undefined;
    throw error;
  }
}

const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';

function subjectKeyIdentifier(cert: Buffer): Buffer | undefined {
  const extensions = tbsFields(cert)?.extensions;
  if (!extensions) return undefined;
  const [list] = children(cert, extensions);
  for (const extension of list ? children(cert, list) : []) {
    const [id, ...rest] = children(cert, extension);
    const value = rest[rest.length - 1];
    if (id && value && decodeOid(contents(cert, id)) === SUBJECT_KEY_IDENTIFIER) {
      const inner = contents(cert, value);
      return Buffer.from(contents(inner, readTlv(inner, 0)));
    }
  }
  return undefined;
}

/**
 * Verifies `signer.signature` over `data` (the signed attributes, or the content when there are
 * none) with `publicKey`. Returns an explanation when the algorithm cannot be used.
 */
export function verifySignerSignature(
  signer: ParsedSigner,
  data: Buffer,
  publicKey: KeyObject,
): { valid: boolean; error?: string } {
  const scheme = signatureScheme(signer);
  if (typeof scheme === 'string') return { valid: false, error: scheme };
  try {
    const key =
      scheme.padding === undefined
        ? { key: publicKey, dsaEncoding: 'der' as const }
        : { key: publicKey, padding: scheme.padding, saltLength: scheme.saltLength };
    return { valid: verify(scheme.hash, data, key, signer.signature) };
  } catch (error) {
    return { valid: false, error: error instanceof Error ? error.message : String(error) };
  }
}

interface Scheme {
  hash: string | null;
  padding?: number;
  saltLength?: number;
}

function signatureScheme(signer: ParsedSigner): Scheme | string {
  const { oid, parameters } = signer.signatureAlgorithm;
  const digest = digestName(signer.digestAlgorithm.oid);
  const fixed = HASHED_SIGNATURES[oid];
  if (fixed) return { hash: fixed.hash };
  if (oid === RSA_ENCRYPTION || oid === EC_PUBLIC_KEY) {
    return digest ? { hash: digest } : `unsupported digest algorithm ${signer.digestAlgorithm.oid}`;
  }
  if (oid === ED25519 || oid === ED448) return { hash: null };
  if (oid === RSASSA_PSS) return pssScheme(parameters);
  return `unsupported signature algorithm ${oid}`;
}

/** RSASSA-PSS-params ::= SEQUENCE { [0] hashAlgorithm, [1] maskGenAlgorithm, [2] saltLength, [3] trailerField } */
function pssScheme(parameters: Buffer | undefined): Scheme | string {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  if (parameters) {
    for (const field of children(parameters, readTlv(parameters, 0))) {
      const [inner] = children(parameters, field);
      if (!inner) continue;
      if (field.tag === 0xa0)
        hash = digestName(algorithm(parameters, inner, 'the PSS hash').oid) ?? 'unknown';
      if (field.tag === 0xa1) {
        const mgf = algorithm(parameters, inner, 'the PSS mask generation');
        if (mgf.oid !== MGF1 || !mgf.parameters) return `unsupported PSS mask generation ${mgf.oid}`;
        mgfHash =
          digestName(algorithm(mgf.parameters, readTlv(mgf.parameters, 0), 'MGF1 hash').oid) ?? 'unknown';
      }
      if (field.tag === 0xa2)
        saltLength = contents(parameters, inner).readUIntBE(
          0,
          Math.min(6, inner.contentEnd - inner.contentStart),
        );
    }
  }
  if (hash === 'unknown') return 'unsupported PSS hash algorithm';
  if (mgfHash !== hash) return `PSS with MGF1 over ${mgfHash} and a ${hash} digest is not supported`;
  return { hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength };
}
