// Every refusal or finding the desk can report, as a code with the typed shape of its values.
// Core throws or returns these (English stays in its logs); the renderer words each code in the
// RAO's language (`renderer/src/i18n/<lang>/problems.ts`, typed by ProblemCode so that a code
// without words fails the typecheck). Values are flat strings and numbers, never a secret.
// A new code is one line in PROBLEM_SHAPES (its values and their kinds): the types, the list and
// the wording test follow from it.
// Pure: no Node, no DOM.
import { SIGNER_FIELDS } from './signer';

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
export const PROBLEM_FIELDS = [...SIGNER_FIELDS, 'documents', 'outputDir', 'raoUsername', 'auth'] as const;
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

/** How a value is worded: as it is (text, number), or from a closed list the renderer words. */
export type ValueKind = 'text' | 'number' | 'step' | 'field' | 'rule' | 'cause';
type KindOf = ValueKind | `${'text' | 'number'}?`;

/**
 * Each code and the values its wording uses, at run time (the wording test builds samples from
 * it); `text?`/`number?` are optional values that add a sentence when present. ProblemValues is
 * this, as types.
 */
export const PROBLEM_SHAPES = {
  // --- jobs and their actions
  jobMissing: {},
  jobStarted: { label: 'text' },
  documentMissing: { label: 'text', number: 'number' },
  pageOutOfRange: { filename: 'text', pages: 'number' },
  copyGone: { filename: 'text' },
  jobCancelled: { label: 'text' },
  jobDone: { label: 'text' },
  startNotDraft: { label: 'text' },
  retryDraft: { label: 'text' },
  retryNotStopped: { label: 'text' },
  retryRefusedDocument: { label: 'text', filename: 'text' },
  retrySignerRefused: { label: 'text' },
  cancelDraft: { label: 'text' },
  cancelTooLate: { label: 'text' },
  notRunning: { label: 'text' },
  copyNotAllowed: { label: 'text' },
  removeRunning: { label: 'text' },
  undoExpired: {},
  cannotDropDocument: {},
  dropTooLate: { label: 'text' },
  dropWhileRunning: { label: 'text' },
  dropOnlyDocument: { label: 'text' },
  // --- the signer's code
  otpNotNow: { label: 'text' },
  otpNotUsed: { label: 'text' },
  otpFormat: {},
  otpNotExpected: { label: 'text' },
  // --- templates
  templateMissing: {},
  templateNameTaken: { name: 'text' },
  nothingToExport: {},
  // --- the browser host
  hostAddressNeeded: {},
  launchCodeRefused: {},
  // --- reading and consent
  readBeforeSignerView: {},
  pagesNotSeen: { pages: 'text' },
  consentBeforeRead: {},
  contractMissing: {},
  jobMovedOn: {},
  internalError: {},
  reviewItemMissing: {},
  // --- files, folders, verification
  outputFolderUnwritable: { folder: 'text', cause: 'cause' },
  signedCopyUnverified: { filename: 'text' },
  externalValueMissing: {},
  // --- sealed ID images
  idImageRefused: {},
  idImageLost: {},
  idImageKeyForeign: {},
  // --- connection, tokens, keychain
  profileTokensAtNewAddress: { count: 'number', baseUrl: 'text' },
  tokenMissing: { rao: 'text' },
  raoUsernameMissing: {},
  tokenUnknown: {},
  tokenMalformed: {},
  tokenOtherRao: { owner: 'text', rao: 'text' },
  keychainUnavailable: {},
  // --- fields
  fieldInvalid: { field: 'field', rule: 'rule' },
  fieldTooLong: { field: 'field', max: 'number' },
  // --- the Optimizer's failures, by kind, with the step that failed
  optimizerOffline: { step: 'step' },
  optimizerTimeout: { step: 'step' },
  optimizerTls: { step: 'step' },
  optimizerAuth: { step: 'step', serverWords: 'text?' },
  optimizerRefused: { step: 'step', status: 'number?', serverWords: 'text?' },
  optimizerNotFound: { step: 'step', serverWords: 'text?' },
  optimizerConflict: { step: 'step', serverWords: 'text?' },
  optimizerUnsupportedMedia: { step: 'step' },
  optimizerFailed: { step: 'step', status: 'number?', serverWords: 'text?' },
  optimizerUnknownOutcome: { step: 'step' },
  otpWrong: { attemptsLeft: 'number?' },
  otpExpired: {},
  otpCooldown: {},
  otpLocked: {},
  // --- the bridge's rooms (files, signed copies, profiles, the sandbox phone, uploads, imports)
  desktopOnly: {},
  documentNotSigned: { filename: 'text' },
  signedFileMoved: { path: 'text' },
  profileMissing: {},
  profileNotChosen: {},
  profileInUse: {},
  trainingProfileBuiltIn: {},
  codeBeforeConsent: {},
  sandboxPhoneOnly: {},
  sandboxAnswered: { status: 'number' },
  contractUnreadable: {},
  pagesBeyond: { pages: 'text', total: 'number' },
  uploadUnknown: {},
  uploadOutOfOrder: { filename: 'text' },
  uploadTooLarge: { filename: 'text', maxMb: 'number' },
  templateImportRefused: { count: 'number' },
  documentOrderInvalid: {},
  documentsRefused: { count: 'number' },
  overRequestLimits: {},
  tooManyDocuments: { count: 'number', max: 'number' },
  pageBeyondDocument: { filename: 'text', page: 'number', pages: 'number' },
  moreTooShort: { count: 'number' },
  detailsMissing: { count: 'number' },
  auditDateInvalid: {},
  // a file refused where a job takes it (the PDF check's reasons, per file)
  fileGone: { filename: 'text' },
  fileEmpty: { filename: 'text' },
  fileNotPdf: { filename: 'text' },
  fileEncrypted: { filename: 'text' },
  fileDamaged: { filename: 'text' },
} as const satisfies Record<string, Record<string, KindOf>>;

type KindType<K> = K extends 'text' | 'text?'
  ? string
  : K extends 'number' | 'number?'
    ? number
    : K extends 'step'
      ? OptimizerStep
      : K extends 'field'
        ? ProblemField
        : K extends 'rule'
          ? FieldRule
          : K extends 'cause'
            ? FolderCause
            : never;
type Required<S> = { [N in keyof S as S[N] extends `${string}?` ? never : N]: KindType<S[N]> };
type Optional<S> = { [N in keyof S as S[N] extends `${string}?` ? N : never]?: KindType<S[N]> };
type Flat<T> = { [N in keyof T]: T[N] };
type Shapes = typeof PROBLEM_SHAPES;

/** Each code and the types of its values. */
export type ProblemValues = {
  [C in keyof Shapes]: keyof Shapes[C] extends never ? None : Flat<Required<Shapes[C]> & Optional<Shapes[C]>>;
};

export type ProblemCode = keyof ProblemValues;

/** Every code, at run time (the wording test walks them all in every language). */
export const PROBLEM_CODES = Object.keys(PROBLEM_SHAPES) as readonly ProblemCode[];

/** One problem: its code and the values its wording fills in. */
export type Problem = { [C in ProblemCode]: { code: C; values: ProblemValues[C] } }[ProblemCode];

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

/**
 * A validator's issues about `input` as each field's problems, as the bridge carries them
 * (BridgeError.fieldProblems), keyed `${prefix}${path}` like BridgeError.fields (`signer.email`).
 */
export function fieldProblemsOf(
  issues: readonly ValidatorIssue[],
  input: unknown,
  prefix = '',
): Record<string, ReturnType<typeof bridgeProblem>[]> {
  const found: Record<string, ReturnType<typeof bridgeProblem>[]> = {};
  for (const issue of issues) {
    const named = fieldProblem(issue, input);
    if (named) (found[`${prefix}${issue.path.join('.')}`] ??= []).push(bridgeProblem(named));
  }
  return found;
}
