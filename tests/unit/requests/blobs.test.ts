// Storage that cannot fill up: screenshots and files live in a blob store, the outbox entry and
// the draft records stay small, old drafts give up their screenshots first, and no room is said
// plainly with the text kept. The blob store here is the in-memory one beside its interface;
// the IndexedDB one is exercised in Chromium (tests/e2e/storage.e2e.ts).
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageContext } from '@/lib/capture/context';
import { DeskFailure, deskError, LANDING, toDeskError, type Attachment } from '@/lib/domain';
import { createOutbox, type OutboxDeps } from '@/lib/background/outbox';
import { externalise, internalise, memoryBlobs, refsOf, sweepBlobs, SWEEP_GRACE_MS, type BlobOwners, type BlobStore } from '@/lib/requests/blobs';
import { createDrafts, draftKey, keptReplies, type Draft, type DraftShelf, type ReplyDraft } from '@/lib/requests/draft';
import { MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';
import type { Submission } from '@/lib/requests/outbox';
import type { SubmitInput } from '@/lib/requests/submit';
import { describeError } from '@/lib/i18n/describe';
import { blobOwners, desksItem, outboxItem } from '@/lib/platform/storage';
import { storage } from 'wxt/utils/storage';
import { chain, DESK, facilitiesForm, openFacilities } from '../support/popup-chain';

/** The sweep's grace, passed at once. */
const noWait = async (_ms: number) => {};

/** base64 of `bytes` bytes (4 characters per 3 bytes), varied so no two files look alike. */
function base64Of(bytes: number, seed = 0): string {
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4096) raw[i] = (i / 4096 + seed) & 0xff;
  return raw.toString('base64');
}

const shot = (seed = 0) => `data:image/png;base64,${base64Of(300_000, seed)}`;
const draftOf = (subject: string, page = 'https://intranet.example/a', updatedAt = 1): Draft => ({
  deskId: 'd',
  departmentId: '3',
  formId: '3',
  page,
  subject,
  description: 'The words the user wrote.',
  fields: {},
  excluded: [],
  updatedAt,
});

/** The platform's draft shelf (lib/platform/storage.ts): two storage areas in memory, and a blob store. */
function memoryShelf(blobs: BlobStore) {
  const all = new Map<string, Draft>();
  const contexts = new Map<string, PageContext>();
  const shelf: DraftShelf = {
    blobs,
    readAll: async () => Object.fromEntries(all),
    writeAll: async (drafts) => {
      all.clear();
      for (const [k, v] of Object.entries(structuredClone(drafts))) all.set(k, v);
    },
    readContext: async (key) => structuredClone(contexts.get(key)) ?? null,
    writeContext: async (key, context) => void (context ? contexts.set(key, structuredClone(context)) : contexts.delete(key)),
  };
  return { shelf, all, contexts };
}

describe('externalise and internalise a page context', () => {
  it('stores the screenshot and files apart and puts them back as they were', async () => {
    const blobs = memoryBlobs();
    const context: PageContext = { redactions: 1, gaps: [], title: 'Rooms', screenshot: shot(), files: [{ name: 'a.log', type: 'text/plain', data: base64Of(5000) }] };
    const stored = await externalise(blobs, 'x/', context);
    expect(JSON.stringify(stored).length).toBeLessThan(1000);
    expect(stored.title).toBe('Rooms');
    expect(refsOf(stored).sort()).toEqual(['x/file0', 'x/shot']);
    expect((await internalise(blobs, stored)).context).toEqual(context);
    // Stored again unchanged: nothing is written again; a file taken away goes from the store.
    const put = vi.spyOn(blobs, 'put');
    const again = await externalise(blobs, 'x/', { ...context, files: [] }, stored);
    expect(put).not.toHaveBeenCalled();
    expect([...blobs.map.keys()]).toEqual(['x/shot']);
    expect((await internalise(blobs, again)).context).toEqual({ ...context, files: [] });
  });

  it('loses only what is missing: the text stays, the screenshot shows as not captured', async () => {
    const blobs = memoryBlobs();
    const stored = await externalise(blobs, 'x/', { redactions: 0, gaps: [], selection: 'kept', screenshot: shot(), files: [{ name: 'a.log', type: 'text/plain', data: 'QUJD' }, { name: 'b.log', type: 'text/plain', data: 'REVG' }] });
    await blobs.delete(['x/shot', 'x/file0']);
    const { context, missing } = await internalise(blobs, stored);
    expect(context).toEqual({ redactions: 0, gaps: ['screenshot'], selection: 'kept', files: [{ name: 'b.log', type: 'text/plain', data: 'REVG' }] });
    expect(missing).toEqual(['a.log']);
    // A context stored before blobs existed (data inline) reads as it is.
    const inline: PageContext = { redactions: 0, gaps: [], screenshot: 'data:image/png;base64,AAAA' };
    expect((await internalise(blobs, inline)).context).toEqual(inline);
  });
});

/** Files totalling just under the limit, in three pieces, plus a screenshot. */
function atTheLimit(): SubmitInput {
  const third = Math.floor((MAX_ATTACHMENT_BYTES - 3) / 3);
  const files: Attachment[] = [0, 1, 2].map((i) => ({ name: `part${i}.bin`, type: 'application/octet-stream', data: base64Of(third, i) }));
  return { draft: draftOf('Big request'), context: { redactions: 0, gaps: [], url: 'https://intranet.example/a', screenshot: shot(), files } };
}

function outboxWith(blobs: BlobStore, deliver: OutboxDeps['deliver']) {
  const item = { value: [] as Submission[], getValue: async () => structuredClone(item.value), setValue: async (v: Submission[]) => void (item.value = structuredClone(v)) };
  let n = 0;
  const box = createOutbox({ outbox: item, blobs, deliver, landingMs: async () => 1000, now: () => 1000, newId: () => `c${++n}`, schedule: async () => undefined, onSent: () => undefined });
  return { box, item };
}

describe('the outbox keeps its entries small', () => {
  it('stores a request at the size limit as a few KB, delivers every byte, and deletes its files once sent', async () => {
    const blobs = memoryBlobs();
    const input = atTheLimit();
    const seen: SubmitInput[] = [];
    let desk: 'down' | 'up' = 'down';
    const { box, item } = outboxWith(blobs, async (s) => {
      seen.push(s.input);
      if (desk === 'down') throw toDeskError({ kind: 'offline', retryable: true });
      return { ticket: { deskId: 'd', id: '1', key: '#1', url: 'u' }, departmentName: 'Facilities', dropped: [], confirmed: true };
    });
    expect(await box.submit(input)).toMatchObject({ status: 'queued' });
    expect(JSON.stringify(item.value).length).toBeLessThan(10_000);
    expect(blobs.map.size).toBe(4);
    expect(seen[0]).toEqual(input); // the desk is sent the whole request, from the blob store

    desk = 'up';
    expect(await box.retry('c1')).toMatchObject({ status: 'sent' });
    expect(seen[1]).toEqual(input);
    expect(item.value).toEqual([]);
    expect(blobs.map.size).toBe(0);
  });

  it('gives a cancelled request back whole and deletes its files', async () => {
    const blobs = memoryBlobs();
    const input = atTheLimit();
    // Signed out at Send; asked later (signed in again), the desk has no copy.
    const { box } = outboxWith(blobs, async (_s, _attempt, create) =>
      Promise.reject(create ? toDeskError({ kind: 'unauthorized', retryable: false }) : new DeskFailure(deskError('timeout', { detail: LANDING }))),
    );
    await box.submit(input);
    const back = await box.cancel('c1');
    // An attempt ran (refused before filing), so the desk is asked first; not there → given back.
    expect(back).toEqual({ status: 'returned', input });
    expect(blobs.map.size).toBe(0);
  });

  it('says plainly that there is no room, keeps nothing half-stored, and the popup keeps the draft', async () => {
    const blobs = memoryBlobs(5 * 1024 * 1024); // less than the request needs
    const deliver = vi.fn<OutboxDeps['deliver']>();
    const { box, item } = outboxWith(blobs, deliver);
    const error = await box.submit(atTheLimit()).then(() => undefined, toDeskError);
    expect(error).toMatchObject({ kind: 'storage-full', retryable: false });
    expect(describeError(error!).message).toBe('This computer has no room left to keep the request: it was not sent. Your text is kept.');
    expect(deliver).not.toHaveBeenCalled();
    expect(item.value).toEqual([]);
    expect(blobs.map.size).toBe(0);

    // Through the popup, over the real chain (client → router → background with this small blob store → recorded RT):
    // the error shows and the draft (text and files) stays open and stored.
    fakeBrowser.reset();
    await desksItem.setValue([DESK]);
    const { shelf, all } = memoryShelf(memoryBlobs());
    const { store, rt } = chain({
      capture: async () => ({ tab: { url: 'https://intranet.example/a' }, screenshot: shot(), browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } }),
      pageUrl: 'https://intranet.example/a',
      now: () => 1000,
      background: { blobs: memoryBlobs(5 * 1024 * 1024) },
      popup: { drafts: createDrafts(shelf, () => 1000) },
    });
    await openFacilities(store);
    await vi.waitFor(() => expect(store.getState().pageContext?.screenshot).toBe(shot()));
    for (const file of atTheLimit().context.files!) store.getState().attach(file, file.name);
    store.getState().edit({ subject: 'Keep me', description: 'Every word.' });
    store.getState().setField('5', '3.14');
    await store.getState().submit();
    expect(store.getState().submitError).toMatchObject({ kind: 'storage-full' });
    expect(store.getState().view).toBe('form');
    expect(store.getState().draft).toMatchObject({ subject: 'Keep me', description: 'Every word.' });
    expect(store.getState().context?.files).toHaveLength(3);
    await vi.waitFor(() => expect([...all.values()].map((d) => d.subject)).toEqual(['Keep me']));
    expect(rt.created).toEqual([]); // nothing reached the desk
  });
});

describe('drafts when the disk is full', () => {
  it('keeps a dozen drafts with screenshots as small records', async () => {
    const blobs = memoryBlobs();
    const { shelf, all, contexts } = memoryShelf(blobs);
    const drafts = createDrafts(shelf, () => 100);
    for (let i = 0; i < 12; i++) {
      const d = draftOf(`Draft ${i}`, `https://intranet.example/page${i}`, i + 1);
      expect(await drafts.save(d)).toBe('saved');
      expect(await drafts.saveContext(d, { redactions: 0, gaps: [], screenshot: shot(i) })).toBe('saved');
    }
    expect(JSON.stringify([...all, ...contexts]).length).toBeLessThan(20_000);
    expect((await drafts.list()).length).toBe(12);
    expect((await drafts.context(draftOf('', 'https://intranet.example/page5')))?.screenshot).toBe(shot(5));
  });

  it('drops the oldest drafts’ screenshots first, keeps every text, and says "full" when that is not enough', async () => {
    const one = shot().length;
    const blobs = memoryBlobs(3 * one + 10);
    const { shelf } = memoryShelf(blobs);
    const drafts = createDrafts(shelf, () => 100);
    const pages = [0, 1, 2].map((i) => draftOf(`Draft ${i}`, `https://intranet.example/page${i}`, 10 + i));
    for (const [i, d] of pages.entries()) {
      await drafts.save(d);
      await drafts.saveContext(d, { redactions: 0, gaps: [], selection: `sel ${i}`, screenshot: shot(i) });
    }
    // A fourth screenshot fits only once the oldest draft's one is gone.
    const newest = draftOf('Draft 3', 'https://intranet.example/page3', 20);
    await drafts.save(newest);
    expect(await drafts.saveContext(newest, { redactions: 0, gaps: [], screenshot: shot(3) })).toBe('saved');
    const kept = async (d: Draft) => drafts.context(d);
    expect(await kept(pages[0]!)).toEqual({ redactions: 0, gaps: ['screenshot'], selection: 'sel 0' });
    expect((await kept(pages[1]!))?.screenshot).toBe(shot(1));
    expect((await kept(pages[2]!))?.screenshot).toBe(shot(2));
    expect((await kept(newest))?.screenshot).toBe(shot(3));

    // Larger than the whole store: every other screenshot goes, then 'full'; all texts remain.
    const huge = draftOf('Draft 4', 'https://intranet.example/page4', 30);
    await drafts.save(huge);
    expect(await drafts.saveContext(huge, { redactions: 0, gaps: [], screenshot: `data:image/png;base64,${base64Of(4 * one)}` })).toBe('full');
    expect((await drafts.list()).map((d) => d.subject)).toEqual(['Draft 4', 'Draft 3', 'Draft 2', 'Draft 1', 'Draft 0']);
    for (const d of [...pages, newest]) expect((await kept(d))?.screenshot).toBeUndefined();
    expect(blobs.map.size).toBe(0);
    expect(draftKey(huge)).toContain('page4');
  });

  it('shows "Not saved" in the popup instead of silence, and clears it once a write fits', async () => {
    let room = false;
    const { shelf, all } = memoryShelf(memoryBlobs());
    const full: DraftShelf = {
      ...shelf,
      writeAll: (drafts) => (room ? shelf.writeAll(drafts) : Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'))),
    };
    // The popup over the real chain (client → router → background → recorded RT), its drafts on this full shelf.
    fakeBrowser.reset();
    await desksItem.setValue([DESK]);
    const { store } = chain({ now: () => 1000, popup: { drafts: createDrafts(full, () => 1000) } });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    store.getState().edit({ subject: 'Typed' });
    await vi.waitFor(() => expect(store.getState().draftError).toBe('full'));
    expect(store.getState().draftSavedAt).toBeUndefined();
    expect(store.getState().draft?.subject).toBe('Typed');
    room = true;
    store.getState().edit({ subject: 'Typed more' });
    await vi.waitFor(() => expect(store.getState().draftSavedAt).toBe(1000));
    expect(store.getState().draftError).toBeUndefined();
    expect([...all.values()].map((d) => d.subject)).toEqual(['Typed more']);
  });
});

describe('reply drafts', () => {
  it('keep their attachment apart, write it once while the text changes, and drop it with the reply', async () => {
    const blobs = memoryBlobs();
    const kept = new Map<string, ReplyDraft>();
    const replies = keptReplies({ blobs, read: async (k) => structuredClone(kept.get(k)) ?? null, write: async (k, d) => void (d ? kept.set(k, structuredClone(d)) : kept.delete(k)) });
    const file: Attachment = { name: 'big.bin', type: 'application/octet-stream', data: base64Of(MAX_ATTACHMENT_BYTES - 1) };
    const put = vi.spyOn(blobs, 'put');
    for (const text of ['H', 'He', 'Hello']) await replies.write('r1', { text, file, updatedAt: 1 });
    expect(put).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(kept.get('r1')).length).toBeLessThan(1000);
    expect(await replies.read('r1')).toEqual({ text: 'Hello', file, updatedAt: 1 });
    await blobs.delete(['reply/r1/file']);
    expect(await replies.read('r1')).toEqual({ text: 'Hello', updatedAt: 1 }); // the text survives a lost file
    await replies.write('r1', null);
    expect(kept.size + blobs.map.size).toBe(0);
  });
});

describe('blobs no record names any more', () => {
  /** Drafts, the outbox and reply drafts on one blob store, as the extension keeps them; and what the sweep reads of them. */
  function house() {
    const blobs = memoryBlobs();
    const drafts = memoryShelf(blobs);
    const kept = new Map<string, ReplyDraft>();
    const replies = keptReplies({ blobs, read: async (k) => structuredClone(kept.get(k)) ?? null, write: async (k, d) => void (d ? kept.set(k, structuredClone(d)) : kept.delete(k)) });
    const { box, item } = outboxWith(blobs, async () => Promise.reject(toDeskError({ kind: 'offline', retryable: true })));
    const owners = async (): Promise<BlobOwners> => ({ contexts: [...drafts.contexts.values()], replies: [...kept.values()], outbox: item.value });
    return { blobs, drafts, kept, replies, box, item, owners };
  }

  it('deletes what a write cut short left behind, and every draft, reply and queued request keeps its bytes', async () => {
    const { blobs, drafts, kept, replies, box, item, owners } = house();
    const store = createDrafts(drafts.shelf, () => 1);
    const [a, b] = [draftOf('Kept', 'https://intranet.example/a'), draftOf('Cut short', 'https://intranet.example/b')];
    const context = (seed: number): PageContext => ({ redactions: 0, gaps: [], url: 'https://intranet.example/', screenshot: shot(seed) });
    await store.save(a);
    await store.saveContext(a, context(1));
    await store.save(b);
    await store.saveContext(b, context(2));
    // The popup closed while draft b was removed: its record is gone, its screenshot is not.
    drafts.contexts.delete(draftKey(b));
    const file: Attachment = { name: 'log.txt', type: 'text/plain', data: base64Of(2000) };
    await replies.write('rt/41', { text: 'Here is the log', file, updatedAt: 1 });
    await replies.write('rt/42', { text: 'Sent since', file, updatedAt: 1 });
    kept.delete('rt/42');
    const input = atTheLimit();
    expect(await box.submit(input)).toMatchObject({ status: 'queued' });

    const gone = await sweepBlobs(blobs, owners, noWait);

    expect(gone.sort()).toEqual([`draft/${draftKey(b)}/shot`, 'reply/rt/42/file']);
    expect((await store.context(a))?.screenshot).toBe(shot(1));
    expect(await replies.read('rt/41')).toEqual({ text: 'Here is the log', file, updatedAt: 1 });
    const queued = refsOf(item.value[0]?.input.context);
    expect(queued).toHaveLength(4);
    expect(queued.every((id) => blobs.map.has(id))).toBe(true);
    expect(await internalise(blobs, item.value[0]!.input.context)).toEqual({ context: input.context, missing: [] });
    expect(await sweepBlobs(blobs, owners, noWait)).toEqual([]);
  });

  it('leaves alone a blob written while the records are read (its record comes after it)', async () => {
    const { blobs, owners } = house();
    await blobs.put('draft/old/shot', shot(1));
    const gone = await sweepBlobs(
      blobs,
      async () => {
        await blobs.put('draft/new/shot', shot(2)); // the popup writes a screenshot; its record is not there yet
        return owners();
      },
      noWait,
    );
    expect(gone).toEqual(['draft/old/shot']);
    expect([...blobs.map.keys()]).toEqual(['draft/new/shot']);
  });

  it('leaves alone a blob whose record is written after the records were read, within the grace', async () => {
    const { blobs, drafts, owners } = house();
    const store = createDrafts(drafts.shelf, () => 1);
    const draft = draftOf('Saved as the browser starts', 'https://intranet.example/c');
    const context: PageContext = { redactions: 0, gaps: [], url: 'https://intranet.example/c', screenshot: shot(3) };
    await store.save(draft);
    await store.saveContext(draft, context);
    // The bytes are in before the sweep's first look; the record is not (written a moment later).
    const record = drafts.contexts.get(draftKey(draft));
    drafts.contexts.delete(draftKey(draft));
    await blobs.put('draft/cut/shot', shot(4)); // and a real leftover beside it
    const waited: number[] = [];
    const gone = await sweepBlobs(blobs, owners, async (ms) => {
      waited.push(ms);
      drafts.contexts.set(draftKey(draft), record!); // the record lands during the grace
    });
    expect(waited).toEqual([SWEEP_GRACE_MS]);
    expect(gone).toEqual(['draft/cut/shot']);
    expect((await store.context(draft))?.screenshot).toBe(shot(3));
  });

  it('deletes nothing when the leftover was put to use during the grace', async () => {
    const { blobs, owners, kept } = house();
    await blobs.put('reply/rt/43/file', base64Of(10));
    const gone = await sweepBlobs(blobs, owners, async () => {
      kept.set('rt/43', { text: 'Now named', file: { name: 'a.txt', type: 'text/plain', data: 'stored-blob:reply/rt/43/file#x.y' }, updatedAt: 2 });
    });
    expect(gone).toEqual([]);
    expect(blobs.map.has('reply/rt/43/file')).toBe(true);
  });

  it('reads no records when there are no blobs', async () => {
    const { blobs } = house();
    const owners = vi.fn(async (): Promise<BlobOwners> => ({ contexts: [], replies: [], outbox: [] }));
    const wait = vi.fn(noWait);
    expect(await sweepBlobs(blobs, owners, wait)).toEqual([]);
    expect(owners).not.toHaveBeenCalled();
    expect(wait).not.toHaveBeenCalled();
  });

  it('finds the records in extension storage: every draft context, every reply draft, the outbox', async () => {
    fakeBrowser.reset();
    const ctx: PageContext = { redactions: 0, gaps: [], screenshot: 'stored-blob:draft/k1/shot#1.a' };
    const reply: ReplyDraft = { text: 'hi', file: { name: 'a.txt', type: 'text/plain', data: 'stored-blob:reply/rt/41/file#1.b' }, updatedAt: 1 };
    const queued: Submission = { clientId: 'c9', input: { draft: draftOf('Queued'), context: { redactions: 0, gaps: [], screenshot: 'stored-blob:outbox/c9/shot#1.c' } }, createdAt: 0, attempts: 0, nextAt: 0, held: false };
    await storage.setItem('local:draftContext:k1', ctx);
    await storage.setItem('local:replyDraft:rt/41', reply);
    await storage.setItem('local:drafts', { k1: draftOf('Kept') });
    await outboxItem.setValue([queued]);
    const owners = await blobOwners();
    expect(owners).toEqual({ contexts: [ctx], replies: [reply], outbox: [queued] });
  });
});
