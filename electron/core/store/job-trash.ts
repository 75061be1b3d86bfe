// Removing a job so that it can be put back: the rows are taken out in one transaction and answered
// as they were, so an undo restores the very same job (its id, its documents, their stamps) rather
// than a look-alike. Both moves are recorded in the audit log.
import { appendEvent } from './audit';
import type { Db } from './database';
import type { DocumentRow, JobRow } from './job-records';
import { refused } from '../problem-error';

export interface RemovedJob {
  job: JobRow;
  documents: DocumentRow[];
}

/** Deletes the job and its documents' rows, answering them for `putBack`. */
export function takeOut(db: Db, id: string): RemovedJob {
  return db.transaction(() => {
    const job = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!job) throw refused('not_found', 'jobMissing', `No job ${id}`);
    const documents = db
      .prepare('SELECT * FROM job_documents WHERE job_id = ? ORDER BY position')
      .all(id) as DocumentRow[];
    db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
    appendEvent(db, id, 'job.removed', { undoable: true });
    return { job, documents };
  })();
}

/** Inserts the rows `takeOut` answered, exactly as they were. */
export function putBack(db: Db, removed: RemovedJob): void {
  db.transaction(() => {
    insertRow(db, 'jobs', removed.job);
    for (const doc of removed.documents) insertRow(db, 'job_documents', doc);
    appendEvent(db, removed.job.id, 'job.restored', { state: removed.job.state });
  })();
}

function insertRow(db: Db, table: 'jobs' | 'job_documents', row: JobRow | DocumentRow): void {
  // Column names come from the row SQLite itself answered, never from outside.
  const columns = Object.keys(row);
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map((c) => (row as unknown as Record<string, unknown>)[c]));
}
