// Why a job stopped, in the RAO's language when core named the problem (an output folder that can't
// be written, and why), else core's own English message.
import type { i18n as I18n, TFunction } from 'i18next';
import type { OperationResult } from '../../../shared/contract';
import { isolated } from './isolated';

type JobError = NonNullable<OperationResult<'jobs.list'>['jobs'][number]['error']>;

export function jobErrorText(t: TFunction, i18n: I18n, error: JobError): string {
  const problem = error.problem;
  const key = problem ? `problems.${problem.name}` : null;
  if (!problem || !key || !i18n.exists(key)) return error.message;
  const values: Record<string, string> = { ...problem.values };
  if (values.cause !== undefined && i18n.exists(`settings.writeCauses.${values.cause}`))
    values.cause = t(`settings.writeCauses.${values.cause}`);
  // A path can hold bidi controls too; it is shown as it is, without reordering the sentence.
  if (values.folder !== undefined) values.folder = isolated(values.folder);
  return t(key, values);
}
