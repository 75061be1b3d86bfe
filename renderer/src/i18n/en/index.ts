// English: the reference text of the interface, one file per area of the desk; the Spanish and
// Polish files are typed as these (i18n/shape.ts), so they have exactly their keys.
export { app } from './app';
export { audit } from './audit';
export { connection } from './connection';
export { job } from './job';
export { placement } from './placement';
export { problems } from './problems';
export { queue } from './queue';
export { review } from './review';
export { settings } from './settings';
export { templates } from './templates';
export { viewer } from './viewer';
