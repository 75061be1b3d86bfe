// What can be done to the chosen template: rename (a small form), duplicate, set as default,
// export it alone, and delete it after a confirmation in place.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/contract-appearance';

interface ActionsProps {
  template: Template;
  /** Resolves true when the new name was saved. */
  onRenamed: (name: string) => Promise<boolean>;
  onDuplicate: () => Promise<void>;
  onRemove: () => Promise<void>;
  onSetDefault: () => Promise<void>;
  onExport: () => Promise<void>;
}

export function TemplateActions(props: ActionsProps): React.JSX.Element {
  const { t } = useTranslation();
  const { template } = props;
  const [mode, setMode] = useState<'idle' | 'rename' | 'remove'>('idle');
  const [name, setName] = useState(template.name);

  if (mode === 'rename') {
    return (
      <form
        className="actions template-rename"
        aria-label={t('templates.rename')}
        onSubmit={(e) => {
          e.preventDefault();
          void props.onRenamed(name.trim()).then((ok) => ok && setMode('idle'));
        }}
      >
        <label>
          {t('templates.renameLabel', { name: template.name })}{' '}
          <input
            type="text"
            required
            maxLength={100}
            value={name}
            // The form appears on request; its one field is where the RAO wants to type.
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {t('templates.saveName')}
        </button>
        <button type="button" onClick={() => setMode('idle')}>
          {t('templates.cancel')}
        </button>
      </form>
    );
  }

  if (mode === 'remove') {
    return (
      <div role="group" aria-labelledby="template-remove-question" className="notice notice-attention">
        <p id="template-remove-question">{t('templates.confirmRemove', { name: template.name })}</p>
        <div className="actions">
          <button type="button" className="danger" onClick={() => void props.onRemove()}>
            {t('templates.confirmRemoveYes')}
          </button>
          <button type="button" autoFocus onClick={() => setMode('idle')}>
            {t('templates.cancel')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="actions template-actions">
      <button
        type="button"
        onClick={() => {
          setName(template.name);
          setMode('rename');
        }}
      >
        {t('templates.rename')}
      </button>
      <button type="button" onClick={() => void props.onDuplicate()}>
        {t('templates.duplicate')}
      </button>
      <button type="button" disabled={template.isDefault} onClick={() => void props.onSetDefault()}>
        {t('templates.setDefault')}
      </button>
      <button type="button" onClick={() => void props.onExport()}>
        {t('templates.exportOne')}
      </button>
      <button type="button" onClick={() => setMode('remove')}>
        {t('templates.remove')}
      </button>
    </div>
  );
}
