// Sending: the draft checked against its form, then the background's answer: filed, kept in the
// outbox (retry, or cancel and edit), or refused with the fields to fix.
import { remember } from '@/lib/catalog/rank';
import { entryKey } from '@/lib/catalog/view';
import type { Result } from '@/lib/domain';
import { draftKey, type Draft } from '@/lib/requests/draft';
import { whyKept, type SubmitResult } from '@/lib/requests/outbox';
import { validateDraft, type FieldProblem } from '@/lib/requests/validate';
import { departmentOf, formOf } from './catalog';
import { NO_CONTEXT, type Slice, type SubmitSlice } from './types';

export const submitSlice: Slice<SubmitSlice> = (set, get, deps, steps) => {
  /** Whether the person is still on the form of `sent` (they may have gone back, or opened another, while it was sent). */
  const stillOn = (sent: Draft | null) => {
    const open = get().draft;
    return Boolean(sent && open && draftKey(open) === draftKey(sent) && get().view === 'form');
  };
  /** The drafts being sent now, by key: one whose send is under way is not sent again (they went back to it). */
  const inFlight = new Set<string>();
  /**
   * The name of a Send that got no answer (the worker stopped meanwhile), per form and page, with
   * what it sent: pressed again on the same request, the outbox answers with the request it has,
   * and does not file it again. Anything changed since makes it another Send; any answer (filed,
   * kept, refused) ends the name, so the same words sent again later are a new request.
   */
  const unanswered = new Map<string, { id: string; sent: string; context: unknown }>();
  const sendIdOf = (draft: Draft, context: unknown) => {
    const sent = JSON.stringify({ ...draft, updatedAt: 0 });
    const last = unanswered.get(draftKey(draft));
    if (last && last.sent === sent && last.context === context) return last.id;
    const id = (deps.newId ?? (() => crypto.randomUUID()))();
    unanswered.set(draftKey(draft), { id, sent, context });
    return id;
  };
  /** The background answered the Send of `draft` (whatever it said): its name is done with. */
  const answered = (draft: Draft, result: Result<SubmitResult>) => {
    if (result.ok || result.error.kind !== 'server' || result.error.status !== undefined) unanswered.delete(draftKey(draft));
  };
  /** Each press of Send, and each Back, starts a turn: a send waiting for fields or capture goes on only in its own. */
  let turn = 0;
  steps.leftForm = () => void turn++;

  /**
   * The answer to a send of `sent`: filed, kept in the outbox, or refused with the fields to fix.
   * `shown`: whether the person still looks at what was sent (its form, or the queued screen);
   * else the answer is not put over what they do now, and the request is found in My requests
   * (or, not filed, among the unfinished drafts). The draft forgotten is the one sent, whatever
   * is open now.
   */
  /** The queued screen of `clientId` is still the one shown: an answer about it may change it. */
  const showing = (clientId: string) => get().view === 'sent' && get().queued?.clientId === clientId;

  /**
   * The queued request is no longer in the outbox, nor among its last filings (taken back in
   * another popup: an unfinished draft on Home again; or filed before the last 20, or in an
   * earlier browser session: in My requests). The queued screen has nothing left to act on.
   */
  function gone(clientId: string) {
    if (showing(clientId)) set({ queued: undefined, view: 'home' });
  }

  function settle(result: Result<SubmitResult>, sent: Draft | null, shown: boolean) {
    if (!result.ok) {
      if (shown) set({ submitting: false, submitError: result.error, problems: (result.error.problems as FieldProblem[] | undefined) ?? [] });
      return;
    }
    if (shown && result.value.status === 'sent') set({ submitting: false, outcome: result.value.outcome, queued: undefined, view: 'sent' });
    else if (shown && result.value.status === 'queued') {
      const departmentName = departmentOf(get().catalog, sent)?.name ?? get().queued?.departmentName ?? '';
      set({ submitting: false, queued: { ...result.value, departmentName }, outcome: undefined, view: 'sent' });
    }
    // Safe either way: filed, or kept in the outbox until it is. Counted for next time.
    if (sent) {
      const key = entryKey({ deskId: sent.deskId, id: sent.formId });
      const history = remember(get().history, key, deps.now());
      set({ history });
      void deps.writeHistory?.(history);
      // Once filed, the words typed to find this form point to it, for this user.
      const typed = shown ? get().typed : undefined;
      if (typed && result.value.status === 'sent') steps.learn(typed, key);
    }
    steps.discard(sent);
    steps.reportSent();
  }

  return {
    problems: [],
    submitting: false,
    cancelling: false,

    async submit() {
      const opened = get().draft;
      if (get().submitting || !opened || inFlight.has(draftKey(opened))) return;
      const mine = ++turn;
      const waitFields = !formOf(get().catalog, opened, get().fields)?.fields;
      if (waitFields || get().context === null) {
        // Sent while the form's fields are being read (and what they propose from the sentence
        // and the page), or while the page is being captured: the send waits for them, as the
        // Send button does; the desk would ask for the fields anyway. Back meanwhile drops it
        // (the same form opened again is sent only when Send is pressed again).
        set({ submitting: true });
        if (waitFields) await steps.fieldsLoaded(opened);
        await steps.until((s) => s.context !== null || !stillOn(opened) || turn !== mine);
        if (turn !== mine || !stillOn(opened)) {
          if (turn === mine) set({ submitting: false });
          return;
        }
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
      const key = draftKey(draft);
      if (inFlight.has(key)) return;
      inFlight.add(key);
      set({ submitting: true, submitError: undefined, problems: [] });
      try {
        const result = await deps.client.call('request.submit', { draft, context: context ?? NO_CONTEXT, sendId: sendIdOf(draft, context) });
        answered(draft, result);
        settle(result, draft, stillOn(draft));
      } finally {
        inFlight.delete(key);
      }
    },

    async retryQueued() {
      const queued = get().queued;
      if (!queued || get().submitting || get().cancelling) return;
      set({ submitting: true });
      const r = await deps.client.call('outbox.retry', { clientId: queued.clientId });
      set({ submitting: false });
      if (r.ok && r.value === null) return gone(queued.clientId);
      settle(r.ok ? { ok: true, value: r.value as SubmitResult } : r, null, get().view === 'sent');
    },

    restore(input) {
      set({ tab: 'new', view: 'form', queued: undefined, problems: [], submitError: undefined, context: input.context, contextLoading: undefined });
      steps.show(input.draft, { persist: true });
      void steps.loadFields(input.draft);
    },

    async cancelQueued() {
      const queued = get().queued;
      if (!queued || get().submitting || get().cancelling) return;
      set({ cancelling: true });
      const r = await deps.client.call('outbox.cancel', { clientId: queued.clientId }).finally(() => set({ cancelling: false }));
      if (!showing(queued.clientId)) return;
      // The desk could not be asked: nothing is given back, and the screen says why.
      if (!r.ok) return set({ queued: { ...queued, error: r.error } });
      if (!r.value) return gone(queued.clientId);
      const answer = r.value;
      if (answer.status === 'returned') {
        // Back to the form with everything as it was, to edit or send later.
        set({ queued: undefined, view: 'form', context: answer.input.context, contextLoading: undefined });
        steps.show(answer.input.draft, { persist: true });
        void steps.loadFields(answer.input.draft);
      } else if (answer.status === 'filed') set({ queued: undefined, outcome: answer.outcome, view: 'sent' });
      // Being sent right now, or an earlier send may still land (until the desk had its time):
      // nothing is given back, and the screen says why.
      else set({ queued: { ...queued, error: whyKept(answer) ?? queued.error, ...(answer.status === 'landing' ? { nextAt: answer.until } : {}) } });
    },
  };
};
