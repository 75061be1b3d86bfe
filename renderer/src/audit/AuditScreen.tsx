// Placeholder until the audit screen lands.
import { useTranslation } from 'react-i18next';

export function AuditScreen(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
    </section>
  );
}
