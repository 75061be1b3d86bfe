// Drives a set of jobs to their end for the CLI: starts the runner, answers the signer's code
// prompts from standard input when asked to, and resolves when every job is done, failed or
// cannot go on without a person.
import { createInterface } from 'node:readline';
import { isTerminal } from '../../../shared/job';
import type { Desk } from '../desk';
import { OptimizerError } from '../optimizer/index';
import type { JobRecord } from '../store/index';
import { progressView } from './progress';

export interface RunSummary {
  jobs: number;
  done: number;
  failed: number;
  documents: number;
}

export interface RunOptions {
  /** Read signers' codes from standard input, one line per code. */
  otpStdin?: boolean;
}

export async function runJobs(
  desk: Desk,
  jobIds: string[],
  options: RunOptions = {},
): Promise<{ summary: RunSummary; jobs: JobRecord[] }> {
  const view = progressView(desk.store, jobIds);
  const lines = options.otpStdin ? lineReader() : undefined;
  const waitingForPerson = new Set<string>();
  const finished = (): boolean =>
    jobIds.every((id) => {
      const job = desk.store.jobs.get(id);
      return isTerminal(job.state) || job.state === 'failed' || waitingForPerson.has(id);
    });

  const askForCode = async (
    jobId: string,
    message: string | undefined,
    sendFirst: boolean,
  ): Promise<void> => {
    if (!lines) {
      waitingForPerson.add(jobId);
      view.line(
        `${desk.store.jobs.get(jobId).label}: waits for the signer's code (run with --otp-stdin to type it).`,
      );
      return;
    }
    try {
      if (sendFirst) await sendCodeWithCooldown(desk, jobId, (t) => view.line(t));
      if (message) view.line(message);
      view.line(`Type the code the signer received for ${desk.store.jobs.get(jobId).label}, then Enter:`);
      const code = await lines.next();
      if (code === null) {
        waitingForPerson.add(jobId);
        view.line('No code was typed (standard input ended).');
        return;
      }
      desk.runner.submitOtp(jobId, code);
    } catch (error) {
      view.line(`Could not continue with the code: ${(error as Error).message}`);
      waitingForPerson.add(jobId);
    }
  };

  const done = new Promise<void>((resolve) => {
    const check = (): void => {
      if (finished()) {
        off();
        clearInterval(timer);
        resolve();
      }
    };
    const off = desk.runner.on((event) => {
      view.handle(event);
      if (event.type === 'attention' && jobIds.includes(event.jobId)) {
        void askForCode(
          event.jobId,
          event.reason === 'otp_code_needed' ? event.message : undefined,
          event.reason === 'otp_needed',
        ).then(check);
      }
      check();
    });
    const timer = setInterval(check, 500);
    // Jobs already waiting for a signer when this run starts (resume) are asked for right away.
    for (const id of jobIds) {
      const job = desk.store.jobs.get(id);
      if (job.state === 'awaiting_signer') void askForCode(id, undefined, true).then(check);
      if (job.state === 'otp_sent') void askForCode(id, undefined, false).then(check);
    }
    check();
  });
  desk.runner.start();
  await done;
  view.finish();
  lines?.close();
  const jobs = jobIds.map((id) => desk.store.jobs.get(id));
  return { summary: summarize(jobs), jobs };
}

export function summarize(jobs: JobRecord[]): RunSummary {
  return {
    jobs: jobs.length,
    done: jobs.filter((j) => j.state === 'done').length,
    failed: jobs.filter((j) => j.state === 'failed').length,
    documents: jobs.reduce((n, j) => n + j.documents.filter((d) => d.verifiedAt !== null).length, 0),
  };
}

async function sendCodeWithCooldown(desk: Desk, jobId: string, say: (text: string) => void): Promise<void> {
  for (;;) {
    try {
      await desk.runner.sendOtp(jobId);
      say('A code was sent to the signer.');
      return;
    } catch (error) {
      if (error instanceof OptimizerError && error.kind === 'otp_cooldown') {
        say('A code was sent less than a minute ago; sending a new one in a few seconds…');
        await new Promise((r) => setTimeout(r, 5_000));
        continue;
      }
      throw error;
    }
  }
}

function lineReader(): { next(): Promise<string | null>; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const buffered: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else buffered.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    next: () => {
      const line = buffered.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}
