// The open draft and the unfinished ones: one per form and page, written once the user changes
// something, each with its page context; and the fields of the forms opened, from the background.
import { fieldMapFor, subjectFromSentence, valuesFromPage, valuesFromSentence, type ProposedFrom } from '@/lib/capture/fill';
import { FIELDS_MAX_AGE_MS, formKey, type FieldValue } from '@/lib/domain';
import { startValues } from '@/lib/catalog/view';
import { draftKey, type Draft } from '@/lib/requests/draft';
import { departmentOf, formOf } from './catalog';
import { NO_CONTEXT, type DraftsSlice, type Slice } from './types';

export const draftsSlice: Slice<DraftsSlice> = (set, get, deps, steps) => {
  /**
   * Keys of the drafts already written, for this store only: a form merely opened is not an
   * unfinished draft, and its context is written with its first change. Not state: nothing
   * renders from it.
   */
  const stored = new Set<string>();

  /** The new draft opened in this popup, which may still take proposals, and the fields the person changed since. */
  let fresh: string | undefined;
  const declined = new Set<string>();
  const empty = (v: FieldValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

  steps.propose = () => {
    const draft = get().draft;
    if (!draft || fresh !== draftKey(draft)) return;
    const { catalog, fields, typed, context, config } = get();
    const form = formOf(catalog, draft, fields);
    if (!form?.fields) return;
    const map = fieldMapFor(config.fieldMap, { form: form.name, department: departmentOf(catalog, draft)?.name ?? '' });
    const next = { ...draft.fields };
    const proposed = { ...get().proposed };
    let changed = false;
    const offers: [Record<string, FieldValue>, ProposedFrom][] = [
      [typed ? valuesFromSentence(typed, form.fields) : {}, 'typed'],
      [valuesFromPage(form.fields, context, map, draft.excluded), 'page'],
    ];
    for (const [values, from] of offers) {
      for (const [id, value] of Object.entries(values)) {
        if (declined.has(id) || !empty(next[id])) continue;
        next[id] = value;
        proposed[id] = from;
        changed = true;
      }
    }
    if (!changed) return;
    const updated = { ...draft, fields: next };
    // A field that was flagged empty and is filled now is flagged no more.
    set({ draft: updated, proposed, problems: get().problems.filter((p) => !(p.field in proposed) || empty(next[p.field])) });
    if (stored.has(draftKey(draft))) steps.persist(updated, false);
  };

  steps.proposeFor = (draft) => {
    fresh = draftKey(draft);
    steps.propose();
  };

  steps.isStored = (draft) => stored.has(draftKey(draft));
  steps.markStored = (drafts) => drafts.forEach((d) => stored.add(draftKey(d)));

  /**
   * The draft whose change the user made is still to be announced as saved. A write that
   * announces nothing (a proposal filled in meanwhile) and comes after it announces it when it
   * is kept: the latest write holds the person's change too.
   */
  let owed: string | undefined;
  steps.persist = (draft, announce) => {
    const key = draftKey(draft);
    const first = !stored.has(key);
    stored.add(key);
    if (announce) owed = key;
    set({ drafts: [draft, ...get().drafts.filter((d) => draftKey(d) !== key)] });
    const text = deps.drafts.save(draft).then((r) => steps.noteRoom('text', r));
    // "Draft saved" once its screenshot and files are kept too, not only its text.
    const context = first ? deps.drafts.saveContext(draft, get().context).then((r) => steps.noteRoom('context', r)) : undefined;
    void Promise.all([text, context]).then(() => {
      // Only the latest version's write says it: an earlier one finishing says nothing of what came after.
      if (owed !== key || get().draft !== draft || get().draftError) return;
      owed = undefined;
      set({ draftSavedAt: deps.now() });
    }, () => undefined);
  };

  /** Which of the open draft's writes (its text, its context) last found no room. */
  const full = { text: false, context: false };
  steps.noteRoom = (part, result) => {
    full[part] = result === 'full';
    const draftError = full.text || full.context ? 'full' : undefined;
    if (draftError !== get().draftError) set({ draftError, ...(draftError ? { draftSavedAt: undefined } : {}) });
  };

  steps.show = (draft, options = {}) => {
    // A form opened (from a sentence, a search or a kept draft): what was typed on the home
    // screen has served, and goes with the draft when it was a sentence; it is not kept apart.
    if (draft) deps.keepTyped?.('');
    full.text = full.context = false;
    owed = undefined;
    fresh = undefined;
    declined.clear();
    set({ draft, draftSavedAt: undefined, draftError: undefined, proposed: {}, typed: undefined });
    if (draft && options.persist) steps.persist(draft, false);
  };

  steps.discard = (draft) => {
    if (!draft) return;
    const key = draftKey(draft);
    stored.delete(key);
    const open = get().draft;
    set({ ...(open && draftKey(open) === key ? { draft: null } : {}), drafts: get().drafts.filter((d) => draftKey(d) !== key) });
    void deps.drafts.remove(draft);
  };

  /**
   * The open draft's form fields, from the background (kept ones at once, else the desk's).
   * A new draft takes the desk's defaults and `named` values once they are known; what the
   * user typed meanwhile wins.
   */
  /** The reads of forms' fields under way, by form: a send made meanwhile waits for its form's. */
  const reading = new Map<string, Promise<void>>();
  steps.fieldsLoaded = (ref) => reading.get(formKey({ deskId: ref.deskId, id: ref.formId })) ?? Promise.resolve();

  steps.loadFields = (ref, named) => {
    const key = formKey({ deskId: ref.deskId, id: ref.formId });
    if (get().fields[key]) return Promise.resolve();
    const read = readFields(ref, key, named).finally(() => {
      if (reading.get(key) === read) reading.delete(key);
    });
    reading.set(key, read);
    return read;
  };

  async function readFields(ref: { deskId: string; formId: string }, key: string, named?: Record<string, string>) {
    set({ fieldsError: undefined });
    const r = await deps.client.call('form.fields', { deskId: ref.deskId, formId: ref.formId, maxAgeMs: FIELDS_MAX_AGE_MS });
    if (!r.ok) {
      if (get().draft?.formId === ref.formId) set({ fieldsError: r.error });
      return;
    }
    set({ fields: { ...get().fields, [key]: r.value } });
    const draft = get().draft;
    if (named && draft && draft.deskId === ref.deskId && draft.formId === ref.formId) {
      const fields = { ...startValues(r.value, named), ...draft.fields };
      set({ draft: { ...draft, fields } });
      steps.propose();
    }
  }

  steps.openDraft = async (draft) => {
    const key = draftKey(draft);
    const known = get().drafts.some((d) => draftKey(d) === key);
    if (known) stored.add(key);
    set({ view: 'form', problems: [], submitError: undefined, tooLarge: undefined, context: null, contextLoading: key });
    steps.show(draft);
    void steps.loadFields(draft);
    const kept = known ? await deps.drafts.context(draft).catch(() => null) : null;
    if (get().contextLoading !== key) return;
    set({ contextLoading: undefined });
    const here = (draft.page ?? '') === get().page;
    const page = get().pageContext;
    if (kept) set({ context: kept });
    else if (!here) set({ context: NO_CONTEXT });
    else if (page) steps.saveContext(page); // else the capture under way fills it in
  };

  function change(patch: Partial<Draft>) {
    const draft = get().draft;
    // What is being sent is what was there when Send was pressed: it is not changed underneath.
    if (!draft || get().submitting) return;
    const next = { ...draft, ...patch, updatedAt: deps.now() };
    // A problem disappears as soon as the field it named changes.
    const touched = new Set(Object.keys(patch).filter((k) => k !== 'fields'));
    for (const [id, value] of Object.entries(patch.fields ?? {})) if (value !== draft.fields[id]) touched.add(id);
    // What the person changed is theirs: no longer marked as proposed, and not proposed again.
    for (const k of touched) declined.add(k);
    const proposed = Object.fromEntries(Object.entries(get().proposed).filter(([k]) => !touched.has(k)));
    set({ draft: next, draftSavedAt: undefined, problems: get().problems.filter((p) => !touched.has(p.field)), submitError: undefined, proposed });
    steps.persist(next, true);
  }

  return {
    draft: null,
    drafts: [],
    fields: {},
    proposed: {},

    open(form, named = {}, departmentId, typed) {
      const page = get().page;
      const key = draftKey({ deskId: form.deskId, formId: form.id, page });
      const current = get().draft;
      const existing = current && draftKey(current) === key ? current : get().drafts.find((d) => draftKey(d) === key);
      // The sentence typed to find the form is its description, and proposes a subject.
      const sentence = typed?.trim() ?? '';
      if (existing) {
        // A kept draft stays as the person wrote it; what they just typed is added to its
        // description (marked as typed), never thrown away.
        void steps.openDraft(existing).then(() => {
          const draft = get().draft;
          if (!sentence || !draft || draftKey(draft) !== key || draft.description.includes(sentence)) return;
          const description = draft.description.trim() ? `${draft.description.trimEnd()}\n\n${sentence}` : sentence;
          const next = { ...draft, description, updatedAt: deps.now() };
          set({ draft: next, typed: sentence, proposed: { ...get().proposed, description: 'typed' } });
          steps.persist(next, true);
        });
        return;
      }
      const known = formOf(get().catalog, { deskId: form.deskId, formId: form.id }, get().fields)?.fields;
      const draft: Draft = {
        deskId: form.deskId,
        departmentId: departmentId ?? form.departmentIds[0] ?? '',
        formId: form.id,
        page,
        subject: subjectFromSentence(sentence),
        description: sentence,
        fields: known ? startValues(known, named) : {},
        excluded: [],
        updatedAt: deps.now(),
      };
      set({ view: 'form', problems: [], submitError: undefined, tooLarge: undefined, context: get().pageContext, contextLoading: undefined });
      // Typed text is kept at once, as any other.
      steps.show(draft, { persist: sentence !== '' });
      fresh = key;
      if (sentence) set({ typed: sentence, proposed: { subject: 'typed', description: 'typed' } });
      steps.propose();
      if (!known) void steps.loadFields(draft, named);
    },

    resume: (draft) => steps.openDraft(draft),

    retryFields() {
      const draft = get().draft;
      if (draft) void steps.loadFields(draft);
    },

    edit: (patch) => change(patch),

    setField(id, value) {
      const draft = get().draft;
      if (draft) change({ fields: { ...draft.fields, [id]: value } });
    },

    toggleContext(item) {
      const draft = get().draft;
      if (!draft) return;
      const removing = !draft.excluded.includes(item);
      const excluded = removing ? [...draft.excluded, item] : draft.excluded.filter((i) => i !== item);
      // A removed item leaves the fields it filled too; put back, it fills them again.
      const captured = get().context?.[item];
      const filled = Object.entries(get().proposed).filter(([id, from]) => from === 'page' && draft.fields[id] === captured).map(([id]) => id);
      const fields = removing && filled.length > 0 ? { ...draft.fields, ...Object.fromEntries(filled.map((id) => [id, ''])) } : draft.fields;
      if (removing && filled.length > 0) set({ proposed: Object.fromEntries(Object.entries(get().proposed).filter(([id]) => !filled.includes(id))) });
      change({ excluded, fields });
      for (const id of filled) declined.delete(id);
      if (!removing) steps.propose();
    },
  };
};
