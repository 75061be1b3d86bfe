// The strings of each feature live beside the feature (viewer, placement, templates, audit,
// settings, core's worded refusals); this merges them into one tree per language for i18next and for the i18n test.
import { auditStrings } from '../audit/strings';
import { problemStrings } from '../components/problem-strings';
import { linkStrings } from '../connection/strings';
import { placementStrings } from '../placement/strings';
import { guideStrings } from '../queue/guide-strings';
import { jobActionStrings } from '../queue/job-action-strings';
import { readingStrings } from '../review/reading-strings';
import { viewerStrings } from '../review/viewer-strings';
import { settingsStrings } from '../settings/strings';
import { templatesStrings } from '../templates/strings';

const FEATURES = [
  viewerStrings,
  readingStrings,
  placementStrings,
  templatesStrings,
  auditStrings,
  settingsStrings,
  problemStrings,
  jobActionStrings,
  linkStrings,
  guideStrings,
];

/** Every feature's strings for one language, each under its own top-level key. */
export function featureStrings(language: 'en' | 'es' | 'pl'): Record<string, unknown> {
  return Object.assign({}, ...FEATURES.map((feature) => feature[language])) as Record<string, unknown>;
}
