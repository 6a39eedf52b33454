// "How did we do?" in My requests: the prompts the background keeps, each one's stars and comment
// as the user sets them (kept in storage as typed, so a closed popup loses nothing), Send and Not now.
import { createStore } from 'zustand/vanilla';
import type { DeskError, RatingScore } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import type { RatingAsk, RatingDraft } from '@/lib/requests/rating';
import type { RequestsStore } from './requests';

export interface RatingsDeps {
  client: Client;
  /** The prompt a notification's "Rate" opened (`?rate=<key>`): shown first, its stars focused. */
  focus?: string;
  readDrafts(): Promise<Record<string, RatingDraft>>;
  /** Read-change-write of the stored drafts, not interleaved with another page's. */
  changeDrafts(change: (drafts: Record<string, RatingDraft>) => Record<string, RatingDraft>): Promise<void>;
}

export interface RatingsState {
  question: string;
  asks: RatingAsk[];
  loaded: boolean;
  focus?: string;
  drafts: Record<string, RatingDraft>;
  sending?: string;
  /** What became of the ratings sent from this popup: thanked, or saved to go later. */
  results: Record<string, 'sent' | 'queued'>;
  errors: Record<string, DeskError>;
}

export interface RatingsActions {
  load(): Promise<void>;
  /** The prompts again, when they were asked for before (My requests was shown): a look brought news. */
  refresh(): Promise<void>;
  pick(key: string, score: RatingScore): void;
  setComment(key: string, comment: string): void;
  send(key: string): Promise<void>;
  dismiss(key: string): Promise<void>;
  /** "Send again" on a rating the desk refused (held). */
  retry(key: string): Promise<void>;
  /** "Discard" on a held rating. */
  discard(key: string): Promise<void>;
}

export type RatingsStore = ReturnType<typeof createRatingsStore>;

export function createRatingsStore(deps: RatingsDeps) {
  return createStore<RatingsState & RatingsActions>()((set, get) => {
    // Each change touches its one key, read and written under the drafts' lock: a second popup's
    // drafts are left as they are (writing the whole map from memory wiped its comment).
    // Loads asked for so far: only the last one's answer is kept, and refresh() needs one.
    let loads = 0;
    const write = (change: (all: Record<string, RatingDraft>) => Record<string, RatingDraft>) => deps.changeDrafts(change).catch(() => undefined);
    const keep = (key: string, patch: Partial<RatingDraft>) => {
      const draft: RatingDraft = { comment: '', ...get().drafts[key], ...patch };
      set({ drafts: { ...get().drafts, [key]: draft } });
      void write((all) => ({ ...all, [key]: draft }));
    };
    const forget = (key: string) => {
      set({ drafts: without(get().drafts, key) });
      return write((all) => without(all, key));
    };
    return {
      question: '',
      asks: [],
      loaded: false,
      ...(deps.focus ? { focus: deps.focus } : {}),
      drafts: {},
      results: {},
      errors: {},

      async load() {
        // Asked again while an answer is on its way (a look brought news): only the last counts.
        const asked = ++loads;
        const [answer, drafts] = await Promise.all([deps.client.call('ratings.prompts', {}), deps.readDrafts().catch(() => ({}))]);
        if (asked !== loads) return;
        const asks = answer.ok ? answer.value.asks : [];
        // Drafts of requests no longer asked about go (only when the background answered).
        if (answer.ok) {
          const gone = Object.keys(drafts).filter((key) => !asks.some((a) => a.key === key));
          if (gone.length) void write((all) => gone.reduce((left, key) => without(left, key), all));
          for (const key of gone) delete (drafts as Record<string, RatingDraft>)[key];
        }
        // The one "Rate" opened comes first.
        const focus = get().focus;
        const ordered = focus ? [...asks.filter((a) => a.key === focus), ...asks.filter((a) => a.key !== focus)] : asks;
        set({ question: answer.ok ? answer.value.question : '', asks: ordered, drafts: { ...drafts, ...get().drafts }, loaded: true });
      },

      async refresh() {
        if (loads > 0) await get().load();
      },

      pick: (key, score) => keep(key, { score }),
      setComment: (key, comment) => keep(key, { comment }),

      async send(key) {
        const draft = get().drafts[key];
        if (!draft?.score || get().sending) return;
        set({ sending: key });
        const answer = await deps.client.call('ratings.send', { key, score: draft.score, comment: draft.comment });
        if (answer.ok) {
          await forget(key);
          set((s) => ({ sending: undefined, results: { ...s.results, [key]: answer.value.status }, errors: without(s.errors, key) }));
          // Queued: the prompt says why and whether it goes on its own, as the background keeps it.
          if (answer.value.status === 'queued') await get().load();
        } else {
          set((s) => ({ sending: undefined, errors: { ...s.errors, [key]: answer.error } }));
        }
      },

      async dismiss(key) {
        const answer = await deps.client.call('ratings.dismiss', { key });
        // A failed call keeps the draft and the prompt, and says why.
        if (!answer.ok) return set((s) => ({ errors: { ...s.errors, [key]: answer.error } }));
        await forget(key);
        set((s) => ({ asks: s.asks.filter((a) => a.key !== key), errors: without(s.errors, key) }));
      },

      async retry(key) {
        if (get().sending) return;
        set({ sending: key });
        const answer = await deps.client.call('ratings.retry', { key });
        if (answer.ok) set((s) => ({ sending: undefined, results: { ...s.results, [key]: answer.value.status }, errors: without(s.errors, key) }));
        else set((s) => ({ sending: undefined, errors: { ...s.errors, [key]: answer.error } }));
        if (!answer.ok || answer.value.status === 'queued') await get().load();
      },

      async discard(key) {
        const answer = await deps.client.call('ratings.discard', { key });
        if (!answer.ok) return set((s) => ({ errors: { ...s.errors, [key]: answer.error } }));
        await forget(key);
        set((s) => ({ asks: s.asks.filter((a) => a.key !== key), errors: without(s.errors, key) }));
      },
    };
  });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

/**
 * The prompts asked for again each time a look at the desk ends, once My requests has asked for
 * them: a request the open's own look finds done is offered a rating by the background then, and
 * is asked about in the same popup rather than the next one.
 */
export function followSyncs(ratings: RatingsStore, requests: RequestsStore): () => void {
  return requests.subscribe((now, before) => {
    if (before.syncing && !now.syncing) void ratings.getState().refresh();
  });
}
