// The One-Shot Optimizer client: one OptimizerClient per profile, its error taxonomy and types.
export { OptimizerClient, MAX_FILES_PER_UPLOAD, type OptimizerClientOptions } from './client';
export {
  OptimizerError,
  type OptimizerErrorKind,
  type OptimizerErrorInit,
  type OptimizerRoute,
} from './errors';
// One redact() for the whole of core (../redact.ts), offered here too for the bridge's log lines.
export { redact } from '../redact';
export { certificateSha256, parsePin, DEFAULT_MAX_CONNECTIONS } from './agent';
export { parseEnvelope, saysFailure, serverMessageOf, fieldErrorsOf, type Envelope } from './envelopes';
export { isLocalFileError } from './download';
export * from './types';
