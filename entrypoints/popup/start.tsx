// The React popup, loaded after the first frame: stores wired to the platform, then App
// rendered over the painted frame in one commit once it shows the same thing, and the next
// first frame kept up to date.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { FirstFrame } from '@/lib/catalog/first-frame';
import type { Routing } from '@/lib/catalog/routing/route';
import { loadRouting } from '@/lib/catalog/routing/load';
import { createClient } from '@/lib/messaging/protocol';
import { forgetFirstFrame, keepTyped, readTyped, writeFirstFrame } from '@/lib/platform/first-frame';
import { openOptions, openUrl, sendMessage, targetTabId } from '@/lib/platform/runtime';
import { catalogItem, draftShelf, historyItem, readSettings, replyShelf, reportItem, snapshotItem, userRoutingItem } from '@/lib/platform/storage';
import { createDrafts } from '@/lib/requests/draft';
import { buildFirstFrame } from '@/stores/first-frame';
import { createPopupStore, routingOf, type PopupStore } from '@/stores/popup';
import { catalogViewOf, pickOf, rankHome } from '@/stores/popup-view';
import { createRequestsStore, type RequestsStore } from '@/stores/requests';
import { createRatingsStore, followSyncs } from '@/stores/ratings';
import { syncWhenQuiet } from '@/stores/quiet';
import { ratingDraftsItem } from '@/lib/platform/storage';
import { changeRatingDrafts, draftsLock } from '@/lib/platform/drafts-lock';
import { App } from './App';
import type { Early } from './paint';
import { formView, preloadViews } from './views';

export interface Start {
  root: HTMLElement;
  /** What the user did on the painted frame. */
  early: Early;
  /** Whether a first frame is on screen (React then renders once it can show the same). */
  painted: boolean;
  /** The stored first frame, to write only what changed. */
  frame: FirstFrame | null;
  pageUrl: Promise<string | undefined>;
  /** Routing from plain words, being loaded since the first frame. */
  routing: Promise<Routing>;
}

/** Resolves when the store's state first satisfies `ok`. */
function until<S>(store: { getState(): S; subscribe(listener: (s: S) => void): () => void }, ok: (s: S) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ok(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!ok(s)) return;
      stop();
      resolve();
    });
  });
}

const idle = (task: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 500 }) : setTimeout(task, 50));

/** Writes the next popup's first frame whenever what it shows changes (after the frame being drawn). */
function keepFirstFrame(store: PopupStore, requests: RequestsStore, stored: FirstFrame | null) {
  let last = stored ? JSON.stringify(stored) : '';
  let queued = false;
  const write = () => {
    queued = false;
    const s = store.getState();
    if (!s.ready) return;
    // No catalog (the last desk removed): the old departments must not be painted again.
    if (!s.catalog) {
      if (last) forgetFirstFrame();
      last = '';
      return;
    }
    const view = catalogViewOf(s.catalog, s.config);
    if (!view) return;
    const frame = buildFirstFrame({ view, catalog: s.catalog, history: s.history, drafts: s.drafts, tracked: requests.getState().snapshot?.requests ?? [], now: Date.now() });
    const text = JSON.stringify(frame);
    if (text === last) return;
    last = text;
    if (!writeFirstFrame(frame)) last = '';
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    idle(write);
  };
  let seen = { ...store.getState() };
  store.subscribe((s) => {
    const changed = s.ready !== seen.ready || s.catalog !== seen.catalog || s.config !== seen.config || s.history !== seen.history || s.drafts !== seen.drafts;
    seen = { ...s };
    if (changed) schedule();
  });
  requests.subscribe((r, before) => r.snapshot !== before.snapshot && schedule());
  schedule();
}

export async function startApp({ root, early, painted, frame, pageUrl, routing }: Start): Promise<void> {
  const params = new URLSearchParams(location.search);
  const client = createClient(sendMessage);
  const tabId = targetTabId(location.search);
  const store = createPopupStore({
    client,
    readCatalog: () => catalogItem.getValue(),
    drafts: createDrafts(draftShelf, () => Date.now(), draftsLock),
    readSettings,
    readHistory: () => historyItem.getValue(),
    writeHistory: (history) => historyItem.setValue(history),
    pageUrl: () => pageUrl,
    tabId,
    now: () => Date.now(),
    initialTab: location.hash === '#requests' ? 'requests' : 'new',
    ...(params.has('report') ? { readReport: () => reportItem.getValue(), clearReport: () => reportItem.setValue(null) } : {}),
    // The vocabulary and stemmers, asked for beside this module (main.ts).
    loadRouting: () => routing.catch(() => loadRouting()),
    readUserRouting: () => userRoutingItem.getValue(),
    writeUserRouting: (user) => userRoutingItem.setValue(user),
    ...(params.has('report') ? {} : { keepTyped: (text: string) => keepTyped(text, Date.now()) }),
  });
  const snapshot = snapshotItem.getValue();
  const requests = createRequestsStore({ client, readSnapshot: () => snapshot, replies: replyShelf, now: () => Date.now() });
  const started = store.getState().start();
  // My requests open: their status now. Otherwise once the person leaves the popup alone (or
  // opens My requests): asked while a request is typed, the desk only slows typing and sending.
  const requestsFirst = store.getState().tab === 'requests';
  void requests.getState().start({ sync: requestsFirst });
  if (!requestsFirst) {
    syncWhenQuiet(store, () => void requests.getState().sync(), { set: (task, ms) => setTimeout(task, ms), clear: (h) => clearTimeout(h as number) });
  }
  // A notification's "Rate" opens ?rate=<key>#requests: that prompt first, its stars focused.
  const ratings = createRatingsStore({
    client,
    ...(params.get('rate') ? { focus: params.get('rate') ?? undefined } : {}),
    readDrafts: () => ratingDraftsItem.getValue(),
    changeDrafts: changeRatingDrafts,
  });
  followSyncs(ratings, requests);

  if (painted) {
    // Rendered once it shows what is painted (the stored catalog and the request count), so
    // replacing the painted frame changes nothing on screen; the catalog refresh is under way.
    await Promise.race([until(store, (s) => s.ready), started.catch(() => undefined)]);
    performance.mark('popup:ready');
    await snapshot.catch(() => undefined);
    performance.mark('popup:snapshot');
    await Promise.resolve();
  }
  const input = root.querySelector<HTMLInputElement>('.search__input');
  const caret = input && document.activeElement === input ? ([input.selectionStart ?? 0, input.selectionEnd ?? 0] as const) : null;
  // What was typed on the painted frame, else a sentence a closed popup left in the box.
  const typed = input?.value || (params.has('report') ? '' : readTyped(Date.now()));
  if (typed) store.getState().setQuery(typed);
  const reactRoot = createRoot(root);
  flushSync(() =>
    reactRoot.render(<App store={store} requests={requests} ratings={ratings} now={() => Date.now()} openUrl={(url) => void openUrl(url)} openOptions={() => void openOptions()} />),
  );
  root.dataset.app = 'react';
  performance.mark('popup:react');
  const search = root.querySelector<HTMLInputElement>('.search__input');
  if (search && caret) search.setSelectionRange(caret[0], caret[1]);
  replayPick(store, early);
  keepFirstFrame(store, requests, frame);
  // The form is what comes next when a request is typed: its module now, the other views when
  // idle (in the build they are in the app's file already: nothing is fetched).
  void formView.fetch().catch(() => undefined);
  idle(() => void preloadViews());
  // Routing from plain words once it is in (never on the way to the first frame).
  void store.getState().loadRouting().catch(() => undefined);
}

/** A row clicked (or Enter pressed) on the painted frame opens now, as App's own pick would. */
function replayPick(store: PopupStore, early: Early) {
  const s = store.getState();
  if (!early.pick || s.view !== 'home' || s.tab !== 'new') return;
  const routing = routingOf(s.router, s.config, s.userRouting);
  const ranked = rankHome(catalogViewOf(s.catalog, s.config), { query: s.query, page: s.page, history: s.history, now: Date.now(), routing });
  const key = early.pick === 'first' ? ranked.suggestions[0]?.entry.key : early.pick;
  const pick = key ? pickOf(ranked, key, s.query) : undefined;
  early.pick = undefined;
  if (pick) s.open(pick.form, pick.values, pick.departmentId, pick.typed);
}
