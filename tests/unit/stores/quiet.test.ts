// The desk is asked for the status of the person's requests once they leave the popup alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { syncWhenQuiet, whenQuiet } from '@/stores/quiet';
import { chain, DESK, facilitiesForm } from '../support/popup-chain';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { desksItem } from '@/lib/platform/storage';

interface S {
  query: string;
  tab: 'new' | 'requests';
}

const timers = { set: (task: () => void, ms: number) => setTimeout(task, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
const watch = (store: StoreApi<S>, task: () => void) =>
  whenQuiet(store, { quietMs: 1500, activity: (s) => [s.query], done: (s) => s.tab === 'requests', timers }, task);

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once the popup is left alone, each keystroke putting it off again; once only', () => {
    const store = createStore<S>()(() => ({ query: '', tab: 'new' }));
    const task = vi.fn();
    watch(store, task);
    vi.advanceTimersByTime(1000);
    store.setState({ query: 'd' });
    vi.advanceTimersByTime(1000);
    store.setState({ query: 'do' });
    vi.advanceTimersByTime(1499);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    store.setState({ query: 'door' });
    vi.advanceTimersByTime(5000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('a change outside what counts as activity does not put it off', () => {
    const store = createStore<S & { other: number }>()(() => ({ query: '', tab: 'new', other: 0 }));
    const task = vi.fn();
    watch(store, task);
    vi.advanceTimersByTime(1000);
    store.setState({ other: 1 });
    vi.advanceTimersByTime(500);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never runs when what it would do is done first (My requests opened syncs them itself), nor once cancelled', () => {
    const store = createStore<S>()(() => ({ query: '', tab: 'new' }));
    const task = vi.fn();
    watch(store, task);
    store.setState({ tab: 'requests' });
    vi.advanceTimersByTime(5000);
    expect(task).not.toHaveBeenCalled();

    const other = createStore<S>()(() => ({ query: '', tab: 'new' }));
    watch(other, task)();
    vi.advanceTimersByTime(5000);
    expect(task).not.toHaveBeenCalled();

    const opened = createStore<S>()(() => ({ query: '', tab: 'requests' }));
    watch(opened, task);
    vi.advanceTimersByTime(5000);
    expect(task).not.toHaveBeenCalled();
  });
});

/** Timers run by hand: what is armed, and firing it. */
function handTimers() {
  const armed = new Map<number, { task: () => void; ms: number }>();
  let next = 0;
  return {
    armed,
    set: (task: () => void, ms: number) => (armed.set(++next, { task, ms }), next),
    clear: (h: unknown) => void armed.delete(h as number),
    fire() {
      const [id, timer] = [...armed][0] ?? [];
      if (id === undefined || !timer) throw new Error('nothing armed');
      armed.delete(id);
      timer.task();
    },
  };
}

describe("the popup's look at My requests (syncWhenQuiet on the popup's store)", () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await desksItem.setValue([DESK]);
  });

  /** The popup's store started over the chain, watched with timers run by hand. */
  async function watched() {
    const { store } = chain();
    await store.getState().start();
    const timers = handTimers();
    const sync = vi.fn();
    syncWhenQuiet(store, sync, timers);
    return { store, timers, sync };
  }

  it('waits out typing and the form, not other changes; looks once', async () => {
    const { store, timers, sync } = await watched();
    const armedAt = () => [...timers.armed.keys()];
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([1500]);
    let before = armedAt();
    store.getState().setQuery('door');
    expect(armedAt()).not.toEqual(before); // put off again
    expect(timers.armed.size).toBe(1);
    before = armedAt();
    store.getState().open(facilitiesForm(store));
    expect(armedAt()).not.toEqual(before); // the form opened
    expect(timers.armed.size).toBe(1);
    before = armedAt();
    store.setState({ history: { other: { count: 1, last: 0 } } }); // not the person's doing
    expect(armedAt()).toEqual(before);
    timers.fire();
    expect(sync).toHaveBeenCalledTimes(1);
    store.getState().setQuery('door lock');
    expect(timers.armed.size).toBe(0);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('never looks once My requests is opened (opening it looks)', async () => {
    const { store, timers, sync } = await watched();
    store.getState().setTab('requests');
    expect(timers.armed.size).toBe(0);
    expect(sync).not.toHaveBeenCalled();
  });
});
