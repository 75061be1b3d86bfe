// The independent judges of signed output: poppler's pdfsig (with an NSS database that trusts the
// sandbox CA) and qpdf --check. Tests call these on every signed PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PdfsigSignature {
  index: number;
  lines: string[];
  valid: boolean;
  trusted: boolean;
  wholeDocument: boolean;
  signerName?: string;
}

/** An NSS database (what pdfsig uses for trust) that trusts the given CA. */
export function nssDbTrusting(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oneshot-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, caPem);
  execFileSync('certutil', [
    '-A',
    '-d',
    `sql:${dir}`,
    '-n',
    'oneshot-sandbox-ca',
    '-t',
    'CT,C,C',
    '-i',
    caFile,
  ]);
  return dir;
}

export function pdfsig(file: string, nssDir: string): { output: string; signatures: PdfsigSignature[] } {
  const run = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  const signatures: PdfsigSignature[] = [];
  let current: PdfsigSignature | undefined;
  for (const line of output.split('\n')) {
    const head = /^Signature #(\d+):/.exec(line);
    if (head) {
      current = { index: Number(head[1]), lines: [], valid: false, trusted: false, wholeDocument: false };
      signatures.push(current);
      continue;
    }
    if (!current) continue;
    current.lines.push(line.trim());
    if (/Signature Validation: Signature is Valid\./.test(line)) current.valid = true;
    if (/Certificate Validation: Certificate is Trusted\./.test(line)) current.trusted = true;
    if (/Total document signed/.test(line)) current.wholeDocument = true;
    const name = /Signer Certificate Common Name: (.*)$/.exec(line);
    if (name) current.signerName = name[1];
  }
  return { output, signatures };
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  return { ok: run.status === 0 && !/WARNING/i.test(output), output };
}

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
