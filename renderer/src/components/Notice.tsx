// A bridge error shown to a person: the translated code, then the problem in the reader's language
// when core named it (never core's English then), else the message core wrote.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';
import { bridgeProblemText } from '../settings/form';
import { problemText } from './problem-text';

export function ErrorNotice({ error }: { error: BridgeError | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!error) return null;
  // A refusal core names by a problem code is worded here (a folder refused where a job enters is
  // the same problem Settings words); core's own English only when it named none.
  const message = error.problem
    ? (problemText(t, error.problem) ?? bridgeProblemText(t, error.problem) ?? '')
    : error.message;
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
