// The popup's first frame, begun by a classic script the popup's HTML runs before it renders any
// frame (entrypoints/first-frame.ts), so the frame can be in the browser's first paint: one
// synchronous read of the stored frame, painted at once when it does not depend on the page,
// else as soon as the page's address is known. The module (entrypoints/popup/main.ts) takes
// over from here. Reading storage, asking for the tab and painting are handed in
// (entrypoints/popup/first.ts wires lib/platform/first-frame and the painter): no React, no
// zustand, no polyfill, so the first frame's script stays small.
import { needsPage, paintable, type FirstFrame } from '@/lib/catalog/first-frame';

/** What the user did on the painted frame before React took over. */
export interface Early {
  /** A row's key, or 'first' for Enter (the best row for what is typed by then). */
  pick?: string;
}

export interface FirstPaintDeps {
  now(): number;
  /** The stored first frame, read synchronously; null when there is none (or it is unreadable). */
  readFrame(): FirstFrame | null;
  /** The address of the tab the popup is about (the active tab when none is named). */
  tabUrl(tabId: number | undefined): Promise<string | undefined>;
  /** Paints the frame into `root`, search box focused, recording into `early` what is done on it. */
  paint(root: HTMLElement, frame: FirstFrame, pageUrl: string | undefined, now: number, early: Early): void;
  /** Runs `task` once the frame just painted is on screen (at once when not given). */
  afterFrame?(task: () => void): void;
}

/** What the first frame's script hands to the module that starts React. */
export interface FirstPaint {
  /** What the user did on the painted frame before React took over. */
  early: Early;
  /** The stored first frame, to write only what changed. */
  frame: FirstFrame | null;
  /** Resolves once the frame is painted (true) or is known not to be (false). */
  painted: Promise<boolean>;
  /** The address of the page the popup is about, asked once for the frame and the store. */
  pageUrl: Promise<string | undefined>;
}

const HAND_OFF = 'instantDeskFirstPaint';
type Holder = Record<typeof HAND_OFF, FirstPaint | undefined>;

/** `?tab=` when the popup was opened for a tab (as lib/platform/runtime's targetTabId). */
export function tabOf(search: string): number | undefined {
  const id = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Starts the first frame in `doc` (the popup's root must be parsed already). */
export function beginFirstPaint(doc: Document, where: Pick<Location, 'search' | 'hash'>, deps: FirstPaintDeps): FirstPaint {
  const params = new URLSearchParams(where.search);
  if (params.has('report') || params.has('tab') || where.hash) doc.body.classList.add('in-window');
  const root = doc.getElementById('root');
  const early: Early = {};
  let asked: Promise<string | undefined> | undefined;
  const askPage = () => (asked ??= deps.tabUrl(tabOf(where.search)).catch(() => undefined));
  // A report opens its form, #requests the list: only the home view has a first frame.
  const home = !params.has('report') && where.hash !== '#requests';
  const frame = home && root ? deps.readFrame() : null;
  const paint = (url: string | undefined): boolean => {
    if (!frame || !root || !paintable(frame, url)) return false;
    deps.paint(root, frame, url, deps.now(), early);
    return true;
  };
  if (frame && !needsPage(frame)) {
    // Painted from storage alone: the page is asked for once that frame is on screen (the
    // extension API's first use in a page costs its set-up, which the frame need not wait for).
    const painted = paint(undefined);
    const pageUrl = new Promise<string | undefined>((resolve) => (deps.afterFrame ?? ((task) => task()))(() => void askPage().then(resolve)));
    return { early, frame, painted: Promise.resolve(painted), pageUrl };
  }
  const pageUrl = askPage();
  const painted = frame ? pageUrl.then(paint) : Promise.resolve(false);
  return { early, frame, painted, pageUrl };
}

/** Left on the window by the first frame's script for main.ts. */
export function handOff(first: FirstPaint, holder: object = globalThis): void {
  (holder as Holder)[HAND_OFF] = first;
}

/** What the first frame's script left, once; undefined when it did not run. */
export function takeFirstPaint(holder: object = globalThis): FirstPaint | undefined {
  const first = (holder as Holder)[HAND_OFF];
  (holder as Holder)[HAND_OFF] = undefined;
  return first;
}
