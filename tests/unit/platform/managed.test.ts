// The administrator's policy is asked for once and kept until the browser says it changed; a
// browser that does not answer holds no caller longer than MANAGED_WAIT_MS, or MANAGED_KNOWN_WAIT_MS
// when a policy read before can stand in (Chromium's policy service answers nothing for about 3 s
// after the browser starts), and asks do not pile up behind it (each popup open used to leave
// one waiting in the worker).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetManaged, MANAGED_ASK_AGAIN_MAX_MS, MANAGED_KNOWN_WAIT_MS, MANAGED_WAIT_MS, managedWaiters, readManaged, watchManaged } from '@/lib/platform/managed';

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
    let clock = 0;
    const wait = async (ms: number) => {
      waits.push(ms);
      clock += ms;
    };
    const now = () => clock;
    expect(await readManaged(wait, now)).toBeUndefined(); // never read: nothing to stand in
    expect(await readManaged(wait, now)).toBeUndefined();
    expect(waits).toEqual([MANAGED_WAIT_MS, MANAGED_WAIT_MS]);
    // The ask that timed out is not waited on again: the next caller asks afresh.
    expect(get).toHaveBeenCalledTimes(2);
  });

  // Measured in a profile started without Playwright (bench/memory-bare.mjs, 2026-12-06): the
  // worker's storage.managed.get never answered. Each caller used to hang a `then` on the ask for
  // good, and a new ask went out every 5 s while popups kept coming: the worker's heap grew ~1.5 KB a popup open.
  it('a browser that never answers: no caller stays tied to an ask, and asks go out less and less often', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    expect(await readManaged()).toEqual({ rating: { enabled: false } });
    forgetManaged(); // a new worker
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    let clock = 0;
    const asked: number[] = [];
    get.mockImplementation(() => (asked.push(clock), new Promise<never>(() => {})));
    // A popup open every 2 s for an hour.
    const wait = async (ms: number) => void (clock += ms);
    for (; clock < 60 * 60_000; clock += 2000) {
      expect(await readManaged(wait, () => clock)).toEqual({ rating: { enabled: false } });
      expect(managedWaiters()).toBe(0);
    }
    const gaps = asked.slice(1).map((at, i) => at - asked[i]!);
    // Each gap at least as long as the one before, from MANAGED_WAIT_MS up to MANAGED_ASK_AGAIN_MAX_MS.
    expect(gaps[0]).toBeGreaterThanOrEqual(MANAGED_WAIT_MS);
    expect(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1]!)).toBe(true);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MANAGED_ASK_AGAIN_MAX_MS + 2100);
    expect(asked.length).toBeLessThan(20); // was 1 every 5 s: 720
    // The browser says the policy changed: asked at once.
    const before = asked.length;
    await fakeBrowser.storage.managed.set({ rating: { enabled: true } });
    await readManaged(wait, () => clock);
    expect(asked.length).toBe(before + 1);
  });

  it('with no policy read before to stand in, an unanswered ask is asked again after MANAGED_WAIT_MS each time', async () => {
    let clock = 0;
    const asked: number[] = [];
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(() => (asked.push(clock), new Promise<never>(() => {})));
    const wait = async (ms: number) => void (clock += ms);
    let calls = 0;
    // Each caller waits MANAGED_WAIT_MS; the next comes 2 s after: every one asks afresh, for ever.
    for (; clock < 10 * 60_000; clock += 2000, calls++) expect(await readManaged(wait, () => clock)).toBeUndefined();
    expect(managedWaiters()).toBe(0);
    expect(asked).toHaveLength(calls);
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

  it('after a browser start, a policy read before stands at once, and the answer that lands later counts and is told', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    expect(await readManaged()).toEqual({ rating: { enabled: false } });
    forgetManaged(); // the browser restarted; the administrator changed the policy meanwhile
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({ rating: { enabled: true } });
    let answer!: () => void;
    const started = new Promise<void>((resolve) => (answer = resolve));
    const get = fakeBrowser.storage.managed.get.bind(fakeBrowser.storage.managed);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementation(async () => (await started, get(null)));
    const told = vi.fn();
    watchManaged(told);
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    // The policy service is not up: the one read before stands after a short wait, not 3 s.
    expect(await readManaged(wait)).toEqual({ rating: { enabled: false } });
    expect(waits).toEqual([MANAGED_KNOWN_WAIT_MS]);
    expect(told).not.toHaveBeenCalled();
    answer();
    await vi.waitFor(() => expect(told).toHaveBeenCalledTimes(1));
    expect(await readManaged(wait)).toEqual({ rating: { enabled: true } });
    expect(waits).toEqual([MANAGED_KNOWN_WAIT_MS]); // answered: nothing waited for
  });

  it('tells when the browser says the policy changed (it may first answer with the one it kept)', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    expect(await readManaged()).toEqual({ rating: { enabled: false } });
    const told = vi.fn(async () => expect(await readManaged()).toEqual({ rating: { enabled: true } }));
    const unwatch = watchManaged(told);
    await fakeBrowser.storage.managed.set({ rating: { enabled: true } });
    await vi.waitFor(() => expect(told).toHaveBeenCalled());
    await told.mock.results[0]?.value;
    unwatch();
    told.mockClear();
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    expect(told).not.toHaveBeenCalled();
  });

  it('an ask let go when the browser said the policy changed does not overwrite a newer answer', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    await readManaged();
    forgetManaged();
    let late!: (policy: Record<string, unknown>) => void;
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    get.mockImplementationOnce(() => new Promise((resolve) => (late = resolve)));
    const wait = () => new Promise<void>((r) => setTimeout(r, 50)); // long enough for an answering browser
    expect(await readManaged(wait)).toEqual({ rating: { enabled: false } }); // the one read before, while it is asked
    await fakeBrowser.storage.managed.set({ rating: { enabled: true } }); // the browser says it changed
    expect(await readManaged(wait)).toEqual({ rating: { enabled: true } }); // asked afresh
    late({ rating: { enabled: false } }); // the first ask's old answer lands last
    await new Promise((r) => setTimeout(r, 0));
    expect(await readManaged(wait)).toEqual({ rating: { enabled: true } });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('a slow ask that was replaced still counts when it answers', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    let answerA!: () => void;
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get');
    get.mockImplementationOnce(() => new Promise((resolve) => (answerA = () => resolve({ rating: { enabled: false } }))));
    get.mockImplementationOnce(() => new Promise<never>(() => {})); // B never answers
    let clock = 0;
    const wait = async (ms: number) => void (clock += ms);
    expect(await readManaged(wait, () => clock)).toBeUndefined(); // A unanswered after MANAGED_WAIT_MS
    expect(await readManaged(wait, () => clock)).toBeUndefined(); // B asked afresh, unanswered too
    answerA();
    await new Promise((r) => setTimeout(r, 0)); // A's answer is taken in
    expect(await readManaged(wait, () => clock)).toEqual({ rating: { enabled: false } });
    expect(get).toHaveBeenCalledTimes(2); // known now: not asked again
  });

  it('a policy read again unchanged is not written again (nothing is told)', async () => {
    await fakeBrowser.storage.managed.set({ rating: { enabled: false } });
    await readManaged();
    forgetManaged();
    const told = vi.fn();
    watchManaged(told);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect(await readManaged()).toEqual({ rating: { enabled: false } });
    expect(set).not.toHaveBeenCalled();
    expect(told).not.toHaveBeenCalled();
  });
});
