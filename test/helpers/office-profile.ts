// An office's Optimizer profile as the tests save it: a sandbox environment, no pinned
// certificate, registration authority 3.
export function officeProfile(
  id: string,
  baseUrl: string,
  more: { name?: string; defaultProfile?: string } = {},
) {
  return {
    id,
    name: more.name ?? 'Office',
    baseUrl,
    env: 'sandbox' as const,
    caPem: null,
    pinSha256: null,
    defaultRegistrationAuthority: '3',
    defaultProfile: more.defaultProfile ?? null,
  };
}
