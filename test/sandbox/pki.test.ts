// Sandbox PKI: CA persistence, signer and server certificate profiles, detached CMS; checked
// against openssl, NSS certutil and node's TLS stack rather than only against our own parser.
// node:test's describe()/test() return promises the runner tracks itself; `void` says so to the linter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, verify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { Certificate, KeyUsage, id_ce_keyUsage } from '@peculiar/asn1-x509';
import {
  loadOrCreateCa,
  type SandboxCa,
  type SignerCredential,
  type SignerSubject,
} from '../../electron/sandbox/pki/ca';
import { createDetachedCms, type SubFilter } from '../../electron/sandbox/pki/cms';

const SUBJECT: SignerSubject = {
  givenName: 'Łukasz',
  surname1: 'Núñez',
  surname2: 'García',
  idDocumentType: 'IDC',
  idDocumentCountry: 'ES',
  serialNumber: '12345678Z',
  email: 'lukasz@example.com',
  requestPk: '822001',
};

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Tlv {
  start: number;
  contentStart: number;
  end: number;
}

/** Minimal DER walker, so the raw signed-attribute bytes are found without our own encoder. */
function tlvAt(der: Buffer, start: number): Tlv {
  let offset = start + 1;
  const first = der[offset++]!;
  let length = first;
  if (first & 0x80) {
    length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + der[offset++]!;
  }
  return { start, contentStart: offset, end: offset + length };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const list: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; at = list.at(-1)!.end) list.push(tlvAt(der, at));
  return list;
}

const hasCertutil = spawnSync('certutil', ['-H']).error === undefined;

let work: string;
let ca: SandboxCa;
let caPemFile: string;
let signer: SignerCredential;
let signerPemFile: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pki-test-'));
  ca = await loadOrCreateCa(path.join(work, 'ca'));
  caPemFile = path.join(work, 'ca.pem');
  fs.writeFileSync(caPemFile, ca.caPem);
  signer = await ca.issueSignerCertificate(SUBJECT);
  signerPemFile = path.join(work, 'signer.pem');
  fs.writeFileSync(signerPemFile, signer.certificatePem);
});

after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

void describe('loadOrCreateCa', () => {
  void test('creates the directory and both files, the key readable by the owner only', () => {
    const dir = path.join(work, 'ca');
    assert.ok(fs.existsSync(path.join(dir, 'ca.cert.pem')));
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(path.join(dir, 'ca.key.pem')).mode & 0o777, 0o600);
    }
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ['ca.cert.pem', 'ca.key.pem'],
      'no temp files are left behind',
    );
  });

  void test('returns the same CA when loaded again from the same directory', async () => {
    const again = await loadOrCreateCa(path.join(work, 'ca'));
    assert.equal(again.caPem, ca.caPem);
  });

  void test('makes a self-signed CA marked as sandbox with keyCertSign', () => {
    const cert = new X509Certificate(ca.caPem);
    assert.ok(cert.ca);
    assert.ok(cert.checkIssued(cert));
    assert.ok(cert.verify(cert.publicKey));
    assert.match(cert.subject, /CN=One-Shot SANDBOX CA/);
    assert.match(cert.subject, /NO LEGAL VALUE/);
    const text = run('openssl', ['x509', '-in', caPemFile, '-noout', '-text']).output;
    assert.match(text, /Basic Constraints: critical\s+CA:TRUE/);
    assert.match(text, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
  });

  void test('starts afresh when only the key survived (the cert is written last)', async () => {
    const dir = path.join(work, 'crashed');
    const first = await loadOrCreateCa(dir);
    fs.unlinkSync(path.join(dir, 'ca.cert.pem'));
    const second = await loadOrCreateCa(dir);
    assert.notEqual(second.caPem, first.caPem);
    const cert = new X509Certificate(second.caPem);
    assert.ok(cert.checkPrivateKey(createPrivateKey(fs.readFileSync(path.join(dir, 'ca.key.pem')))));
  });

  void test('refuses a certificate that does not belong to the key', async () => {
    const dir = path.join(work, 'mismatch');
    await loadOrCreateCa(dir);
    fs.writeFileSync(path.join(dir, 'ca.cert.pem'), ca.caPem);
    await assert.rejects(loadOrCreateCa(dir), /not a CA certificate for/);
  });
});

void describe('issueSignerCertificate', () => {
  void test('issues a certificate that chains to the CA', () => {
    const cert = new X509Certificate(signer.certificateDer);
    const caCert = new X509Certificate(ca.caPem);
    assert.ok(cert.checkIssued(caCert));
    assert.ok(cert.verify(caCert.publicKey));
    assert.ok(cert.checkPrivateKey(signer.privateKey));
    assert.equal(cert.toString(), signer.certificatePem);
    assert.deepEqual(signer.chainDer, [caCert.raw]);
  });

  void test('puts the ETSI subject fields in, non-ASCII names as UTF8String', () => {
    const cert = new X509Certificate(signer.certificatePem);
    assert.deepEqual(cert.subject.split('\n'), [
      'C=ES',
      'O=One-Shot Desk training sandbox - NO LEGAL VALUE',
      'OU=SANDBOX request 822001',
      'SN=Núñez García',
      'GN=Łukasz',
      'serialNumber=IDCES-12345678Z',
      'CN=Łukasz Núñez García - SANDBOX',
    ]);
    assert.equal(signer.subjectCommonName, 'Łukasz Núñez García - SANDBOX');
    const rdns = AsnConvert.parse(signer.certificateDer, Certificate).tbsCertificate.subject;
    const given = rdns.flat().find((attr) => attr.type === '2.5.4.42');
    assert.equal(given?.value.utf8String, 'Łukasz');
    const serial = rdns.flat().find((attr) => attr.type === '2.5.4.5');
    assert.equal(serial?.value.printableString, 'IDCES-12345678Z');
  });

  void test('carries the email as SAN, signing key usages and the emailProtection EKU', () => {
    const cert = new X509Certificate(signer.certificatePem);
    assert.equal(cert.subjectAltName, 'email:lukasz@example.com');
    assert.ok(cert.keyUsage.includes('1.3.6.1.5.5.7.3.4'), 'NSS needs emailProtection');
    assert.equal(cert.ca, false);
    const ku = AsnConvert.parse(signer.certificateDer, Certificate).tbsCertificate.extensions?.find(
      (e) => e.extnID === id_ce_keyUsage,
    );
    assert.equal(ku?.critical, true);
    assert.deepEqual(AsnConvert.parse(ku.extnValue, KeyUsage).toJSON(), [
      'digitalSignature',
      'nonRepudiation',
    ]);
    const text = run('openssl', ['x509', '-in', signerPemFile, '-noout', '-text']).output;
    assert.match(text, /Explicit Text: SANDBOX - no legal value/);
  });

  void test('is valid from a few minutes ago for one day, with a 16-byte serial', () => {
    const cert = new X509Certificate(signer.certificatePem);
    const now = Date.now();
    assert.ok(signer.notBefore.getTime() <= now - 4 * 60_000);
    assert.ok(Math.abs(signer.notAfter.getTime() - (now + 86_400_000)) < 60_000);
    assert.equal(new Date(cert.validTo).getTime(), signer.notAfter.getTime());
    assert.equal(signer.serialHex, cert.serialNumber);
    assert.match(signer.serialHex, /^[0-9A-F]{32}$/);
  });

  void test('gives every issuance a fresh key and serial', async () => {
    const other = await ca.issueSignerCertificate(SUBJECT);
    assert.notEqual(other.serialHex, signer.serialHex);
    assert.ok(!new X509Certificate(other.certificatePem).checkPrivateKey(signer.privateKey));
  });

  void test('passes openssl verify for the S/MIME signing purpose', () => {
    const result = run('openssl', ['verify', '-CAfile', caPemFile, '-purpose', 'smimesign', signerPemFile]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /signer\.pem: OK/);
  });

  void test(
    'is valid for email signing in an NSS database that trusts the CA',
    { skip: !hasCertutil },
    () => {
      const db = `sql:${path.join(work, 'nss')}`;
      fs.mkdirSync(path.join(work, 'nss'));
      const steps = [
        ['-N', '-d', db, '--empty-password'],
        ['-A', '-d', db, '-n', 'sandbox-ca', '-t', 'CT,C,C', '-i', caPemFile],
        ['-A', '-d', db, '-n', 'signer', '-t', ',,', '-i', signerPemFile],
      ];
      for (const args of steps) assert.equal(run('certutil', args).status, 0, args.join(' '));
      const signing = run('certutil', ['-V', '-d', db, '-n', 'signer', '-u', 'S']);
      assert.equal(signing.status, 0, signing.output);
      assert.match(signing.output, /certificate is valid/);
      // Control: the same check fails for a usage the profile does not grant (email recipient).
      assert.notEqual(run('certutil', ['-V', '-d', db, '-n', 'signer', '-u', 'R']).status, 0);
    },
  );

  void test('shortens long names to fit 64 characters but keeps the SANDBOX marker', async () => {
    const long = await ca.issueSignerCertificate({ ...SUBJECT, givenName: 'María'.repeat(12) });
    assert.equal(Array.from(long.subjectCommonName).length, 64);
    assert.ok(long.subjectCommonName.startsWith('MaríaMaría'));
    assert.ok(long.subjectCommonName.endsWith(' - SANDBOX'));
  });

  void test('rejects a country that is not ISO 3166-1 alpha-2', async () => {
    await assert.rejects(ca.issueSignerCertificate({ ...SUBJECT, idDocumentCountry: 'ESP' }), /alpha-2/);
  });
});

void describe('createDetachedCms', () => {
  const content = Buffer.from('%PDF-1.7 pretend ByteRange bytes\n');
  const digest = createHash('sha256').update(content).digest();
  let contentFile: string;
  let tamperedFile: string;

  before(() => {
    contentFile = path.join(work, 'content.bin');
    tamperedFile = path.join(work, 'tampered.bin');
    fs.writeFileSync(contentFile, content);
    fs.writeFileSync(tamperedFile, Buffer.concat([content, Buffer.from(' ')]));
  });

  async function signatureFile(subFilter: SubFilter): Promise<string> {
    const file = path.join(work, `${subFilter}.der`);
    fs.writeFileSync(file, await createDetachedCms({ digest, signer, subFilter, signingTime: new Date() }));
    return file;
  }

  function opensslVerify(sigFile: string, content: string) {
    return run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sigFile,
      '-content',
      content,
      '-CAfile',
      caPemFile,
      '-purpose',
      'any',
      '-out',
      os.devNull,
    ]);
  }

  for (const subFilter of ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const) {
    void test(`${subFilter}: openssl verifies it over the content and rejects tampered content`, async () => {
      const sig = await signatureFile(subFilter);
      const good = opensslVerify(sig, contentFile);
      assert.equal(good.status, 0, good.output);
      assert.match(good.output, /Verification successful/);
      const bad = opensslVerify(sig, tamperedFile);
      assert.notEqual(bad.status, 0);
    });
  }

  void test('adbe.pkcs7.detached signs signingTime and no signing-certificate-v2', async () => {
    const printed = run('openssl', [
      'cms',
      '-cmsout',
      '-print',
      '-inform',
      'DER',
      '-in',
      await signatureFile('adbe.pkcs7.detached'),
    ]);
    assert.match(printed.output, /object: signingTime/);
    assert.doesNotMatch(printed.output, /signingCertificateV2/);
    assert.doesNotMatch(printed.output, /eContent: [^<]/, 'detached: no encapsulated content');
  });

  void test('ETSI.CAdES.detached signs signing-certificate-v2 and no signingTime', async () => {
    const printed = run('openssl', [
      'cms',
      '-cmsout',
      '-print',
      '-inform',
      'DER',
      '-in',
      await signatureFile('ETSI.CAdES.detached'),
    ]);
    assert.match(printed.output, /signingCertificateV2/);
    assert.doesNotMatch(printed.output, /signingTime/);
    const certHash = createHash('sha256').update(signer.certificateDer).digest('hex').toUpperCase();
    assert.ok(printed.output.replace(/\s/g, '').includes(certHash), 'ESSCertIDv2 hashes the signer cert');
  });

  void test('the signature covers the embedded signed attributes re-tagged as a DER SET OF', async () => {
    for (const subFilter of ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const) {
      const der = await createDetachedCms({ digest, signer, subFilter, signingTime: new Date() });
      const signedData = AsnConvert.parse(AsnConvert.parse(der, ContentInfo).content, SignedData);
      assert.equal(signedData.version, 1);
      assert.equal(signedData.encapContentInfo.eContent, undefined);
      assert.equal(signedData.certificates?.length, 2);
      const signature = Buffer.from(signedData.signerInfos[0]!.signature.buffer);

      // ContentInfo > [0] > SignedData > signerInfos (last) > SignerInfo > signedAttrs (4th).
      const signedDataTlv = children(der, children(der, tlvAt(der, 0))[1]!)[0]!;
      const signerInfos = children(der, signedDataTlv).at(-1)!;
      const signedAttrs = children(der, children(der, signerInfos)[0]!)[3]!;
      assert.equal(der[signedAttrs.start], 0xa0);
      const attrs = children(der, signedAttrs).map((t) => der.subarray(t.start, t.end));
      const sorted = [...attrs].sort((a, b) => Buffer.compare(a, b));
      assert.deepEqual(attrs, sorted, 'SET OF elements in DER order');
      const asSet = Buffer.from(der.subarray(signedAttrs.start, signedAttrs.end));
      asSet[0] = 0x31;
      const publicKey = new X509Certificate(signer.certificateDer).publicKey;
      assert.ok(verify('sha256', asSet, publicKey, signature), subFilter);
    }
  });

  void test('refuses a digest that is not SHA-256 sized', async () => {
    await assert.rejects(
      createDetachedCms({
        digest: Buffer.alloc(20),
        signer,
        subFilter: 'adbe.pkcs7.detached',
        signingTime: new Date(),
      }),
      /32 bytes/,
    );
  });
});

void describe('issueServerCertificate', () => {
  void test('serves HTTPS that a client trusting the CA accepts and others reject', async () => {
    const { certPem, keyPem } = await ca.issueServerCertificate(['127.0.0.1', 'localhost', '::1']);
    const server = https.createServer({ key: keyPem, cert: certPem }, (_req, res) => res.end('sandbox'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const get = (options: https.RequestOptions) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/', agent: false, ...options }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    try {
      assert.equal(await get({ ca: ca.caPem }), 'sandbox');
      await assert.rejects(get({}), (error: NodeJS.ErrnoException) => {
        assert.equal(error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
        return true;
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  void test('names every host in the SAN and is for serverAuth only', async () => {
    const { certPem } = await ca.issueServerCertificate(['127.0.0.1', 'localhost', '::1']);
    const cert = new X509Certificate(certPem);
    assert.equal(cert.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost, IP Address:0:0:0:0:0:0:0:1');
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
    assert.ok(cert.checkIssued(new X509Certificate(ca.caPem)));
    const peer = cert.toLegacyObject();
    assert.equal(tls.checkServerIdentity('localhost', peer), undefined);
    assert.equal(tls.checkServerIdentity('::1', peer), undefined);
    assert.ok(tls.checkServerIdentity('example.com', peer) instanceof Error);
  });
});
