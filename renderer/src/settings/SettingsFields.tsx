// The settings screen's field groups: where signed files go (folder, picked or typed, and the
// file-name template with an example) and a whole-number field with its hint and problem.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyNameTemplate } from '../../../shared/file-names';
import { applyFolderTemplate, hasFolderPlaceholders } from '../../../shared/output-folder-template';
import { checkFolderText, checkNameTemplate } from '../../../shared/settings-rules';
import { bridge } from '../bridge';
import { problemText, type Draft, type FormKey, type Problems } from './form';

export function OutputFields(props: {
  draft: Draft;
  problems: Problems;
  onEdit: (key: FormKey, value: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  const [browse, setBrowse] = useState<'available' | 'unsupported'>('available');
  const folderInput = useRef<HTMLInputElement>(null);
  const { draft, problems, onEdit } = props;

  const pick = async (): Promise<void> => {
    const r = await bridge.call('dialogs.pickFolder', {});
    if (r.ok) {
      if (r.value.path) onEdit('outputDir', r.value.path);
    } else {
      // Browser mode without a desktop shell: the path is typed instead.
      setBrowse('unsupported');
      folderInput.current?.focus();
    }
  };
  const folder = checkFolderText(draft.outputDir);
  const folderProblem = problems.outputDir ?? (folder.ok ? undefined : problemText(t, folder.problem));
  // The folder a job started now would get, for a template (a plain folder is its own example).
  const folderPreview =
    folder.ok && hasFolderPlaceholders(folder.value)
      ? applyFolderTemplate(folder.value, {
          signer: t('settings.sampleSigner'),
          idNumber: '12345678Z',
          date: new Date(),
          jobId: '3f9c2a71',
        })
      : null;
  const live = checkNameTemplate(draft.nameTemplate);
  const templateProblem = problems.nameTemplate ?? (live.ok ? undefined : problemText(t, live.problem));
  const preview = live.ok
    ? applyNameTemplate(live.value, {
        filename: `${t('settings.sampleFile')}.pdf`,
        signer: t('settings.sampleSigner'),
        requestPk: '7f3a2c',
        date: new Date(),
        index: 0,
      })
    : null;

  return (
    <fieldset className="form-grid">
      <legend>{t('settings.output')}</legend>
      <div className="wide">
        <label htmlFor={`${id}-folder`}>{t('settings.outputDir')}</label>
        <div className="folder-row">
          <input
            id={`${id}-folder`}
            ref={folderInput}
            name="outputDir"
            value={draft.outputDir}
            spellCheck={false}
            aria-invalid={folderProblem ? true : undefined}
            aria-describedby={`${id}-folder-hint${folderProblem ? ` ${id}-folder-problem` : folderPreview ? ` ${id}-folder-preview` : ''}`}
            onChange={(e) => onEdit('outputDir', e.target.value)}
          />
          {browse === 'available' && (
            <button type="button" onClick={() => void pick()}>
              {t('settings.browse')}
            </button>
          )}
        </div>
        <p id={`${id}-folder-hint`} className="muted hint">
          {browse === 'unsupported' ? `${t('settings.browseUnsupported')} ` : ''}
          {t('settings.outputDirHint')} {t('settings.outputDirPlaceholders')}
        </p>
        {folderProblem ? (
          <p id={`${id}-folder-problem`} className="field-problem">
            {folderProblem}
          </p>
        ) : (
          folderPreview && (
            <p id={`${id}-folder-preview`} className="hint preview">
              {t('settings.folderPreview', { folder: folderPreview })}
            </p>
          )
        )}
      </div>
      <div className="wide">
        <label htmlFor={`${id}-template`}>{t('settings.nameTemplate')}</label>
        <input
          id={`${id}-template`}
          name="nameTemplate"
          value={draft.nameTemplate}
          spellCheck={false}
          aria-invalid={templateProblem ? true : undefined}
          aria-describedby={`${id}-template-hint ${templateProblem ? `${id}-template-problem` : `${id}-preview`}`}
          onChange={(e) => onEdit('nameTemplate', e.target.value)}
        />
        <p id={`${id}-template-hint`} className="muted hint">
          {t('settings.nameTemplateHint')}
        </p>
        {templateProblem ? (
          <p id={`${id}-template-problem`} className="field-problem">
            {templateProblem}
          </p>
        ) : (
          <p id={`${id}-preview`} className="hint preview">
            {t('settings.preview', { file: preview })}
          </p>
        )}
      </div>
    </fieldset>
  );
}

export function NumberField(props: {
  name: FormKey;
  label: string;
  hint: string;
  range: { min: number; max: number };
  draft: Draft;
  problem: string | undefined;
  onEdit: (key: FormKey, value: string) => void;
}): React.JSX.Element {
  const id = useId();
  const { name, problem } = props;
  return (
    <div>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={props.range.min}
        max={props.range.max}
        step={1}
        value={props.draft[name]}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(e) => props.onEdit(name, e.target.value)}
      />
      <p id={`${id}-hint`} className="muted hint">
        {props.hint}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
