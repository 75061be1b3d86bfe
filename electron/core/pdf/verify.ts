// Verifies the signatures of a signed PDF as it came back from the Optimizer: every signature
// dictionary found in the bytes, with the last one (the one just added) held to the full standard:
// it covers the whole file, its digest matches, its signature verifies, and it is trusted.
import { createHash, X509Certificate } from 'node:crypto';
import { BufferSource, FileSource, type ByteSource } from './byte-source';
import {
  byteRangeBytesOf,
  checkByteRange,
  digestByteRangeOf,
  readSignatureDictionaryAt,
  type SignatureDictionary,
} from './byte-range';
import { certificatesFromPem, chainsToTrusted, describeCertificate } from './certificate-info';
import {
  CmsError,
  digestName,
  parseCms,
  verifySignerSignature,
  type ParsedCms,
  type ParsedSigner,
} from './cms-reader';
import { parsePdfDate } from './pdf-syntax';
import { scanSignedFile, type SignedFileScan } from './signed-file-scan';
import type { SignatureReport, SignedPdfVerification, VerifyOptions } from './types';

/** A sentence about one signature, worded for the subject it is about ("The signature", "Signature 1 of 2"). */
type Problem = (subject: string) => string;

interface Checked {
  report: SignatureReport;
  problems: Problem[];
  notes: Problem[];
}

const WEAK_DIGESTS = new Set(['md5', 'sha1', 'ripemd160']);

export async function verifySignedPdf(
  path: string,
  options: VerifyOptions = {},
): Promise<SignedPdfVerification> {
  const source = await FileSource.open(path);
  try {
    return await verifySource(source, options);
  } finally {
    await source.close();
  }
}

export function verifySignedPdfBytes(
  bytes: Uint8Array,
  options: VerifyOptions = {},
): Promise<SignedPdfVerification> {
  return verifySource(
    new BufferSource(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    options,
  );
}

/**
 * Reads the file twice at most in full, streamed: once for its digest and where its signature
 * dictionaries are, then once per signature for the bytes it covers; otherwise only windows
 * around each dictionary.
 */
async function verifySource(source: ByteSource, options: VerifyOptions): Promise<SignedPdfVerification> {
  const trusted = options.trustedCaPems ? certificatesFromPem(options.trustedCaPems) : undefined;
  const { expectedOriginal, expectedOriginalSha256 } = options;
  const scan = await scanSignedFile(
    source,
    expectedOriginal ? [expectedOriginal.size] : [],
    !expectedOriginal && expectedOriginalSha256 !== undefined,
  );
  const dictionaries = await signatureDictionaries(source, scan.byteRangeKeys);
  const checked: Checked[] = [];
  for (const [i, d] of dictionaries.entries()) {
    checked.push(await checkSignature(source, d, i + 1, i === dictionaries.length - 1, trusted));
  }
  const count = checked.length;
  const label = (i: number): string => {
    const signer = checked[i]?.report.signer?.commonName;
    const kind = checked[i]?.report.kind === 'timestamp' ? 'Time-stamp' : 'Signature';
    return `${kind} ${i + 1} of ${count}${signer ? ` (${signer})` : ''}`;
  };
  checked.forEach((c, i) => {
    c.report.problems = [...c.problems, ...c.notes].map((p) => p(label(i)));
  });

  const problems: string[] = [];
  const warnings: string[] = [];
  const lastChecked = checked[count - 1];
  if (!lastChecked && !scan.hasHeader) {
    problems.push('The file is not a PDF.');
  } else if (!lastChecked) {
    problems.push(
      scan.hasSignatureMarkers
        ? 'The file has a signature field, but its signature cannot be read: the file is damaged or was altered.'
        : 'The file has no digital signature: it was not signed, or its signature cannot be found.',
    );
  } else {
    const subject = count === 1 ? 'The signature' : 'The last signature';
    problems.push(...lastChecked.problems.map((p) => p(subject)));
    warnings.push(...lastChecked.notes.map((p) => p(subject)));
    if (trusted && trusted.length === 0) {
      problems.push('No usable certificate was given for the trusted certification authorities.');
    }
  }
  checked.slice(0, -1).forEach((c, i) => {
    warnings.push(...[...c.problems, ...c.notes].map((p) => p(label(i))));
  });

  const original = checkOriginal(scan, options);
  if (original && !original.preserved) {
    warnings.push(
      'The signed file does not begin with the original document byte for byte: the Optimizer rewrote ' +
        'the document instead of appending the signature, so check its pages before delivering it.',
    );
  }

  const last = lastChecked?.report ?? null;
  const ok =
    last !== null &&
    last.coversWholeFile &&
    last.digestMatches &&
    last.signatureValid &&
    (trusted === undefined || (trusted.length > 0 && last.issuedByTrustedCa === true));
  return {
    ok,
    problems,
    warnings,
    signatures: checked.map((c) => c.report),
    last,
    size: source.size,
    sha256: scan.sha256,
    ...(original ? { original } : {}),
  };
}

/** Every signature dictionary whose /ByteRange key the scan found, in signing order. */
async function signatureDictionaries(
  source: ByteSource,
  keys: readonly number[],
): Promise<SignatureDictionary[]> {
  const found: SignatureDictionary[] = [];
  for (const at of keys) {
    const dictionary = await readSignatureDictionaryAt(source, at);
    if (dictionary && !found.some((d) => d.dictionaryStart === dictionary.dictionaryStart)) {
      found.push(dictionary);
    }
  }
  // File order of /Contents is signing order: each signature covers everything before it.
  return found.sort(
    (a, b) => (a.contents?.start ?? a.dictionaryStart) - (b.contents?.start ?? b.dictionaryStart),
  );
}

async function checkSignature(
  source: ByteSource,
  dictionary: SignatureDictionary,
  index: number,
  isLast: boolean,
  trusted: X509Certificate[] | undefined,
): Promise<Checked> {
  const range = checkByteRange(dictionary, source.size);
  const isTimestamp = dictionary.type === 'DocTimeStamp' || dictionary.subFilter === 'ETSI.RFC3161';
  const report: SignatureReport = {
    index,
    kind: isTimestamp ? 'timestamp' : 'signature',
    objectNumber: dictionary.objectNumber,
    byteRange: dictionary.byteRange,
    coversWholeFile: range.coversWholeFile,
    signedLength: range.signedLength,
    digestMatches: false,
    signatureValid: false,
    subFilter: dictionary.subFilter,
    name: dictionary.name,
    reason: dictionary.reason,
    location: dictionary.location,
    problems: [],
  };
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const pdfTime = dictionary.m ? parsePdfDate(dictionary.m) : undefined;
  if (pdfTime) {
    report.signingTime = pdfTime.toISOString();
    report.signingTimeSource = 'pdf';
  }

  if (!range.wellFormed) {
    const written = dictionary.byteRange.length ? `[${dictionary.byteRange.join(' ')}]` : 'missing';
    problems.push(
      (s) => `${s} has an invalid byte range (${written}), so the signed part of the file is unknown.`,
    );
  } else if (!range.excludesExactlyContents) {
    problems.push(
      (s) =>
        `${s} is malformed: its byte range does not leave out exactly its signature value, so the file ` +
        'may have been manipulated.',
    );
  } else if (isLast && !range.coversWholeFile) {
    const after = range.bytesAfter;
    problems.push(
      (s) =>
        `${s} does not cover the whole file: ${after} byte${after === 1 ? ' was' : 's were'} added after ` +
        'it was made, and those changes are not signed.',
    );
  }
  if (!dictionary.contents) {
    problems.push((s) => `${s} has no signature value (/Contents).`);
    return { report, problems, notes };
  }

  let cms: ParsedCms;
  try {
    cms = parseCms(dictionary.contents.bytes);
  } catch (error) {
    const detail = error instanceof CmsError ? error.message : String(error);
    problems.push((s) => `${s} cannot be read: ${detail}. The file is damaged or was tampered with.`);
    return { report, problems, notes };
  }
  const signer = cms.signers[0];
  if (!signer) return { report, problems, notes };
  if (cms.signers.length > 1)
    notes.push((s) => `${s} has ${cms.signers.length} signers; only the first is checked.`);

  const digest = digestName(signer.digestAlgorithm.oid);
  report.digestAlgorithm = digest;
  if (digest && WEAK_DIGESTS.has(digest)) {
    notes.push((s) => `${s} uses ${digest.toUpperCase()}, a digest algorithm no longer considered secure.`);
  }
  if (signer.signingTime) {
    report.signingTime = signer.signingTime.toISOString();
    report.signingTimeSource = 'signed-attribute';
  }
  if (cms.tstInfo && isTimestamp) {
    report.signingTime = cms.tstInfo.genTime.toISOString();
    report.signingTimeSource = 'timestamp';
  }

  let certificate = signer.certificate;
  let x509: X509Certificate | undefined;
  if (!certificate) {
    problems.push((s) => `${s} does not include the signer's certificate, so it cannot be checked.`);
  } else {
    try {
      x509 = new X509Certificate(certificate);
      report.signer = describeCertificate(certificate);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      problems.push((s) => `${s} carries a signer certificate that cannot be read (${detail}).`);
      certificate = undefined;
    }
  }

  const covered = range.wellFormed ? dictionary.byteRange : undefined;
  if (!digest) {
    const oid = signer.digestAlgorithm.oid;
    problems.push((s) => `${s} uses a digest algorithm this check does not support (${oid}).`);
  } else if (covered) {
    // What the signer digested: the covered bytes (detached), or the encapsulated content, which
    // then stands for the covered bytes (a SHA-1 of them for adbe.pkcs7.sha1, a TSTInfo for RFC 3161).
    let contentMatches = true;
    let content: Buffer | undefined;
    if (cms.eContent) {
      content = cms.eContent;
      const imprint = cms.tstInfo;
      contentMatches = imprint
        ? isNodeHash(imprint.imprintAlgorithm) &&
          (await digestByteRangeOf(source, covered, imprint.imprintAlgorithm)).equals(imprint.hashedMessage)
        : await encapsulatedMatches(source, covered, cms.eContent);
    }
    if (signer.signedAttributes) {
      const contentDigest = content
        ? createHash(digest).update(content).digest()
        : await digestByteRangeOf(source, covered, digest);
      report.digestMatches = contentMatches && signer.messageDigest?.equals(contentDigest) === true;
      if (!report.digestMatches) {
        problems.push(
          (s) =>
            `${s} no longer matches the document: the signed bytes were changed after signing ` +
            '(their digest differs from the one in the signature).',
        );
      }
      if (certificate) {
        const result = verifyWith(signer, signer.signedAttributes, certificate);
        report.signatureValid = result.valid;
        if (result.error) {
          const detail = result.error;
          problems.push((s) => `${s} could not be verified: ${detail}.`);
        } else if (!result.valid) {
          problems.push(
            (s) =>
              `${s} has a signature value that does not verify with the signer's certificate: ` +
              'it is corrupt or forged.',
          );
        }
      }
    } else if (certificate) {
      // No signed attributes: the signature is directly over the content, so a change to the
      // document and a corrupt signature look the same.
      const result = verifyWith(signer, content ?? (await byteRangeBytesOf(source, covered)), certificate);
      report.signatureValid = result.valid;
      report.digestMatches = contentMatches && result.valid;
      if (result.error) {
        const detail = result.error;
        problems.push((s) => `${s} could not be verified: ${detail}.`);
      } else if (!report.digestMatches) {
        problems.push(
          (s) => `${s} does not verify: the document was changed after signing, or the signature is corrupt.`,
        );
      }
    }
  }

  if (certificate && signer.essCertificate) {
    const { hash, certHash } = signer.essCertificate;
    const matches = isNodeHash(hash) && createHash(hash).update(certificate).digest().equals(certHash);
    if (!matches) {
      report.signatureValid = false;
      problems.push(
        (s) => `${s} names a different certificate in its signed attributes than the one it includes.`,
      );
    }
  } else if (certificate && dictionary.subFilter === 'ETSI.CAdES.detached') {
    notes.push(
      (s) => `${s} is PAdES but lacks the signing-certificate attribute that binds its certificate.`,
    );
  }

  if (certificate && x509) {
    if (signer.timestampToken) report.timestamp = checkTimestampToken(signer, notes);
    if (report.timestamp?.valid) {
      report.signingTime = report.timestamp.time;
      report.signingTimeSource = 'timestamp';
    }
    if (report.signingTime) {
      const at = Date.parse(report.signingTime);
      const valid = at >= Date.parse(x509.validFrom) && at <= Date.parse(x509.validTo);
      report.certificateValidAtSigningTime = valid;
      if (!valid) {
        notes.push(
          (s) =>
            `${s} was made (${report.signingTime}) outside its certificate's validity ` +
            `(${new Date(x509.validFrom).toISOString()} to ${new Date(x509.validTo).toISOString()}).`,
        );
      }
    }
    if (trusted) {
      const others = cms.certificates.flatMap((der) => {
        try {
          return [new X509Certificate(der)];
        } catch {
          return [];
        }
      });
      report.issuedByTrustedCa = chainsToTrusted(x509, others, trusted);
      if (!report.issuedByTrustedCa) {
        const issuer = report.signer?.issuer ?? x509.issuer.replace(/\n/g, ', ');
        problems.push(
          (s) =>
            `${s} was made with a certificate from "${issuer}", which is not a trusted certification authority.`,
        );
      }
    }
  }
  return { report, problems, notes };
}

function verifyWith(
  signer: ParsedSigner,
  data: Buffer,
  certificate: Buffer,
): { valid: boolean; error?: string } {
  let publicKey;
  try {
    publicKey = new X509Certificate(certificate).publicKey;
  } catch (error) {
    return { valid: false, error: `the signer certificate's key cannot be used (${String(error)})` };
  }
  return verifySignerSignature(signer, data, publicKey);
}

/**
 * id-data content inside the CMS: the SHA-1 of the covered bytes (adbe.pkcs7.sha1), or the covered
 * bytes themselves (a non-detached CMS, unusual in PDFs but still a signature over them).
 */
async function encapsulatedMatches(
  source: ByteSource,
  covered: readonly number[],
  content: Buffer,
): Promise<boolean> {
  if (content.length === 20 && (await digestByteRangeOf(source, covered, 'sha1')).equals(content))
    return true;
  let total = 0;
  for (let i = 1; i < covered.length; i += 2) total += covered[i] ?? 0;
  return total === content.length && (await byteRangeBytesOf(source, covered)).equals(content);
}

const NODE_HASHES = new Set([
  'md5',
  'sha1',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'sha3-256',
  'sha3-384',
  'sha3-512',
  'ripemd160',
]);
function isNodeHash(name: string): boolean {
  return NODE_HASHES.has(name);
}

/** The RFC 3161 token over the signature value (PAdES B-T): its time, and whether it holds. */
function checkTimestampToken(signer: ParsedSigner, notes: Problem[]): SignatureReport['timestamp'] {
  const token = signer.timestampToken;
  if (!token) return undefined;
  try {
    const cms = parseCms(token);
    const tsaSigner = cms.signers[0];
    const info = cms.tstInfo;
    if (!info || !tsaSigner || !cms.eContent) throw new CmsError('the time-stamp token holds no TSTInfo');
    const digest = digestName(tsaSigner.digestAlgorithm.oid);
    const imprintOk =
      isNodeHash(info.imprintAlgorithm) &&
      createHash(info.imprintAlgorithm).update(signer.signature).digest().equals(info.hashedMessage);
    const digestOk =
      digest !== undefined &&
      tsaSigner.messageDigest?.equals(createHash(digest).update(cms.eContent).digest()) === true;
    const signatureOk =
      tsaSigner.certificate !== undefined &&
      tsaSigner.signedAttributes !== undefined &&
      verifyWith(tsaSigner, tsaSigner.signedAttributes, tsaSigner.certificate).valid;
    const valid = imprintOk && digestOk && signatureOk;
    if (!valid) notes.push((s) => `${s} carries a time-stamp that does not verify.`);
    let authority: string | undefined;
    if (tsaSigner.certificate) {
      try {
        authority = describeCertificate(tsaSigner.certificate).commonName;
      } catch {
        authority = undefined;
      }
    }
    return { time: info.genTime.toISOString(), valid, ...(authority ? { authority } : {}) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    notes.push((s) => `${s} carries a time-stamp that cannot be read (${detail}).`);
    return undefined;
  }
}

/** Is the expected original a byte-for-byte prefix of the signed file (as incremental signing keeps it)? */
function checkOriginal(scan: SignedFileScan, options: VerifyOptions): SignedPdfVerification['original'] {
  const { expectedOriginal, expectedOriginalSha256 } = options;
  if (expectedOriginal) {
    const { size, sha256 } = expectedOriginal;
    const preserved = scan.prefixDigests.get(size) === sha256.toLowerCase();
    return preserved ? { preserved, size } : { preserved };
  }
  if (!expectedOriginalSha256) return undefined;
  // Without a size, try every revision end: just after each %%EOF, with or without its end of line.
  const wanted = expectedOriginalSha256.toLowerCase();
  const end = [...new Set(scan.revisionEnds)]
    .sort((a, b) => a - b)
    .find((e) => scan.prefixDigests.get(e) === wanted);
  return end === undefined ? { preserved: false } : { preserved: true, size: end };
}
