// Where the popup's first frame is kept (see lib/catalog/first-frame.ts), and the page it is
// about. The frame is kept in the extension origin's Web Storage (window.localStorage), which
// a page reads synchronously: the first frame's script (entrypoints/first-frame.ts) runs before
// the popup renders anything and paints the browser's first frame, with no
// storage round trip to the browser process. Only extension pages (the popup) read and write
// it; the service worker has no Web Storage and never needs the frame. Without the polyfill:
// the first frame's script stays small.
import type { FirstFrame } from '../catalog/first-frame';

export const FIRST_FRAME_KEY = 'instantDesk.firstFrame';

/** The part of Web Storage used here (window.localStorage, or a stand-in in tests). */
export type FrameStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Tab {
  url?: string;
}

/** The promise-based extension API: `browser` in Firefox, `chrome` in Chromium (MV3). */
interface Api {
  tabs: { get(id: number): Promise<Tab>; query(query: Record<string, unknown>): Promise<Tab[]> };
}

const api = (): Api => {
  const g = globalThis as { browser?: Api; chrome?: Api };
  return (g.browser ?? g.chrome) as Api;
};

const webStorage = (): FrameStore => globalThis.localStorage;

/**
 * The stored first frame, read synchronously, or null (none yet, unreadable, or not of the
 * shape `accept` checks: written by another version).
 */
export function readFirstFrame(accept: (value: unknown) => value is FirstFrame, store: FrameStore = webStorage()): FirstFrame | null {
  try {
    const text = store.getItem(FIRST_FRAME_KEY);
    const frame: unknown = text === null ? null : JSON.parse(text);
    return accept(frame) ? frame : null;
  } catch {
    return null;
  }
}

/** Keeps the frame for the next popup; false when it could not be kept (storage full or unavailable). */
export function writeFirstFrame(frame: FirstFrame, store: FrameStore = webStorage()): boolean {
  try {
    store.setItem(FIRST_FRAME_KEY, JSON.stringify(frame));
    return true;
  } catch {
    return false;
  }
}

/** Where the sentence being typed on the home screen is kept, with when (see keepTyped). */
export const TYPED_KEY = 'instantDesk.typed';
/** A sentence left in the search box is given back to a popup opened within the hour; older, it is let go. */
export const TYPED_KEPT_MS = 60 * 60 * 1000;

/**
 * Keeps what is typed in the home search box ('' forgets it), synchronously (per keystroke; it
 * is a few bytes): a popup closed mid-sentence (a click on the page closes it) loses nothing.
 */
export function keepTyped(text: string, now: number, store: FrameStore = webStorage()): void {
  try {
    if (text.trim()) store.setItem(TYPED_KEY, JSON.stringify({ text, at: now }));
    else store.removeItem(TYPED_KEY);
  } catch {
    // Web Storage full or unavailable: the sentence stays in this popup only.
  }
}

/** The sentence kept by keepTyped within the last hour, or ''. */
export function readTyped(now: number, store: FrameStore = webStorage()): string {
  try {
    const kept = JSON.parse(store.getItem(TYPED_KEY) ?? 'null') as { text?: unknown; at?: unknown } | null;
    return kept && typeof kept.text === 'string' && typeof kept.at === 'number' && now - kept.at < TYPED_KEPT_MS ? kept.text : '';
  } catch {
    return '';
  }
}

/** No frame for the next popup (no desk any more): it renders from what is stored, as on a first open. */
export function forgetFirstFrame(store: FrameStore = webStorage()): void {
  try {
    store.removeItem(FIRST_FRAME_KEY);
  } catch {
    // Web Storage unavailable: there is no frame to show either.
  }
}

/** The address of the tab the popup is about (as lib/platform/runtime's tabUrl), without the polyfill. */
export async function frameTabUrl(tabId: number | undefined): Promise<string | undefined> {
  const tabs = api().tabs;
  const tab = tabId !== undefined ? await tabs.get(tabId) : (await tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' }))[0];
  return tab?.url;
}
