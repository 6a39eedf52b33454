// Work that can wait until the person leaves the popup alone: asking the desk for the status of
// their requests while they type a new one only slows the typing and the send down (the desk
// is asked again after the send anyway, and when My requests is opened).

/** How long the popup is left alone before the desk is asked for the status of the person's requests. */
export const QUIET_MS = 1500;

export interface Timers {
  set(task: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

interface Watched<S> {
  getState(): S;
  subscribe(listener: (state: S) => void): () => void;
}

/**
 * Runs `task` once, when what `activity` picks out of the state has not changed for `quietMs`,
 * unless `done` holds first (then it never runs: whoever made it hold did the work). Returns the cancel.
 */
export function whenQuiet<S>(store: Watched<S>, options: { quietMs: number; activity(state: S): readonly unknown[]; done(state: S): boolean; timers: Timers }, task: () => void): () => void {
  const { quietMs, activity, done, timers } = options;
  let last = activity(store.getState());
  let timer: unknown;
  let stop = () => {};
  const finish = () => {
    timers.clear(timer);
    stop();
  };
  const arm = () => {
    timers.clear(timer);
    timer = timers.set(() => {
      finish();
      task();
    }, quietMs);
  };
  if (done(store.getState())) return () => {};
  stop = store.subscribe((state) => {
    if (done(state)) return finish();
    const now = activity(state);
    if (now.length === last.length && now.every((v, i) => Object.is(v, last[i]))) return;
    last = now;
    arm();
  });
  arm();
  return finish;
}

/** What the popup is watched for: typing, a draft changing, another view, a send under way. */
interface PopupActivity {
  query: string;
  draft: unknown;
  view: string;
  submitting: boolean;
  tab: string;
}

/**
 * The popup's look at My requests: `sync` runs once the person has left the popup alone for
 * QUIET_MS (no typing, no change to the form, no view opened, no send under way), never once
 * My requests was opened (opening it syncs). Returns the cancel.
 */
export function syncWhenQuiet<S extends PopupActivity>(store: Watched<S>, sync: () => void, timers: Timers): () => void {
  return whenQuiet(store, { quietMs: QUIET_MS, activity: (s) => [s.query, s.draft, s.view, s.submitting], done: (s) => s.tab === 'requests', timers }, sync);
}
