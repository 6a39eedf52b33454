// The popup's stores (or any page's client) through the real chain, as in the extension: the store's client → the router →
// the background's handlers (createBackground) with WXT's fake storage and the recorded RT
// (tests/fixtures/rt/) behind a fetch that can be cut (offline), refuse a create as a desk does,
// or be intercepted per request. No message is faked: what the stores get is what the background answers.
// Tests call fakeBrowser.reset() and store `DESK` in desksItem before each test.
import { expect, vi } from 'vitest';
import { createBackground, type BackgroundDeps } from '@/lib/background/handlers';
import type { DeskConfig, RequestForm } from '@/lib/domain';
import { createClient, type Client } from '@/lib/messaging/protocol';
import { createRouter } from '@/lib/messaging/router';
import { catalogItem } from '@/lib/platform/storage';
import { createDrafts } from '@/lib/requests/draft';
import type { Snapshot } from '@/lib/tracking/snapshot';
import { createPopupStore, type PopupDeps } from '@/stores/popup';
import { backgroundDeps } from './background';
import { memoryDrafts } from './drafts';
import { BASE, recordedRt, TOKEN } from './recorded-rt';

export const NOW = 1_700_000_000_000;
export const DESK: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: BASE, auth: { mode: 'token', token: TOKEN } };
export const PAGE = 'https://intranet.example/rooms?token=abc123secret#b';

export interface ChainOptions {
  /** The desk cannot be reached (every request fails as a network error does). */
  offline?: () => boolean;
  /** The desk refuses a new ticket (400), as RT does with a value it does not take. */
  refuseCreate?: boolean;
  /** Sees each desk request first: a response it gives is the desk's answer, none lets the recorded RT answer. */
  intercept?: (url: string, init?: RequestInit) => Promise<Response | undefined>;
  /** What the page capture gives. */
  capture?: BackgroundDeps['capture'];
  now?: () => number;
  pageUrl?: string;
  shelf?: ReturnType<typeof memoryDrafts>;
  popup?: Partial<PopupDeps>;
  /** More of the background's dependencies (a blob store of a given size, ...). */
  background?: Partial<BackgroundDeps>;
}

/** The client of an extension page over the background, the router and the recorded RT; what was sent to the desk is in `rt`. */
export function backgroundChain(options: ChainOptions = {}, rt = recordedRt()) {
  const now = options.now ?? (() => NOW);
  const fetch = async (url: string, init?: RequestInit) => {
    if (options.offline?.()) throw new TypeError('Failed to fetch');
    if (options.refuseCreate && init?.method === 'POST' && new URL(url).pathname.endsWith('/ticket'))
      return new Response(JSON.stringify({ message: 'Could not create ticket: Room is invalid' }), { status: 400, headers: { 'content-type': 'application/json' } });
    return (await options.intercept?.(url, init)) ?? rt.fetch(url, init);
  };
  let id = 0;
  // One count for the background's ids and the Sends a popup names: client-1, client-2, ...
  const newId = () => `client-${++id}`;
  const deps = backgroundDeps({ fetch, now, newId, ...(options.capture ? { capture: options.capture } : {}), ...options.background });
  const { handlers } = createBackground(deps);
  const router = createRouter(handlers, () => true);
  const sent: { name: string; request: unknown }[] = [];
  const messages: string[] = []; // the names of the messages sent, as they are sent
  const client: Client = createClient(async (message) => {
    sent.push({ name: message.name, request: message.request });
    messages.push(message.name);
    return router(message, { id: 'id', url: 'chrome-extension://id/popup.html' });
  });
  return { client, rt, sent, messages, now, newId };
}

/** One popup's stores over the background, the router and the recorded RT; what was sent to the desk is in `rt`. */
export function chain(options: ChainOptions = {}, rt = recordedRt()) {
  const now = options.now ?? (() => NOW);
  const shelf = options.shelf ?? memoryDrafts(now);
  // The background keeps the same drafts as the popup (one storage area), through its own instance.
  const { client, sent, messages, newId } = backgroundChain({ ...options, background: { drafts: createDrafts(shelf.shelf, now), ...options.background } }, rt);
  const store = createPopupStore({
    client,
    readCatalog: () => catalogItem.getValue(),
    drafts: shelf.drafts,
    pageUrl: async () => options.pageUrl ?? PAGE,
    now,
    newId,
    ...options.popup,
  });
  return { store, client, rt, shelf, sent, messages, names: () => [...messages], stored: () => [...shelf.all.values()][0] ?? null };
}

export type PopupStore = ReturnType<typeof chain>['store'];

/** The Facilities form (RT's queue 3) of the catalog the store got from the desk. */
export const facilitiesForm = (store: PopupStore): RequestForm => store.getState().catalog!.forms.find((f) => f.id === '3')!;

/** Starts the popup and opens the Facilities form with its fields loaded (Building, Page URL, Room). */
export async function openFacilities(store: PopupStore) {
  await store.getState().start();
  store.getState().open(facilitiesForm(store));
  await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
}

/** A request filed through the chain (Facilities, "Cold room"), so the desk has it; with a snapshot that tracks it. */
export async function fileColdRoom() {
  const filing = chain();
  await openFacilities(filing.store);
  filing.store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
  filing.store.getState().setField('5', '1.01');
  await filing.store.getState().submit();
  const ref = filing.store.getState().outcome!.ticket;
  const request = { ref, departmentId: '3', subject: 'Cold room', status: 'open', updatedAt: '', lastTxn: 1, unseen: false };
  return { rt: filing.rt, ref, request, snapshot: { requests: [request], syncedAt: 0, watermark: '' } as unknown as Snapshot };
}
