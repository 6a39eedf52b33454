// "How did we do?" in My requests: the prompts the background keeps, each one's stars and comment
// as the user sets them (kept in storage as typed, so a closed popup loses nothing), Send and Not now.
import { createStore } from 'zustand/vanilla';
import type { DeskError, RatingScore } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import type { RatingAsk, RatingDraft } from '@/lib/requests/rating';

export interface RatingsDeps {
  client: Client;
  /** The prompt a notification's "Rate" opened (`?rate=<key>`): shown first, its stars focused. */
  focus?: string;
  readDrafts(): Promise<Record<string, RatingDraft>>;
  writeDrafts(drafts: Record<string, RatingDraft>): Promise<void>;
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
  pick(key: string, score: RatingScore): void;
  setComment(key: string, comment: string): void;
  send(key: string): Promise<void>;
  dismiss(key: string): Promise<void>;
}

export type RatingsStore = ReturnType<typeof createRatingsStore>;

export function createRatingsStore(deps: RatingsDeps) {
  return createStore<RatingsState & RatingsActions>()((set, get) => {
    const keep = (key: string, patch: Partial<RatingDraft>) => {
      const drafts = { ...get().drafts, [key]: { comment: '', ...get().drafts[key], ...patch } };
      set({ drafts });
      void deps.writeDrafts(drafts).catch(() => undefined);
    };
    const forget = (key: string) => {
      const drafts = { ...get().drafts };
      delete drafts[key];
      set({ drafts });
      void deps.writeDrafts(drafts).catch(() => undefined);
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
        const [answer, drafts] = await Promise.all([deps.client.call('ratings.prompts', {}), deps.readDrafts().catch(() => ({}))]);
        const asks = answer.ok ? answer.value.asks : [];
        // The one "Rate" opened comes first.
        const focus = get().focus;
        const ordered = focus ? [...asks.filter((a) => a.key === focus), ...asks.filter((a) => a.key !== focus)] : asks;
        set({ question: answer.ok ? answer.value.question : '', asks: ordered, drafts: { ...drafts, ...get().drafts }, loaded: true });
      },

      pick: (key, score) => keep(key, { score }),
      setComment: (key, comment) => keep(key, { comment }),

      async send(key) {
        const draft = get().drafts[key];
        if (!draft?.score || get().sending) return;
        set({ sending: key });
        const answer = await deps.client.call('ratings.send', { key, score: draft.score, comment: draft.comment });
        if (answer.ok) {
          forget(key);
          set((s) => ({ sending: undefined, results: { ...s.results, [key]: answer.value.status }, errors: without(s.errors, key) }));
          // Queued: the prompt says why and whether it goes on its own, as the background keeps it.
          if (answer.value.status === 'queued') await get().load();
        } else {
          set((s) => ({ sending: undefined, errors: { ...s.errors, [key]: answer.error } }));
        }
      },

      async dismiss(key) {
        await deps.client.call('ratings.dismiss', { key });
        forget(key);
        set((s) => ({ asks: s.asks.filter((a) => a.key !== key) }));
      },
    };
  });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}
