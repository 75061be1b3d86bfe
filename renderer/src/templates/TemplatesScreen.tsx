// Appearance templates: the office's saved stamp designs. A list (the default marked) with new,
// import and export; for the chosen one rename, duplicate, delete, set as default, its design
// and a preview of the stamp as it will look.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { BridgeError } from '../../../shared/contract';
import {
  templateDesignSchema,
  type Template,
  type TemplateDesign,
} from '../../../shared/contract-appearance';
import { STANDARD_TEMPLATE, type PlaceholderValues } from '../../../shared/template';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/Notice';
import { isCommunicationLanguage, type CommunicationLanguage } from '../../../shared/signer';
import { StampPreview } from './StampPreview';
import { formatDateTime, formatNumber } from '../i18n/format';
import { TemplateActions } from './TemplateActions';
import { TemplateEditor } from './TemplateEditor';
import { downloadJson } from './template-files';
import './templates.css';

/** The preview's stamp: 180 × 60 points (the placement editor's usual box), at 2.5 px a point. */
const PREVIEW = { width: 180, height: 60, scale: 2.5 };

const designOf = (template: Template): TemplateDesign => {
  const { id: _id, isDefault: _isDefault, updatedAt: _updatedAt, ...design } = template;
  return design;
};

export function TemplatesScreen(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Edits not saved yet, for the template they were made on.
  const [edits, setEdits] = useState<{ id: string; design: TemplateDesign } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async (select?: string): Promise<Template[] | null> => {
    const result = await bridge.call('templates.list', {});
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    const list = result.value.templates;
    setTemplates(list);
    setSelectedId((current) => {
      const wanted = select ?? current;
      return list.some((tpl) => tpl.id === wanted) ? wanted : (list[0]?.id ?? null);
    });
    return list;
  }, []);
  useEffect(() => void load(), [load]);

  const selected = templates?.find((tpl) => tpl.id === selectedId) ?? null;
  const saved = selected ? designOf(selected) : null;
  const draft = edits && edits.id === selected?.id ? edits.design : saved;
  const setDraft = (design: TemplateDesign): void => {
    if (selected) setEdits({ id: selected.id, design });
  };
  const select = (id: string | undefined): void => {
    setEdits(null);
    if (id) setSelectedId(id);
  };

  const report = (result: { ok: true } | { ok: false; error: BridgeError }, done?: string): boolean => {
    setError(result.ok ? null : result.error);
    setMessage(result.ok ? (done ?? null) : null);
    return result.ok;
  };

  const create = async (): Promise<void> => {
    const result = await bridge.call('templates.save', {
      design: { ...STANDARD_TEMPLATE, name: t('templates.newName') },
    });
    if (!report(result) || !result.ok) return;
    select(result.value.id);
    await load(result.value.id);
  };
  const exportTemplates = async (ids?: string[]): Promise<void> => {
    const result = await bridge.call('templates.export', ids ? { ids } : {});
    if (!report(result) || !result.ok) return;
    downloadJson(result.value.filename, result.value.json);
    setMessage(t('templates.exported', { filename: result.value.filename }));
  };
  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    let json: string;
    try {
      json = await file.text();
    } catch {
      setMessage(null);
      return setError({ code: 'validation', message: t('templates.importUnreadable') });
    }
    const result = await bridge.call('templates.import', { json });
    if (!report(result) || !result.ok) return;
    const names = result.value.templates.map((tpl) => tpl.name);
    select(result.value.templates[0]?.id);
    await load(result.value.templates[0]?.id);
    setMessage(t('templates.imported', { count: names.length, names: names.join(', ') }));
  };

  const dirty = draft !== null && saved !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  const problems = useMemo(() => fieldProblems(t, i18n.language, draft), [t, i18n.language, draft]);
  const save = async (): Promise<void> => {
    if (!selected || !draft) return;
    const result = await bridge.call('templates.save', { id: selected.id, design: draft });
    if (!report(result, t('templates.saved'))) return;
    setEdits(null);
    await load(selected.id);
  };

  const values: PlaceholderValues = {
    signer: t('templates.example.signer'),
    id: t('templates.example.id'),
    date: formatDateTime(i18n.language, new Date(), false),
  };

  return (
    <div className="screen templates-screen">
      <h2>{t('templates.title')}</h2>
      <p className="muted">{t('templates.intro')}</p>
      <ErrorNotice error={error} />
      <p role="status" className="templates-message">
        {message}
      </p>
      <div className="templates-layout">
        <section aria-labelledby="templates-list-heading" className="card templates-list">
          <h3 id="templates-list-heading">{t('templates.listHeading')}</h3>
          {templates === null ? (
            <p className="muted">{t('templates.loading')}</p>
          ) : (
            <>
              <p className="muted">{t('templates.count', { count: templates.length })}</p>
              <ul className="plain-list">
                {templates.map((tpl) => (
                  <li key={tpl.id}>
                    <button
                      type="button"
                      className="template-pick"
                      aria-current={tpl.id === selectedId ? 'true' : undefined}
                      onClick={() => select(tpl.id)}
                    >
                      <span className="template-name">{tpl.name}</span>
                      {tpl.isDefault && <span className="chip chip-good">{t('templates.isDefault')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void create()}>
              {t('templates.newTemplate')}
            </button>
            <button type="button" disabled={!templates?.length} onClick={() => void exportTemplates()}>
              {t('templates.exportAll')}
            </button>
            <label className="button-like file-button">
              {t('templates.importFile')}
              <input
                type="file"
                accept=".json,application/json"
                className="visually-hidden"
                onChange={(e) => {
                  void importFile(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </label>
          </div>
        </section>
        {selected && draft && (
          <section aria-labelledby="template-editor-heading" className="card templates-detail">
            <h3 id="template-editor-heading">{t('templates.editorHeading', { name: selected.name })}</h3>
            <TemplateActions
              key={selected.id}
              template={selected}
              onRenamed={async (name) => {
                const result = await bridge.call('templates.save', {
                  id: selected.id,
                  design: { ...designOf(selected), name },
                });
                if (!report(result)) return false;
                // Unsaved edits of the design stay; only the name changed in core.
                if (edits?.id === selected.id)
                  setEdits({ id: selected.id, design: { ...edits.design, name } });
                await load(selected.id);
                return true;
              }}
              onDuplicate={async () => {
                const result = await bridge.call('templates.duplicate', { id: selected.id });
                if (!report(result) || !result.ok) return;
                select(result.value.id);
                await load(result.value.id);
              }}
              onRemove={async () => {
                const result = await bridge.call('templates.remove', { id: selected.id });
                if (!report(result)) return;
                setEdits(null);
                await load();
              }}
              onSetDefault={async () => {
                if (report(await bridge.call('templates.setDefault', { id: selected.id })))
                  await load(selected.id);
              }}
              onExport={() => exportTemplates([selected.id])}
            />
            <div className="template-preview">
              <h4>{t('templates.preview')}</h4>
              <StampPreview
                design={draft}
                values={values}
                width={PREVIEW.width * PREVIEW.scale}
                height={PREVIEW.height * PREVIEW.scale}
                scale={PREVIEW.scale}
                // No signer here: the standard lines are shown in the RAO's language, as a
                // signer who speaks it would get them.
                language={communicationLanguageOf(i18n.language)}
                label={t('templates.previewLabel', { name: selected.name })}
              />
              <p className="muted">{t('templates.previewNote')}</p>
            </div>
            <TemplateEditor design={draft} onChange={setDraft} problems={problems} />
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={!dirty || Object.keys(problems).length > 0}
                onClick={() => void save()}
              >
                {t('templates.save')}
              </button>
              <button type="button" disabled={!dirty} onClick={() => setEdits(null)}>
                {t('templates.discard')}
              </button>
              {dirty && <span className="chip chip-attention">{t('templates.unsaved')}</span>}
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

/** The schema's complaints about a draft, by top-level field, in the RAO's language (never zod's English). */
function fieldProblems(t: TFunction, language: string, draft: TemplateDesign | null): Record<string, string> {
  if (!draft) return {};
  const parsed = templateDesignSchema.safeParse(draft);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    out[field] ??= issueText(t, language, issue);
  }
  return out;
}

function issueText(t: TFunction, language: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    if (issue.origin === 'string') return t('templates.invalid.tooLong', { max });
    if (issue.origin === 'array') return t('templates.invalid.tooManyLines', { max });
    return t('templates.invalid.atMost', { max: formatNumber(language, max) });
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    if (issue.origin === 'string') return t('templates.invalid.required');
    return t('templates.invalid.atLeast', { min: formatNumber(language, min) });
  }
  return t('templates.invalid.other');
}

function communicationLanguageOf(language: string): CommunicationLanguage | undefined {
  const code = language.slice(0, 2).toUpperCase();
  return isCommunicationLanguage(code) ? code : undefined;
}
