// The popup's stores through the real chain (tests/unit/support/popup-chain.ts): the store's
// client → the router → the background's handlers with WXT's fake storage and the recorded RT
// behind a fetch that can be cut (offline) or refuse a create, as a desk does. No message is
// faked: what the stores get is what the background answers.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createClient } from '@/lib/messaging/protocol';
import { catalogItem, desksItem, outboxItem, syncStateItem } from '@/lib/platform/storage';
import { DRAFT_MAX_AGE_MS, type ReplyDraft, type ReplyShelf } from '@/lib/requests/draft';
import { keyOf, type Snapshot } from '@/lib/tracking/snapshot';
import { draftSummaries } from '@/stores/home';
import { createPopupStore } from '@/stores/popup';
import { createRequestsStore } from '@/stores/requests';
import { catalogOf, facilities } from '../support/catalog';
import { memoryDrafts } from '../support/drafts';
import { chain, DESK, facilitiesForm, fileColdRoom, NOW, openFacilities } from '../support/popup-chain';

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([DESK]);
});

describe('popup store', () => {
  it('shows the stored catalog before any message is answered', async () => {
    const stored = catalogOf(facilities('rt:desk'));
    await catalogItem.setValue(stored);
    // The background never answers (the worker is still starting): the real client, a silent channel.
    const store = createPopupStore({ client: createClient(() => new Promise(() => {})), readCatalog: () => catalogItem.getValue(), drafts: memoryDrafts().drafts, now: () => NOW });
    void store.getState().start();
    await vi.waitFor(() => expect(store.getState().ready).toBe(true));
    expect(store.getState().catalog).toEqual(stored);
    expect(store.getState().sync).toBe('syncing');
  });

  it('refreshes the catalog from the desk through the background', async () => {
    const { store, names } = chain();
    await store.getState().start();
    expect(names()).toContain('catalog.refresh');
    expect(facilitiesForm(store)).toMatchObject({ deskId: 'rt:desk', name: 'Facilities' });
    expect((await catalogItem.getValue())?.forms.map((f) => f.id)).toContain('3');
  });

  it('keeps the catalog it shows when a refresh brings the same departments and forms (its indexes are not built again)', async () => {
    const { store } = chain();
    await store.getState().start();
    const shown = store.getState().catalog;
    await store.getState().refresh();
    expect(store.getState().catalog).toBe(shown);
    // Changed at the desk: the new one is shown.
    const stored = (await catalogItem.getValue())!;
    await catalogItem.setValue({ ...stored, forms: stored.forms.map((f) => (f.id === '3' ? { ...f, name: 'Workplace' } : f)) });
    await store.getState().refresh();
    expect(store.getState().catalog).not.toBe(shown);
    expect(facilitiesForm(store).name).toBe('Workplace');
  });

  it('keeps what was typed when the popup closes and reopens', async () => {
    const first = chain();
    await openFacilities(first.store);
    first.store.getState().edit({ subject: 'Door sticks', description: 'It sticks' });
    first.store.getState().setField('5', '2.1');
    await vi.waitFor(() => expect(first.store.getState().draftSavedAt).toBe(NOW));
    // The page's secret never becomes part of a storage key.
    expect([...first.shelf.all.keys()].join()).not.toContain('abc123secret');

    const reopened = chain({ shelf: first.shelf }).store;
    await reopened.getState().start();
    expect(reopened.getState().view).toBe('form');
    expect(reopened.getState().draft).toMatchObject({ subject: 'Door sticks', description: 'It sticks', fields: { '5': '2.1' } });
  });

  it('says "Draft saved" once what was typed is kept, though a proposal changed the draft while it was being written', async () => {
    const shelf = memoryDrafts(() => NOW);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const save = shelf.drafts.save;
    shelf.drafts.save = async (draft) => {
      await slow;
      return save(draft);
    };
    const { store } = chain({ shelf });
    await store.getState().start();
    store.getState().open(facilitiesForm(store), {}, undefined, 'the door of meeting room 3.14 does not lock');
    store.getState().edit({ subject: 'Door sticks' });
    // The form's fields arrive after the typing, and the room named in the sentence is proposed into one of them.
    await vi.waitFor(() => expect(store.getState().draft?.fields).toEqual({ '5': '3.14' }));
    release();
    await vi.waitFor(() => expect(store.getState().draftSavedAt).toBe(NOW));
    expect(store.getState().draft).toMatchObject({ subject: 'Door sticks' });
  });

  it('keeps one draft per form and page', async () => {
    const shelf = memoryDrafts(() => NOW);
    const onA = { shelf, pageUrl: 'https://a.example/x' };
    const onB = { shelf, pageUrl: 'https://b.example/y' };
    const a = chain(onA).store;
    await openFacilities(a);
    a.getState().edit({ subject: 'About page A' });

    const b = chain(onB).store;
    await b.getState().start();
    expect(b.getState().view).toBe('home'); // A's draft is listed, not forced on page B
    expect(b.getState().drafts.map((d) => d.subject)).toEqual(['About page A']);
    b.getState().open(facilitiesForm(b));
    expect(b.getState().draft?.subject).toBe('');
    b.getState().edit({ subject: 'About page B' });
    await vi.waitFor(() => expect(shelf.all.size).toBe(2));

    const backOnA = chain(onA).store;
    await backOnA.getState().start();
    expect(backOnA.getState().draft?.subject).toBe('About page A');
    const againOnB = chain(onB).store;
    await againOnB.getState().start();
    expect(againOnB.getState().draft?.subject).toBe('About page B');
    // From page B, page A's draft can still be continued.
    againOnB.getState().back();
    await againOnB.getState().resume(againOnB.getState().drafts.find((d) => d.subject === 'About page A')!);
    expect(againOnB.getState().draft?.subject).toBe('About page A');
  });

  it('does not list a form that was only opened as an unfinished draft', async () => {
    const { store, shelf } = chain();
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    store.getState().back();
    expect(shelf.all.size).toBe(0);
    expect(store.getState().drafts).toEqual([]);
  });

  it('deletes drafts older than a week', async () => {
    let now = NOW;
    const shelf = memoryDrafts(() => now);
    const { store } = chain({ now: () => now, shelf });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    store.getState().edit({ subject: 'old' });
    await vi.waitFor(() => expect(shelf.contexts.size).toBe(1));
    now += DRAFT_MAX_AGE_MS + 1;
    const later = chain({ now: () => now, shelf }).store;
    await later.getState().start();
    expect(later.getState().view).toBe('home');
    expect(shelf.all.size).toBe(0);
    expect(shelf.contexts.size).toBe(0);
  });

  it('keeps the captured page (selection, screenshot, its edits) with the draft', async () => {
    const captured = { click: { selection: 'E-4411' }, screenshot: 'data:image/png;base64,AAAA', browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } };
    const first = chain({ capture: async () => captured });
    await first.store.getState().start();
    await vi.waitFor(() => expect(first.store.getState().pageContext).not.toBeNull());
    expect(first.names()).toContain('context.capture');
    first.store.getState().open(facilitiesForm(first.store));
    first.store.getState().setScreenshot('data:image/png;base64,EDITED');
    await vi.waitFor(() => expect([...first.shelf.contexts.values()][0]).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' }));

    // The page has changed meanwhile: the reopened draft shows what was kept, not a new capture.
    const reopened = chain({ shelf: first.shelf, capture: async () => ({ ...captured, click: { selection: 'something else' } }) }).store;
    await reopened.getState().start();
    await vi.waitFor(() => expect(reopened.getState().pageContext).not.toBeNull());
    expect(reopened.getState().context).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' });
    expect([...first.shelf.contexts.values()][0]).toMatchObject({ selection: 'E-4411' });
  });

  it('keeps attached files with the draft, refuses one over the limit by name, and files them with the request', async () => {
    const first = chain();
    await first.store.getState().start();
    await vi.waitFor(() => expect(first.store.getState().pageContext).not.toBeNull());
    first.store.getState().open(facilitiesForm(first.store));
    first.store.getState().attach({ name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' }, 'error.log');
    first.store.getState().attach({ name: 'huge.bin', type: 'application/octet-stream', data: 'A'.repeat(14 * 1024 * 1024) }, 'huge.bin');
    first.store.getState().attach(undefined, 'also-huge.iso'); // fileToAttachment said no
    expect(first.store.getState().tooLarge).toBe('also-huge.iso');
    expect(first.store.getState().context?.files?.map((f) => f.name)).toEqual(['error.log']);
    await vi.waitFor(() => expect([...first.shelf.contexts.values()][0]?.files?.map((f) => f.name)).toEqual(['error.log']));

    const reopened = chain({ shelf: first.shelf }, first.rt).store;
    await reopened.getState().start();
    await vi.waitFor(() => expect(reopened.getState().fields['rt:desk/3']).toBeDefined());
    await vi.waitFor(() => expect(reopened.getState().context?.files?.map((f) => f.name)).toEqual(['error.log']));
    reopened.getState().edit({ subject: 's', description: 'd' });
    reopened.getState().setField('5', '1.01');
    await reopened.getState().submit();
    expect(reopened.getState().view).toBe('sent');
    expect(first.rt.created).toHaveLength(1);
    expect(first.rt.created[0]?.Attachments?.map((a: { FileName: string }) => a.FileName)).toContain('error.log');
  });

  it('shows problems beside the fields and sends nothing when the draft is incomplete', async () => {
    const { store, names, rt } = chain();
    await openFacilities(store);
    await store.getState().submit();
    expect(store.getState().problems.map((p) => p.field)).toEqual(['subject', 'description', '5']);
    expect(names()).not.toContain('request.submit');
    store.getState().setField('5', '2.14');
    expect(store.getState().problems.map((p) => p.field)).toEqual(['subject', 'description']);
    expect(rt.created).toEqual([]);
  });

  it('keeps the draft when the desk refused the request, and clears it once filed', async () => {
    const refused = chain({ refuseCreate: true });
    await openFacilities(refused.store);
    refused.store.getState().edit({ subject: 's', description: 'd' });
    refused.store.getState().setField('5', '1.01');
    await refused.store.getState().submit();
    expect(refused.store.getState().submitError?.kind).toBe('rejected');
    expect(refused.store.getState().view).toBe('form');
    await vi.waitFor(() => expect(refused.stored()?.subject).toBe('s'));
    expect(await outboxItem.getValue()).toEqual([]); // refused: nothing left to retry

    const working = chain({ shelf: refused.shelf });
    await working.store.getState().start();
    await vi.waitFor(() => expect(working.store.getState().fields['rt:desk/3']).toBeDefined());
    await working.store.getState().submit();
    expect(working.store.getState().view).toBe('sent');
    expect(working.store.getState().outcome?.ticket.key).toBeDefined();
    expect(working.rt.created[0]).toMatchObject({ Subject: 's', Queue: '3' });
    await vi.waitFor(() => expect(working.shelf.all.size).toBe(0));
    expect(working.store.getState().drafts).toEqual([]);
  });

  it('remembers the form a request was sent with, for "recent" next time', async () => {
    let history = {};
    const { store } = chain({ popup: { readHistory: async () => history, writeHistory: async (h) => void (history = h) } });
    await store.getState().start();
    store.getState().open(facilitiesForm(store), { Room: '2.14' });
    await vi.waitFor(() => expect(store.getState().draft?.fields).toEqual({ '5': '2.14' }));
    store.getState().edit({ subject: 's', description: 'd' });
    await store.getState().submit();
    expect(store.getState().view).toBe('sent');
    expect(history).toEqual({ 'rt:desk/3': { count: 1, last: NOW } });
  });

  it('offers settings when no desk is configured', async () => {
    await desksItem.setValue([]);
    const { store } = chain();
    await store.getState().start();
    expect(store.getState().configured).toBe(false);
  });
});

describe('requests store: the outbox', () => {
  it('lists a request kept while the desk is unreachable, keeps it on cancel while it may have landed, and files it on retry', async () => {
    let offline = false;
    const popup = chain({ offline: () => offline });
    await openFacilities(popup.store);
    popup.store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    popup.store.getState().setField('5', '1.01');
    offline = true;
    await popup.store.getState().submit();
    expect(popup.store.getState().queued).toMatchObject({ clientId: 'client-1', error: { kind: 'offline' } });

    const store = createRequestsStore({ client: popup.client, readSnapshot: async () => null });
    await store.getState().start();
    await vi.waitFor(() => expect(store.getState().outbox.map((s) => s.clientId)).toEqual(['client-1']));
    // The desk cannot be asked whether it got the request: it is not given back to be sent twice,
    // and the row says why.
    expect(await store.getState().cancelOutbox('client-1')).toBeUndefined();
    expect(store.getState().cancelNote).toMatchObject({ clientId: 'client-1', error: { kind: 'offline' } });
    expect(store.getState().cancelling).toBeUndefined();
    expect((await outboxItem.getValue()).map((s) => s.clientId)).toEqual(['client-1']);

    offline = false;
    await store.getState().retryOutbox('client-1');
    expect(popup.names()).toContain('outbox.retry');
    await vi.waitFor(() => expect(popup.rt.created).toHaveLength(1));
    expect(popup.rt.created[0]).toMatchObject({ Subject: 'Cold room' });
    expect(await outboxItem.getValue()).toEqual([]);
  });
});

describe('requests store: start', () => {
  it('shows what is stored and, told to, leaves asking the desk for later (while a request is typed)', async () => {
    const popup = chain();
    const snapshot = { requests: [], syncedAt: 1, watermark: '' } as unknown as Snapshot;
    const later = createRequestsStore({ client: popup.client, readSnapshot: async () => snapshot });
    await later.getState().start({ sync: false });
    expect(later.getState().snapshot).toBe(snapshot);
    expect(popup.names()).not.toContain('requests.sync');
    // The background is told someone is watching: replies are looked for every minute for a while.
    await vi.waitFor(async () => expect((await syncStateItem.getValue()).lastActivityAt).toBe(NOW));
    const now = createRequestsStore({ client: popup.client, readSnapshot: async () => snapshot });
    await now.getState().start();
    expect(popup.names()).toContain('requests.sync');
  });
});

describe('requests store: a reply being written', () => {
  it('comes back with its attachment after the popup closed, and is cleared once sent', async () => {
    // A request filed through the chain first, so the desk has it.
    const filing = await fileColdRoom();
    const { ref, request, snapshot } = filing;

    const kept = new Map<string, ReplyDraft>();
    const replies: ReplyShelf = { read: async (k) => kept.get(k) ?? null, write: async (k, v) => void (v ? kept.set(k, v) : kept.delete(k)) };
    const make = () => createRequestsStore({ client: chain({}, filing.rt).client, readSnapshot: async () => snapshot, replies, now: () => 5 });
    const first = make();
    await first.getState().start();
    const key = keyOf(request as never);
    await first.getState().open(key);
    first.getState().setReply('The room is still cold');
    first.getState().attach({ name: 'thermo.png', type: 'image/png', data: 'AAAA' });

    const again = make();
    await again.getState().start();
    await again.getState().open(key);
    expect(again.getState().reply).toBe('The room is still cold');
    expect(again.getState().file?.name).toBe('thermo.png');
    await again.getState().sendReply();
    expect(filing.rt.replies).toEqual([{ id: ref.id, text: expect.stringContaining('The room is still cold'), files: ['thermo.png'] }]);
    expect(kept.size).toBe(0);
  });
});

describe('home view rows', () => {
  it('says where each unfinished draft was started', () => {
    const catalog = catalogOf(facilities('d'));
    const draft = (page: string) => ({ deskId: 'd', departmentId: '3', formId: '3', page, subject: 'x', description: '', fields: {}, excluded: [], updatedAt: 5 });
    expect(draftSummaries([draft('https://a.example/x'), draft('https://b.example:8443/y')], catalog, 'https://a.example/x').map((d) => [d.department, d.where])).toEqual([
      ['Facilities', 'this page'],
      ['Facilities', 'b.example:8443'],
    ]);
  });
});
