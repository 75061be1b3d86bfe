// A bridge error shown to a person: the translated code, then the problem in the reader's language
// when core named it (never core's English then), else the message core wrote.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { bridgeProblemText } from '../settings/form';
import { problemText } from './problem-text';

/**
 * A bridge error's sentence in the RAO's language: the problem core named (a folder refused where a
 * job enters is the same problem Settings words); core's own English only when it named none.
 */
export function errorText(t: TFunction, error: BridgeError): string {
  if (!error.problem) return error.message;
  return problemText(t, error.problem) ?? bridgeProblemText(t, error.problem) ?? '';
}

export function ErrorNotice({ error }: { error: BridgeError | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!error) return null;
  const message = errorText(t, error);
  return (
    <div role="alert" className="notice notice-bad">
      <strong>{t(`errors.${error.code}`)}</strong> {message}
      {error.fields && (
        <ul>
          {Object.entries(error.fields).map(([field, messages]) => (
            <li key={field}>{fieldLine(t, field, messages, error.fieldProblems?.[field])}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One field of a refusal: its problems in the RAO's language when core named them (each names its
 * field), else the field's name and core's message.
 */
function fieldLine(
  t: TFunction,
  field: string,
  messages: readonly string[],
  problems: NonNullable<BridgeError['fieldProblems']>[string] | undefined,
): string {
  const worded = (problems ?? []).map((p) => problemText(t, p)).filter((w): w is string => w !== null);
  if (worded.length > 0) return worded.join(' ');
  // With several jobs, a key starts with the job it belongs to (`<jobId>.signer.email`).
  const name =
    t(`fields.${field}`, { defaultValue: '' }) ||
    t(`fields.${field.replace(/^[^.]+\./, '')}`, { defaultValue: field });
  return `${name}: ${messages.join(' ')}`;
}
