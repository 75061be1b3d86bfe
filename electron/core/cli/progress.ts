// How the CLI shows the queue at work: one redrawn progress line on a terminal, plain lines
// (one per change of state) otherwise, so logs and CI output stay readable.
import type { QueueEvent } from '../queue/events';
import type { Store } from '../store/index';

export interface ProgressView {
  handle(event: QueueEvent): void;
  line(text: string): void;
  finish(): void;
}

export function progressView(
  store: Store,
  jobIds: readonly string[],
  stream: NodeJS.WriteStream = process.stderr,
): ProgressView {
  const tty = stream.isTTY === true;
  const labels = new Map(jobIds.map((id, i) => [id, `job ${i + 1}/${jobIds.length}`]));
  const lastState = new Map<string, string>();
  let drawn = false;

  const clear = (): void => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = (): void => {
    if (!tty) return;
    const jobs = jobIds.map((id) => store.jobs.get(id));
    const docs = jobs.reduce((n, j) => n + j.documents.length, 0);
    const saved = jobs.reduce((n, j) => n + j.documents.filter((d) => d.verifiedAt).length, 0);
    const done = jobs.filter((j) => j.state === 'done').length;
    const failed = jobs.filter((j) => j.state === 'failed').length;
    const width = 24;
    const filled = docs === 0 ? 0 : Math.round((saved / docs) * width);
    clear();
    stream.write(
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${saved}/${docs} documents · ${done}/${jobs.length} jobs done${failed ? ` · ${failed} failed` : ''}`,
    );
    drawn = true;
  };

  return {
    handle(event) {
      if (event.type === 'job' && labels.has(event.jobId)) {
        if (lastState.get(event.jobId) !== event.state || event.message) {
          lastState.set(event.jobId, event.state);
          if (!tty)
            stream.write(
              `${labels.get(event.jobId)}: ${event.state}${event.message ? ` — ${event.message}` : ''}\n`,
            );
          else if (event.message || event.state === 'failed') {
            clear();
            stream.write(
              `${labels.get(event.jobId)}: ${event.state}${event.message ? ` — ${event.message}` : ''}\n`,
            );
          }
        }
        draw();
      } else if (event.type === 'connectivity') {
        clear();
        stream.write(
          event.online
            ? 'The Optimizer answers again; resuming.\n'
            : `The Optimizer cannot be reached; work resumes by itself when it answers. ${event.message ?? ''}\n`,
        );
        draw();
      } else if (event.type === 'document' && tty) {
        draw();
      }
    },
    line(text) {
      clear();
      stream.write(`${text}\n`);
      draw();
    },
    finish() {
      if (tty && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
