// The one storage key the popup's first frame is painted from (see lib/catalog/first-frame.ts),
// and the page it is about. Through the browser's own API object, not the polyfill or the
// storage module's items and migrations: the first frame's script stays small and makes one
// storage read.
import type { FirstFrame } from '../catalog/first-frame';

export const FIRST_FRAME_KEY = 'firstFrame';

/** The part of the storage area used here (chrome.storage.local and browser.storage.local alike). */
export interface FrameArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

interface Tab {
  url?: string;
}

/** The promise-based extension API: `browser` in Firefox, `chrome` in Chromium (MV3). */
interface Api {
  storage: { local: FrameArea };
  tabs: { get(id: number): Promise<Tab>; query(query: Record<string, unknown>): Promise<Tab[]> };
}

const api = (): Api => {
  const g = globalThis as { browser?: Api; chrome?: Api };
  return (g.browser ?? g.chrome) as Api;
};

/**
 * The stored first frame, or null (none yet, or not of the shape `accept` checks: written by
 * another version). One storage read.
 */
export async function readFirstFrame(accept: (value: unknown) => value is FirstFrame, area: FrameArea = api().storage.local): Promise<FirstFrame | null> {
  try {
    const got = await area.get(FIRST_FRAME_KEY);
    const frame: unknown = got[FIRST_FRAME_KEY];
    return accept(frame) ? frame : null;
  } catch {
    return null;
  }
}

export function writeFirstFrame(frame: FirstFrame, area: FrameArea = api().storage.local): Promise<void> {
  return area.set({ [FIRST_FRAME_KEY]: frame });
}

/** The address of the tab the popup is about (as lib/platform/runtime's tabUrl), without the polyfill. */
export async function frameTabUrl(tabId: number | undefined): Promise<string | undefined> {
  const tabs = api().tabs;
  const tab = tabId !== undefined ? await tabs.get(tabId) : (await tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' }))[0];
  return tab?.url;
}
