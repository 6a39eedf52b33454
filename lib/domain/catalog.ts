// Departments and request forms as requesters see them, whatever the desk.
import type { FieldValue } from './request';

export interface Department {
  deskId: string;
  id: string;
  name: string;
  description: string;
  /** The desk's own page for this department, when it has one (RT self-service, JSM portal). */
  portalUrl?: string;
}

/**
 * - text, textarea, number, date, datetime, checkbox (one yes/no)
 * - select, multiselect (options), cascade (an option with a child option: `parent/child` ids)
 * - labels (free words), user (the desk's user ids)
 * - unknown: a kind the desk has and we do not render; shown as text with a note, never dropped
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'datetime'
  | 'checkbox'
  | 'select'
  | 'multiselect'
  | 'cascade'
  | 'labels'
  | 'user'
  | 'unknown';

/** One choice: `value` is what the desk takes (a JSM option id, a Zendesk tag, an RT value), `label` what people read. */
export interface FieldOption {
  value: string;
  label: string;
  /** Cascading selects: the child choices of this option. */
  children?: FieldOption[];
}

export interface FieldSpec {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: FieldOption[];
  /** A JavaScript regular expression the value must match, when the desk has one we can run. */
  pattern?: string;
  /** Human words for the pattern, from the desk (RT's `(?#...)` comment). */
  patternHint?: string;
  hint?: string;
  description?: string;
  default?: string;
  /** The desk's own type name, for `unknown` fields: said in the note beside the text box. */
  deskType?: string;
  /** A `user` field that takes several people (sent as a list, as JSM's multi-user picker wants). */
  multiple?: boolean;
  /**
   * Shown only while one of these holds: another field of the form (itself shown) has this
   * value; then required as that condition says (Zendesk's end-user conditions). A field hidden
   * so is neither asked for nor sent.
   */
  shownWhen?: { field: string; value: string; required: boolean }[];
}

/**
 * The fields a form asks for with these values: those with no condition, and those whose
 * condition holds (its parent shown and holding the value), required as the condition says.
 */
export function fieldsInEffect(fields: readonly FieldSpec[], values: Readonly<Record<string, FieldValue | undefined>>): FieldSpec[] {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const shown = new Map<string, FieldSpec | null>();
  const holds = (value: FieldValue | undefined, wanted: string) => (Array.isArray(value) ? value.includes(wanted) : (value ?? '') === wanted || (wanted === 'false' && !value));
  const effect = (spec: FieldSpec, seen: Set<string>): FieldSpec | null => {
    if (!spec.shownWhen?.length) return spec;
    const known = shown.get(spec.id);
    if (known !== undefined) return known;
    if (seen.has(spec.id)) return null; // a loop of conditions: hidden
    seen.add(spec.id);
    const met = spec.shownWhen.filter((c) => {
      const parent = byId.get(c.field);
      return parent !== undefined && effect(parent, seen) !== null && holds(values[c.field], c.value);
    });
    const result = met.length === 0 ? null : { ...spec, required: met.some((c) => c.required) };
    shown.set(spec.id, result);
    return result;
  };
  return fields.flatMap((f) => effect(f, new Set()) ?? []);
}

/**
 * A request form (RT queue, JSM request type, Zendesk ticket form). Its id is opaque: only its
 * adapter reads it (JSM packs the service desk id with the request type id). It may sit in
 * several departments; its fields are loaded when it is first opened.
 */
export interface RequestForm {
  deskId: string;
  id: string;
  departmentIds: string[];
  name: string;
  description: string;
  /** Absent until loaded (lazily, per form, cached). */
  fields?: FieldSpec[];
}

export interface Catalog {
  departments: Department[];
  forms: RequestForm[];
  fetchedAt: number;
}

/** How long a form shows the fields kept from the desk (and a send files with them) without asking the desk again. */
export const FIELDS_MAX_AGE_MS = 10 * 60 * 1000;

/** A form's fields as last read from the desk. */
export interface FormFields {
  fields: FieldSpec[];
  fetchedAt: number;
}

/** `deskId/formId`: unique across desks, and how drafts, history and ranking name a form. */
export const formKey = (form: { deskId: string; id: string }) => `${form.deskId}/${form.id}`;

export const formIn = (form: RequestForm, department: Pick<Department, 'deskId' | 'id'>) =>
  form.deskId === department.deskId && form.departmentIds.includes(department.id);

/** The values a field offers, as the desk takes them. */
export const optionValues = (spec: FieldSpec): string[] => (spec.options ?? []).map((o) => o.value);

/** The words people read for a value (the value itself when the desk has no label for it). */
export function optionLabel(spec: FieldSpec, value: string): string {
  if (spec.kind === 'cascade') {
    const [parent, child] = value.split('/');
    const p = spec.options?.find((o) => o.value === parent);
    const c = p?.children?.find((o) => o.value === child);
    return [p?.label ?? parent, ...(child ? [c?.label ?? child] : [])].join(' › ');
  }
  return spec.options?.find((o) => o.value === value)?.label ?? value;
}
