// Placeholder until the settings screen lands.
import { useTranslation } from 'react-i18next';

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
    </section>
  );
}
