// The background entrypoint's wiring, as WXT's examples/vitest-unit-testing does it: call the
// default export's main() with the fake browser, fire the browser's events, check what happened.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import type { DeskConfig } from '@/lib/domain';
import { REPORT_COMMAND } from '@/lib/background/reporter';
import { catalogItem, desksItem, nudgesItem, outboxItem, ratingOffersItem, ratingOutboxItem, reportItem, snapshotItem } from '@/lib/platform/storage';
import { NUDGE_ALARM, OUTBOX_ALARM, RATING_ALARM, SYNC_ALARM } from '@/lib/platform/surfaces';
import { newNudge } from '@/lib/requests/nudge';
import { NOTIFICATION_PREFIX } from '@/lib/tracking/notify';
import type { Snapshot } from '@/lib/tracking/snapshot';
import { catalogOf, facilities } from '../support/catalog';
import { blobStore } from '@/lib/platform/blobs';
import { SWEEP_GRACE_MS } from '@/lib/requests/blobs';
import { storage } from 'wxt/utils/storage';

// IndexedDB is the browser's (Node has none): the blob store in memory, as lib/requests/blobs keeps it for tests.
vi.mock('@/lib/platform/blobs', async () => {
  const { memoryBlobs } = await import('@/lib/requests/blobs');
  return { blobStore: memoryBlobs(), storageEstimate: async () => ({ usage: 0, quota: 0 }) };
});

const catalog = (deskId: string) => catalogOf(facilities(deskId));
const desk: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: 'https://desk.example', auth: { mode: 'token', token: 't' },
  user: { id: '27', name: 'alice', email: 'alice@example.com', displayName: 'Alice', staff: false },
};

/** An event with `trigger`, like the fake browser's own, for the APIs it leaves unimplemented. */
function fakeEvent<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.push(l),
    trigger: (...args: A) => Promise.all(listeners.map((l) => l(...args))),
  };
}

/** What the fake browser does not implement (commands, context menus, idle, scripting, permissions), stood in for. */
function standIns() {
  const menus: string[] = [];
  const commands = { onCommand: fakeEvent<[string, { id?: number }?]>() };
  const contextMenus = {
    onClicked: fakeEvent<[unknown, { id?: number }?]>(),
    removeAll: vi.fn(async () => void menus.splice(0)),
    create: vi.fn(({ id }: { id: string }) => void menus.push(id)),
  };
  const idle = { state: 'active', setDetectionInterval: vi.fn(), queryState: vi.fn(async () => idle.state), onStateChanged: fakeEvent<[string]>() };
  Object.assign(fakeBrowser, { commands, contextMenus, idle });
  const onButtonClicked = fakeEvent<[string, number]>();
  Object.assign(fakeBrowser.notifications, { onButtonClicked });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
  vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({ os: 'linux', arch: 'x86-64' } as never);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([{ result: { url: 'https://intranet.example/dash', title: 'Dashboard', selection: '', language: 'en', viewport: { width: 800, height: 600 } } }] as never);
  return { menus, commands, contextMenus, idle, onButtonClicked };
}

let fetch: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  // The desk refuses at once (no retries): the wiring is under test, not the sync.
  fetch = vi.fn(async () => new Response('{"message":"Unauthorized"}', { status: 401, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  // Node 20 has no navigator; the worker's is read for the browser facts.
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 Chrome/156.0.0.0', language: 'en' });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const alarm = (name: string) => ({ name, scheduledTime: Date.now(), persistAcrossSessions: false });
const fetchedUrls = () => fetch.mock.calls.map(([url]) => String(url));

describe('background main()', () => {
  it('syncs with the configured desk when the sync alarm fires, and sets the next alarm', async () => {
    standIns();
    await desksItem.setValue([desk]);
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(SYNC_ALARM));
    await vi.waitFor(() => expect(fetchedUrls().some((u) => u.startsWith('https://desk.example/'))).toBe(true));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeDefined());
  });

  it('stops polling while the machine is locked, and looks at once when it is active again', async () => {
    const { idle } = standIns();
    await desksItem.setValue([desk]);
    background.main();
    expect(idle.setDetectionInterval).toHaveBeenCalledWith(300);
    idle.state = 'locked';
    await idle.onStateChanged.trigger('locked');
    await fakeBrowser.alarms.onAlarm.trigger(alarm(SYNC_ALARM));
    await new Promise((r) => setTimeout(r, 50)); // what the alarm would have started
    expect(fetchedUrls().some((u) => u.startsWith('https://desk.example/'))).toBe(false);
    idle.state = 'active';
    await idle.onStateChanged.trigger('active');
    await vi.waitFor(() => expect(fetchedUrls().some((u) => u.startsWith('https://desk.example/'))).toBe(true));
  });

  it('delivers the outbox when its alarm fires', async () => {
    standIns();
    await desksItem.setValue([desk]);
    await catalogItem.setValue(catalog('rt:desk'));
    const draft = { deskId: 'rt:desk', departmentId: '3', formId: '3', subject: 's', description: 'd', fields: {}, excluded: [], updatedAt: 0 };
    await outboxItem.setValue([{ clientId: 'c1', input: { draft, context: { redactions: 0, gaps: [] } }, createdAt: 0, attempts: 0, nextAt: 0, held: false }]);
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(OUTBOX_ALARM));
    await vi.waitFor(async () => expect((await outboxItem.getValue())[0]?.attempts).toBe(1));
    expect(fetchedUrls().some((u) => u.startsWith('https://desk.example/'))).toBe(true);
  });

  it('on start-up shows the badge from storage, registers the menus and delivers the outbox', async () => {
    const { menus } = standIns();
    background.main();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(menus).toEqual(['instant-desk-report-page', 'instant-desk-report-selection', 'instant-desk-report-link', 'instant-desk-report-image']));
    await vi.waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toBe('Instant Desk'));
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeDefined();
  });

  it('on start-up deletes the screenshots and files no draft, reply or queued request names', async () => {
    standIns();
    await blobStore.put('draft/k1/shot', 'data:image/png;base64,AAAA');
    await blobStore.put('draft/k2/shot', 'data:image/png;base64,BBBB');
    await storage.setItem('local:draftContext:k1', { redactions: 0, gaps: [], screenshot: 'stored-blob:draft/k1/shot#4.x' });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      background.main();
      await fakeBrowser.runtime.onStartup.trigger();
      // Unnamed at the first look; deleted only if still unnamed once the grace is over.
      await vi.advanceTimersByTimeAsync(SWEEP_GRACE_MS - 1);
      expect((await blobStore.list('')).sort()).toEqual(['draft/k1/shot', 'draft/k2/shot']);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(async () => expect(await blobStore.list('')).toEqual(['draft/k1/shot']));
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the request of a clicked notification in a tab, and clears the notification', async () => {
    standIns();
    background.main();
    const id = `${NOTIFICATION_PREFIX}https://desk.example/Ticket/Display.html?id=7`;
    await fakeBrowser.notifications.create(id, { type: 'basic', iconUrl: '', title: 't', message: 'm' });
    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(async () => expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain('https://desk.example/Ticket/Display.html?id=7'));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('reports the page from the context menu, the selected text in the report', async () => {
    const { contextMenus } = standIns();
    await catalogItem.setValue(catalog('d'));
    background.main();
    await contextMenus.onClicked.trigger({ menuItemId: 'instant-desk-report-selection', selectionText: 'Error 42 at checkout', pageUrl: 'https://intranet.example/dash' }, { id: 0 });
    await vi.waitFor(async () => expect((await fakeBrowser.windows.getAll()).length).toBe(2));
    const report = await reportItem.getValue();
    expect(report?.draft).toMatchObject({ deskId: 'd', formId: '3' });
    expect(report?.context.selection).toBe('Error 42 at checkout');
    // Another extension's menu item is not ours to answer.
    await reportItem.setValue(null);
    await contextMenus.onClicked.trigger({ menuItemId: 'other-extension-item' }, { id: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await reportItem.getValue()).toBeNull();
  });

  it('opens the rating of a done request for "Rate" on its notification', async () => {
    const { onButtonClicked } = standIns();
    const ref = { deskId: 'rt:desk', id: '7', key: '#7', url: 'https://desk.example/Ticket/Display.html?id=7' };
    const request = { ref, departmentId: '3', subject: 'Door', status: 'resolved', category: 'done', created: '', updated: '', unseen: false };
    await snapshotItem.setValue({ watermarks: {}, syncedAt: 0, reconciledAt: 0, requests: [request] } as unknown as Snapshot);
    background.main();
    await onButtonClicked.trigger(`${NOTIFICATION_PREFIX}${ref.url}`, 0);
    await vi.waitFor(async () => expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(`chrome-extension://${fakeBrowser.runtime.id}/popup.html?rate=rt%3Adesk%2F7#requests`));
  });

  it('tries the waiting rating when the ratings alarm fires, and the due "ask for an update" when the nudge alarm does', async () => {
    standIns();
    await desksItem.setValue([desk]);
    const ref = { deskId: 'rt:desk', id: '7', key: '#7', url: 'https://desk.example/Ticket/Display.html?id=7' };
    await ratingOffersItem.setValue({ 'rt:desk/7': { key: 'rt:desk/7', ref, subject: 'Door', offeredAt: Date.now(), state: 'sent' } });
    await ratingOutboxItem.setValue([
      { key: 'rt:desk/7', ref, rating: { clientId: 'r1', score: 4 }, way: { kind: 'reply', text: 'Rated 4 of 5' }, createdAt: Date.now(), attempts: 0, nextAt: 0, held: false },
    ]);
    await nudgesItem.setValue({ 'rt:desk/7': newNudge('rt:desk/7', ref, 0, Date.now() + 86_400_000) });
    background.main();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(RATING_ALARM));
    await vi.waitFor(async () => expect((await ratingOutboxItem.getValue())[0]?.attempts).toBe(1));
    expect((await nudgesItem.getValue())['rt:desk/7']?.attempts).toBe(0);
    await fakeBrowser.alarms.onAlarm.trigger(alarm(NUDGE_ALARM));
    await vi.waitFor(async () => expect((await nudgesItem.getValue())['rt:desk/7']?.attempts).toBe(1));
    expect(fetchedUrls().some((u) => u.startsWith('https://desk.example/'))).toBe(true);
  });

  it("opens the report window for the keyboard shortcut, with the page's report stored", async () => {
    const { commands } = standIns();
    await catalogItem.setValue(catalog('d'));
    background.main();
    await commands.onCommand.trigger(REPORT_COMMAND, { id: 0 });
    await vi.waitFor(async () => expect((await fakeBrowser.windows.getAll()).length).toBe(2));
    const opened = (await fakeBrowser.windows.getAll({ populate: true })).at(-1);
    expect(opened?.type).toBe('popup');
    expect((await reportItem.getValue())?.draft).toMatchObject({ deskId: 'd', formId: '3' });
  });
});
