// Which external authentication methods (`ext_unlock_type`) a profile's Optimizer accepts. The
// One-Shot API declares none (they are agreed with Uanataca per office), so the office declares them
// per profile (the machine-wide file's `externalMethods`); the RAO then picks one from that list
// instead of typing a name the Optimizer would refuse only at signing time.

/** The one method the published API names (ONE-SHOT-API.md, "e.g. biometric"): the default. */
export const DEFAULT_EXTERNAL_METHODS: readonly string[] = ['biometric'];

/** Methods the desk can describe the expected value of (renderer: auth.methodHints.<name>). */
export const KNOWN_EXTERNAL_METHODS = ['biometric'] as const;

/** Where a profile's declared list is kept among the desk's settings. */
export const externalMethodsKey = (profileId: string): string => `externalMethods.${profileId}`;

const METHOD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** A declared list as stored (1–20 distinct names of letters, digits, _ . -), or null if it is not one. */
export function checkExternalMethods(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 20) return null;
  const names = value.map((v) => (typeof v === 'string' ? v.trim() : ''));
  if (names.some((n) => !METHOD_NAME.test(n)) || new Set(names).size !== names.length) return null;
  return names;
}
