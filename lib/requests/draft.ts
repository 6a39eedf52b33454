import type { ContextItem, PageContext } from '../capture/context';
import { redactUrl } from '../capture/redact';
import type { Attachment, FieldValue } from '../domain';

/** What the user is writing, saved as they type so a closed popup loses nothing. */
export interface Draft {
  deskId: string;
  departmentId: string;
  formId: string;
  /** The page it was started on (redacted, without its fragment); '' when the page is unknown. */
  page?: string;
  subject: string;
  description: string;
  fields: Record<string, FieldValue>;
  excluded: ContextItem[];
  updatedAt: number;
}

export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Drafts (and replies being written) older than a week are dropped. */
export function isFresh<T extends { updatedAt: number }>(draft: T | null | undefined, now: number): draft is T {
  return Boolean(draft) && now - (draft as T).updatedAt < DRAFT_MAX_AGE_MS;
}

/** The page part of a draft's identity: secrets never become storage keys, the fragment is navigation. */
export function pageKey(url: string | undefined): string {
  if (!url) return '';
  return redactUrl(url.replace(/#.*$/, '')).url;
}

/** One draft per form and page. */
export function draftKey(draft: Pick<Draft, 'deskId' | 'formId' | 'page'>): string {
  return JSON.stringify([draft.deskId, draft.formId, draft.page ?? '']);
}

/** Where drafts live: small texts in one map, each draft's page context (screenshot) on its own. */
export interface DraftShelf {
  readAll(): Promise<Record<string, Draft>>;
  writeAll(drafts: Record<string, Draft>): Promise<void>;
  readContext(key: string): Promise<PageContext | null>;
  writeContext(key: string, context: PageContext | null): Promise<void>;
}

export interface Drafts {
  /** Every draft younger than a week, newest first; older ones are deleted on the way. */
  list(): Promise<Draft[]>;
  save(draft: Draft): Promise<void>;
  saveContext(draft: Draft, context: PageContext | null): Promise<void>;
  context(draft: Draft): Promise<PageContext | null>;
  remove(draft: Draft): Promise<void>;
}

/**
 * Drafts kept per form and page. Writes are chained so a late keystroke never overwrites a
 * newer one, and each write re-reads the map so a second open popup's drafts survive.
 */
export function createDrafts(shelf: DraftShelf, now: () => number): Drafts {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const update = (change: (all: Record<string, Draft>) => void) =>
    serial(async () => {
      const all = await shelf.readAll();
      change(all);
      await shelf.writeAll(all);
    });

  return {
    list: () =>
      serial(async () => {
        const all = await shelf.readAll();
        const stale = Object.entries(all).filter(([, d]) => !isFresh(d, now()));
        if (stale.length > 0) {
          for (const [key] of stale) delete all[key];
          await shelf.writeAll(all);
          await Promise.all(stale.map(([key]) => shelf.writeContext(key, null)));
        }
        return Object.values(all).sort((a, b) => b.updatedAt - a.updatedAt);
      }),
    save: (draft) => update((all) => void (all[draftKey(draft)] = draft)),
    saveContext: (draft, context) => serial(() => shelf.writeContext(draftKey(draft), context)),
    context: (draft) => shelf.readContext(draftKey(draft)),
    remove: (draft) =>
      update((all) => void delete all[draftKey(draft)]).then(() => serial(() => shelf.writeContext(draftKey(draft), null))),
  };
}

/** A reply being written in a conversation, with its attachment. */
export interface ReplyDraft {
  text: string;
  file?: Attachment;
  updatedAt: number;
}

/** Where reply drafts live, one per request. */
export interface ReplyShelf {
  read(requestKey: string): Promise<ReplyDraft | null>;
  write(requestKey: string, draft: ReplyDraft | null): Promise<void>;
}
