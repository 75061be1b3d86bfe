// A bridge error shown to a person: the translated code, then the problem in the reader's language
// when core named it, else the message core wrote.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { bridgeProblemText } from '../settings/form';

export function ErrorNotice({ error }: { error: BridgeError | null }): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  // A refusal core names by a problem code is worded here; any other keeps core's own message.
  const key = error.problem ? `problems.${error.problem.code}` : null;
  // A folder refused where a job enters (jobs.create/update) is the same problem Settings words.
  const message =
    key && i18n.exists(key)
      ? t(key, error.problem?.values)
      : (bridgeProblemText(t, error.problem) ?? error.message);
  return (
    <div role="alert" className="notice notice-bad">
      <strong>{t(`errors.${error.code}`)}</strong> {message}
      {error.fields && (
        <ul>
          {Object.entries(error.fields).map(([field, messages]) => (
            <li key={field}>
              {t(`fields.${field}`, { defaultValue: field })}: {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
