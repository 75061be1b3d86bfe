// Detached CMS SignedData for PDF signatures: plain PKCS#7 for adbe.pkcs7.detached, PAdES
// baseline B (signing-certificate-v2, no signingTime) for ETSI.CAdES.detached.
import { createHash, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  MessageDigest,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  SigningTime,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from '@peculiar/asn1-cms';
import { Certificate, GeneralName, GeneralNames } from '@peculiar/asn1-x509';
import type { SignerCredential } from './ca';
import {
  AttributeSet,
  EssCertIdV2,
  IssuerSerial,
  SigningCertificateV2,
  id_aa_signingCertificateV2,
} from './ess';

export type SubFilter = 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
// DER of the OBJECT IDENTIFIER id-data, the value of the contentType attribute.
const ID_DATA_DER = Buffer.from('06092a864886f70d010701', 'hex');
// The callback form runs the RSA operation on libuv's thread pool instead of the event loop.
const signAsync = promisify(sign);

export async function createDetachedCms(options: {
  digest: Buffer;
  signer: SignerCredential;
  subFilter: SubFilter;
  signingTime: Date;
}): Promise<Buffer> {
  const { digest, signer, subFilter, signingTime } = options;
  if (digest.length !== 32) throw new Error(`expected a SHA-256 digest (32 bytes), got ${digest.length}`);
  const signerCert = parseCertificate(signer.certificateDer);
  const tbs = signerCert.tbsCertificate;

  const attributes = [
    attribute(id_contentType, ID_DATA_DER),
    attribute(id_messageDigest, AsnConvert.serialize(new MessageDigest(digest))),
  ];
  if (subFilter === 'ETSI.CAdES.detached') {
    const essCertId = new EssCertIdV2({
      certHash: new OctetString(createHash('sha256').update(signer.certificateDer).digest()),
      issuerSerial: new IssuerSerial({
        issuer: new GeneralNames([new GeneralName({ directoryName: tbs.issuer })]),
        serialNumber: tbs.serialNumber,
      }),
    });
    const value = new SigningCertificateV2({ certs: [essCertId] });
    attributes.push(attribute(id_aa_signingCertificateV2, AsnConvert.serialize(value)));
  } else {
    attributes.push(attribute(id_signingTime, AsnConvert.serialize(new SigningTime(signingTime))));
  }
  // DER wants SET OF sorted by encoding; the signature covers that SET OF (tag 0x31), and the
  // SignerInfo embeds the same elements in the same order under [0] IMPLICIT.
  attributes.sort((a, b) => Buffer.compare(encode(a), encode(b)));
  const signedBytes = encode(new AttributeSet(attributes));
  const signature = await signAsync('sha256', signedBytes, signer.privateKey);

  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: tbs.issuer,
        serialNumber: tbs.serialNumber,
      }),
    }),
    digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: ID_SHA256 }),
    signedAttrs: attributes,
    signatureAlgorithm: new SignatureAlgorithmIdentifier({ algorithm: ID_SHA256_WITH_RSA, parameters: null }),
    signature: new OctetString(signature),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([
      new DigestAlgorithmIdentifier({ algorithm: ID_SHA256 }),
    ]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      [signer.certificateDer, ...signer.chainDer].map(
        (der) => new CertificateChoices({ certificate: parseCertificate(der) }),
      ),
    ),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({
    contentType: id_signedData,
    content: AsnConvert.serialize(signedData),
  });
  return encode(contentInfo);
}

function attribute(attrType: string, value: ArrayBuffer | Buffer): Attribute {
  return new Attribute({ attrType, attrValues: [new Uint8Array(value).buffer] });
}

function encode(value: object): Buffer {
  return Buffer.from(AsnConvert.serialize(value));
}

/** Certificates are re-encoded when embedded, so refuse any that would not come out byte-identical. */
function parseCertificate(der: Buffer): Certificate {
  const certificate = AsnConvert.parse(der, Certificate);
  if (!encode(certificate).equals(der)) throw new Error('certificate is not in canonical DER');
  return certificate;
}
