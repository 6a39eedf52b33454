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

  it('waits at most MANAGED_WAIT_MS for a browser that does not answer, with one ask in flight', async () => {
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockReturnValue(new Promise(() => {}) as never);
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    expect(await readManaged(wait)).toBeUndefined();
    expect(await readManaged(wait)).toBeUndefined();
    expect(waits).toEqual([MANAGED_WAIT_MS, MANAGED_WAIT_MS]);
    expect(get).toHaveBeenCalledTimes(1);
  });
});
