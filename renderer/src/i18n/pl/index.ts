// Polish, one file per area typed as the English one (Polish plurals: _one / _few / _many / _other).
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

export const pl = {
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
