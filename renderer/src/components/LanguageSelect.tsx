// The interface's language: changed at once and remembered in core (the top bar and Settings).
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { isLanguage, LANGUAGES } from '../i18n/index';

export function LanguageSelect(props: { name?: string }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  return (
    <select
      name={props.name}
      value={isLanguage(i18n.language) ? i18n.language : 'en'}
      onChange={(e) => {
        if (!isLanguage(e.target.value)) return;
        void i18n.changeLanguage(e.target.value);
        void bridge.call('settings.set', { key: 'language', value: e.target.value });
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {t(`languages.${l}`)}
        </option>
      ))}
    </select>
  );
}
