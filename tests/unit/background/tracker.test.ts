import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTracker, type TrackerDeps } from '@/lib/background/tracker';
import type { DeskConfig, TicketSummary } from '@/lib/domain';
import type { DeskAdapter, MyRequests } from '@/lib/desks/types';
import { DeskFailure, deskError } from '@/lib/domain';
import { desksItem, preferencesItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';
import { SYNC_MARGIN_MS, type IdleState } from '@/lib/tracking/schedule';

const MIN = 60_000;

const desk: DeskConfig = { id: 'd', kind: 'rt', name: 'desk', baseUrl: 'https://desk', auth: { mode: 'token', token: 't' } };
const ticket = (id: string, status = 'open', updated = '2026-11-23T10:00:00Z'): TicketSummary => ({
  ref: { deskId: 'd', id, key: `#${id}`, url: `https://desk/t/${id}` },
  subject: `Request ${id}`,
  departmentId: '3',
  status,
  category: status === 'resolved' ? 'done' : 'open',
  updated,
});

function adapterWith(list: () => Promise<TicketSummary[]>) {
  const calls = { list: 0, activity: 0, full: 0 };
  const adapter = {
    listMyRequests: async (q: { cursor?: string; includeOpen: boolean }): Promise<MyRequests> => {
      calls.list++;
      if (q.includeOpen) calls.full++;
      const requests = await list();
      // The cursor as RT's adapter keeps it: the newest update time seen.
      const cursor = requests.reduce<string | undefined>((max, r) => (!max || r.updated > max ? r.updated : max), q.cursor);
      return { requests, ...(cursor ? { cursor } : {}) };
    },
    recentActivity: async () => {
      calls.activity++;
      return {};
    },
  } as unknown as DeskAdapter;
  return { adapter, calls };
}

/**
 * A desk whose listing can be held: `hold()` makes the next listing wait until `release()`,
 * and `underWay` resolves once that listing reached the desk. `tickets` is what it lists.
 */
function heldDesk(initial: TicketSummary[]) {
  const desk = { tickets: initial };
  let gate = Promise.resolve();
  let reached = () => {};
  const { adapter } = adapterWith(async () => {
    reached();
    await gate;
    return desk.tickets;
  });
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((r) => (release = r));
    const underWay = new Promise<void>((r) => (reached = r));
    return { underWay, release: () => release() };
  };
  return { desk, adapter, hold };
}

function setup(adapter: DeskAdapter, machine: { idle: IdleState; now: number } = { idle: 'active', now: Date.parse('2026-11-23T12:00:00Z') }) {
  const deps = {
    desks: desksItem,
    snapshot: snapshotItem,
    syncState: syncStateItem,
    preferences: preferencesItem,
    adapterFor: async () => adapter,
    now: () => machine.now,
    idleState: async () => machine.idle,
    random: () => 0, // promised intervals at their longest, the rest at their earliest
    showBadge: vi.fn(async () => undefined),
    notify: vi.fn(async () => undefined),
    schedule: vi.fn(async () => undefined),
    listUrl: 'chrome-extension://id/popup.html#requests',
  } satisfies TrackerDeps;
  return { tracker: createTracker(deps), deps };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([desk]);
});

describe('tracker', () => {
  it('makes one listing request per sync, and details only for what changed', async () => {
    const older = [ticket('2', 'open', '2026-11-23T09:00:00Z'), ticket('3', 'open', '2026-11-23T09:30:00Z')];
    let tickets = [ticket('1'), ...older];
    const { adapter, calls } = adapterWith(async () => tickets);
    const { tracker, deps } = setup(adapter);
    await tracker.sync();
    // The first look is a full baseline, and reads what staff said on each open request once.
    expect(calls).toEqual({ list: 1, activity: 3, full: 1 });
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '3', marked: false });

    tickets = [ticket('1', 'resolved', '2026-11-23T11:00:00Z'), ...older];
    await tracker.sync();
    expect(calls).toEqual({ list: 2, activity: 4, full: 1 }); // routine: only what changed
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '2', marked: true });
    expect(deps.notify).toHaveBeenLastCalledWith([{ id: 'instant-desk|https://desk/t/1', title: 'Request 1 (#1)', message: 'Now: resolved' }]);
  });

  it('looks again at requests changed in the same second as a look that came right after it', async () => {
    let tickets = [ticket('1')];
    const { adapter, calls } = adapterWith(async () => tickets);
    const { deps } = setup(adapter);
    const justAfter = createTracker({ ...deps, now: () => Date.parse('2026-11-23T10:00:01Z') });
    await justAfter.sync(); // baseline; watermark 10:00:00, looked at 10:00:01
    tickets = [ticket('1'), ticket('2', 'open', '2026-11-23T09:00:00Z')];
    await justAfter.sync();
    // #1 read at the first look, and again: it shows the watermark's time but may have changed
    // within that second; #2, new and open, is read too (a routine look reads a few new ones).
    expect(calls.activity).toBe(3);
  });

  it('does not look again when the last look came well after the watermark', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1')]);
    const { tracker } = setup(adapter); // looks at 12:00, watermark 10:00
    await tracker.sync();
    await tracker.sync();
    expect(calls).toMatchObject({ list: 2, activity: 1 }); // #1 read once, at the first look
  });

  it('lists every open request when asked (popup open) and every 30 minutes', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const { adapter, calls } = adapterWith(async () => [ticket('1')]);
    const { tracker } = setup(adapter);
    const clocked = createTracker({ ...setup(adapter).deps, now: () => now });
    await clocked.sync();
    await tracker.sync(true);
    expect(calls.full).toBe(2);
    now += 29 * 60_000;
    await clocked.sync();
    expect(calls.full).toBe(2);
    now += 2 * 60_000;
    await clocked.sync();
    expect(calls.full).toBe(3);
  });

  it('runs at most one sync at a time', async () => {
    let release: (v: TicketSummary[]) => void = () => undefined;
    const { adapter, calls } = adapterWith(() => new Promise((r) => (release = r)));
    const { tracker } = setup(adapter);
    const a = tracker.sync();
    const b = tracker.sync();
    await vi.waitFor(() => expect(calls.list).toBe(1));
    release([ticket('1')]);
    expect(await a).toBe(await b);
    expect(calls.list).toBe(1);
  });

  it('backs off on failures, remembered across a service worker restart', async () => {
    let fail = false;
    const { adapter } = adapterWith(async () => (fail ? Promise.reject(new DeskFailure(deskError('server'))) : [ticket('1')]));
    const first = setup(adapter);
    await first.tracker.sync();
    expect(first.deps.schedule).toHaveBeenLastCalledWith(5 * MIN - SYNC_MARGIN_MS);
    fail = true;
    await expect(first.tracker.sync()).rejects.toBeInstanceOf(DeskFailure);
    expect(first.deps.schedule).toHaveBeenLastCalledWith(0.8 * 5 * MIN); // one interval, ±20 %

    const restarted = setup(adapter); // a new worker: nothing in memory, all in storage
    await expect(restarted.tracker.sync()).rejects.toBeInstanceOf(DeskFailure);
    expect(await syncStateItem.getValue()).toMatchObject({ failures: 2, lastError: { kind: 'server' } });
    expect(restarted.deps.schedule).toHaveBeenLastCalledWith(0.8 * 10 * MIN);
  });

  it("waits out the desk's 429 Retry-After: no request before it, not even the popup's", async () => {
    let limited = false;
    const { adapter, calls } = adapterWith(async () => (limited ? Promise.reject(new DeskFailure(deskError('rate-limited', { status: 429, retryAfterMs: 10 * MIN }))) : [ticket('1')]));
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    limited = true;
    await expect(tracker.sync()).rejects.toMatchObject({ error: { kind: 'rate-limited' } });
    expect(deps.schedule).toHaveBeenLastCalledWith(10 * MIN); // the floor, not the 5-minute interval
    expect(calls.list).toBe(2);

    machine.now += 4 * MIN;
    await expect(tracker.sync(true)).rejects.toMatchObject({ error: { kind: 'rate-limited', retryAfterMs: 6 * MIN } });
    expect(calls.list).toBe(2); // the desk was not asked
    expect(deps.schedule).toHaveBeenLastCalledWith(6 * MIN);

    limited = false;
    machine.now += 6 * MIN;
    await tracker.sync();
    expect(calls.list).toBe(3);
    expect(await syncStateItem.getValue()).toEqual({ failures: 0, attemptAt: machine.now });
  });

  it('looks every minute for 15 minutes after the user files, replies or opens the popup', async () => {
    const { adapter } = adapterWith(async () => [ticket('1')]);
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    expect(deps.schedule).toHaveBeenLastCalledWith(5 * MIN - SYNC_MARGIN_MS);

    machine.now += 2 * MIN;
    await tracker.touch(machine.now); // the next look moves up to a minute after the last one: due now
    expect(await syncStateItem.getValue()).toMatchObject({ lastActivityAt: machine.now });
    await tracker.sync();
    expect(deps.schedule).toHaveBeenLastCalledWith(MIN - SYNC_MARGIN_MS);

    machine.now += 15 * MIN;
    await tracker.sync();
    expect(deps.schedule).toHaveBeenLastCalledWith(5 * MIN - SYNC_MARGIN_MS);
  });

  it('a touch moves the pending alarm up', async () => {
    const { adapter } = adapterWith(async () => [ticket('1')]);
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    machine.now += 20_000;
    await tracker.touch(machine.now);
    expect(deps.schedule).toHaveBeenLastCalledWith(MIN - SYNC_MARGIN_MS - 20_000);
  });

  it('keeps a touch that came while a sync was running', async () => {
    let release: (v: TicketSummary[]) => void = () => undefined;
    const { adapter, calls } = adapterWith(() => new Promise((r) => (release = r)));
    const { tracker, deps } = setup(adapter);
    const running = tracker.sync();
    await vi.waitFor(() => expect(calls.list).toBe(1));
    await tracker.touch(deps.now());
    release([ticket('1')]);
    await running;
    expect(await syncStateItem.getValue()).toMatchObject({ failures: 0, lastActivityAt: deps.now() });
    expect(deps.schedule).toHaveBeenLastCalledWith(MIN - SYNC_MARGIN_MS);
  });

  it('keeps both a touch and the sync it lands in while storage is slow, wherever the touch falls', async () => {
    // Each read and write of the sync state takes a task of its own (a busy storage area): a
    // touch whose read falls between the sync's read and write of its outcome would write back
    // the state before it (the attempt lost), or the sync's write would drop the touch.
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const slow = {
      getValue: async () => (await tick(), syncStateItem.getValue()),
      setValue: async (v: Parameters<typeof syncStateItem.setValue>[0]) => (await tick(), syncStateItem.setValue(v)),
    };
    for (let ticks = 0; ticks < 24; ticks++) {
      await syncStateItem.setValue({ failures: 2 });
      const { adapter } = adapterWith(async () => [ticket('1')]);
      const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
      const { deps } = setup(adapter, machine);
      const tracker = createTracker({ ...deps, syncState: slow });
      const running = tracker.sync();
      for (let i = 0; i < ticks; i++) await tick();
      await tracker.touch(machine.now);
      await running;
      expect(await syncStateItem.getValue(), `touch after ${ticks} tasks`).toMatchObject({ failures: 0, attemptAt: machine.now, lastActivityAt: machine.now });
      // And the alarm last set is the one for that state: the next look a minute after this one.
      expect(deps.schedule, `touch after ${ticks} tasks`).toHaveBeenLastCalledWith(MIN - SYNC_MARGIN_MS);
    }
  });

  it('does not poll an idle or locked machine, and looks within seconds when it is active again', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1')]);
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    expect(deps.schedule).toHaveBeenCalledTimes(1);

    machine.idle = 'locked';
    await tracker.idleChanged('locked');
    machine.now += 5 * MIN;
    await tracker.due(); // the alarm set before the lock fires
    expect(calls.list).toBe(1);
    expect(deps.schedule).toHaveBeenCalledTimes(1); // and sets no next one

    machine.idle = 'idle';
    await tracker.idleChanged('idle');
    machine.now += 40 * MIN;
    expect(calls.list).toBe(1);

    machine.idle = 'active';
    await tracker.idleChanged('active');
    expect(calls.list).toBe(2); // due long ago: at once
    expect(deps.schedule).toHaveBeenLastCalledWith(5 * MIN - SYNC_MARGIN_MS);
  });

  it('back before the next look was due: only the alarm for when it is', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1')]);
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    machine.idle = 'idle';
    await tracker.idleChanged('idle');
    machine.now += 2 * MIN;
    machine.idle = 'active';
    await tracker.idleChanged('active');
    expect(calls.list).toBe(1);
    expect(deps.schedule).toHaveBeenLastCalledWith(3 * MIN - SYNC_MARGIN_MS);
  });

  it('with nothing open, time away does not count: the interval starts again on return', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1', 'resolved')]);
    const machine = { idle: 'active' as IdleState, now: Date.parse('2026-11-23T12:00:00Z') };
    const { tracker, deps } = setup(adapter, machine);
    await tracker.sync();
    machine.idle = 'idle';
    await tracker.idleChanged('idle');
    machine.now += 3 * 60 * MIN;
    machine.idle = 'active';
    await tracker.idleChanged('active');
    expect(calls.list).toBe(1);
    expect(deps.schedule).toHaveBeenLastCalledWith(0.8 * 60 * MIN);
  });

  it('sets no alarm on start-up while the machine is locked', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1')]);
    const { tracker, deps } = setup(adapter, { idle: 'locked', now: Date.parse('2026-11-23T12:00:00Z') });
    await tracker.restore();
    expect(deps.schedule).not.toHaveBeenCalled();
    expect(calls.list).toBe(0);
  });

  it('restores the badge from storage after a restart, without the network', async () => {
    const { adapter, calls } = adapterWith(async () => [ticket('1'), ticket('2')]);
    await setup(adapter).tracker.sync();
    const restarted = setup(adapter);
    await restarted.tracker.restore();
    expect(restarted.deps.showBadge).toHaveBeenCalledWith({ text: '2', marked: false });
    expect(calls.list).toBe(1);
    expect(restarted.deps.schedule).toHaveBeenCalled();
  });

  it('stays quiet when notifications are off, and clears the mark once seen', async () => {
    let tickets = [ticket('1')];
    const { adapter } = adapterWith(async () => tickets);
    const { tracker, deps } = setup(adapter);
    await preferencesItem.setValue({ notifications: false, intervalMin: 2 });
    await tracker.sync();
    tickets = [ticket('1', 'stalled', '2026-11-23T11:00:00Z')];
    await tracker.sync();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '1', marked: true });
    await tracker.seen('d/1');
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '1', marked: false });
  });

  it('keeps a request seen while a look was under way, at once, unless that look brought news of it', async () => {
    const { desk, adapter, hold } = heldDesk([ticket('1'), ticket('2')]);
    const { tracker, deps } = setup(adapter);
    await preferencesItem.setValue({ notifications: false, intervalMin: 2 });
    await tracker.sync();
    desk.tickets = [ticket('1', 'stalled', '2026-11-23T11:00:00Z'), ticket('2', 'stalled', '2026-11-23T11:00:00Z')];
    await tracker.sync();
    expect((await snapshotItem.getValue())?.requests.map((r) => r.unseen)).toEqual([true, true]);

    // A slow look starts; #2 changes again at the desk meanwhile; the user opens both requests.
    const { underWay, release } = hold();
    desk.tickets = [ticket('1', 'stalled', '2026-11-23T11:00:00Z'), ticket('2', 'open', '2026-11-23T11:30:00Z')];
    const looking = tracker.sync();
    await underWay;
    const seen = await Promise.race([Promise.all([tracker.seen('d/1'), tracker.seen('d/2')]).then(() => 'at once'), new Promise((r) => setTimeout(() => r('after the look'), 200))]);
    expect(seen).toBe('at once');
    release();
    await looking;
    // #1 stays seen; #2's news came with that look: unseen again.
    expect((await snapshotItem.getValue())?.requests.map((r) => [r.ref.id, r.unseen]).sort()).toEqual([['1', false], ['2', true]]);
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '2', marked: true });
  });

  it('does not announce the reopening of a request the user replied to while a look was under way', async () => {
    const { desk, adapter, hold } = heldDesk([ticket('1', 'resolved')]);
    const { tracker, deps } = setup(adapter);
    await tracker.sync();
    const { underWay, release } = hold();
    const looking = tracker.sync();
    await underWay;
    // The reply (noted first, then sent), and RT's scrip opening the ticket again.
    await tracker.replied('d/1');
    desk.tickets = [ticket('1', 'open', '2026-11-23T11:59:00Z')];
    release();
    await looking;
    expect(deps.notify).not.toHaveBeenCalledWith(expect.arrayContaining([expect.anything()]));
    expect((await snapshotItem.getValue())?.requests[0]).toMatchObject({ status: 'open', unseen: false });
    expect(deps.showBadge).toHaveBeenLastCalledWith({ text: '1', marked: false });
  });
});
