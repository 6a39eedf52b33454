// The popup's UI state. It renders first from what is stored (catalog, draft) and refreshes
// after; every side effect goes through the injected dependencies.
import { createStore } from 'zustand/vanilla';
import type { ContextItem, PageContext } from '@/lib/capture/context';
import type { Catalog, Department, FieldValue, RequestForm, Result } from '@/lib/desks/types';
import type { DeskError } from '@/lib/http/errors';
import type { Client } from '@/lib/messaging/protocol';
import { isFresh, type Draft } from '@/lib/requests/draft';
import type { SubmitResult } from '@/lib/requests/outbox';
import type { SubmitOutcome } from '@/lib/requests/submit';
import type { Report } from '@/lib/report/build';
import { validateDraft, type FieldProblem } from '@/lib/requests/validate';

export interface PopupDeps {
  client: Client;
  readCatalog: () => Promise<Catalog | null>;
  readDraft: () => Promise<Draft | null>;
  writeDraft: (draft: Draft | null) => Promise<void>;
  /** The draft's page context (selection, screenshot, edits to it), kept with the draft. */
  readDraftContext?: () => Promise<PageContext | null>;
  writeDraftContext?: (context: PageContext | null) => Promise<void>;
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
  sync: SyncState;
  syncError?: DeskError;
  query: string;
  view: View;
  draft: Draft | null;
  draftSavedAt?: number;
  context: PageContext | null;
  capturing: boolean;
  problems: FieldProblem[];
  submitting: boolean;
  submitError?: DeskError;
  outcome?: SubmitOutcome;
  /** Kept in the outbox, not yet confirmed by the desk. */
  queued?: Extract<SubmitResult, { status: 'queued' }> & { departmentName: string };
  /** This popup is a report: the subject is proposed, the user writes one sentence. */
  report: boolean;
}

export interface PopupActions {
  setTab(tab: PopupState['tab']): void;
  start(): Promise<void>;
  refresh(): Promise<void>;
  setQuery(query: string): void;
  open(department: Department): void;
  back(): void;
  edit(patch: Partial<Pick<Draft, 'subject' | 'description'>>): void;
  setField(id: string, value: FieldValue): void;
  toggleContext(item: ContextItem): void;
  setScreenshot(dataUrl: string): void;
  submit(): Promise<void>;
  retryQueued(): Promise<void>;
  /** A request taken back from the outbox, to edit and send again. */
  restore(input: { draft: Draft; context: PageContext }): void;
  cancelQueued(): Promise<void>;
  fileAnother(): void;
}

export type PopupStore = ReturnType<typeof createPopupStore>;

export const CATALOG_MAX_AGE_MS = 5 * 60 * 1000;

const NO_CONTEXT: PageContext = { redactions: 0, gaps: ['page', 'screenshot'] };

export function formOf(catalog: Catalog | null, ref: { deskId: string; formId: string } | null): RequestForm | undefined {
  return ref ? catalog?.forms.find((f) => f.deskId === ref.deskId && f.id === ref.formId) : undefined;
}

export function departmentOf(catalog: Catalog | null, ref: { deskId: string; departmentId: string } | null): Department | undefined {
  return ref ? catalog?.departments.find((d) => d.deskId === ref.deskId && d.id === ref.departmentId) : undefined;
}

export function createPopupStore(deps: PopupDeps) {
  return createStore<PopupState & PopupActions>()((set, get) => {
    /** Keeps the context with the draft, so a reopened popup shows the same selection and screenshot. */
    function saveContext(context: PageContext | null) {
      set({ context });
      void deps.writeDraftContext?.(get().draft ? context : null);
    }

    /** Stores the draft; `announce` shows "Draft saved" once the user's own words are safe. */
    function saveDraft(draft: Draft | null, announce = false) {
      set({ draft, ...(announce ? {} : { draftSavedAt: undefined }) });
      deps.writeDraft(draft).then(() => announce && set({ draftSavedAt: deps.now() }));
      if (!draft) void deps.writeDraftContext?.(null);
    }

    function change(patch: Partial<Draft>) {
      const draft = get().draft;
      if (!draft) return;
      const next = { ...draft, ...patch, updatedAt: deps.now() };
      // A problem disappears as soon as the field it named changes.
      const touched = new Set(Object.keys(patch).filter((k) => k !== 'fields'));
      for (const [id, value] of Object.entries(patch.fields ?? {})) if (value !== draft.fields[id]) touched.add(id);
      set({ problems: get().problems.filter((p) => !touched.has(p.field)), submitError: undefined });
      saveDraft(next, true);
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
      // Safe either way: filed, or kept in the outbox until it is.
      saveDraft(null);
      if (get().report) void deps.clearReport?.();
    }

    return {
      tab: deps.initialTab ?? 'new',
      ready: false,
      configured: undefined,
      catalog: null,
      sync: 'idle',
      query: '',
      view: 'home',
      draft: null,
      context: null,
      capturing: true,
      problems: [],
      submitting: false,
      report: false,

      setTab: (tab) => set({ tab }),

      async start() {
        const [catalog, draft, report, kept] = await Promise.all([
          deps.readCatalog(),
          deps.readDraft(),
          deps.readReport?.() ?? null,
          deps.readDraftContext?.() ?? null,
        ]);
        if (report && formOf(catalog, report.draft)) {
          // The page as it was at the click: nothing is captured again.
          set({ ready: true, catalog, configured: true, view: 'form', capturing: false, report: true });
          saveDraft(report.draft);
          saveContext(report.context);
        } else {
          const restored = isFresh(draft, deps.now()) && formOf(catalog, draft) ? draft : null;
          set({ ready: true, catalog, configured: catalog ? true : undefined, draft: restored, view: restored ? 'form' : 'home' });
          if (restored && kept) set({ context: kept, capturing: false });
          else
            deps.client.call('context.capture', { tabId: deps.tabId }).then((r) => {
              set({ capturing: false });
              saveContext(r.ok ? r.value : NO_CONTEXT);
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

      open(department) {
        const form = get().catalog?.forms.find((f) => f.deskId === department.deskId && f.departmentId === department.id);
        if (!form) return;
        const current = get().draft;
        const keep = current && current.deskId === form.deskId && current.formId === form.id;
        const draft: Draft = keep
          ? current
          : {
              deskId: form.deskId,
              departmentId: form.departmentId,
              formId: form.id,
              subject: '',
              description: '',
              fields: Object.fromEntries(form.fields.filter((f) => f.default).map((f) => [f.id, f.default as string])),
              excluded: [],
              updatedAt: deps.now(),
            };
        set({ view: 'form', problems: [], submitError: undefined });
        saveDraft(draft);
        if (!keep) saveContext(get().context);
      },

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
        const context = get().context;
        if (context) saveContext({ ...context, screenshot: dataUrl });
      },

      async submit() {
        const { draft, catalog, context, submitting } = get();
        const form = formOf(catalog, draft);
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
        set({ tab: 'new', view: 'form', queued: undefined, capturing: false, problems: [], submitError: undefined });
        saveDraft(input.draft);
        saveContext(input.context);
      },

      async cancelQueued() {
        const queued = get().queued;
        if (!queued) return;
        const r = await deps.client.call('outbox.cancel', { clientId: queued.clientId });
        if (r.ok && r.value) {
          // Back to the form with everything as it was, to edit or send later.
          set({ queued: undefined, view: 'form', capturing: false });
          saveDraft(r.value.draft);
          saveContext(r.value.context);
        }
      },

      fileAnother() {
        set({ view: 'home', outcome: undefined, queued: undefined, query: '', tab: 'new' });
      },
    };
  });
}
