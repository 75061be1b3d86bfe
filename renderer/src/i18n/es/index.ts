// Spanish, one file per area typed as the English one. Plurals: _one, _other, and _many (CLDR's
// form for millions, which i18next asks for by name), worded like _other.
import { app } from './app';
import { audit } from './audit';
import { connection } from './connection';
import { job } from './job';
import { placement } from './placement';
import { problems } from './problems';
import { queue } from './queue';
import { review } from './review';
import { settings } from './settings';
import { templates } from './templates';
import { viewer } from './viewer';

export const es = {
  ...app,
  ...queue,
  ...job,
  ...connection,
  ...review,
  ...placement,
  ...templates,
  ...audit,
  ...settings,
  ...viewer,
  ...problems,
};
