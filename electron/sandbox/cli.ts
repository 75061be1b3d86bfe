// `npm run sandbox -- [options]`: runs the sandbox Optimizer until interrupted. The first line on
// stdout is exactly "One-Shot sandbox listening on <baseUrl>" so scripts can wait for it.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSandboxDialect, SANDBOX_DIALECTS } from './dialect';
import { startSandbox, type SandboxOptions } from './index';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N                 port to listen on (0 = any free port; default 0)
  --host H                 address to bind (default 127.0.0.1)
  --data DIR               keep state in DIR across restarts (default: a new temporary directory)
  --tls                    serve HTTPS with a certificate from the sandbox CA (GET /sandbox/ca.pem)
  --latency-ms N           delay added to every API call
  --sign-ms N              extra time spent in each sign call
  --async-sign-ms N        how long the background part of an async sign takes (default --sign-ms)
  --fail-rate F            answer 503 to this fraction of calls, before doing anything
  --reset-rate F           drop the connection of this fraction of calls, before doing anything
  --lose-response-rate F   do the work, commit it, then drop the connection without answering
  --fail-after-sign-rate F sign and commit, then answer 500 to this fraction of sign calls
  --seed N                 makes the random faults repeatable (default 1)
  --dialect NAME           answer shapes to speak: ${SANDBOX_DIALECTS.join(', ')} (default fastapi)
  --ext-auth-types a,b     accepted ext_unlock_type values (default biometric)
  --refuse-documents TEXT  refuse (415) every uploaded file whose name contains TEXT
  --help                   this text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function number(
  name: string,
  text: string | undefined,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function parseCli(argv: string[]): SandboxOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        tls: { type: 'boolean' },
        'latency-ms': { type: 'string' },
        'sign-ms': { type: 'string' },
        'async-sign-ms': { type: 'string' },
        'fail-rate': { type: 'string' },
        'reset-rate': { type: 'string' },
        'lose-response-rate': { type: 'string' },
        'fail-after-sign-rate': { type: 'string' },
        dialect: { type: 'string' },
        seed: { type: 'string' },
        'ext-auth-types': { type: 'string' },
        'refuse-documents': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const types = values['ext-auth-types']
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (types !== undefined && types.length === 0) fail('--ext-auth-types needs at least one type');
  const dialect = values.dialect;
  if (dialect !== undefined && !isSandboxDialect(dialect))
    fail(`--dialect must be one of ${SANDBOX_DIALECTS.join(', ')}, got "${dialect}"`);
  return {
    port: number('port', values.port, { max: 65535, integer: true }),
    host: values.host,
    dataDir: values.data,
    tls: values.tls ?? false,
    latencyMs: number('latency-ms', values['latency-ms'], { integer: true }),
    signMs: number('sign-ms', values['sign-ms'], { integer: true }),
    asyncSignMs: number('async-sign-ms', values['async-sign-ms'], { integer: true }),
    failRate: number('fail-rate', values['fail-rate'], { max: 1 }),
    resetRate: number('reset-rate', values['reset-rate'], { max: 1 }),
    loseResponseRate: number('lose-response-rate', values['lose-response-rate'], { max: 1 }),
    failAfterSignRate: number('fail-after-sign-rate', values['fail-after-sign-rate'], { max: 1 }),
    seed: number('seed', values.seed, { integer: true }),
    extAuthTypes: types,
    refuseNamesContaining: values['refuse-documents'] || undefined,
    dialect,
  };
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const sandbox = await startSandbox(options);
  process.stdout.write(`One-Shot sandbox listening on ${sandbox.baseUrl}\n`);
  process.stderr.write(
    `[sandbox] data: ${sandbox.dataDir}\n[sandbox] dialect: ${options.dialect ?? 'fastapi'}\n[sandbox] preset RAO token: 3bf8d8eb-d96c-41ea-83ad-d78a7016c7da\n` +
      `[sandbox] OTPs are printed here and served at ${sandbox.baseUrl}/sandbox/inbox/{pk}\n`,
  );
  const shutdown = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`One-Shot sandbox could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
