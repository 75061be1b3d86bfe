// How the CLI is given its secrets — the RAO token uid and an external-authentication value —
// without putting them in the process list, where every user of the computer can read them
// (/proc/<pid>/cmdline, `ps`): an environment variable, a file only its owner can read, standard
// input, or (for the token) the keychain, which remembers each RAO's token per Optimizer. The
// old --token and --ext-auth arguments still work, with a warning.
import { readFileSync, statSync } from 'node:fs';
import type { SignerAuth } from '../../../shared/signer';
import { InputError } from './input-error';

export const TOKEN_ENV = 'ONESHOT_TOKEN';
export const EXT_AUTH_ENV = 'ONESHOT_EXT_AUTH';

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  /** One line from standard input (without its line end). */
  readStdinLine(): Promise<string>;
  warn(line: string): void;
}

type Values = Record<string, string | boolean | undefined>;

const STDIN_OPTIONS = ['token-stdin', 'ext-auth-stdin', 'otp-stdin'] as const;

/** Standard input carries one thing: a token, an external value or a code, never two. */
export function checkOneStdinReader(values: Values): void {
  const given = STDIN_OPTIONS.filter((o) => values[o] === true);
  if (given.length > 1)
    throw new InputError(
      `${given.map((o) => `--${o}`).join(' and ')} would both read standard input: use one of them, and give the other secret with an environment variable or a file`,
    );
}

/**
 * The token uid from --token, --token-file, --token-stdin or ONESHOT_TOKEN (one of them), or
 * undefined: then the keychain's token for this Optimizer is used.
 */
export async function tokenFromOptions(values: Values, sources: SecretSources): Promise<string | undefined> {
  const given = pickOne(values, sources.env, 'token', TOKEN_ENV);
  if (given === undefined) return undefined;
  const text = await readGiven(given, 'token', sources);
  const uid = text.trim();
  if (uid === '' || /\s/.test(uid))
    throw new InputError(`${given.label}: expected one token uid, without spaces (nothing else on the line)`);
  return uid;
}

/** The external method from --ext-auth, --ext-auth-file, --ext-auth-stdin or ONESHOT_EXT_AUTH, if given. */
export async function extAuthFromOptions(
  values: Values,
  sources: SecretSources,
): Promise<SignerAuth | undefined> {
  const given = pickOne(values, sources.env, 'ext-auth', EXT_AUTH_ENV);
  if (given === undefined) return undefined;
  return parseExtAuth((await readGiven(given, 'ext-auth', sources)).trim(), given.label);
}

/** "TYPE:VALUE". The value is a secret: an error names where it came from, never what it is. */
export function parseExtAuth(text: string, where = '--ext-auth'): SignerAuth {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1)
    throw new InputError(
      `${where} must be TYPE:VALUE, e.g. biometric:4f1c…; what was given has ${i < 0 ? 'no colon' : i === 0 ? 'no TYPE before the colon' : 'no VALUE after the colon'} (it is not repeated here)`,
    );
  return { method: 'external', type: text.slice(0, i), value: text.slice(i + 1) };
}

/**
 * A secret file's text, refused when its group or others may read or write it: a secret in a file
 * others can read is no better than one in the process list.
 */
export function readSecretFile(path: string, option: string): string {
  let mode: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new InputError(`${option} ${path}: not a file`);
    mode = stats.mode;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${option} ${path}: cannot read the file (does it exist?)`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new InputError(
      `${option} ${path}: other users of this computer can read this file (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}" and try again`,
    );
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch {
    throw new InputError(`${option} ${path}: cannot read the file`);
  }
}

interface Given {
  how: 'argument' | 'file' | 'stdin' | 'env';
  label: string;
  value: string;
}

function pickOne(values: Values, env: NodeJS.ProcessEnv, name: string, envName: string): Given | undefined {
  const found: Given[] = [];
  const arg = values[name];
  if (typeof arg === 'string') found.push({ how: 'argument', label: `--${name}`, value: arg });
  const file = values[`${name}-file`];
  if (typeof file === 'string') found.push({ how: 'file', label: `--${name}-file ${file}`, value: file });
  if (values[`${name}-stdin`] === true) found.push({ how: 'stdin', label: `--${name}-stdin`, value: '' });
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== '') found.push({ how: 'env', label: envName, value: fromEnv });
  if (found.length > 1)
    throw new InputError(
      `the ${name === 'token' ? 'token' : 'external value'} was given ${found.length} ways (${found.map((f) => f.label.split(' ')[0]).join(', ')}): give it one way only`,
    );
  return found[0];
}

async function readGiven(given: Given, name: string, sources: SecretSources): Promise<string> {
  switch (given.how) {
    case 'argument':
      sources.warn(
        `One-Shot Desk: warning: --${name} on the command line can be read by every user of this computer (ps, /proc); use --${name}-file, --${name}-stdin or ${name === 'token' ? TOKEN_ENV : EXT_AUTH_ENV} instead${name === 'token' ? ', or --rao USERNAME once the keychain remembers the token' : ''}.`,
      );
      return given.value;
    case 'file':
      return readSecretFile(given.value, `--${name}-file`);
    case 'stdin':
      return sources.readStdinLine();
    case 'env':
      return given.value;
  }
}

/** The first line of standard input, read without waiting for more (a terminal or a pipe). */
export function readStdinLine(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (line: string): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) done(text.slice(0, end));
    };
    const onEnd = (): void => done(text);
    const onError = (error: Error): void =>
      reject(new InputError(`cannot read standard input: ${error.message}`));
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}
