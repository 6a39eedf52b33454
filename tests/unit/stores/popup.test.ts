import { describe, expect, it, vi } from 'vitest';
import type { Catalog } from '@/lib/desks/types';
import type { Client } from '@/lib/messaging/protocol';
import type { Draft } from '@/lib/requests/draft';
import { createPopupStore, type PopupDeps } from '@/stores/popup';
import { createRequestsStore } from '@/stores/requests';

const catalog: Catalog = {
  fetchedAt: 1,
  departments: [{ deskId: 'd', id: '3', name: 'Facilities', description: 'Rooms' }],
  forms: [
    {
      deskId: 'd',
      departmentId: '3',
      id: '3',
      name: 'Facilities',
      description: 'Rooms',
      fields: [{ id: '5', label: 'Room', kind: 'text', required: true, pattern: '.' }],
    },
  ],
};

function deps(overrides: Partial<PopupDeps> = {}, calls: Partial<Record<string, unknown>> = {}) {
  let stored: Draft | null = null;
  const call = vi.fn(async (name: string) => {
    if (name in calls) return calls[name];
    if (name === 'catalog.refresh') return { ok: true, value: catalog };
    if (name === 'context.capture') return { ok: true, value: { redactions: 0, gaps: [] } };
    return { ok: false, error: { kind: 'server', retryable: true } };
  });
  const d: PopupDeps = {
    client: { call } as unknown as Client,
    readCatalog: async () => catalog,
    readDraft: async () => stored,
    writeDraft: async (draft) => {
      stored = draft;
    },
    now: () => 1_000,
    ...overrides,
  };
  return { d, call, stored: () => stored };
}

describe('popup store', () => {
  it('shows the stored catalog before any message is answered', async () => {
    const { d } = deps({ client: { call: () => new Promise(() => {}) } as unknown as Client });
    const store = createPopupStore(d);
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().ready).toBe(true));
    expect(store.getState().catalog).toBe(catalog);
    expect(store.getState().sync).toBe('syncing');
  });

  it('keeps what was typed when the popup closes and reopens', async () => {
    const { d } = deps();
    const first = createPopupStore(d);
    await first.getState().start();
    first.getState().open(catalog.departments[0]!);
    first.getState().edit({ subject: 'Door sticks', description: 'It sticks' });
    first.getState().setField('5', '2.1');
    await vi.waitFor(() => expect(first.getState().draftSavedAt).toBe(1_000));

    const reopened = createPopupStore(d);
    await reopened.getState().start();
    expect(reopened.getState().view).toBe('form');
    expect(reopened.getState().draft).toMatchObject({ subject: 'Door sticks', description: 'It sticks', fields: { '5': '2.1' } });
  });

  it('keeps the captured page (selection, screenshot, its edits) with the draft', async () => {
    let kept: unknown = null;
    const captured = { redactions: 0, gaps: [], selection: 'E-4411', screenshot: 'data:image/png;base64,AAAA' };
    const { d } = deps(
      { readDraftContext: async () => kept as never, writeDraftContext: async (c) => void (kept = c) },
      { 'context.capture': { ok: true, value: captured } },
    );
    const first = createPopupStore(d);
    await first.getState().start();
    await vi.waitFor(() => expect(first.getState().capturing).toBe(false));
    first.getState().open(catalog.departments[0]!);
    first.getState().setScreenshot('data:image/png;base64,EDITED');
    expect(kept).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' });

    const capture = vi.fn();
    const reopened = createPopupStore({ ...d, client: { call: async (n: string) => (n === 'context.capture' ? capture() : { ok: true, value: catalog }) } as unknown as Client });
    await reopened.getState().start();
    expect(reopened.getState().context).toMatchObject({ selection: 'E-4411', screenshot: 'data:image/png;base64,EDITED' });
    expect(capture).not.toHaveBeenCalled();
  });

  it('shows problems beside the fields and sends nothing when the draft is incomplete', async () => {
    const { d, call } = deps();
    const store = createPopupStore(d);
    await store.getState().start();
    store.getState().open(catalog.departments[0]!);
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
    store.getState().open(catalog.departments[0]!);
    store.getState().edit({ subject: 's', description: 'd' });
    store.getState().setField('5', '1');
    await store.getState().submit();
    expect(store.getState().submitError?.kind).toBe('offline');
    expect(failing.stored()?.subject).toBe('s');

    const outcome = { ticket: { deskId: 'd', id: '9', key: '#9', url: 'u' }, departmentName: 'Facilities', dropped: [], confirmed: true };
    const working = deps({ readDraft: failing.d.readDraft, writeDraft: failing.d.writeDraft }, { 'request.submit': { ok: true, value: outcome } });
    const again = createPopupStore(working.d);
    await again.getState().start();
    await again.getState().submit();
    expect(again.getState().view).toBe('sent');
    await vi.waitFor(() => expect(failing.stored()).toBeNull());
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
        return { ok: true, value: input };
      }
      return { ok: true, value: null };
    });
    const store = createRequestsStore({ client: { call } as unknown as Client, readSnapshot: async () => null });
    await store.getState().start();
    await vi.waitFor(() => expect(store.getState().outbox).toHaveLength(1));
    await store.getState().retryOutbox('c1');
    expect(call).toHaveBeenCalledWith('outbox.retry', { clientId: 'c1' });
    expect(await store.getState().cancelOutbox('c1')).toEqual(input);
    expect(store.getState().outbox).toEqual([]);
  });
});
