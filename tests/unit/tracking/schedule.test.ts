import { describe, expect, it } from 'vitest';
import { HOT_WINDOW_MS, nextSyncDelayMs, SYNC_MARGIN_MS, type ScheduleInput } from '@/lib/tracking/schedule';

const MIN = 60_000;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const base: ScheduleInput = { now: NOW, intervalMin: 5, openRequests: 2, idle: 'active', failures: 0 };
/** With random() = 0: a promised interval at its longest, anything else at its earliest (-20 %). */
const latest = (input: Partial<ScheduleInput>) => nextSyncDelayMs({ ...base, ...input, random: () => 0 });
const spread = (input: Partial<ScheduleInput>) => [0, 0.5, 1].map((r) => nextSyncDelayMs({ ...base, ...input, random: () => r }));

describe('nextSyncDelayMs', () => {
  it.each<[string, Partial<ScheduleInput>, number | null]>([
    ['active with open requests: the chosen interval, the sync time kept free', {}, 5 * MIN - SYNC_MARGIN_MS],
    ['the user or the administrator chose 2 minutes', { intervalMin: 2 }, 2 * MIN - SYNC_MARGIN_MS],
    ['hot: just filed, replied or opened the popup', { lastActivityAt: NOW - 60_000 }, MIN - SYNC_MARGIN_MS],
    ['hot until 15 minutes have passed', { lastActivityAt: NOW - HOT_WINDOW_MS + 1 }, MIN - SYNC_MARGIN_MS],
    ['no longer hot after 15 minutes', { lastActivityAt: NOW - HOT_WINDOW_MS }, 5 * MIN - SYNC_MARGIN_MS],
    ['nothing open: every hour (-20 %), hot or not', { openRequests: 0, lastActivityAt: NOW }, 48 * MIN],
    ['idle: no polling', { idle: 'idle' }, null],
    ['locked: no polling', { idle: 'locked', lastActivityAt: NOW }, null],
    ['never below what packed Chrome allows', { intervalMin: 0.1 }, 0.5 * MIN],
  ])('%s', (_, input, expected) => {
    expect(latest(input)).toBe(expected);
  });

  it('jitter only makes a promised check earlier, by up to 20 %', () => {
    expect(spread({})).toEqual([5 * MIN - SYNC_MARGIN_MS, (5 * MIN - SYNC_MARGIN_MS) * 0.9, (5 * MIN - SYNC_MARGIN_MS) * 0.8]);
    expect(spread({ lastActivityAt: NOW })).toEqual([55_000, 49_500, 44_000]);
  });

  it('spreads checks with nothing promised by ±20 %', () => {
    expect(spread({ openRequests: 0 })).toEqual([48 * MIN, 60 * MIN, 72 * MIN]);
  });

  it.each<[number, number]>([
    [1, 5],
    [2, 10],
    [3, 20],
    [4, 30],
    [10, 30],
  ])('backs off exponentially: failure %i waits about %i minutes (±20 %%)', (failures, minutes) => {
    expect(spread({ failures })).toEqual([0.8, 1, 1.2].map((f) => Math.round(minutes * MIN * f)));
  });

  it('backs off from the hot interval too, and stays hourly with nothing open', () => {
    expect(nextSyncDelayMs({ ...base, failures: 2, lastActivityAt: NOW, random: () => 0.5 })).toBe(2 * MIN);
    expect(nextSyncDelayMs({ ...base, failures: 3, openRequests: 0, random: () => 0.5 })).toBe(60 * MIN);
  });

  it("never looks before the desk's Retry-After, and spreads those told the same wait", () => {
    const notBefore = NOW + 10 * MIN;
    expect(spread({ failures: 1, notBefore })).toEqual([10 * MIN, 11 * MIN, 12 * MIN]);
    expect(latest({ notBefore, lastActivityAt: NOW })).toBe(10 * MIN); // hot or not
    expect(nextSyncDelayMs({ ...base, failures: 3, notBefore: NOW + MIN, random: () => 0.5 })).toBe(20 * MIN); // a shorter one changes nothing
    expect(latest({ notBefore: NOW - MIN })).toBe(5 * MIN - SYNC_MARGIN_MS); // one that has passed neither
  });

  it('stays within its bounds for any random draw', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 1000; i++) {
      const active = nextSyncDelayMs({ ...base, random }) ?? NaN;
      expect(active).toBeGreaterThanOrEqual(0.8 * (5 * MIN - SYNC_MARGIN_MS) - 1);
      expect(active).toBeLessThanOrEqual(5 * MIN - SYNC_MARGIN_MS);
      const hot = nextSyncDelayMs({ ...base, lastActivityAt: NOW, random }) ?? NaN;
      expect(hot).toBeGreaterThanOrEqual(30_000);
      expect(hot).toBeLessThanOrEqual(MIN - SYNC_MARGIN_MS);
    }
  });
});
