// The contract's operations implemented on core (store, vault, clients, queue), assembled from the
// bridge's rooms; each room implements its part of the contract, and guards.ts holds what they
// share. Used by Electron's IPC registrar and by the browser host alike: arguments arrive already
// checked by their schema.
import type { Desk } from '../desk';
import { appearanceOperations } from './appearance';
import { auditOperations } from './audit';
import { connectionOperations } from './connection';
import { fileOperations } from './files';
import type { AppIdentity, OperationImpl } from './guards';
import { jobOperations } from './jobs';
import { otpOperations } from './otp';
import { resultOperations } from './results';
import { reviewOperations } from './review';
import { settingsOperations } from './settings';
import { templateOperations } from './templates';

export type { AppIdentity, OperationImpl } from './guards';

export function coreOperations(desk: Desk, app: AppIdentity): OperationImpl {
  return {
    'app.info': () =>
      Promise.resolve({ name: 'One-Shot Desk', version: app.version, training: app.training }),
    ...connectionOperations(desk),
    ...fileOperations(desk, app),
    ...jobOperations(desk),
    ...reviewOperations(desk),
    ...otpOperations(desk),
    ...resultOperations(desk),
    ...appearanceOperations(desk),
    ...templateOperations(desk),
    ...auditOperations(desk),
    ...settingsOperations(desk),
  };
}
