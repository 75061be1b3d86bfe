// English: the reference text of the interface, one file per area of the desk; the Spanish and
// Polish files are typed as these (i18n/shape.ts), so they have exactly their keys.
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

export const en = {
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
