// The popup's UI state. It renders first from what is stored (catalog, draft) and refreshes
// after; every side effect goes through the injected dependencies.
import { createStore } from 'zustand/vanilla';
import type { ContextItem, PageContext } from '@/lib/capture/context';
import { formKey, type Attachment, type Catalog, type Department, type FieldSpec, type FieldValue, type RequestForm, type Result } from '@/lib/domain';
import { remember, type History } from '@/lib/catalog/rank';
import { entryKey, startValues } from '@/lib/catalog/view';
import { DEFAULT_CONFIG, type CatalogConfig, type Layered } from '@/lib/settings/policy';
import { deskError, type DeskError } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import { draftKey, pageKey, type Draft, type Drafts, type SaveResult } from '@/lib/requests/draft';
import type { SubmitResult } from '@/lib/requests/outbox';
import { LANDING, type SubmitOutcome } from '@/lib/requests/submit';
import type { Report } from '@/lib/report/build';
import { validateDraft, type FieldProblem } from '@/lib/requests/validate';
import { attachmentBytes, MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';

export interface PopupDeps {
  client: Client;
  readCatalog: () => Promise<Catalog | null>;
  /** One draft per form and page, each with its page context (selection, screenshot, edits). */
  drafts: Drafts;
  /** The configuration in effect (policy, options, defaults): cards, keywords, rules. */
  readSettings?: () => Promise<Layered>;
  /** The user's own choices, for "recent" and "frequent". */
  readHistory?: () => Promise<History>;
  writeHistory?: (history: History) => Promise<void>;
  /** The address of the page the popup is about, read without touching the network. */
  pageUrl?: () => Promise<string | undefined>;
  tabId?: number;
  now: () => number;
  /** "My requests" first, when a summary notification opened the popup page for it. */
  initialTab?: 'new' | 'requests';
  /** Opened for a right-click report: its draft and the context captured at the click. */
  readReport?: () => Promise<Report | null>;
  clearReport?: () => Promise<void>;
}

export type View = 'home' | 'form' | 'sent';
export type SyncState = 'idle' | 'syncing' | 'error';

export interface PopupState {
  tab: 'new' | 'requests';
  ready: boolean;
  configured: boolean | undefined;
  catalog: Catalog | null;
  /** The catalog configuration in effect. */
  config: CatalogConfig;
  history: History;
  sync: SyncState;
  syncError?: DeskError;
  query: string;
  view: View;
  draft: Draft | null;
  draftSavedAt?: number;
  /** 'full': the last draft write found no room on this computer (the text stays in the popup). */
  draftError?: 'full';
  /** Unfinished drafts, newest first (other forms and other pages included). */
  drafts: Draft[];
  /** The page the popup is about, as a draft key part. */
  page: string;
  /** What was captured from that page; a new draft starts from it. */
  pageContext: PageContext | null;
  /** The context of the open draft: the page's, or the one kept with a restored draft. */
  context: PageContext | null;
  problems: FieldProblem[];
  submitting: boolean;
  submitError?: DeskError;
  outcome?: SubmitOutcome;
  /** Fields of the forms opened in this popup, by form key (loaded when a form is opened). */
  fields: Record<string, FieldSpec[]>;
  fieldsError?: DeskError;
  /** Kept in the outbox, not yet confirmed by the desk. */
  queued?: Extract<SubmitResult, { status: 'queued' }> & { departmentName: string };
  /** This popup is a report: the subject is proposed, the user writes one sentence. */
  report: boolean;
  /** A picked file that was too large to attach. */
  tooLarge?: string;
}

export interface PopupActions {
  setTab(tab: PopupState['tab']): void;
  start(): Promise<void>;
  refresh(): Promise<void>;
  setQuery(query: string): void;
  /** Opens a form: its draft for this page, or a new one with these values (by field label or id) filled in. */
  open(form: RequestForm, values?: Record<string, string>, departmentId?: string): void;
  /** Continues an unfinished draft, with the page context kept with it. */
  resume(draft: Draft): Promise<void>;
  back(): void;
  edit(patch: Partial<Pick<Draft, 'subject' | 'description'>>): void;
  setField(id: string, value: FieldValue): void;
  toggleContext(item: ContextItem): void;
  setScreenshot(dataUrl: string): void;
  /** Adds a file the user picked; one that would take the request over the limit is refused by name. */
  attach(file: Attachment | undefined, name: string): void;
  detach(index: number): void;
  submit(): Promise<void>;
  retryQueued(): Promise<void>;
  /** A request taken back from the outbox, to edit and send again. */
  restore(input: { draft: Draft; context: PageContext }): void;
  cancelQueued(): Promise<void>;
  fileAnother(): void;
}

export type PopupStore = ReturnType<typeof createPopupStore>;

export const CATALOG_MAX_AGE_MS = 5 * 60 * 1000;
/** Fields read lately are shown at once; the desk is asked again on submit anyway. */
export const FIELDS_MAX_AGE_MS = 10 * 60 * 1000;

const NO_CONTEXT: PageContext = { redactions: 0, gaps: ['page', 'screenshot'] };

export function formOf(catalog: Catalog | null, ref: { deskId: string; formId: string } | null, fields: Record<string, FieldSpec[]> = {}): RequestForm | undefined {
  const form = ref ? catalog?.forms.find((f) => f.deskId === ref.deskId && f.id === ref.formId) : undefined;
  const known = form && fields[formKey(form)];
  return form && known ? { ...form, fields: known } : form;
}

export function departmentOf(catalog: Catalog | null, ref: { deskId: string; departmentId: string } | null): Department | undefined {
  return ref ? catalog?.departments.find((d) => d.deskId === ref.deskId && d.id === ref.departmentId) : undefined;
}

export function createPopupStore(deps: PopupDeps) {
  return createStore<PopupState & PopupActions>()((set, get) => {
    /** Drafts already written: a form merely opened is not an unfinished draft. */
    const stored = new Set<string>();

    function persist(draft: Draft, announce: boolean) {
      const key = draftKey(draft);
      const first = !stored.has(key);
      stored.add(key);
      set({ drafts: [draft, ...get().drafts.filter((d) => draftKey(d) !== key)] });
      const text = deps.drafts.save(draft).then((r) => noteRoom('text', r));
      // "Draft saved" once its screenshot and files are kept too, not only its text.
      const context = first ? deps.drafts.saveContext(draft, get().context).then((r) => noteRoom('context', r)) : undefined;
      void Promise.all([text, context]).then(() => {
        if (announce && !get().draftError && get().draft === draft) set({ draftSavedAt: deps.now() });
      }, () => undefined);
    }

    /** Which of the open draft's writes (its text, its context) last found no room. */
    const full = { text: false, context: false };
    /** A draft write without room says so instead of "Draft saved"; the next one of its kind that fits clears it. */
    function noteRoom(part: keyof typeof full, result: SaveResult) {
      full[part] = result === 'full';
      const draftError = full.text || full.context ? 'full' : undefined;
      if (draftError !== get().draftError) set({ draftError, ...(draftError ? { draftSavedAt: undefined } : {}) });
    }

    /** Shows a draft; it is written once the user changes something (or it came with content). */
    function show(draft: Draft | null, options: { persist?: boolean } = {}) {
      full.text = full.context = false;
      set({ draft, draftSavedAt: undefined, draftError: undefined });
      if (draft && options.persist) persist(draft, false);
    }

    /** Keeps the context with the draft, so a reopened popup shows the same selection and screenshot. */
    function saveContext(context: PageContext | null) {
      set({ context });
      const draft = get().draft;
      if (draft && stored.has(draftKey(draft))) void deps.drafts.saveContext(draft, context).then((r) => noteRoom('context', r), () => undefined);
    }

    function discard(draft: Draft | null) {
      if (!draft) return;
      const key = draftKey(draft);
      stored.delete(key);
      set({ draft: null, drafts: get().drafts.filter((d) => draftKey(d) !== key) });
      void deps.drafts.remove(draft);
    }

    function change(patch: Partial<Draft>) {
      const draft = get().draft;
      if (!draft) return;
      const next = { ...draft, ...patch, updatedAt: deps.now() };
      // A problem disappears as soon as the field it named changes.
      const touched = new Set(Object.keys(patch).filter((k) => k !== 'fields'));
      for (const [id, value] of Object.entries(patch.fields ?? {})) if (value !== draft.fields[id]) touched.add(id);
      set({ draft: next, draftSavedAt: undefined, problems: get().problems.filter((p) => !touched.has(p.field)), submitError: undefined });
      persist(next, true);
    }

    /** The answer to a send: filed, kept in the outbox, or refused with the fields to fix. */
    function settle(result: Result<SubmitResult>) {
      if (!result.ok) {
        set({ submitting: false, submitError: result.error, problems: (result.error.problems as FieldProblem[] | undefined) ?? [] });
        return;
      }
      if (result.value.status === 'sent') set({ submitting: false, outcome: result.value.outcome, queued: undefined, view: 'sent' });
      else {
        const departmentName = departmentOf(get().catalog, get().draft)?.name ?? get().queued?.departmentName ?? '';
        set({ submitting: false, queued: { ...result.value, departmentName }, outcome: undefined, view: 'sent' });
      }
      // Safe either way: filed, or kept in the outbox until it is. Counted for next time.
      const draft = get().draft;
      if (draft) {
        const history = remember(get().history, entryKey({ deskId: draft.deskId, id: draft.formId }), deps.now());
        set({ history });
        void deps.writeHistory?.(history);
      }
      discard(draft);
      if (get().report) void deps.clearReport?.();
    }

    /** A change the user made to what is sent with the draft (screenshot edits, files): kept at once. */
    function editContext(change: (context: PageContext) => PageContext) {
      const { context, draft } = get();
      if (!context || !draft) return;
      saveContext(change(context));
      if (!stored.has(draftKey(draft))) persist({ ...draft, updatedAt: deps.now() }, true);
    }

    /** The draft whose kept context is being read: a capture arriving meanwhile must not replace it. */
    let loading: string | undefined;

    /**
     * The open draft's form fields, from the background (kept ones at once, else the desk's).
     * A new draft takes the desk's defaults and `named` values once they are known; what the
     * user typed meanwhile wins.
     */
    async function loadFields(ref: { deskId: string; formId: string }, named?: Record<string, string>) {
      const key = formKey({ deskId: ref.deskId, id: ref.formId });
      if (get().fields[key]) return;
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
      }
    }

    /** Opens a draft with the context kept with it, or the current page's when it has none. */
    async function openDraft(draft: Draft) {
      const key = draftKey(draft);
      const known = get().drafts.some((d) => draftKey(d) === key);
      if (known) stored.add(key);
      loading = key;
      set({ view: 'form', problems: [], submitError: undefined, tooLarge: undefined, context: null });
      show(draft);
      void loadFields(draft);
      const kept = known ? await deps.drafts.context(draft).catch(() => null) : null;
      if (loading !== key) return;
      loading = undefined;
      const here = (draft.page ?? '') === get().page;
      const page = get().pageContext;
      if (kept) set({ context: kept });
      else if (!here) set({ context: NO_CONTEXT });
      else if (page) saveContext(page); // else the capture under way fills it in
    }

    return {
      tab: deps.initialTab ?? 'new',
      ready: false,
      configured: undefined,
      catalog: null,
      config: DEFAULT_CONFIG,
      history: {},
      sync: 'idle',
      query: '',
      view: 'home',
      draft: null,
      drafts: [],
      page: '',
      pageContext: null,
      context: null,
      problems: [],
      fields: {},
      submitting: false,
      report: false,

      setTab: (tab) => set({ tab }),

      async start() {
        const [catalog, drafts, report, url, settings, history] = await Promise.all([
          deps.readCatalog(),
          deps.drafts.list().catch(() => [] as Draft[]),
          deps.readReport?.() ?? null,
          deps.pageUrl?.().catch(() => undefined),
          deps.readSettings?.().catch(() => undefined),
          deps.readHistory?.().catch(() => undefined),
        ]);
        set({ config: settings?.config ?? DEFAULT_CONFIG, history: history ?? {} });
        const usable = drafts.filter((d) => formOf(catalog, d));
        for (const d of usable) stored.add(draftKey(d));
        if (report && formOf(catalog, report.draft)) {
          // The page as it was at the click: nothing is captured again.
          const page = pageKey(report.context.url);
          set({ ready: true, catalog, configured: true, view: 'form', report: true, page, drafts: usable, pageContext: report.context });
          set({ context: report.context });
          show({ ...report.draft, page }, { persist: true });
          void loadFields(report.draft, {});
        } else {
          const page = pageKey(url);
          const here = usable.find((d) => (d.page ?? '') === page);
          set({ ready: true, catalog, configured: catalog ? true : undefined, page, drafts: usable, view: here ? 'form' : 'home' });
          if (here) void openDraft(here);
          void deps.client.call('context.capture', { tabId: deps.tabId }).then((r) => {
            const captured = r.ok ? r.value : NO_CONTEXT;
            set({ pageContext: captured });
            // A draft for this page without a kept context (or none open yet) takes the fresh one.
            const draft = get().draft;
            if (!loading && !get().context && (!draft || (draft.page ?? '') === page)) saveContext(captured);
          });
        }
        await get().refresh();
      },

      async refresh() {
        set({ sync: 'syncing', syncError: undefined });
        // Departments rarely change: a catalog from the last few minutes spares the desk.
        const result = await deps.client.call('catalog.refresh', { maxAgeMs: CATALOG_MAX_AGE_MS });
        if (result.ok) {
          set({ catalog: result.value, configured: true, sync: 'idle' });
        } else {
          const notConfigured = result.error.kind === 'config';
          set({ sync: 'error', syncError: result.error, configured: notConfigured ? false : get().configured ?? Boolean(get().catalog) });
        }
      },

      setQuery: (query) => set({ query }),

      open(form, named = {}, departmentId) {
        const page = get().page;
        const key = draftKey({ deskId: form.deskId, formId: form.id, page });
        const current = get().draft;
        const existing = current && draftKey(current) === key ? current : get().drafts.find((d) => draftKey(d) === key);
        if (existing) {
          void openDraft(existing);
          return;
        }
        const known = formOf(get().catalog, { deskId: form.deskId, formId: form.id }, get().fields)?.fields;
        const draft: Draft = {
          deskId: form.deskId,
          departmentId: departmentId ?? form.departmentIds[0] ?? '',
          formId: form.id,
          page,
          subject: '',
          description: '',
          fields: known ? startValues(known, named) : {},
          excluded: [],
          updatedAt: deps.now(),
        };
        loading = undefined;
        set({ view: 'form', problems: [], submitError: undefined, tooLarge: undefined, context: get().pageContext });
        show(draft);
        if (!known) void loadFields(draft, named);
      },

      resume: (draft) => openDraft(draft),

      back() {
        set({ view: 'home', problems: [], submitError: undefined });
      },

      edit: (patch) => change(patch),

      setField(id, value) {
        const draft = get().draft;
        if (draft) change({ fields: { ...draft.fields, [id]: value } });
      },

      toggleContext(item) {
        const draft = get().draft;
        if (!draft) return;
        const excluded = draft.excluded.includes(item) ? draft.excluded.filter((i) => i !== item) : [...draft.excluded, item];
        change({ excluded });
      },

      setScreenshot(dataUrl) {
        editContext((context) => ({ ...context, screenshot: dataUrl }));
      },

      attach(file, name) {
        const files = get().context?.files ?? [];
        const total = [...files, ...(file ? [file] : [])].reduce((n, f) => n + attachmentBytes(f), 0);
        if (!file || total > MAX_ATTACHMENT_BYTES) {
          set({ tooLarge: name });
          return;
        }
        set({ tooLarge: undefined });
        editContext((context) => ({ ...context, files: [...files, file] }));
      },

      detach(index) {
        set({ tooLarge: undefined });
        editContext((context) => ({ ...context, files: (context.files ?? []).filter((_, i) => i !== index) }));
      },

      async submit() {
        const { draft, catalog, context, submitting } = get();
        const form = formOf(catalog, draft, get().fields);
        if (!draft || !form || submitting) return;
        const problems = validateDraft(form, draft);
        if (problems.length > 0) {
          set({ problems });
          return;
        }
        set({ submitting: true, submitError: undefined, problems: [] });
        settle(await deps.client.call('request.submit', { draft, context: context ?? NO_CONTEXT }));
      },

      async retryQueued() {
        const queued = get().queued;
        if (!queued || get().submitting) return;
        set({ submitting: true });
        const r = await deps.client.call('outbox.retry', { clientId: queued.clientId });
        if (r.ok && r.value === null) set({ submitting: false, queued: undefined, view: 'home' });
        else settle(r.ok ? { ok: true, value: r.value as SubmitResult } : r);
      },

      restore(input) {
        loading = undefined;
        set({ tab: 'new', view: 'form', queued: undefined, problems: [], submitError: undefined, context: input.context });
        show(input.draft, { persist: true });
        void loadFields(input.draft);
      },

      async cancelQueued() {
        const queued = get().queued;
        if (!queued) return;
        const r = await deps.client.call('outbox.cancel', { clientId: queued.clientId });
        if (!r.ok || !r.value) return;
        const answer = r.value;
        if (answer.status === 'returned') {
          // Back to the form with everything as it was, to edit or send later.
          loading = undefined;
          set({ queued: undefined, view: 'form', context: answer.input.context });
          show(answer.input.draft, { persist: true });
          void loadFields(answer.input.draft);
        } else if (answer.status === 'filed') set({ queued: undefined, outcome: answer.outcome, view: 'sent' });
        // An earlier send may still land: nothing is given back until the desk had its time.
        else set({ queued: { ...queued, error: deskError('timeout', { detail: LANDING }), nextAt: answer.until } });
      },

      fileAnother() {
        set({ view: 'home', outcome: undefined, queued: undefined, query: '', tab: 'new', context: get().pageContext });
      },
    };
  });
}
