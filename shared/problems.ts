// Every refusal or finding the desk can report, as a code with the typed shape of its values.
// Core throws or returns these (English stays in its logs); the renderer words each code in the
// RAO's language (`renderer/src/i18n/<lang>/problems.ts`, typed by ProblemCode so that a code
// without words fails the typecheck). Values are flat strings and numbers, never a secret.
// Pure: no Node, no DOM.

/** The Optimizer's calls, as the step a failure names (the renderer words each step). */
export const OPTIMIZER_STEPS = [
  'hello',
  'version',
  'listTokens',
  'createToken',
  'getToken',
  'deleteToken',
  'createRequest',
  'getRequest',
  'cancelRequest',
  'uploadDocuments',
  'listDocuments',
  'downloadContract',
  'sendOtp',
  'sign',
  'downloadDocument',
  'deleteDocument',
  'deleteDocuments',
] as const;
export type OptimizerStep = (typeof OPTIMIZER_STEPS)[number];

/** What is wrong with a field, whatever the field (the renderer words rule and field together). */
export const FIELD_RULES = [
  'required',
  'notText',
  'tooLong',
  'format',
  'notAllowed',
  'phonePrefix',
  'email',
  'country',
  'noToken',
  'notDeclared',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** The fields a problem can name: the signer's, and the rest of a job's form. */
export const PROBLEM_FIELDS = [
  'given_name',
  'surname_1',
  'surname_2',
  'id_document_type',
  'id_document_country',
  'serial_number',
  'email',
  'mobile_phone_number',
  'registration_authority',
  'profile',
  'communication_language',
  'residence',
  'residence_city',
  'residence_postal_code',
  'residence_address',
  'special_conditions',
  'documents',
  'outputDir',
  'raoUsername',
  'auth',
] as const;
export type ProblemField = (typeof PROBLEM_FIELDS)[number];

/** Why a job's output folder cannot take its files (settings-rules' WriteCause and a few more). */
export const FOLDER_CAUSES = [
  'permission',
  'readOnly',
  'full',
  'isFile',
  'missing',
  'relative',
  'other',
] as const;
export type FolderCause = (typeof FOLDER_CAUSES)[number];

type None = Record<string, never>;
type Label = { label: string };

/** Each code and the values its wording uses; optional values add a sentence when present. */
export interface ProblemValues {
  // --- jobs and their actions
  jobMissing: None;
  jobStarted: Label;
  documentMissing: Label & { number: number };
  pageOutOfRange: { filename: string; pages: number };
  copyGone: { filename: string };
  jobCancelled: Label;
  jobDone: Label;
  startNotDraft: Label;
  retryDraft: Label;
  retryNotStopped: Label;
  retryRefusedDocument: Label & { filename: string };
  retrySignerRefused: Label;
  cancelDraft: Label;
  cancelTooLate: Label;
  notRunning: Label;
  copyNotAllowed: Label;
  removeRunning: Label;
  undoExpired: None;
  cannotDropDocument: None;
  dropTooLate: Label;
  dropWhileRunning: Label;
  dropOnlyDocument: Label;
  // --- the signer's code
  otpNotNow: Label;
  otpNotUsed: Label;
  otpFormat: None;
  otpNotExpected: Label;
  // --- templates
  templateMissing: None;
  templateNameTaken: { name: string };
  nothingToExport: None;
  // --- the browser host
  hostAddressNeeded: None;
  launchCodeRefused: None;
  // --- reading and consent
  readBeforeSignerView: None;
  pagesNotSeen: { pages: string };
  consentBeforeRead: None;
  contractMissing: None;
  reviewItemMissing: None;
  // --- files, folders, verification
  outputFolderUnwritable: { folder: string; cause: FolderCause };
  signedCopyUnverified: { filename: string };
  externalValueMissing: None;
  // --- sealed ID images
  idImageRefused: None;
  idImageLost: None;
  idImageKeyForeign: None;
  // --- connection, tokens, keychain
  profileTokensAtNewAddress: { count: number; baseUrl: string };
  tokenMissing: { rao: string };
  raoUsernameMissing: None;
  keychainUnavailable: None;
  // --- fields
  fieldInvalid: { field: ProblemField; rule: FieldRule };
  fieldTooLong: { field: ProblemField; max: number };
  // --- the Optimizer's failures, by kind, with the step that failed
  optimizerOffline: { step: OptimizerStep };
  optimizerTimeout: { step: OptimizerStep };
  optimizerTls: { step: OptimizerStep };
  optimizerAuth: { step: OptimizerStep; serverWords?: string };
  optimizerRefused: { step: OptimizerStep; status?: number; serverWords?: string };
  optimizerNotFound: { step: OptimizerStep; serverWords?: string };
  optimizerConflict: { step: OptimizerStep; serverWords?: string };
  optimizerUnsupportedMedia: { step: OptimizerStep };
  optimizerFailed: { step: OptimizerStep; status?: number; serverWords?: string };
  optimizerUnknownOutcome: { step: OptimizerStep };
  otpWrong: { attemptsLeft?: number };
  otpExpired: None;
  otpCooldown: None;
  otpLocked: None;
  // --- the bridge's rooms (files, signed copies, profiles, the sandbox phone, uploads, imports)
  desktopOnly: None;
  documentNotSigned: { filename: string };
  signedFileMoved: { path: string };
  profileMissing: None;
  profileNotChosen: None;
  profileInUse: None;
  trainingProfileBuiltIn: None;
  codeBeforeConsent: None;
  sandboxPhoneOnly: None;
  sandboxAnswered: { status: number };
  contractUnreadable: None;
  pagesBeyond: { pages: string; total: number };
  uploadUnknown: None;
  uploadOutOfOrder: { filename: string };
  uploadTooLarge: { filename: string; maxMb: number };
  templateImportRefused: { count: number };
  documentOrderInvalid: None;
  documentsRefused: { count: number };
  overRequestLimits: None;
  detailsMissing: { count: number };
  auditDateInvalid: None;
}

export type ProblemCode = keyof ProblemValues;

/** Every code, at run time (the wording test walks them all in every language). */
export const PROBLEM_CODES = [
  'jobMissing',
  'jobStarted',
  'documentMissing',
  'pageOutOfRange',
  'copyGone',
  'jobCancelled',
  'jobDone',
  'startNotDraft',
  'retryDraft',
  'retryNotStopped',
  'retryRefusedDocument',
  'retrySignerRefused',
  'cancelDraft',
  'cancelTooLate',
  'notRunning',
  'copyNotAllowed',
  'removeRunning',
  'undoExpired',
  'cannotDropDocument',
  'dropTooLate',
  'dropWhileRunning',
  'dropOnlyDocument',
  'otpNotNow',
  'otpNotUsed',
  'otpFormat',
  'otpNotExpected',
  'templateMissing',
  'templateNameTaken',
  'nothingToExport',
  'hostAddressNeeded',
  'launchCodeRefused',
  'readBeforeSignerView',
  'pagesNotSeen',
  'consentBeforeRead',
  'contractMissing',
  'reviewItemMissing',
  'outputFolderUnwritable',
  'signedCopyUnverified',
  'externalValueMissing',
  'idImageRefused',
  'idImageLost',
  'idImageKeyForeign',
  'profileTokensAtNewAddress',
  'tokenMissing',
  'raoUsernameMissing',
  'keychainUnavailable',
  'fieldInvalid',
  'fieldTooLong',
  'optimizerOffline',
  'optimizerTimeout',
  'optimizerTls',
  'optimizerAuth',
  'optimizerRefused',
  'optimizerNotFound',
  'optimizerConflict',
  'optimizerUnsupportedMedia',
  'optimizerFailed',
  'optimizerUnknownOutcome',
  'otpWrong',
  'otpExpired',
  'otpCooldown',
  'otpLocked',
  'desktopOnly',
  'documentNotSigned',
  'signedFileMoved',
  'profileMissing',
  'profileNotChosen',
  'profileInUse',
  'trainingProfileBuiltIn',
  'codeBeforeConsent',
  'sandboxPhoneOnly',
  'sandboxAnswered',
  'contractUnreadable',
  'pagesBeyond',
  'uploadUnknown',
  'uploadOutOfOrder',
  'uploadTooLarge',
  'templateImportRefused',
  'documentOrderInvalid',
  'documentsRefused',
  'overRequestLimits',
  'detailsMissing',
  'auditDateInvalid',
] as const satisfies readonly ProblemCode[];

// The list and the map name the same codes: a code added to one only fails the typecheck here.
type Listed = (typeof PROBLEM_CODES)[number];
const everyCodeListed: Record<Exclude<ProblemCode, Listed>, never> = {};
void everyCodeListed;

/** One problem: its code and the values its wording fills in. */
export type Problem = { [C in ProblemCode]: { code: C; values: ProblemValues[C] } }[ProblemCode];

/** The values' names that hold one of a closed list (worded by the renderer, never shown raw). */
export const WORDED_VALUES = {
  step: OPTIMIZER_STEPS,
  field: PROBLEM_FIELDS,
  rule: FIELD_RULES,
  cause: FOLDER_CAUSES,
} as const;

export const isProblemCode = (value: unknown): value is ProblemCode =>
  typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value);

/** A code's values as the last arguments of a call: optional when the code takes none. */
export type ProblemArgs<C extends ProblemCode> = None extends ProblemValues[C]
  ? [values?: ProblemValues[C]]
  : [values: ProblemValues[C]];

/** Builds a problem, typed by its code (values may be left out when the code takes none). */
export function problem<C extends ProblemCode>(
  code: C,
  ...values: ProblemArgs<C>
): { code: C; values: ProblemValues[C] } {
  return { code, values: (values[0] ?? {}) as ProblemValues[C] };
}

/** A problem as a job's stored error keeps it: every value as text. */
export function storedProblem(found: { code: ProblemCode; values: object }): {
  code: string;
  values: Record<string, string>;
} {
  const { code, values } = bridgeProblem(found);
  return { code, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) };
}

/** A problem as the bridge carries it: flat values, without the optional ones left out. */
export function bridgeProblem(found: { code: ProblemCode; values: object }): {
  code: string;
  values: Record<string, string | number>;
} {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(found.values))
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
  return { code: found.code, values };
}

const isField = (value: string): value is ProblemField =>
  (PROBLEM_FIELDS as readonly string[]).includes(value);

/** Fields whose format has a rule of its own, so the words can show an example. */
const FORMAT_RULES: Partial<Record<ProblemField, FieldRule>> = {
  email: 'email',
  mobile_phone_number: 'phonePrefix',
  id_document_country: 'country',
};

/** The little of a zod issue the rules read (zod's own type is not needed to name a field). */
export interface ValidatorIssue {
  code: string;
  path: readonly PropertyKey[];
  maximum?: unknown;
}

/**
 * A validator's issue (zod's) as the field problem the renderer words, instead of zod's own
 * English ("Invalid input: expected string, received undefined"): the field is the issue's first
 * path segment, the rule comes from zod's issue code. `input` is what was checked, to tell a
 * missing field from one of the wrong type. Null when the path is not a field a person can correct
 * (the caller keeps its own message).
 */
export function fieldProblem(issue: ValidatorIssue, input?: unknown): Problem | null {
  const name = issue.path[0];
  if (typeof name !== 'string' || !isField(name)) return null;
  switch (issue.code) {
    case 'invalid_type': {
      const given =
        typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
      const missing = given === undefined || given === null || given === '';
      return problem('fieldInvalid', { field: name, rule: missing ? 'required' : 'notText' });
    }
    case 'too_small':
      return problem('fieldInvalid', { field: name, rule: 'required' });
    case 'too_big':
      return typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint'
        ? problem('fieldTooLong', { field: name, max: Number(issue.maximum) })
        : problem('fieldInvalid', { field: name, rule: 'tooLong' });
    case 'invalid_value':
      return problem('fieldInvalid', { field: name, rule: 'notAllowed' });
    case 'invalid_format':
      return problem('fieldInvalid', { field: name, rule: FORMAT_RULES[name] ?? 'format' });
    default:
      return problem('fieldInvalid', { field: name, rule: FORMAT_RULES[name] ?? 'format' });
  }
}
