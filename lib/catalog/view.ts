// The catalog as requesters see it: the desks' departments and forms with the administrator's
// configuration applied (cards, keywords, hidden forms, order, defaults), ready to search.
import { formKey, type Catalog, type Department, type FieldSpec, type FieldValue, type RequestForm } from '../domain';
import type { CatalogConfig, DepartmentCard, RoutingRule } from '../settings/policy';
import { buildIndex, fold, type SearchIndex } from './search';

export interface CatalogEntry {
  /** `deskId/formId` */
  key: string;
  form: RequestForm;
  department: Department;
  card?: DepartmentCard;
  /** The administrator's extra search words for this form. */
  keywords: string[];
  /** Field label (or id) → value a new draft starts with, from the administrator; resolved when the fields are known. */
  defaults: Record<string, string>;
}

export interface CatalogView {
  entries: CatalogEntry[];
  index: SearchIndex;
  rules: RoutingRule[];
}

export const entryKey = formKey;

const same = (a: string, b: string) => fold(a.trim()) === fold(b.trim());

/** Field label or id → field id, keeping only values the field can take (an option by its words or its value). */
export function fieldValues(fields: FieldSpec[], values: Record<string, string> | undefined): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    const field = fields.find((f) => f.id === name || same(f.label, name));
    if (!field) continue;
    if (field.options && field.options.length > 0) {
      const option = field.options.find((o) => same(o.label, value) || o.value === value);
      if (!option) continue;
      out[field.id] = field.kind === 'multiselect' ? [option.value] : option.value;
    } else out[field.id] = value;
  }
  return out;
}

/** What a new draft of a form starts with: the desk's defaults, then the named values (administrator, page rule). */
export function startValues(fields: FieldSpec[], named: Record<string, string> = {}): Record<string, FieldValue> {
  const desk = Object.fromEntries(fields.filter((f) => f.default).map((f) => [f.id, f.default as string]));
  return { ...desk, ...fieldValues(fields, named) };
}

export function buildCatalogView(catalog: Catalog, config: CatalogConfig): CatalogView {
  // Names compared without case or accents, each folded once.
  const byName = <T>(entries: Record<string, T> | undefined) => new Map(Object.entries(entries ?? {}).map(([name, v]) => [fold(name.trim()), v]));
  const cards = byName(config.departments);
  const formSettings = byName(config.forms);
  const cardOf = (d: Department) => cards.get(fold(d.name.trim()));
  const settingsOf = (f: RequestForm) => formSettings.get(fold(f.name.trim()));
  const order = config.order ?? [];
  const positions = new Map(order.map((name, i) => [fold(name.trim()), i]));
  const rankOf = (d: Department) => positions.get(fold(d.name.trim())) ?? order.length;
  const departments = catalog.departments
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rankOf(a.d) - rankOf(b.d) || a.i - b.i)
    .map((x) => x.d);
  // A form in several departments (JSM request type groups) is listed under the first shown.
  const byDepartment = new Map<string, RequestForm[]>();
  for (const f of catalog.forms) {
    for (const departmentId of f.departmentIds) {
      const k = `${f.deskId}/${departmentId}`;
      const list = byDepartment.get(k);
      if (list) list.push(f);
      else byDepartment.set(k, [f]);
    }
  }
  const listed = new Set<string>();
  const entries: CatalogEntry[] = [];
  for (const department of departments) {
    const card = cardOf(department);
    for (const form of byDepartment.get(`${department.deskId}/${department.id}`) ?? []) {
      const settings = settingsOf(form);
      const key = entryKey(form);
      if (settings?.hidden || listed.has(key)) continue;
      listed.add(key);
      entries.push({ key, form, department, card, keywords: settings?.keywords ?? [], defaults: settings?.defaults ?? {} });
    }
  }
  const docs = entries.map((e) => ({
    fields: [
      { text: e.form.name, weight: 3 },
      { text: e.department.name, weight: 2.5 },
      { text: [...e.keywords, ...(e.card?.keywords ?? [])].join(' '), weight: 2 },
      { text: `${e.form.description} ${e.department.description} ${e.card?.helpsWith ?? ''}`, weight: 1 },
    ],
  }));
  // The index is built on the first search, not on the way to the first frame.
  let index: SearchIndex | undefined;
  return {
    entries,
    get index() {
      index ??= buildIndex(docs, config.synonyms);
      return index;
    },
    rules: config.rules ?? [],
  };
}

/** The entry a route (department and optional form, by name) points at. */
export function findEntry(view: Pick<CatalogView, 'entries'>, ref: { department: string; form?: string }): CatalogEntry | undefined {
  const inDepartment = view.entries.filter((e) => same(e.department.name, ref.department));
  return ref.form ? inDepartment.find((e) => same(e.form.name, ref.form as string)) : inDepartment[0];
}

/**
 * A request's department and the administrator's card for it (its promises and hours): by the
 * department it names, else through its form (a desk that files by form, like JSM).
 */
export function requestDepartment(
  catalog: Pick<Catalog, 'departments' | 'forms'>,
  config: Pick<CatalogConfig, 'departments'>,
  request: { ref: { deskId: string }; departmentId: string; formId?: string },
): { department: Department; card?: DepartmentCard } | undefined {
  const deskId = request.ref.deskId;
  const byId = (id: string | undefined) => catalog.departments.find((d) => d.deskId === deskId && d.id === id);
  const viaForm = request.formId ? catalog.forms.find((f) => f.deskId === deskId && f.id === request.formId)?.departmentIds[0] : undefined;
  const department = byId(request.departmentId) ?? byId(viaForm);
  if (!department) return undefined;
  const card = Object.entries(config.departments ?? {}).find(([name]) => same(name, department.name))?.[1];
  return card ? { department, card } : { department };
}
