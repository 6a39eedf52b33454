// "My requests": the stored snapshot first, then a sync; one conversation open at a time.
import { createStore } from 'zustand/vanilla';
import type { Attachment, Message } from '@/lib/domain';
import { isFresh, keptReplies, type ReplyShelf } from '@/lib/requests/draft';
import { whyKept, type CancelResult, type Submission } from '@/lib/requests/outbox';
import type { Nudge } from '@/lib/requests/nudge';
import type { DeskError } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import { keyOf, type Snapshot, type TrackedRequest } from '@/lib/tracking/snapshot';

export interface RequestsDeps {
  client: Client;
  readSnapshot: () => Promise<Snapshot | null>;
  /** Where a reply being written is kept, so a closed popup loses nothing. */
  replies?: ReplyShelf;
  now?: () => number;
}

export interface RequestsState {
  snapshot: Snapshot | null;
  /** Pressed Send on, not yet confirmed by the desk. */
  outbox: Submission[];
  retrying?: string;
  /** The request whose "Cancel and edit" is asking the desk now. */
  cancelling?: string;
  /** Why the last "Cancel and edit" gave nothing back: the desk may still be filing it, or could not be asked. */
  cancelNote?: { clientId: string; error: DeskError };
  syncing: boolean;
  syncError?: DeskError;
  openKey?: string;
  messages: Message[] | null;
  messagesError?: DeskError;
  reply: string;
  file?: Attachment;
  /** The conversations (request keys) whose reply is on its way: another one opened meanwhile is not held by it. */
  replyingTo: string[];
  replyError?: DeskError;
  replySent: boolean;
  /** Each request's last "Ask for an update", by request key. */
  nudges: Record<string, Nudge>;
  /** The request an update is being asked for now. */
  nudging?: string;
  nudgeError?: DeskError;
}

export interface RequestsActions {
  /** What is stored first, then (unless `sync` is false: the caller syncs later) the desk. */
  start(options?: { sync?: boolean }): Promise<void>;
  sync(): Promise<void>;
  open(key: string): Promise<void>;
  close(): void;
  setReply(text: string): void;
  attach(file: Attachment | undefined): void;
  sendReply(): Promise<void>;
  /** Reads the open request's conversation again (a read that failed); the reply being written stays. */
  reload(): Promise<void>;
  loadOutbox(): Promise<void>;
  retryOutbox(clientId: string): Promise<void>;
  /** The request back to edit, or (when an earlier send may have filed it) what the desk said. */
  cancelOutbox(clientId: string): Promise<CancelResult | undefined>;
  loadNudges(): Promise<void>;
  /** "Ask for an update" on a late request: the background checks it may and keeps it until the desk has it. */
  nudge(key: string): Promise<void>;
}

export type RequestsStore = ReturnType<typeof createRequestsStore>;

export function requestOf(snapshot: Snapshot | null, key: string | undefined): TrackedRequest | undefined {
  return key ? snapshot?.requests.find((r) => keyOf(r) === key) : undefined;
}

export function createRequestsStore(deps: RequestsDeps) {
  // Its attachment is kept apart from the text (IndexedDB): a reply file may be larger than storage.local.
  const replies = deps.replies && keptReplies(deps.replies);
  return createStore<RequestsState & RequestsActions>()((set, get) => {
    async function loadMessages(key: string) {
      const request = requestOf(get().snapshot, key);
      if (!request) return;
      const r = await deps.client.call('requests.conversation', { ref: request.ref });
      if (get().openKey !== key) return;
      set(r.ok ? { messages: r.value, messagesError: undefined } : { messagesError: r.error });
    }

    const now = deps.now ?? Date.now;
    /** Keeps the reply (text and attachment) for the open request as it is written. */
    function keepReply() {
      const { openKey, reply, file } = get();
      if (!openKey) return;
      void replies?.write(openKey, reply || file ? { text: reply, file, updatedAt: now() } : null);
    }

    return {
      snapshot: null,
      outbox: [],
      syncing: false,
      messages: null,
      reply: '',
      replyingTo: [],
      replySent: false,
      nudges: {},

      async start({ sync = true } = {}) {
        set({ snapshot: await deps.readSnapshot() });
        void get().loadOutbox();
        void get().loadNudges();
        // Either way the background looks for replies more often while the popup's user is watching.
        if (sync) await get().sync();
        else void deps.client.call('requests.watching', {});
      },

      async loadOutbox() {
        const r = await deps.client.call('outbox.list', {});
        if (r.ok) set({ outbox: r.value });
      },

      async retryOutbox(clientId) {
        set({ retrying: clientId });
        await deps.client.call('outbox.retry', { clientId });
        await get().loadOutbox();
        set({ retrying: undefined });
        void get().sync();
      },

      async cancelOutbox(clientId) {
        set({ cancelling: clientId, cancelNote: undefined });
        const r = await deps.client.call('outbox.cancel', { clientId });
        await get().loadOutbox();
        const answer = r.ok && r.value ? r.value : undefined;
        const note = r.ok ? whyKept(answer) : r.error;
        set({ cancelling: undefined, cancelNote: note ? { clientId, error: note } : undefined });
        return answer;
      },

      async loadNudges() {
        const r = await deps.client.call('requests.nudges', {});
        if (r.ok) set({ nudges: r.value });
      },

      async nudge(key) {
        if (get().nudging) return;
        set({ nudging: key, nudgeError: undefined });
        const r = await deps.client.call('requests.nudge', { key });
        // Refused (asked already, or no longer late): what is stored says why.
        if (r.ok) set({ nudging: undefined, nudges: { ...get().nudges, [key]: r.value } });
        else {
          set({ nudging: undefined, nudgeError: r.error.kind === 'rejected' ? undefined : r.error });
          await get().loadNudges();
        }
      },

      async sync() {
        set({ syncing: true, syncError: undefined });
        const r = await deps.client.call('requests.sync', { full: true });
        set(r.ok ? { syncing: false, snapshot: r.value ?? get().snapshot } : { syncing: false, syncError: r.error });
      },

      async open(key) {
        set({ openKey: key, messages: null, messagesError: undefined, reply: '', file: undefined, replyError: undefined, replySent: false, nudgeError: undefined });
        const kept = await replies?.read(key).catch(() => null);
        if (kept && isFresh(kept, now()) && get().openKey === key && !get().reply)
          set({ reply: kept.text, file: kept.file });
        const seen = deps.client.call('requests.seen', { key });
        await loadMessages(key);
        const r = await seen;
        if (r.ok && r.value) set({ snapshot: r.value });
      },

      close: () => set({ openKey: undefined, messages: null }),

      async reload() {
        const key = get().openKey;
        if (!key) return;
        set({ messages: null, messagesError: undefined });
        await loadMessages(key);
      },

      setReply(reply) {
        set({ reply, replySent: false, replyError: undefined });
        keepReply();
      },

      attach(file) {
        set({ file });
        keepReply();
      },

      async sendReply() {
        const { openKey, reply, file, replyingTo } = get();
        const request = requestOf(get().snapshot, openKey);
        if (!request || !reply.trim() || !openKey || replyingTo.includes(openKey)) return;
        set({ replyingTo: [...replyingTo, openKey], replyError: undefined });
        const r = await deps.client.call('requests.reply', { ref: request.ref, text: reply, attachments: file ? [file] : [] });
        // Another conversation opened meanwhile: its own reply and errors are left as they are.
        const here = get().openKey === openKey;
        const done = get().replyingTo.filter((k) => k !== openKey);
        if (!r.ok) {
          set({ replyingTo: done, ...(here ? { replyError: r.error } : {}) });
          return;
        }
        set({ replyingTo: done, ...(here ? { reply: '', file: undefined, replySent: true } : {}) });
        void replies?.write(openKey, null);
        if (here) await loadMessages(openKey);
      },
    };
  });
}
