// Saved appearance designs: created, renamed, duplicated, removed, one chosen as the default,
// and shared between offices as JSON.
import type { Template } from '../../../shared/contract-appearance';
import { parseTemplateFile, templateFile, templateFileName } from '../../../shared/template';
import type { Desk } from '../desk';
import { TemplateNameTakenError, toDesign } from '../store/templates';
import { refusal } from './errors';
import { DONE, templateMissing, type Room } from './guards';

type TemplateName =
  | 'templates.list'
  | 'templates.save'
  | 'templates.duplicate'
  | 'templates.remove'
  | 'templates.setDefault'
  | 'templates.export'
  | 'templates.import';

/** The store works synchronously; a throw in the executor becomes the promise's rejection. */
const settle = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

export function templateOperations(desk: Desk): Room<TemplateName> {
  const templates = desk.store.templates;
  const found = (template: Template | undefined): Template => {
    if (!template) throw templateMissing();
    return template;
  };
  return {
    'templates.list': () => settle(() => ({ templates: templates.list() })),
    'templates.save': ({ id, design }) =>
      settle(() => {
        if (id === undefined) return templates.create(design);
        try {
          return found(templates.update(id, design));
        } catch (error) {
          if (error instanceof TemplateNameTakenError)
            throw refusal('conflict', error.message, 'templateNameTaken', { name: error.templateName });
          throw error;
        }
      }),
    'templates.duplicate': ({ id }) => settle(() => found(templates.duplicate(id))),
    'templates.remove': ({ id }) =>
      settle(() => {
        if (!templates.remove(id)) throw templateMissing();
        return DONE;
      }),
    'templates.setDefault': ({ id }) =>
      settle(() => {
        if (!templates.setDefault(id)) throw templateMissing();
        return DONE;
      }),
    'templates.export': ({ ids }) =>
      settle(() => {
        const all = templates.list();
        const chosen = ids === undefined ? all : all.filter((t) => ids.includes(t.id));
        if (ids !== undefined && chosen.length !== new Set(ids).size) throw templateMissing();
        if (chosen.length === 0)
          throw refusal('validation', 'Choose at least one template to export.', 'nothingToExport');
        return { filename: templateFileName(new Date()), json: templateFile(chosen.map(toDesign)) };
      }),
    'templates.import': ({ json }) =>
      settle(() => {
        const parsed = parseTemplateFile(json);
        // All or nothing: one bad entry and the office gets the list of problems instead.
        if (!parsed.ok)
          throw refusal(
            'validation',
            `Nothing was imported. ${parsed.problems.slice(0, 10).join(' ')}`,
            'templateImportRefused',
            { count: parsed.problems.length },
          );
        return { templates: templates.importDesigns(parsed.designs) };
      }),
  };
}
