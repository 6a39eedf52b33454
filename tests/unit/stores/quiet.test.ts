// The desk is asked for the status of the person's requests once they leave the popup alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { whenQuiet } from '@/stores/quiet';

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
