import type { ContextItem, PageContext } from '../capture/context';
import { redactUrl } from '../capture/redact';
import type { Attachment, FieldValue } from '../domain';
import { externalise, internalise, isQuotaError, isRef, refsOf, stash, unstash, withoutScreenshot, type BlobStore } from './blobs';

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
  /** Where screenshots and files go: the contexts then hold references (lib/requests/blobs.ts). */
  blobs?: BlobStore;
}

/** 'full': there was no room even after older drafts' screenshots were dropped; nothing was written. */
export type SaveResult = 'saved' | 'full';

export interface Drafts {
  /** Every draft younger than a week, newest first; older ones are deleted on the way. */
  list(): Promise<Draft[]>;
  save(draft: Draft): Promise<SaveResult>;
  /**
   * Saves `draft` (with its context) unless the one of the same form and page changed after
   * `than` (a newer one was begun meanwhile): 'newer' then, nothing written. One step, so no
   * page's save can come between the look and the write.
   */
  saveUnlessNewer(draft: Draft, context: PageContext | null, than: number): Promise<SaveResult | 'newer'>;
  saveContext(draft: Draft, context: PageContext | null): Promise<SaveResult>;
  context(draft: Draft): Promise<PageContext | null>;
  remove(draft: Draft): Promise<void>;
}

/** Runs a task while no other page of the extension runs one under the same lock (Web Locks). */
export type PageLock = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Drafts kept per form and page. Writes are chained so a late keystroke never overwrites a
 * newer one, and each write re-reads the map so a second open popup's drafts survive. With
 * `lock`, each read-change-write also waits for those of the extension's other pages (the
 * popup, the report window, the background giving a draft back): one map, changed by one at a time.
 */
export function createDrafts(shelf: DraftShelf, now: () => number, lock?: PageLock): Drafts {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const task = lock ? () => lock(step) : step;
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

  const blobs = shelf.blobs;
  const prefix = (key: string) => `draft/${key}/`;

  async function writeContext(key: string, context: PageContext | null): Promise<void> {
    if (!blobs) return shelf.writeContext(key, context);
    const previous = await shelf.readContext(key);
    if (context) return shelf.writeContext(key, await externalise(blobs, prefix(key), context, previous));
    await shelf.writeContext(key, null);
    if (refsOf(previous).length) await blobs.delete(await blobs.list(prefix(key)));
  }

  /** Drops a kept screenshot to make room (the stored record first, then its bytes); false when there was none. */
  async function dropScreenshot(key: string): Promise<boolean> {
    const stored = await shelf.readContext(key);
    if (!stored?.screenshot) return false;
    await shelf.writeContext(key, withoutScreenshot(stored));
    if (blobs && isRef(stored.screenshot)) await blobs.delete([`${prefix(key)}shot`]);
    return true;
  }

  /**
   * A write that fails for want of room is tried again after each screenshot of the other
   * drafts is dropped, oldest draft first; their text and files stay. Out of screenshots: 'full'.
   */
  async function roomy(key: string, write: () => Promise<void>): Promise<SaveResult> {
    try {
      await write();
      return 'saved';
    } catch (err) {
      if (!isQuotaError(err)) throw err;
    }
    const older = Object.entries(await shelf.readAll())
      .filter(([k]) => k !== key)
      .sort(([, a], [, b]) => a.updatedAt - b.updatedAt);
    for (const [k] of older) {
      if (!(await dropScreenshot(k).catch(() => false))) continue;
      try {
        await write();
        return 'saved';
      } catch (err) {
        if (!isQuotaError(err)) throw err;
      }
    }
    return 'full';
  }

  return {
    list: () =>
      serial(async () => {
        const all = await shelf.readAll();
        const stale = Object.entries(all).filter(([, d]) => !isFresh(d, now()));
        if (stale.length > 0) {
          for (const [key] of stale) delete all[key];
          await shelf.writeAll(all);
          await Promise.all(stale.map(([key]) => writeContext(key, null)));
        }
        return Object.values(all).sort((a, b) => b.updatedAt - a.updatedAt);
      }),
    save: (draft) =>
      serial(() =>
        roomy(draftKey(draft), async () => {
          const all = await shelf.readAll();
          all[draftKey(draft)] = draft;
          await shelf.writeAll(all);
        }),
      ),
    saveContext: (draft, context) => serial(() => roomy(draftKey(draft), () => writeContext(draftKey(draft), context))),
    saveUnlessNewer: (draft, context, than) =>
      serial(async () => {
        const key = draftKey(draft);
        const there = (await shelf.readAll())[key];
        if (there && there.updatedAt > than) return 'newer';
        const saved = await roomy(key, async () => {
          const all = await shelf.readAll();
          all[key] = draft;
          await shelf.writeAll(all);
        });
        return saved === 'full' ? saved : roomy(key, () => writeContext(key, context));
      }),
    context: async (draft) => {
      const stored = await shelf.readContext(draftKey(draft));
      return stored && blobs ? (await internalise(blobs, stored)).context : stored;
    },
    remove: (draft) => update((all) => void delete all[draftKey(draft)]).then(() => serial(() => writeContext(draftKey(draft), null))),
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
  /** Where the attachment goes: the stored reply then holds a reference (lib/requests/blobs.ts). */
  blobs?: BlobStore;
}

/**
 * Reply drafts with their attachment kept in the shelf's blob store. The reply is written per
 * keystroke; the attachment only when it changed. One whose bytes went missing comes back without it.
 */
export function keptReplies(shelf: ReplyShelf): ReplyShelf {
  const blobs = shelf.blobs;
  if (!blobs) return shelf;
  const id = (key: string) => `reply/${key}/file`;
  return {
    async read(key) {
      const stored = await shelf.read(key);
      if (!stored?.file) return stored;
      const { file, ...text } = stored;
      const data = await unstash(blobs, file.data);
      return data === undefined ? text : { ...text, file: { ...file, data } };
    },
    async write(key, draft) {
      const before = (await shelf.read(key))?.file?.data;
      if (draft?.file) {
        const data = await stash(blobs, id(key), draft.file.data, before);
        return shelf.write(key, { ...draft, file: { ...draft.file, data } });
      }
      await shelf.write(key, draft);
      if (isRef(before)) await blobs.delete([id(key)]);
    },
  };
}
