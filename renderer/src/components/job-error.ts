// Why a job stopped, in the RAO's language whenever core named the problem (an Optimizer failure
// and its step, an output folder that can't be written and why…); core's own English only for a
// failure without a problem.
import type { i18n as I18n, TFunction } from 'i18next';
import type { OperationResult } from '../../../shared/contract';
import { problemText } from './problem-text';

type JobError = NonNullable<OperationResult<'jobs.list'>['jobs'][number]['error']>;

export function jobErrorText(t: TFunction, _i18n: I18n, error: JobError): string {
  const problem = error.problem;
  return (problem && problemText(t, { code: problem.name, values: problem.values })) ?? error.message;
}
