// requestFieldValues as Jira checks them on create (input formats: the document's "Field input
// formats") and as it shows them back in a CustomerRequestDTO.
import type { SeedField, SeedOption, SeedRequestType } from './seed.ts';

export interface FieldError {
  message: string;
  i18nKey: string;
  parameters: string[];
}

const PREFIX = 'Your request could not be created. Please check the fields have been correctly filled in.';

/** Values with the request type's defaults filled in, or the first thing Jira would refuse. */
export function checkFieldValues(type: SeedRequestType, given: Record<string, unknown>, mode: 'cloud' | 'dc' = 'cloud'): { values: Record<string, unknown> } | { error: FieldError } {
  const values: Record<string, unknown> = { ...given };
  for (const id of Object.keys(given)) {
    if (!type.fields.some((f) => f.fieldId === id)) {
      return { error: { message: `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`, i18nKey: 'sd.request.create.field.unknown', parameters: [id] } };
    }
  }
  for (const f of type.fields) {
    if (isEmpty(values[f.fieldId]) && f.defaultValues.length > 0) values[f.fieldId] = defaultInput(f);
    const value = values[f.fieldId];
    if (isEmpty(value)) {
      if (f.required) return { error: { message: `${PREFIX} ${f.name} is required.`, i18nKey: 'sd.request.create.field.required', parameters: [f.fieldId] } };
      delete values[f.fieldId];
      continue;
    }
    const problem = checkValue(f, value, mode);
    if (problem) return { error: { message: `${PREFIX} ${f.name}: ${problem}`, i18nKey: 'sd.request.create.field.invalid', parameters: [f.fieldId] } };
  }
  return { values };
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function defaultInput(f: SeedField): unknown {
  const refs = f.defaultValues.map((o) => ({ id: o.value }));
  return f.jiraSchema.type === 'array' ? refs : refs[0];
}

function checkValue(f: SeedField, value: unknown, mode: 'cloud' | 'dc'): string | undefined {
  const { type, items, custom } = f.jiraSchema;
  // A user picker: "{ "name": … }" in the field input formats, Data Center's username; Cloud
  // took the name away (UserDTO: "no longer available") for the accountId.
  if (type === 'user') {
    const ref = (value ?? {}) as { name?: unknown; accountId?: unknown };
    const ok = mode === 'dc' ? typeof ref.name === 'string' && ref.name !== '' : typeof ref.accountId === 'string' && ref.accountId !== '';
    return ok ? undefined : `User '${JSON.stringify(value)}' does not exist.`;
  }
  if (type === 'string') {
    if (typeof value !== 'string') return 'Operation value must be a string';
    if (f.fieldId === 'summary' && /[\r\n]/.test(value)) return 'The summary is invalid because it contains newline characters.';
    if (f.fieldId === 'summary' && value.length > 255) return 'Summary must be less than 255 characters.';
    return undefined;
  }
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Operation value must be a number';
  if (type === 'date') return isDate(value) ? undefined : `Error parsing date string: ${String(value)}`;
  if (type === 'datetime') return isDateTime(value) ? undefined : `Error parsing date-time string: ${String(value)}`;
  if (type === 'option') return findOption(f.validValues, value) ? undefined : invalidOption(value);
  if (type === 'option-with-child' && custom?.endsWith(':cascadingselect')) return checkCascade(f, value);
  if (type === 'array' && items === 'string') {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'Operation value must be an array of strings';
    const spaced = value.find((v) => /\s/.test(v));
    return spaced === undefined ? undefined : `The label '${spaced}' contains spaces which is invalid.`;
  }
  if (type === 'array' && items === 'option') {
    if (!Array.isArray(value)) return 'Operation value must be an array';
    const bad = value.find((v) => !findOption(f.validValues, v));
    return bad === undefined ? undefined : invalidOption(bad);
  }
  return undefined; // kinds Jira checks elsewhere (Assets objects, ...): taken as given
}

function checkCascade(f: SeedField, value: unknown): string | undefined {
  const parent = findOption(f.validValues, value);
  if (!parent) return invalidOption(value);
  const child = (value as { child?: unknown }).child;
  if (child === undefined) return undefined;
  return findOption(parent.children, child) ? undefined : `The option '${describeRef(child)}' is not a valid child of '${parent.label}'.`;
}

/** An option addressed as Jira accepts it: {"id": "10100"} or {"id": 10100} or {"value": "Supplier"}. */
export function findOption(options: SeedOption[], ref: unknown): SeedOption | undefined {
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) return undefined;
  const { id, value } = ref as { id?: unknown; value?: unknown };
  if (id !== undefined) return options.find((o) => o.value === String(id));
  if (typeof value === 'string') return options.find((o) => o.label === value);
  return undefined;
}

function invalidOption(ref: unknown): string {
  return `Option '${describeRef(ref)}' is not valid`;
}

function describeRef(ref: unknown): string {
  if (typeof ref === 'object' && ref !== null) {
    const { id, value } = ref as { id?: unknown; value?: unknown };
    return String(id ?? value ?? JSON.stringify(ref));
  }
  return JSON.stringify(ref);
}

/** A date-time as createCustomerRequest's field input formats give it: ISO 8601 with seconds and the zone ("2015-11-18T14:39:00.000+1100"). */
function isDateTime(v: unknown): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{4}|Z)$/.test(v) && !Number.isNaN(Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** The `value` (and `renderedValue`) Jira shows for a stored field value in a CustomerRequestDTO. */
export function renderFieldValue(f: SeedField, value: unknown, base: string): { value: unknown; renderedValue?: { html: string } } {
  const shown = (o: SeedOption) => ({ self: `${base}/rest/api/2/customFieldOption/${o.value}`, value: o.label, id: o.value });
  const { type, items } = f.jiraSchema;
  if (type === 'option') {
    const o = findOption(f.validValues, value);
    return { value: o ? shown(o) : value };
  }
  if (type === 'option-with-child') {
    const parent = findOption(f.validValues, value);
    if (!parent) return { value };
    const child = findOption(parent.children, (value as { child?: unknown }).child);
    return { value: { ...shown(parent), ...(child ? { child: shown(child) } : {}) } };
  }
  if (type === 'array' && items === 'option' && Array.isArray(value)) {
    return { value: value.map((v) => findOption(f.validValues, v)).flatMap((o) => (o ? [shown(o)] : [])) };
  }
  if (f.fieldId === 'description' && typeof value === 'string') return { value, renderedValue: { html: `<p>${escapeHtml(value).replaceAll('\n', '<br/>')}</p>` } };
  return { value };
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
