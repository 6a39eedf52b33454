// The administrator's policy is asked for once and kept until the browser says it changed; a
// browser that does not answer holds no caller longer than MANAGED_WAIT_MS, and asks do not
// pile up behind it (each popup open used to leave one waiting in the worker).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetManaged, MANAGED_WAIT_MS, readManaged } from '@/lib/platform/managed';

beforeEach(() => {
  fakeBrowser.reset();
  forgetManaged();
});
afterEach(() => vi.restoreAllMocks());

describe('the managed policy', () => {
  it('is read once, and again after the browser says it changed', async () => {
    await fakeBrowser.storage.managed.set({ rules: [] });
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    expect(await readManaged()).toEqual({ rules: [] });
    expect(await readManaged()).toEqual({ rules: [] });
    expect(get).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.managed.set({ rules: [{ url: 'https://x/*', department: 'HR' }] });
    await vi.waitFor(async () => expect(await readManaged()).toEqual({ rules: [{ url: 'https://x/*', department: 'HR' }] }));
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('is none when nothing is installed or the browser refuses', async () => {
    expect(await readManaged()).toBeUndefined();
    forgetManaged();
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readManaged()).toBeUndefined();
  });

  it('waits at most MANAGED_WAIT_MS for a browser that does not answer, then lets that ask go', async () => {
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise<never>(() => {}));
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    expect(await readManaged(wait)).toBeUndefined(); // never read: nothing to stand in
    expect(await readManaged(wait)).toBeUndefined();
    expect(waits).toEqual([MANAGED_WAIT_MS, MANAGED_WAIT_MS]);
    // The ask that timed out is not waited on again: the next caller asks afresh.
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('while the browser does not answer, the policy read last stands (in a new worker too)', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false }, desks: [{ id: 'rt' }] });
    expect(await readManaged()).toEqual({ rating: { enabled: false }, desks: [{ id: 'rt' }] });
    forgetManaged(); // a new worker: nothing in memory
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise<never>(() => {}));
    const wait = async () => undefined;
    expect(await readManaged(wait)).toEqual({ rating: { enabled: false }, desks: [{ id: 'rt' }] });
    expect(await readManaged(wait)).toEqual({ rating: { enabled: false }, desks: [{ id: 'rt' }] });
    // Once the browser answers again, its answer is what counts (and is kept).
    get.mockRestore();
    await fakeBrowser.storage.managed.set({ rating: { enabled: true } });
    await vi.waitFor(async () => expect(await readManaged(wait)).toEqual({ rating: { enabled: true }, desks: [{ id: 'rt' }] }));
    forgetManaged();
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => new Promise<never>(() => {}));
    expect(await readManaged(wait)).toEqual({ rating: { enabled: true }, desks: [{ id: 'rt' }] });
  });
});
