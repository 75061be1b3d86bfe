// Spanish, one file per area typed as the English one. Plurals: _one, _other, and _many (CLDR's
// form for millions, which i18next asks for by name), worded like _other.
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
