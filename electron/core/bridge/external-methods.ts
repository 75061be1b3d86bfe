// A profile's declared external authentication methods (shared/external-methods.ts), as the draft
// form lists them and Start checks a job's method against them.
import {
  checkExternalMethods,
  DEFAULT_EXTERNAL_METHODS,
  externalMethodsKey,
} from '../../../shared/external-methods';
import type { Store } from '../store/index';

/** The methods this profile declares; the default when none (or an unusable list) is stored. */
export function declaredExternalMethods(store: Pick<Store, 'settings'>, profileId: string): string[] {
  return (
    checkExternalMethods(store.settings.get(externalMethodsKey(profileId))) ?? [...DEFAULT_EXTERNAL_METHODS]
  );
}

/** Why a draft's method is not one its profile declares, or null when it is (or the code is by phone). */
export function undeclaredMethod(
  store: Pick<Store, 'settings'>,
  job: { profileId: string; auth: { method: string; type?: string } },
): string | null {
  if (job.auth.method !== 'external') return null;
  const declared = declaredExternalMethods(store, job.profileId);
  if (job.auth.type !== undefined && declared.includes(job.auth.type)) return null;
  return `Choose one of the methods this Optimizer accepts: ${declared.join(', ')}.`;
}
