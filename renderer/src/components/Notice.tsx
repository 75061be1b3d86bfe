// A bridge error shown to a person: the translated code, then the message core wrote for it.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../shared/contract';

export function ErrorNotice({ error }: { error: BridgeError | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div role="alert" className="notice notice-bad">
      <strong>{t(`errors.${error.code}`)}</strong> {error.message}
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
