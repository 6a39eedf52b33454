// The background's handlers with WXT's fake browser storage and the recorded RT.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type BackgroundDeps } from '@/lib/background/handlers';
import { catalogItem, desksItem, fieldsItem, outboxItem, snapshotItem } from '@/lib/platform/storage';
import { backgroundDeps } from '../support/background';
import type { Draft } from '@/lib/requests/draft';
import { originPattern } from '@/lib/settings/desk';
import { layer } from '@/lib/settings/policy';
import { BASE, recordedRt, TOKEN } from '../support/recorded-rt';

const input = { kind: 'rt' as const, baseUrl: BASE, authMode: 'token' as const, token: TOKEN, email: '' };
const context = { url: 'https://intranet.example/rooms?session=[redacted]', title: 'Rooms', redactions: 1, gaps: [], screenshot: 'data:image/png;base64,iVBORw0KGgo=' };

function setup(rt = recordedRt(), granted = true, settings?: BackgroundDeps['settings']) {
  const deps = backgroundDeps({ settings, fetch: rt.fetch, hasOrigin: async () => granted });
  return { handlers: createBackground(deps).handlers, rt };
}

function draft(patch: Partial<Draft> = {}): Draft {
  return {
    deskId: 'rt:127.0.0.1:18080',
    departmentId: '3',
    formId: '3',
    subject: 'Door sticks',
    description: 'The door to 2.14 sticks.',
    fields: { '4': 'HQ North', '5': '2.14' },
    excluded: [],
    updatedAt: 0,
    ...patch,
  };
}

beforeEach(() => fakeBrowser.reset());

describe('desks and settings from policy', () => {
  it('offers the administrator\'s desk locked, and uses the token the user saves for it', async () => {
    const managed = { desks: [{ kind: 'rt', url: BASE, name: 'Company desk' }], notifications: { enabled: false } };
    const { handlers } = setup(recordedRt(), true, async () => layer(managed, undefined));
    expect(await handlers['desk.list']({})).toMatchObject([{ baseUrl: BASE, name: 'Company desk', managed: true, hasToken: false }]);
    await handlers['desk.save']({ input });
    expect(await handlers['desk.list']({})).toMatchObject([{ managed: true, hasToken: true, name: 'Company desk' }]);
    expect((await handlers['catalog.refresh']({})).departments).toHaveLength(5);
    expect((await handlers['prefs.get']({})).notifications).toBe(false);
  });

  it('does not lock a desk the user listed in their own configuration', async () => {
    const { handlers } = setup(recordedRt(), true, async () => layer(undefined, { desks: [{ kind: 'rt', url: BASE }] }));
    expect((await handlers['desk.list']({}))[0]?.managed).toBeUndefined();
  });
});

describe('desk settings', () => {
  it('tests a desk: who I am and the departments', async () => {
    const { handlers } = setup();
    const result = await handlers['desk.test']({ input });
    expect(result.user.displayName).toBe('Alice Employee');
    expect(result.departments.map((d) => d.name)).toEqual(['Facilities', 'HR', 'IT', 'Legal', 'Training']);
  });

  it('saves the desk in local storage and answers with a summary without the token', async () => {
    const { handlers } = setup();
    const summary = await handlers['desk.save']({ input });
    expect(JSON.stringify(summary)).not.toContain(TOKEN);
    expect((await desksItem.getValue())[0]?.auth).toEqual({ mode: 'token', token: TOKEN });
    expect(await fakeBrowser.storage.sync.get()).toEqual({});
    expect((await catalogItem.getValue())?.departments).toHaveLength(5);
  });

  it('reuses a catalog younger than the asked age, and fetches an older one again', async () => {
    const { handlers } = setup();
    await handlers['desk.save']({ input });
    const stored = await catalogItem.getValue();
    await catalogItem.setValue({ ...stored!, departments: [] });
    expect((await handlers['catalog.refresh']({ maxAgeMs: 60_000 })).departments).toEqual([]);
    await catalogItem.setValue({ ...stored!, departments: [], fetchedAt: 0 });
    expect((await handlers['catalog.refresh']({ maxAgeMs: 60_000 })).departments).toHaveLength(5);
    expect((await handlers['catalog.refresh']({})).departments).toHaveLength(5);
  });

  it('says "not signed in" when the desk answers with its login page', async () => {
    const { handlers } = setup(recordedRt({ loggedOut: true }));
    await expect(handlers['desk.test']({ input })).rejects.toMatchObject({ error: { kind: 'unauthorized' } });
  });

  it('with the desk\'s own login, a sign-in page leads to signing in there', async () => {
    const { handlers } = setup(recordedRt({ loggedOut: true }));
    const session = { ...input, authMode: 'session' as const, token: '', email: 'alice@example.com' };
    await expect(handlers['desk.test']({ input: session })).rejects.toMatchObject({ error: { kind: 'unauthorized', signInUrl: `${BASE}/` } });
  });

  it('asks for the origin permission before any traffic', async () => {
    const { handlers } = setup(recordedRt(), false);
    await expect(handlers['desk.test']({ input })).rejects.toMatchObject({ error: { kind: 'permission', detail: BASE } });
  });

  it('gives up access to a desk\'s address once no desk in effect uses it (removed, or moved elsewhere), not while one does', async () => {
    const released: string[] = [];
    const releaseOrigin = async (pattern: string) => void released.push(pattern);
    const rt = recordedRt();
    const make = (settings?: BackgroundDeps['settings']) => createBackground(backgroundDeps({ fetch: rt.fetch, releaseOrigin, ...(settings ? { settings } : {}) })).handlers;
    const handlers = make();
    const { id } = await handlers['desk.save']({ input });
    await handlers['desk.remove']({ id });
    expect(released).toEqual([originPattern(BASE)]);

    // Moved to another address: the old one is given up.
    released.length = 0;
    const saved = await handlers['desk.save']({ input });
    await handlers['desk.save']({ input: { ...input, baseUrl: 'https://desk.example.com' }, id: saved.id });
    expect(released).toEqual([originPattern(BASE)]);

    // The administrator's desk at that address stays in effect: its address is kept.
    await fakeBrowser.reset();
    released.length = 0;
    const managed = make(async () => layer({ desks: [{ kind: 'rt', url: BASE, name: 'Company desk' }] }, undefined));
    const mine = await managed['desk.save']({ input });
    await managed['desk.remove']({ id: mine.id });
    expect(released).toEqual([]);
  });

  it('refuses bad settings with the problem per field', async () => {
    const { handlers } = setup();
    await expect(handlers['desk.test']({ input: { ...input, baseUrl: 'http://desk.example.com' } })).rejects.toMatchObject({
      error: { kind: 'config', field: 'baseUrl', problems: [{ field: 'baseUrl', code: 'insecure' }] },
    });
  });
});

describe('requests.reply', () => {
  it('notes the reply on the tracked request, so the desk reopening it for that is not announced', async () => {
    const { handlers, rt } = setup();
    await handlers['desk.save']({ input });
    const filed = await handlers['request.submit']({ draft: draft(), context });
    const ref = (filed as { outcome: { ticket: { deskId: string; id: string } } }).outcome.ticket as never;
    await snapshotItem.setValue({ watermarks: {}, syncedAt: 0, reconciledAt: 0, requests: [{ ref, subject: 'Door sticks', departmentId: '3', status: 'resolved', category: 'done', updated: '', unseen: false }] as never });
    await handlers['requests.reply']({ ref, text: 'It sticks again', attachments: [] });
    expect(rt.replies).toHaveLength(1);
    expect((await snapshotItem.getValue())?.requests[0]?.repliedAt).toBeTypeOf('number');
  });

  it('leaves no note of a reply the desk did not take (it would hide staff reopening the request)', async () => {
    const rt = recordedRt();
    const fetch = async (url: string, init: RequestInit = {}) =>
      init.method === 'POST' && /\/correspond$/.test(url) ? new Response('{"message":"no"}', { status: 403, headers: { 'content-type': 'application/json' } }) : rt.fetch(url, init);
    const { handlers } = createBackground(backgroundDeps({ fetch }));
    await handlers['desk.save']({ input });
    const filed = await handlers['request.submit']({ draft: draft(), context });
    const ref = (filed as { outcome: { ticket: { deskId: string; id: string } } }).outcome.ticket as never;
    await snapshotItem.setValue({ watermarks: {}, syncedAt: 0, reconciledAt: 0, requests: [{ ref, subject: 'Door sticks', departmentId: '3', status: 'resolved', category: 'done', updated: '', unseen: false }] as never });
    await expect(handlers['requests.reply']({ ref, text: 'It sticks again', attachments: [] })).rejects.toBeDefined();
    expect((await snapshotItem.getValue())?.requests[0]).not.toHaveProperty('repliedAt');
  });
});

describe('request.submit', () => {
  beforeEach(async () => {
    await setup().handlers['desk.save']({ input });
  });

  it('files the request with fields, requester, body and screenshot, then confirms it', async () => {
    const { handlers, rt } = setup();
    const result = await handlers['request.submit']({ draft: draft(), context });
    expect(result).toEqual({
      status: 'sent',
      outcome: {
        ticket: { deskId: 'rt:127.0.0.1:18080', id: '1', key: '#1', url: `${BASE}/SelfService/Display.html?id=1` },
        departmentName: 'Facilities',
        dropped: [],
        confirmed: true,
      },
    });
    expect(await outboxItem.getValue()).toEqual([]);
    const [sent] = rt.created;
    expect(sent).toMatchObject({ Queue: '3', Subject: 'Door sticks', Requestor: 'alice@example.com', CustomFields: { '4': 'HQ North', '5': '2.14' } });
    expect(sent?.Content).toContain('Page: https://intranet.example/rooms?session=[redacted]');
    expect(sent?.Content).toMatch(/\n\n-- \nSent with Instant Desk · ref\. client-1$/);
    expect(sent?.Attachments).toEqual([{ FileName: 'screenshot.png', FileType: 'image/png', FileContent: 'iVBORw0KGgo=' }]);
  });

  it('sends nothing when a value is not one of the desk\'s current choices', async () => {
    const { handlers, rt } = setup();
    await expect(handlers['request.submit']({ draft: draft({ fields: { '4': 'Annex', '5': '2.14' } }), context })).rejects.toMatchObject({
      error: { kind: 'rejected', field: '4', problems: [{ field: '4', code: 'not-an-option', value: 'Annex' }] },
    });
    expect(rt.created).toHaveLength(0);
    expect(await outboxItem.getValue()).toEqual([]); // back to the user's form, not retried
  });

  it('keeps the request in the outbox when the desk cannot be reached, stored before any traffic', async () => {
    const down = { fetch: () => Promise.reject(new TypeError('Failed to fetch')), created: [] as Record<string, unknown>[], replies: [] };
    const { handlers } = setup(down);
    const result = await handlers['request.submit']({ draft: draft(), context });
    expect(result).toMatchObject({ status: 'queued', clientId: 'client-1', error: { kind: 'offline' } });
    const [kept] = await outboxItem.getValue();
    expect(kept).toMatchObject({ clientId: 'client-1', attempts: 1, held: false, input: { draft: { subject: 'Door sticks' } } });
  });

  it('names the fields the desk accepted but did not keep', async () => {
    const { handlers } = setup(recordedRt({ drops: ['5'] }));
    const result = await handlers['request.submit']({ draft: draft(), context });
    expect(result.status === 'sent' && result.outcome.dropped).toEqual(['Room']);
  });

  it('reads the form\'s fields once between opening it and Send: the send uses the read made when it opened', async () => {
    const rt = recordedRt();
    const asked: string[] = [];
    const { handlers } = setup({ ...rt, fetch: (url: string, init?: RequestInit) => (asked.push(url), rt.fetch(url, init)) });
    const reads = () => asked.filter((u) => u.includes('/queue/3/customfields')).length;
    const open = { deskId: 'rt:127.0.0.1:18080', formId: '3', maxAgeMs: 600_000 };
    expect((await handlers['form.fields'](open)).map((f) => f.label)).toContain('Room');
    const once = reads();
    expect(once).toBeGreaterThan(0);
    expect(await handlers['request.submit']({ draft: draft(), context })).toMatchObject({ status: 'sent' });
    expect(reads()).toBe(once);
    // Kept for longer than a form shows them: read again when it opens; the send that follows
    // uses that read rather than making its own.
    const kept = await fieldsItem.getValue();
    await fieldsItem.setValue(Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, { ...v, fetchedAt: 1 }])));
    await handlers['form.fields'](open);
    expect(await handlers['request.submit']({ draft: draft(), context })).toMatchObject({ status: 'sent' });
    expect(reads()).toBe(2 * once);
  });

  it('a send files with fields read within the last minute as they are, and waits for the read that older ones get when the form opens', async () => {
    const rt = recordedRt();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const asked: string[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      asked.push(url);
      if (holding && url.includes('/queue/3/customfields')) await held;
      return rt.fetch(url, init);
    };
    const { handlers } = setup({ ...rt, fetch });
    const reads = () => asked.filter((u) => u.includes('/queue/3/customfields')).length;
    const open = { deskId: 'rt:127.0.0.1:18080', formId: '3', maxAgeMs: 600_000 };
    const age = async (ms: number) => {
      const kept = await fieldsItem.getValue();
      await fieldsItem.setValue(Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, { ...v, fetchedAt: 1_700_000_000_000 - ms }])));
    };
    await handlers['form.fields'](open);
    // Read half a minute ago: shown, and sent with, as they are.
    await age(30_000);
    const first = reads();
    await handlers['form.fields'](open);
    expect(await handlers['request.submit']({ draft: draft(), context })).toMatchObject({ status: 'sent' });
    expect(reads()).toBe(first);
    // Read two minutes ago: shown at once and read again; the send waits for that read.
    await age(120_000);
    holding = true;
    expect((await handlers['form.fields'](open)).map((f) => f.label)).toContain('Room');
    await vi.waitFor(() => expect(reads()).toBe(first + 1));
    const sending = handlers['request.submit']({ draft: draft({ subject: 'Second' }), context });
    await new Promise((r) => setTimeout(r, 20));
    expect(rt.created).toHaveLength(1);
    release();
    expect(await sending).toMatchObject({ status: 'sent' });
    expect(rt.created).toHaveLength(2);
    // The one read the form's opening started, whole; none of the send's own.
    expect(reads()).toBe(2 * first);
  });

  it('leaves out what the user removed from the preview', async () => {
    const { handlers, rt } = setup();
    await handlers['request.submit']({ draft: draft({ excluded: ['url', 'screenshot'] }), context });
    expect(rt.created[0]?.Content).not.toContain('intranet.example');
    expect(rt.created[0]?.Attachments).toBeUndefined();
  });
});
