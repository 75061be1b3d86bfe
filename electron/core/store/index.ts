// The local store of One-Shot Desk: one SQLite database and one content-addressed document folder
// under the data directory.
import { openDatabase, type Db } from './database';
import { DocumentStore } from './document-store';
import { JobStore } from './jobs';
import { ProfileStore } from './profiles';
import { SettingsStore } from './settings';
import { TemplateStore } from './templates';
import { verifyAuditChain, listEvents, type AuditVerdict, type AuditEvent } from './audit';
import { verifyAuditLogNow } from './audit-seal';

export { DocumentStore, JobStore, ProfileStore, SettingsStore, TemplateStore, verifyAuditChain, listEvents };
export type { AuditVerdict, AuditEvent, Db };
export type { JobRecord, JobDocument, NewJob, JobError, SignerImages } from './jobs';
export type { OptimizerProfileRecord } from './profiles';

export interface Store {
  dataDir: string;
  db: Db;
  jobs: JobStore;
  profiles: ProfileStore;
  settings: SettingsStore;
  templates: TemplateStore;
  documents: DocumentStore;
  /** With the key and head of the desk's keychain seal once attached (audit-seal.ts). */
  verifyAuditChain(): AuditVerdict;
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db = openDatabase(dataDir);
  return {
    dataDir,
    db,
    jobs: new JobStore(db),
    profiles: new ProfileStore(db),
    settings: new SettingsStore(db),
    templates: new TemplateStore(db),
    documents: new DocumentStore(dataDir),
    verifyAuditChain: () => verifyAuditLogNow(db),
    close: () => db.close(),
  };
}
