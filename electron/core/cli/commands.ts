// The CLI's commands: sign, batch, resume, status, audit. Each checks all of its input first and
// answers bad input with exit status 2 and a message naming the file or field.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isTerminal } from '../../../shared/job';
import { cliProfile, openDesk, type Desk } from '../desk';
import { verifyAuditLog } from '../store/audit-seal';
import { listEvents } from '../store/index';
import type { AuditVerdict, JobRecord } from '../store/index';
import { InputError } from './input-error';
import { checkOutOption } from './output-option';
import { settleOutputFolders } from '../queue/output-folder-template';
import {
  checkDocuments,
  checkRequestLimits,
  labelOf,
  readAppearanceFile,
  readManifest,
  readSignerFile,
  type CheckedJob,
} from './inputs';
import { runJobs, summarize, type RunSummary } from './run-jobs';
import {
  checkOneStdinReader,
  extAuthFromOptions,
  readStdinLine,
  tokenFromOptions,
  TOKEN_ENV,
  EXT_AUTH_ENV,
  type SecretSources,
} from './secrets';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

interface Connection {
  optimizer: string;
  ca?: string;
  /** Given by one of the ways in secrets.ts; absent: the keychain's token for this Optimizer. */
  token?: string;
  /** Which RAO's remembered token to use when no token is given. */
  rao?: string;
  out: string;
  data: string;
}

function secretSources(io: Io): SecretSources {
  return { env: process.env, readStdinLine: () => readStdinLine(), warn: (line) => io.err(line) };
}

function required<T extends Record<string, unknown>>(values: T, names: (keyof T & string)[]): void {
  const missing = names.filter((n) => values[n] === undefined || values[n] === '');
  if (missing.length > 0) throw new InputError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

function readCa(path: string | undefined): string | null {
  if (!path) return null;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`--ca ${path}: cannot read the CA certificate file`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError(`--ca ${path}: not a PEM certificate`);
  return pem;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `--optimizer "${url}" is not a URL; expected e.g. https://optimizer.example.com/oneshot/api/v1`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new InputError(`--optimizer must be an http(s) URL`);
}

/**
 * Registers the Optimizer profile and puts the token in the keychain (checked with the Optimizer),
 * where later runs find it by `--rao USERNAME`; without a token given, uses the one remembered.
 */
async function connect(desk: Desk, c: Connection): Promise<{ profileId: string; raoUsername: string }> {
  const profile = desk.store.profiles.save(cliProfile(c.optimizer, readCa(c.ca)));
  const token = c.token;
  if (token === undefined)
    return { profileId: profile.id, raoUsername: await rememberedRao(desk, profile.id, c) };
  try {
    const info = await withRetries(() => desk.clientFor(profile.id).getToken(token));
    if (c.rao !== undefined && info.username.trim() !== c.rao.trim())
      throw new InputError(`--rao ${c.rao}: the token given belongs to the RAO "${info.username}"`);
    await withRetries(() => desk.vault.adoptToken(profile.id, info.username, token));
    return { profileId: profile.id, raoUsername: info.username };
  } catch (error) {
    const kind = (error as { kind?: unknown }).kind;
    if (kind === 'not_found' || kind === 'auth') {
      throw new InputError(
        "--token: the Optimizer does not know this token (create one with the RAO's credentials)",
      );
    }
    throw error;
  }
}

/** The RAO whose token the keychain keeps for this Optimizer: --rao, or the only one kept. */
async function rememberedRao(desk: Desk, profileId: string, c: Connection): Promise<string> {
  const kept = (await desk.vault.list(profileId)).map((t) => t.username);
  const ways = `give the token once with ${TOKEN_ENV}=…, --token-file FILE or --token-stdin (the keychain then remembers it)`;
  if (c.rao !== undefined) {
    if (kept.includes(c.rao.trim())) return c.rao.trim();
    throw new InputError(
      `--rao ${c.rao}: the keychain keeps no token of this RAO for ${c.optimizer}${kept.length ? ` (it keeps: ${kept.join(', ')})` : ''}; ${ways}`,
    );
  }
  if (kept.length === 1) return kept[0] as string;
  if (kept.length === 0) throw new InputError(`no token: ${ways}`);
  throw new InputError(
    `the keychain keeps tokens of ${kept.join(', ')} for ${c.optimizer}: choose one with --rao USERNAME`,
  );
}

/** Read-only calls before the queue takes over are retried a few times on passing faults. */
async function withRetries<T>(call: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (error) {
      const retryable =
        (error as { retryable?: unknown }).retryable === true ||
        (error as { cause?: { retryable?: unknown } }).cause?.retryable === true;
      if (!retryable || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** i)));
    }
  }
}

async function queueJobs(
  desk: Desk,
  c: Connection,
  where: { profileId: string; raoUsername: string },
  jobs: CheckedJob[],
  asyncMode = false,
): Promise<string[]> {
  const batchId = jobs.length > 1 ? randomUUID() : undefined;
  await desk.store.documents.importMany(jobs.flatMap((job) => job.documents.map((d) => d.path)));
  const records = await desk.store.jobs.addMany(
    jobs.map((job) => ({
      profileId: where.profileId,
      raoUsername: where.raoUsername,
      batchId,
      label: job.label,
      signer: job.signer,
      auth: job.auth,
      signature: job.signature,
      outputDir: resolve(c.out),
      asyncMode,
      documents: job.documents.map((d) => ({
        sha256: d.sha256,
        filename: d.filename,
        size: d.size,
        pages: d.pages,
      })),
    })),
  );
  const ids = records.map((r) => r.id);
  // `--out` may be a template ({signer}, {date}…): each job's own folder is settled before any runs.
  settleOutputFolders(desk.store, ids);
  return ids;
}

function report(io: Io, summary: RunSummary, jobs: JobRecord[], json: boolean): number {
  for (const job of jobs) {
    if (job.state === 'done') {
      for (const d of job.documents)
        io.err(`  ${job.label}: ${d.filename} → ${d.outputPath ?? '?'} (signed by ${d.signerName ?? '?'})`);
    } else {
      io.err(
        `  ${job.label}: ${job.state}${job.failedStep ? ` at ${job.failedStep}` : ''}${job.error ? ` — ${job.error.message}` : ''}`,
      );
    }
  }
  io.err(
    `${summary.done} of ${summary.jobs} job(s) done, ${summary.failed} failed, ${summary.documents} document(s) signed and verified.`,
  );
  if (json) io.out(JSON.stringify(summary));
  return summary.done === summary.jobs ? 0 : 1;
}

export async function signCommand(
  values: Record<string, string | boolean | undefined>,
  files: string[],
  io: Io,
): Promise<number> {
  const c = values as unknown as Connection & {
    signer: string;
    'ext-auth'?: string;
    'otp-stdin'?: boolean;
    appearance?: string;
    json?: boolean;
  };
  required(values, ['optimizer', 'signer', 'out', 'data']);
  checkUrl(c.optimizer);
  checkOneStdinReader(values);
  const sources = secretSources(io);
  const ext = await extAuthFromOptions(values, sources);
  if (ext && c['otp-stdin']) throw new InputError('use either an external method or --otp-stdin, not both');
  if (!ext && !c['otp-stdin']) {
    throw new InputError(
      `the signer must unlock the signature: add --otp-stdin (type the code sent to their phone) or an external method (--ext-auth-file FILE, --ext-auth-stdin or ${EXT_AUTH_ENV}=TYPE:VALUE)`,
    );
  }
  c.token = await tokenFromOptions(values, sources);
  readCa(c.ca);
  await checkOutOption(c.out);
  const signer = readSignerFile(c.signer);
  const auth = ext ?? ({ method: 'otp', delivery: 'sms' } as const);
  const signature = c.appearance ? readAppearanceFile(c.appearance) : undefined;
  const documents = await checkDocuments(files);
  checkRequestLimits(documents, signature);
  const desk = await openDesk({ dataDir: c.data });
  try {
    const where = await connect(desk, c);
    const ids = await queueJobs(
      desk,
      c,
      where,
      [{ label: labelOf(signer), signer, auth, signature, documents }],
      values.async === true,
    );
    const { summary, jobs } = await runJobs(desk, ids, { otpStdin: c['otp-stdin'] === true });
    return report(io, summary, jobs, c.json === true);
  } finally {
    await desk.close();
  }
}

export async function batchCommand(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const c = values as unknown as Connection & { manifest: string; jobs?: string; json?: boolean };
  required(values, ['optimizer', 'manifest', 'out', 'data']);
  checkUrl(c.optimizer);
  checkOneStdinReader(values);
  c.token = await tokenFromOptions(values, secretSources(io));
  readCa(c.ca);
  await checkOutOption(c.out);
  const concurrency = c.jobs === undefined ? 4 : Number(c.jobs);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new InputError(`--jobs must be a whole number from 1 to 32`);
  const checked = await readManifest(c.manifest);
  const desk = await openDesk({ dataDir: c.data, concurrency });
  try {
    const where = await connect(desk, c);
    const ids = await queueJobs(desk, c, where, checked, values.async === true);
    const { summary, jobs } = await runJobs(desk, ids);
    return report(io, summary, jobs, c.json === true);
  } finally {
    await desk.close();
  }
}

export async function resumeCommand(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  required(values, ['data']);
  const concurrency = values.jobs === undefined ? 4 : Number(values.jobs);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new InputError('--jobs must be a whole number from 1 to 32');
  }
  const desk = await openDesk({ dataDir: values.data as string, concurrency });
  try {
    const unfinished = desk.store.jobs.list().filter((j) => !isTerminal(j.state) && j.state !== 'draft');
    const dropped =
      values['drop-refused'] === true ? await dropRefused(desk, unfinished, io) : new Set<string>();
    // A job that ran out of retries gets a fresh start; one that failed for good stays failed.
    for (const job of unfinished) {
      const now = desk.store.jobs.get(job.id);
      if (now.state === 'failed' && (now.error?.retryable || dropped.has(job.id))) desk.runner.retry(job.id);
    }
    const ids = unfinished.map((j) => j.id);
    io.err(`Resuming ${ids.length} unfinished job(s).`);
    const { summary, jobs } = await runJobs(desk, ids, { otpStdin: values['otp-stdin'] === true });
    return report(io, summary, jobs, values.json === true);
  } finally {
    await desk.close();
  }
}

/**
 * `resume --drop-refused`: each stopped job loses the documents the Optimizer refused (named, with
 * its words) and goes on with the others. A job whose every document was refused stays as it is.
 */
async function dropRefused(desk: Desk, jobs: readonly JobRecord[], io: Io): Promise<Set<string>> {
  const done = new Set<string>();
  for (const job of jobs) {
    const refused = job.documents.filter((d) => d.refusal !== null);
    if (refused.length === 0) continue;
    if (refused.length === job.documents.length) {
      io.err(`  ${job.label}: every document was refused; cancel this job instead.`);
      continue;
    }
    for (const doc of refused) {
      await desk.runner.dropDocument(job.id, doc.position);
      io.err(`  ${job.label}: removed ${doc.filename} (the Optimizer said: ${doc.refusal ?? ''})`);
    }
    done.add(job.id);
  }
  return done;
}

/** Opens the data folder for a command that only reads it. */
async function withDesk(
  values: Record<string, string | boolean | undefined>,
  run: (desk: Desk) => number | Promise<number>,
): Promise<number> {
  required(values, ['data']);
  const desk = await openDesk({ dataDir: values.data as string });
  try {
    return await run(desk);
  } finally {
    await desk.close();
  }
}

export function statusCommand(values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  return withDesk(values, (desk) => {
    const jobs = desk.store.jobs.list();
    if (values.json) {
      io.out(
        JSON.stringify({
          jobs: jobs.map((j) => ({
            id: j.id,
            label: j.label,
            state: j.state,
            failedStep: j.failedStep,
            error: j.error,
            requestPk: j.requestPk,
            documents: j.documents.map((d) => ({
              filename: d.filename,
              remoteUid: d.remoteUid,
              output: d.outputPath,
              verified: d.verifiedAt !== null,
            })),
          })),
          summary: summarize(jobs),
        }),
      );
      return 0;
    }
    if (jobs.length === 0) io.out('No jobs.');
    for (const j of jobs) {
      const why = j.error && j.state === 'failed' ? ` — ${j.error.message}` : '';
      io.out(
        `${j.id.slice(0, 8)}  ${j.state.padEnd(15)} ${String(j.documents.length).padStart(3)} doc(s)  ${j.label}${why}`,
      );
    }
    const s = summarize(jobs);
    io.out(`${s.jobs} job(s): ${s.done} done, ${s.failed} failed.`);
    return 0;
  });
}

export function auditCommand(values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  return withDesk(values, async (desk) => {
    if (!values.verify) {
      for (const e of listEvents(desk.store.db)) {
        io.out(`${e.seq}\t${e.at}\t${e.jobId ?? '-'}\t${e.kind}\t${JSON.stringify(e.data)}`);
      }
      return 0;
    }
    const verdict = await verifyAuditLog(desk.store.db);
    io.out(auditVerdictLine(verdict));
    return verdict.ok ? 0 : 1;
  });
}

/** One line per verdict, each naming what was found and, where it helps, what to do. */
export function auditVerdictLine(v: AuditVerdict): string {
  const at = v.brokenAt ? ` at row ${v.brokenAt.seq}: ${v.brokenAt.reason}` : '';
  switch (v.result) {
    case 'intact':
      return `Audit log intact: ${v.events} event(s), every row chained to the one before${v.sealed ? ' and sealed with the keychain’s audit key' : ''}.`;
    case 'truncated':
      return `Audit log TRUNCATED: ${v.events} event(s) left where the keychain’s signed head counts ${v.expected ?? '?'}${at}.`;
    case 'emptied':
      return `Audit log EMPTIED: no event left where the keychain’s signed head counts ${v.expected ?? '?'}.`;
    case 'forged':
      return `Audit log FORGED${at}.`;
    case 'recomputed':
      return `Audit log EDITED AND RECOMPUTED${at}.`;
    case 'broken':
      return `Audit log BROKEN${at}.`;
    case 'keyMissing':
      return 'Audit log CANNOT BE VERIFIED: the keychain no longer holds its audit key (service oneshot-desk/audit). Restore the keychain from a backup to check it.';
    case 'headMissing':
      return `Audit log rows check (${v.events} event(s)), but the keychain lost its signed head: rows cut off the end could not be detected.`;
  }
}
