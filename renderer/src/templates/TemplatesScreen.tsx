// Placeholder until the templates screen lands.
import { useTranslation } from 'react-i18next';

export function TemplatesScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="templates-title">
      <h2 id="templates-title">{t('templates.title')}</h2>
    </section>
  );
}
