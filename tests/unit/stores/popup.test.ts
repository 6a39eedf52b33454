import { describe, expect, it, vi } from 'vitest';
import type { Client } from '@/lib/messaging/protocol';
import { DRAFT_MAX_AGE_MS, type ReplyDraft, type ReplyShelf } from '@/lib/requests/draft';
import { keyOf, type Snapshot } from '@/lib/tracking/snapshot';
import { createPopupStore, type PopupDeps } from '@/stores/popup';
import { createRequestsStore } from '@/stores/requests';
import { draftSummaries } from '@/stores/home';
import { catalogOf, facilities, ROOM } from '../support/catalog';
import { memoryDrafts } from '../support/drafts';

const catalog = catalogOf(facilities('d', [ROOM]));

/** Drafts on an in-memory shelf: the real draft logic, storage replaced by two maps. */

function deps(overrides: Partial<PopupDeps> = {}, calls: Partial<Record<string, unknown>> = {}, shelf = memoryDrafts()) {
  const call = vi.fn(async (name: string) => {
    if (name in calls) return calls[name];
    if (name === 'catalog.refresh') return { ok: true, value: catalog };
    if (name === 'context.capture') return { ok: true, value: { redactions: 0, gaps: [] } };
    return { ok: false, error: { kind: 'server', retryable: true } };
  });
  const d: PopupDeps = {
    client: { call } as unknown as Client,
    readCatalog: async () => catalog,
    drafts: shelf.drafts,
    pageUrl: async () => 'https://intranet.example/rooms?token=abc123secret#b',
    now: () => 1_000,
    ...overrides,
  };
  return { d, call, shelf, stored: () => [...shelf.all.values()][0] ?? null };
}

const onPage = (url: string) => ({ pageUrl: async () => url });

describe('popup store', () => {
  it('shows the stored catalog before any message is answered', async () => {
    const { d } = deps({ client: { call: () => new Promise(() => {}) } as unknown as Client });
    const store = createPopupStore(d);
    void store.getState().start(); // never settles: the background does not answer
    await vi.waitFor(() => expect(store.getState().ready).toBe(true));
    expect(store.getState().catalog).toBe(catalog);
    expect(store.getState().sync).toBe('syncing');
  });

  it('keeps what was typed when the popup closes and reopens', async () => {
    const { d, shelf } = deps();
    const first = createPopupStore(d);
    await first.getState().start();
    first.getState().open(catalog.forms[0]!);
    first.getState().edit({ subject: 'Door sticks', description: 'It sticks' });
    first.getState().setField('5', '2.1');
    await vi.waitFor(() => expect(first.getState().draftSavedAt).toBe(1_000));
    // The page's secret never becomes part of a storage key.
    expect([...shelf.all.keys()].join()).not.toContain('abc123secret');

    const reopened = createPopupStore(d);
    await reopened.getState().start();
    expect(reopened.getState().view).toBe('form');
    expect(reopened.getState().draft).toMatchObject({ subject: 'Door sticks', description: 'It sticks', fields: { '5': '2.1' } });
  });

  it('keeps one draft per form and page', async () => {
    const shelf = memoryDrafts();
    const onA = deps(onPage('https://a.example/x'), {}, shelf).d;
    const onB = deps(onPage('https://b.example/y'), {}, shelf).d;
    const a = createPopupStore(onA);
    await a.getState().start();
    a.getState().open(catalog.forms[0]!);
    a.getState().edit({ subject: 'About page A' });

    const b = createPopupStore(onB);
    await b.getState().start();
    expect(b.getState().view).toBe('home'); // A's draft is listed, not forced on page B
    expect(b.getState().drafts.map((d) => d.subject)).toEqual(['About page A']);
    b.getState().open(catalog.forms[0]!);
    expect(b.getState().draft?.subject).toBe('');
    b.getState().edit({ subject: 'About page B' });
    await vi.waitFor(() => expect(shelf.all.size).toBe(2));

    const backOnA = createPopupStore(onA);
    await backOnA.getState().start();
    expect(backOnA.getState().draft?.subject).toBe('About page A');
    const againOnB = createPopupStore(onB);
    await againOnB.getState().start();
    expect(againOnB.getState().draft?.subject).toBe('About page B');
    // From page B, page A's draft can still be continued.
    againOnB.getState().back();
    await againOnB.getState().resume(againOnB.getState().drafts.find((d) => d.subject === 'About page A')!);
    expect(againOnB.getState().draft?.subject).toBe('About page A');
  });

  it('does not list a form that was only opened as an unfinished draft', async () => {
    const { d, shelf } = deps();
    const store = createPopupStore(d);
    await store.getState().start();
    store.getState().open(catalog.forms[0]!);
    store.getState().back();
    expect(shelf.all.size).toBe(0);
    expect(store.getState().drafts).toEqual([]);
  });

  it('deletes drafts older than a week', async () => {
    let now = 1_000;
    const shelf = memoryDrafts(() => now);
    const { d } = deps({ now: () => now }, {}, shelf);
    const store = createPopupStore(d);
    await store.getState().start();
    store.getState().open(catalog.forms[0]!);
    store.getState().edit({ subject: 'old' });
    await vi.waitFor(() => expect(shelf.contexts.size).toBe(1));
    now += DRAFT_MAX_AGE_MS + 1;
    const later = createPopupStore(d);
    await later.getState().start();
    expect(later.getState().view).toBe('home');
    expect(shelf.all.size).toBe(0);
    expect(shelf.contexts.size).toBe(0);
  });

  it('keeps the captured page (selection, screenshot, its edits) with the draft', async () => {
    const captured = { redactions: 0, gaps: [], selection: 'E-4411', screenshot: 'data:image/png;base64,AAAA' };
    const { d, shelf } = deps({}, { 'context.capture': { ok: true, value: captured } });
    const first = createPopupStore(d);
    await first.getState().start();
    await vi.waitFor(() => expect(first.getState().pageContext).not.toBeNull());
    first.getState().open(catalog.forms[0]!);
    first.getState().setScreenshot('data:image/png;base64,EDITED');
    await vi.waitFor(() => expect([...shelf.contexts.values()][0]).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' }));

    // The page has changed meanwhile: the reopened draft shows what was kept, not a new capture.
    const recaptured = { redactions: 0, gaps: [], selection: 'something else' };
    const reopened = createPopupStore({ ...d, client: { call: async (n: string) => ({ ok: true, value: n === 'context.capture' ? recaptured : catalog }) } as unknown as Client });
    await reopened.getState().start();
    await vi.waitFor(() => expect(reopened.getState().pageContext).not.toBeNull());
    expect(reopened.getState().context).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' });
    expect([...shelf.contexts.values()][0]).toMatchObject({ selection: 'E-4411' });
  });

  it('keeps attached files with the draft, refuses one over the limit by name, and sends them', async () => {
    const shelf = memoryDrafts();
    const { d, call } = deps({}, { 'request.submit': { ok: false, error: { kind: 'offline', retryable: true } } }, shelf);
    const store = createPopupStore(d);
    await store.getState().start();
    await vi.waitFor(() => expect(store.getState().pageContext).not.toBeNull());
    store.getState().open(catalog.forms[0]!);
    store.getState().attach({ name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' }, 'error.log');
    store.getState().attach({ name: 'huge.bin', type: 'application/octet-stream', data: 'A'.repeat(14 * 1024 * 1024) }, 'huge.bin');
    store.getState().attach(undefined, 'also-huge.iso'); // fileToAttachment said no
    expect(store.getState().tooLarge).toBe('also-huge.iso');
    expect(store.getState().context?.files?.map((f) => f.name)).toEqual(['error.log']);
    await vi.waitFor(() => expect([...shelf.contexts.values()][0]?.files?.map((f) => f.name)).toEqual(['error.log']));

    const reopened = createPopupStore(d);
    await reopened.getState().start();
    await vi.waitFor(() => expect(reopened.getState().context?.files?.map((f) => f.name)).toEqual(['error.log']));
    reopened.getState().edit({ subject: 's', description: 'd' });
    reopened.getState().setField('5', '1');
    await reopened.getState().submit();
    expect(call).toHaveBeenCalledWith('request.submit', expect.objectContaining({ context: expect.objectContaining({ files: [expect.objectContaining({ name: 'error.log' })] }) }));
    reopened.getState().detach(0);
    expect(reopened.getState().context?.files).toEqual([]);
  });

  it('shows problems beside the fields and sends nothing when the draft is incomplete', async () => {
    const { d, call } = deps();
    const store = createPopupStore(d);
    await store.getState().start();
    store.getState().open(catalog.forms[0]!);
    await store.getState().submit();
    expect(store.getState().problems.map((p) => p.field)).toEqual(['subject', 'description', '5']);
    expect(call).not.toHaveBeenCalledWith('request.submit', expect.anything());
    store.getState().setField('5', '2.14');
    expect(store.getState().problems.map((p) => p.field)).toEqual(['subject', 'description']);
  });

  it('clears the draft once filed, and keeps it when sending failed', async () => {
    const failing = deps({}, { 'request.submit': { ok: false, error: { kind: 'offline', retryable: true } } });
    const store = createPopupStore(failing.d);
    await store.getState().start();
    store.getState().open(catalog.forms[0]!);
    store.getState().edit({ subject: 's', description: 'd' });
    store.getState().setField('5', '1');
    await store.getState().submit();
    expect(store.getState().submitError?.kind).toBe('offline');
    await vi.waitFor(() => expect(failing.stored()?.subject).toBe('s'));

    const outcome = { ticket: { deskId: 'd', id: '9', key: '#9', url: 'u' }, departmentName: 'Facilities', dropped: [], confirmed: true };
    const working = deps({}, { 'request.submit': { ok: true, value: outcome } }, failing.shelf);
    const again = createPopupStore(working.d);
    await again.getState().start();
    await again.getState().submit();
    expect(again.getState().view).toBe('sent');
    await vi.waitFor(() => expect(failing.stored()).toBeNull());
    expect(again.getState().drafts).toEqual([]);
  });

  it('remembers the form a request was sent with, for "recent" next time', async () => {
    let history = {};
    const outcome = { ticket: { deskId: 'd', id: '9', key: '#9', url: 'u' }, departmentName: 'Facilities', dropped: [], confirmed: true };
    const { d } = deps({ readHistory: async () => history, writeHistory: async (h) => void (history = h) }, { 'request.submit': { ok: true, value: outcome } });
    const store = createPopupStore(d);
    await store.getState().start();
    store.getState().open(catalog.forms[0]!, { '5': '2.14' });
    expect(store.getState().draft?.fields).toEqual({ '5': '2.14' });
    store.getState().edit({ subject: 's', description: 'd' });
    await store.getState().submit();
    expect(history).toEqual({ 'd/3': { count: 1, last: 1_000 } });
  });

  it('offers settings when no desk is configured', async () => {
    const { d } = deps({ readCatalog: async () => null }, { 'catalog.refresh': { ok: false, error: { kind: 'config', retryable: false } } });
    const store = createPopupStore(d);
    await store.getState().start();
    expect(store.getState().configured).toBe(false);
  });
});

describe('requests store: the outbox', () => {
  it('lists queued requests, retries them, and gives a cancelled one back', async () => {
    const input = { draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 's', description: 'd', fields: {}, excluded: [], updatedAt: 0 }, context: { redactions: 0, gaps: [] } };
    let outbox = [{ clientId: 'c1', input, createdAt: 0, attempts: 1, nextAt: 5, held: false }];
    const call = vi.fn(async (name: string) => {
      if (name === 'outbox.list') return { ok: true, value: outbox };
      if (name === 'outbox.retry') return { ok: true, value: { status: 'queued', clientId: 'c1', error: { kind: 'offline', retryable: true } } };
      if (name === 'outbox.cancel') {
        outbox = [];
        return { ok: true, value: { status: 'returned', input } };
      }
      return { ok: true, value: null };
    });
    const store = createRequestsStore({ client: { call } as unknown as Client, readSnapshot: async () => null });
    await store.getState().start();
    await vi.waitFor(() => expect(store.getState().outbox).toHaveLength(1));
    await store.getState().retryOutbox('c1');
    expect(call).toHaveBeenCalledWith('outbox.retry', { clientId: 'c1' });
    // Changed on purpose: cancel answers with a CancelResult.
    expect(await store.getState().cancelOutbox('c1')).toEqual({ status: 'returned', input });
    expect(store.getState().outbox).toEqual([]);
  });
});

describe('requests store: a reply being written', () => {
  it('comes back with its attachment after the popup closed, and is cleared once sent', async () => {
    const kept = new Map<string, ReplyDraft>();
    const replies: ReplyShelf = { read: async (k) => kept.get(k) ?? null, write: async (k, v) => void (v ? kept.set(k, v) : kept.delete(k)) };
    const request = { ref: { deskId: 'd', id: '7', key: '#7', url: 'u' }, departmentId: '3', subject: 's', status: 'open', updatedAt: '', lastTxn: 1, unseen: false };
    const snapshot = { requests: [request], syncedAt: 0, watermark: '' } as unknown as Snapshot;
    const call = vi.fn(async (name: string) => ({ ok: true, value: name === 'requests.conversation' ? [] : null }));
    const make = () => createRequestsStore({ client: { call } as unknown as Client, readSnapshot: async () => snapshot, replies, now: () => 5 });
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
    expect(call).toHaveBeenCalledWith('requests.reply', expect.objectContaining({ text: 'The room is still cold' }));
    expect(kept.size).toBe(0);
  });
});

describe('home view rows', () => {
  it('says where each unfinished draft was started', () => {
    const draft = (page: string) => ({ deskId: 'd', departmentId: '3', formId: '3', page, subject: 'x', description: '', fields: {}, excluded: [], updatedAt: 5 });
    expect(draftSummaries([draft('https://a.example/x'), draft('https://b.example:8443/y')], catalog, 'https://a.example/x').map((d) => [d.department, d.where])).toEqual([
      ['Facilities', 'this page'],
      ['Facilities', 'b.example:8443'],
    ]);
  });
});
