// Values are checked against the desk's own field definitions before anything is sent:
// RT accepts invalid values with 201 and silently drops them.
import { fieldsInEffect, optionValues, type FieldSpec, type FieldValue, type RequestForm } from '../domain';
import type { Draft } from './draft';

export type ProblemCode = 'required' | 'not-an-option' | 'pattern' | 'date' | 'too-long' | 'number';

export interface FieldProblem {
  /** 'subject', 'description' or a FieldSpec id */
  field: string;
  code: ProblemCode;
  /** The offending value, for messages such as "“Annex” is not one of the choices". */
  value?: string;
}

export const SUBJECT_MAX = 200;

/** Kinds whose value is a list. */
const MANY = new Set<FieldSpec['kind']>(['multiselect', 'labels', 'user']);

function values(value: FieldValue | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

function checkField(spec: FieldSpec, value: FieldValue | undefined): FieldProblem | undefined {
  const given = values(value);
  if (given.length === 0) return spec.required ? { field: spec.id, code: 'required' } : undefined;
  for (const v of given) {
    if (spec.kind === 'cascade') {
      const [parent, child] = v.split('/');
      const p = spec.options?.find((o) => o.value === parent);
      if (!p || (child !== undefined && !p.children?.some((c) => c.value === child))) return { field: spec.id, code: 'not-an-option', value: v };
      continue;
    }
    if (spec.options && spec.options.length > 0 && !optionValues(spec).includes(v)) return { field: spec.id, code: 'not-an-option', value: v };
    if (spec.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) return { field: spec.id, code: 'number', value: v };
    if (spec.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return { field: spec.id, code: 'date', value: v };
    if (spec.kind === 'datetime' && Number.isNaN(Date.parse(v))) return { field: spec.id, code: 'date', value: v };
    if (spec.pattern && !new RegExp(spec.pattern).test(v)) return { field: spec.id, code: 'pattern', value: v };
  }
  return undefined;
}

export function validateDraft(form: RequestForm, draft: Pick<Draft, 'subject' | 'description' | 'fields'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.subject.trim()) problems.push({ field: 'subject', code: 'required' });
  else if (draft.subject.length > SUBJECT_MAX) problems.push({ field: 'subject', code: 'too-long' });
  if (!draft.description.trim()) problems.push({ field: 'description', code: 'required' });
  // A field its conditions hide is not asked for (a condition may make another one required).
  for (const spec of fieldsInEffect(form.fields ?? [], draft.fields)) {
    const problem = checkField(spec, draft.fields[spec.id]);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Only the form's own fields in effect (none its conditions hide), trimmed, empty ones left out. */
export function cleanFields(form: RequestForm, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const spec of fieldsInEffect(form.fields ?? [], fields)) {
    const given = values(fields[spec.id]);
    if (given.length === 0) continue;
    out[spec.id] = MANY.has(spec.kind) ? given : (given[0] as string);
  }
  return out;
}
