// `npm run cli -- <command> …`: One-Shot Desk without a window, for unattended batches and for
// finishing work after a crash. Exit status: 0 when every job is done, 1 otherwise, 2 for bad input.
import { parseArgs } from 'node:util';
import type { Io } from './commands';
import { InputError } from './input-error';
import { dataDirOption, exitWhenKeychainIdle, guardProcess } from '../process-guard';

/**
 * The commands are loaded once one is chosen, so help and bad input answer at once: in the bundle
 * (dist/cli.mjs) they sit in chunks that only a command loads.
 */
const commands = () => import('./commands');

const USAGE = `Usage: npm run cli -- <command> [options]

  sign    --optimizer URL [--ca PEM] [TOKEN] --signer signer.json --out DIR --data DIR
          (EXTERNAL | --otp-stdin) [--appearance signature.json] [--async] [--json] <pdf or folder>...
  batch   --optimizer URL [--ca PEM] [TOKEN] --manifest batch.json --out DIR --data DIR [--jobs N] [--async] [--json]
  resume  --data DIR [--otp-stdin] [--drop-refused] [--jobs N] [--json]

  TOKEN, the RAO's token uid, one of: ONESHOT_TOKEN=UID in the environment, --token-file FILE (chmod 600),
          --token-stdin, or nothing / --rao USERNAME: the token the keychain remembers for this Optimizer
          (every token given once is remembered). --token UID still works but other users can read it.
  EXTERNAL, an approved method as TYPE:VALUE, one of: ONESHOT_EXT_AUTH=TYPE:VALUE, --ext-auth-file FILE
          (chmod 600), --ext-auth-stdin. --ext-auth TYPE:VALUE still works but other users can read it.
          Only one of --token-stdin, --ext-auth-stdin, --otp-stdin can be used at a time.

  --async         sign in the service's async mode: the sign call returns early, the desk polls the request
  --drop-refused  take out of each job the documents the Optimizer refused, and go on with the others
  status  --data DIR [--json]
  audit   --data DIR [--verify]`;

const OPTIONS = {
  optimizer: { type: 'string' },
  ca: { type: 'string' },
  token: { type: 'string' },
  'token-file': { type: 'string' },
  'token-stdin': { type: 'boolean' },
  rao: { type: 'string' },
  signer: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
  'ext-auth': { type: 'string' },
  'ext-auth-file': { type: 'string' },
  'ext-auth-stdin': { type: 'boolean' },
  'otp-stdin': { type: 'boolean' },
  appearance: { type: 'string' },
  manifest: { type: 'string' },
  jobs: { type: 'string' },
  json: { type: 'boolean' },
  async: { type: 'boolean' },
  'drop-refused': { type: 'boolean' },
  verify: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (command !== 'sign' && positionals.length > 0)
      throw new InputError(`unexpected argument "${positionals[0]}"`);
    switch (command) {
      case 'sign':
        return await (await commands()).signCommand(values, positionals, io);
      case 'batch':
        return await (await commands()).batchCommand(values, io);
      case 'resume':
        return await (await commands()).resumeCommand(values, io);
      case 'status':
        return await (await commands()).statusCommand(values, io);
      case 'audit':
        return await (await commands()).auditCommand(values, io);
      default:
        throw new InputError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof InputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`One-Shot Desk: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    // Anything else, a keychain that cannot be used included, is said in one line.
    io.err(`One-Shot Desk: ${(error as Error).message}`);
    return 1;
  }
}

const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

// Anything unexpected is recorded in <--data>/logs/desk.log, said in one line, and ends the run with 1.
guardProcess({ dataDir: () => dataDirOption(process.argv), afterFault: 'exit' });

runCli(process.argv.slice(2), io).then(exitWhenKeychainIdle, (error: unknown) => {
  process.stderr.write(`One-Shot Desk: ${(error as Error).message}\n`);
  exitWhenKeychainIdle(1);
});
