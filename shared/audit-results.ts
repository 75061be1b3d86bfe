// What a check of the audit log can find, named the same in core, the bridge, the CLI and the UI.
export const AUDIT_RESULTS = [
  'intact',
  /** Rows are missing at the end (or were cut and the log went on): the head counted more. */
  'truncated',
  /** No row left, but the keychain's head says there were some. */
  'emptied',
  /** A row whose seal does not match: written or edited by someone without the key. */
  'forged',
  /** Rows edited and every later hash recomputed: they chain, but neither seals nor head match. */
  'recomputed',
  /** A row missing in the middle or one that does not point at the row before it. */
  'broken',
  /** The keychain no longer holds this log's key: nothing can be checked. */
  'keyMissing',
  /** The keychain lost the signed head: rows check, but cut rows at the end could not be seen. */
  'headMissing',
] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];
