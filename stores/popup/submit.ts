// Sending: the draft checked against its form, then the background's answer: filed, kept in the
// outbox (retry, or cancel and edit), or refused with the fields to fix.
import { remember } from '@/lib/catalog/rank';
import { entryKey } from '@/lib/catalog/view';
import { deskError, type Result } from '@/lib/domain';
import type { SubmitResult } from '@/lib/requests/outbox';
import { LANDING } from '@/lib/requests/submit';
import { validateDraft, type FieldProblem } from '@/lib/requests/validate';
import { departmentOf, formOf } from './catalog';
import { NO_CONTEXT, type Slice, type SubmitSlice } from './types';

export const submitSlice: Slice<SubmitSlice> = (set, get, deps, steps) => {
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
      const key = entryKey({ deskId: draft.deskId, id: draft.formId });
      const history = remember(get().history, key, deps.now());
      set({ history });
      void deps.writeHistory?.(history);
      // Once filed, the words typed to find this form point to it, for this user.
      const typed = get().typed;
      if (typed && result.value.status === 'sent') steps.learn(typed, key);
    }
    steps.discard(draft);
    steps.reportSent();
  }

  return {
    problems: [],
    submitting: false,

    async submit() {
      if (get().submitting || !get().draft) return;
      const opened = get().draft;
      if (opened && !formOf(get().catalog, opened, get().fields)?.fields) {
        // Sent while the form's fields are being read: the send waits for them (and for what
        // they propose from the sentence and the page), as the desk would ask for them anyway.
        set({ submitting: true });
        await steps.fieldsLoaded(opened);
        set({ submitting: false });
      }
      const { draft, catalog, context } = get();
      const form = formOf(catalog, draft, get().fields);
      if (!draft || !form) return;
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
      set({ tab: 'new', view: 'form', queued: undefined, problems: [], submitError: undefined, context: input.context, contextLoading: undefined });
      steps.show(input.draft, { persist: true });
      void steps.loadFields(input.draft);
    },

    async cancelQueued() {
      const queued = get().queued;
      if (!queued) return;
      const r = await deps.client.call('outbox.cancel', { clientId: queued.clientId });
      if (!r.ok || !r.value) return;
      const answer = r.value;
      if (answer.status === 'returned') {
        // Back to the form with everything as it was, to edit or send later.
        set({ queued: undefined, view: 'form', context: answer.input.context, contextLoading: undefined });
        steps.show(answer.input.draft, { persist: true });
        void steps.loadFields(answer.input.draft);
      } else if (answer.status === 'filed') set({ queued: undefined, outcome: answer.outcome, view: 'sent' });
      // An earlier send may still land: nothing is given back until the desk had its time.
      else set({ queued: { ...queued, error: deskError('timeout', { detail: LANDING }), nextAt: answer.until } });
    },
  };
};
