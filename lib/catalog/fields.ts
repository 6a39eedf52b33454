// A form's fields, read from the desk when the form is first opened and kept for the next
// popup; a send files with what the popup showed (a value removed since is caught there).
import { FIELDS_MAX_AGE_MS, formKey, type FieldSpec, type FormFields, type RequestForm } from '../domain';

export type FieldCache = Record<string, FormFields>;

/** Forms kept at most; the least recently read go first. */
export const FIELDS_KEPT = 200;

export function cachedFields(cache: FieldCache, form: Pick<RequestForm, 'deskId' | 'id'>, now: number, maxAgeMs = FIELDS_MAX_AGE_MS): FieldSpec[] | undefined {
  const hit = cache[formKey(form)];
  return hit && now - hit.fetchedAt < maxAgeMs ? hit.fields : undefined;
}

export function keepFields(cache: FieldCache, form: Pick<RequestForm, 'deskId' | 'id'>, fields: FieldSpec[], now: number): FieldCache {
  const next: FieldCache = { ...cache, [formKey(form)]: { fields, fetchedAt: now } };
  const keys = Object.keys(next);
  if (keys.length <= FIELDS_KEPT) return next;
  const oldest = keys.sort((a, b) => (next[a]?.fetchedAt ?? 0) - (next[b]?.fetchedAt ?? 0)).slice(0, keys.length - FIELDS_KEPT);
  for (const key of oldest) delete next[key];
  return next;
}

/** The catalog's forms with the fields known so far. */
export function withFields(forms: RequestForm[], cache: FieldCache): RequestForm[] {
  return forms.map((f) => {
    const hit = cache[formKey(f)];
    return hit ? { ...f, fields: hit.fields } : f;
  });
}
