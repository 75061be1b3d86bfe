// Saved appearance templates in SQLite, with the one chosen as default (kept in the settings table).
// There is always at least one: an empty list is given the standard design, made default.
import { randomUUID } from 'node:crypto';
import {
  templateDesignSchema,
  type Template,
  type TemplateDesign,
} from '../../../shared/contract-appearance';
import { problem } from '../../../shared/problems';
import { STANDARD_TEMPLATE } from '../../../shared/template';
import { ProblemError } from '../problem-error';
import { appendEvent } from './audit';
import type { Db } from './database';

export const DEFAULT_TEMPLATE_KEY = 'defaultTemplateId';
const MAX_NAME = 100;

interface TemplateRow {
  id: string;
  name: string;
  design_json: string;
  created_at: string;
  updated_at: string;
}

/** An update that would give two templates the same name. */
export class TemplateNameTakenError extends ProblemError {
  constructor(readonly templateName: string) {
    super(
      'conflict',
      problem('templateNameTaken', { name: templateName }),
      `Another template is already called "${templateName}".`,
    );
  }
}

const sameName = (a: string, b: string): boolean =>
  a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** `name`, else `name (2)`, `name (3)`… — the first not in `taken`, kept within the name limit. */
export function uniqueTemplateName(name: string, taken: readonly string[]): string {
  const free = (candidate: string): boolean => !taken.some((t) => sameName(t, candidate));
  const base = name.trim().slice(0, MAX_NAME);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (free(candidate)) return candidate;
  }
}

export class TemplateStore {
  constructor(private readonly db: Db) {}

  /** Every template, by name; creates the standard one first if there is none. */
  list(): Template[] {
    const defaultId = this.defaultId();
    return this.rows()
      .map((row) => toTemplate(row, defaultId))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  get(id: string): Template | undefined {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    return row ? toTemplate(row, this.storedDefault()) : undefined;
  }

  /**
   * The default template's id. There always is one: an empty list is given the standard design,
   * and a missing or dangling default passes to the first template by name.
   */
  defaultId(): string {
    return this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM templates LIMIT 1').get()) {
        const standard = this.insert(STANDARD_TEMPLATE, 'template.created');
        this.writeDefault(standard.id, standard.name);
        return standard.id;
      }
      const stored = this.storedDefault();
      if (stored !== undefined && this.exists(stored)) return stored;
      const first = this.rows().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))[0];
      if (!first) throw new Error('the templates table emptied itself');
      this.writeDefault(first.id, first.name);
      return first.id;
    })();
  }

  /** The design a job uses: its own template when it still exists, else the default one. */
  designFor(templateId: string | null): TemplateDesign {
    const chosen = templateId ? this.get(templateId) : undefined;
    return toDesign(chosen ?? this.getRequired(this.defaultId()));
  }

  /** A new template; its name gets " (2)"… when another one already has it. */
  create(design: TemplateDesign, auditKind = 'template.created'): Template {
    // A fresh desk gets its standard template (and default) before the first one of its own.
    this.defaultId();
    const { id } = this.db.transaction(() => this.insert(design, auditKind))();
    return this.getRequired(id);
  }

  /** Replaces a template's design (renaming included); undefined when there is no such template. */
  update(id: string, design: TemplateDesign): Template | undefined {
    const clean = templateDesignSchema.parse(design);
    const before = this.get(id);
    if (!before) return undefined;
    if (this.rows().some((r) => r.id !== id && sameName(r.name, clean.name)))
      throw new TemplateNameTakenError(clean.name);
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE templates SET name = ?, design_json = ?, updated_at = ? WHERE id = ?')
        .run(clean.name, JSON.stringify(clean), new Date().toISOString(), id);
      appendEvent(this.db, null, 'template.updated', {
        id,
        name: clean.name,
        ...(before.name !== clean.name ? { renamedFrom: before.name } : {}),
      });
    })();
    return this.getRequired(id);
  }

  /** Adds shared designs all together or not at all; colliding names get " (2)"…. */
  importDesigns(designs: readonly TemplateDesign[]): Template[] {
    this.defaultId();
    const ids = this.db.transaction(() => designs.map((d) => this.insert(d, 'template.imported').id))();
    return ids.map((id) => this.getRequired(id));
  }

  /** A copy named "name (copy)", "name (copy) (2)"…; undefined when there is no such template. */
  duplicate(id: string): Template | undefined {
    const original = this.get(id);
    if (!original) return undefined;
    const suffix = ' (copy)';
    const name = `${original.name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    return this.create({ ...toDesign(original), name }, 'template.duplicated');
  }

  /** Removes a template; the default passes to the first remaining one. False when there was none. */
  remove(id: string): boolean {
    const template = this.get(id);
    if (!template) return false;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM templates WHERE id = ?').run(id);
      appendEvent(this.db, null, 'template.removed', { id, name: template.name });
    })();
    // Recreates the standard design if this was the last one, and moves the default if needed.
    this.defaultId();
    return true;
  }

  /** False when there is no such template. */
  setDefault(id: string): boolean {
    const template = this.get(id);
    if (!template) return false;
    if (!template.isDefault) this.db.transaction(() => this.writeDefault(id, template.name))();
    return true;
  }

  private writeDefault(id: string, name: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
      )
      .run(DEFAULT_TEMPLATE_KEY, JSON.stringify(id));
    appendEvent(this.db, null, 'template.defaultChanged', { id, name });
  }

  /** Call inside a transaction. */
  private insert(design: TemplateDesign, auditKind: string): { id: string; name: string } {
    const clean = templateDesignSchema.parse(design);
    const id = randomUUID();
    const now = new Date().toISOString();
    const name = uniqueTemplateName(clean.name, this.names());
    this.db
      .prepare('INSERT INTO templates (id, name, design_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, JSON.stringify({ ...clean, name }), now, now);
    appendEvent(this.db, null, auditKind, { id, name });
    return { id, name };
  }

  private storedDefault(): string | undefined {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(DEFAULT_TEMPLATE_KEY) as
      | { value_json: string }
      | undefined;
    const stored = row ? (JSON.parse(row.value_json) as unknown) : undefined;
    return typeof stored === 'string' ? stored : undefined;
  }

  private exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM templates WHERE id = ?').get(id) !== undefined;
  }

  private rows(): TemplateRow[] {
    return this.db.prepare('SELECT * FROM templates').all() as TemplateRow[];
  }

  private names(): string[] {
    return this.rows().map((r) => r.name);
  }

  private getRequired(id: string): Template {
    const template = this.get(id);
    if (!template) throw new Error(`template ${id} vanished`);
    return template;
  }
}

function toTemplate(row: TemplateRow, defaultId: string | undefined): Template {
  // Stored designs were checked on the way in; parsing again keeps a hand-edited row from leaking.
  const design = templateDesignSchema.parse({ ...(JSON.parse(row.design_json) as object), name: row.name });
  return { ...design, id: row.id, isDefault: row.id === defaultId, updatedAt: row.updated_at };
}

export function toDesign(template: Template): TemplateDesign {
  const { id: _id, isDefault: _isDefault, updatedAt: _updatedAt, ...design } = template;
  return design;
}
