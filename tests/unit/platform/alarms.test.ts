// Alarms as packed Chrome fires them (never sooner than 30 s after they are set), with WXT's
// fake browser standing in: the outbox's 2, 4, 8, 16 s retries must be what a user gets.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOutbox } from '@/lib/background/outbox';
import { DeskFailure, deskError } from '@/lib/domain';
import { outboxItem } from '@/lib/platform/storage';
import { createAlarms, MIN_ALARM_MS, OUTBOX_ALARM } from '@/lib/platform/surfaces';
import type { SubmitInput } from '@/lib/requests/submit';

/**
 * Packed Chrome's alarms: a `when` sooner than 30 s from now is moved to 30 s, and an alarm
 * fires when the clock passes it, whether or not the worker lived meanwhile.
 */
function packedChrome() {
  const create = fakeBrowser.alarms.create.bind(fakeBrowser.alarms) as (name: string, info: { when?: number }) => Promise<void>;
  vi.spyOn(fakeBrowser.alarms, 'create').mockImplementation(((name: string, info: { when?: number }) =>
    create(name, { when: Math.max(info.when ?? Date.now(), Date.now() + MIN_ALARM_MS) })) as never);
  /** Moves the clock on, firing (and removing) each alarm when its time comes. */
  return async function advance(ms: number) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const next = Math.min(end, ...(await fakeBrowser.alarms.getAll()).map((a) => a.scheduledTime));
      await vi.advanceTimersByTimeAsync(Math.max(0, next - Date.now()));
      for (const alarm of await fakeBrowser.alarms.getAll()) {
        if (alarm.scheduledTime > Date.now()) continue;
        await fakeBrowser.alarms.clear(alarm.name);
        await fakeBrowser.alarms.onAlarm.trigger(alarm);
      }
      await vi.advanceTimersByTimeAsync(0); // what the listeners started, before the clock moves on
    }
  };
}

/** The worker is stopped: its timers go, the browser's alarms stay (and the clock: clearAllTimers resets it). */
function stopWorker() {
  const now = Date.now();
  vi.clearAllTimers();
  vi.setSystemTime(now);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('alarms in a packed build', () => {
  it('run a short delay on time, with an alarm at the 30 s minimum as the fallback', async () => {
    const advance = packedChrome();
    const alarms = createAlarms();
    const ran = vi.fn();
    alarms.on('a', ran);
    const start = Date.now();
    await alarms.schedule('a', 2_000);
    expect((await fakeBrowser.alarms.get('a'))?.scheduledTime).toBe(start + MIN_ALARM_MS);
    await advance(1_999);
    expect(ran).not.toHaveBeenCalled();
    await advance(1);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('still run, at the minimum, when the worker stopped before the short delay', async () => {
    const advance = packedChrome();
    const alarms = createAlarms();
    const ran = vi.fn(() => Date.now());
    alarms.on('a', ran);
    const start = Date.now();
    await alarms.schedule('a', 4_000);
    stopWorker();
    await advance(MIN_ALARM_MS);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(ran.mock.results[0]?.value).toBe(start + MIN_ALARM_MS);
  });

  it('leave a delay of the minimum or more to the alarm alone, and let a later schedule replace an earlier one', async () => {
    const advance = packedChrome();
    const alarms = createAlarms();
    const ran = vi.fn(() => Date.now());
    alarms.on('a', ran);
    const start = Date.now();
    await alarms.schedule('a', 2_000);
    await alarms.schedule('a', 45_000);
    await advance(60_000);
    expect(ran.mock.results.map((r) => r.value)).toEqual([start + 45_000]);
  });

  it("give the outbox's backoff as written (2, 4, 8, 16, 32 s), not 30 s each", async () => {
    const advance = packedChrome();
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: the delays are the written ones
    const alarms = createAlarms();
    const attempts: number[] = [];
    const outbox = createOutbox({
      outbox: outboxItem,
      now: () => Date.now(),
      newId: () => 'c1',
      schedule: (delayMs) => alarms.schedule(OUTBOX_ALARM, delayMs),
      landingMs: async () => 0,
      deliver: async () => {
        attempts.push(Date.now());
        throw new DeskFailure(deskError('server'));
      },
      onSent: () => undefined,
    });
    alarms.on(OUTBOX_ALARM, () => void outbox.flush());
    const input: SubmitInput = { draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 's', description: 'd', fields: {}, excluded: [], updatedAt: 0 }, context: { redactions: 0, gaps: [] } };
    await outbox.submit(input);
    await advance(2_000 + 4_000 + 8_000 + 16_000 + 32_000);
    expect(attempts.slice(1).map((t, i) => t - attempts[i]!)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);

    // From the minimum up the alarm alone keeps the time.
    await advance(64_000);
    expect(attempts.at(-1)! - attempts.at(-2)!).toBe(64_000);

    // A worker stopped during a short wait loses only that wait: the alarm tries again at 30 s.
    await outboxItem.setValue([]);
    attempts.length = 0;
    await outbox.submit(input);
    stopWorker();
    await advance(MIN_ALARM_MS);
    expect(attempts.map((t) => t - attempts[0]!)).toEqual([0, MIN_ALARM_MS]);
  });
});
