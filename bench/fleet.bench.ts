// What a company's fleet costs its desk: a working day of 10,000 employees simulated with the
// real schedule (lib/tracking/schedule.ts, jitter included, fixed seed) and the desk requests
// per sync measured by bench/sync.mjs (README, "Keeping My requests current"). Prints the
// desk's load and how long a staff reply takes to reach its employee, as `BENCH` lines.
import { expect, it } from 'vitest';
import { HOT_WINDOW_MS, isHot, nextSyncDelayMs } from '@/lib/tracking/schedule';
import { RECONCILE_MS } from '@/lib/tracking/sync';
import { RESTORE_DELAY_MS } from '@/lib/background/tracker';

export interface Fleet {
  employees: number;
  /** Share with at least one open request (1-3 each); the rest have none. */
  openShare: number;
  /** Browser running: 8 hours, starting between 8:00 and 10:00. */
  dayHours: number;
  /** Mean length of the stretches at the machine and away from it (idle or locked): half and half. */
  activeMeanMin: number;
  idleMeanMin: number;
  /** Per employee with open requests and day: files, replies or opens the popup (each makes checks hot). */
  hotEventsPerDay: number;
  /** Per employee without: opens the popup to look (a full look; nothing open stays at 30 min). */
  glancesPerDay: number;
  /** Staff replies per employee with open requests and day, between 9:00 and 17:00. */
  staffRepliesPerDay: number;
  /** The check interval the employees have (the default). */
  intervalMin: number;
}

export const FLEET: Fleet = {
  employees: 10_000,
  openShare: 0.1,
  dayHours: 8,
  activeMeanMin: 40,
  idleMeanMin: 40,
  hotEventsPerDay: 2,
  glancesPerDay: 1,
  staffRepliesPerDay: 2,
  intervalMin: 5,
};

/** Desk requests per sync (bench/sync.mjs against Request Tracker): routine 1, a change +2, a full look 1 (one open) or 2 (up to 100). */
const ROUTINE = 1;
const CHANGE = 2;
const fullLook = (open: number) => (open <= 1 ? 1 : 1 + Math.ceil(open / 100));
/** A sync that brings a staff reply took 0.17-0.29 s. */
const SYNC_S = 0.3;
/** A look after the user is back "within seconds": the worker wakes on the idle event and syncs. */
const RESUME_S = 1;

const MIN = 60_000;
const HOUR = 60 * MIN;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Policy = 'new' | 'before';
interface Sync {
  at: number;
  cost: number;
}
interface Result {
  syncs: Sync[];
  latencies: { normal: number[]; hot: number[]; back: number[] };
}

const exp = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

/** One employee's day; times in ms from midnight. */
function day(fleet: Fleet, policy: Policy, random: () => number, hasOpen: boolean, result: Result): void {
  const start = 8 * HOUR + random() * 2 * HOUR;
  const end = start + fleet.dayHours * HOUR;
  const open = hasOpen ? 1 + Math.floor(random() * 3) : 0;
  // Stretches at the machine and away from it, starting at it.
  const active: [number, number][] = [];
  for (let t = start, at = true; t < end; at = !at) {
    const next = Math.min(end, t + exp(random, (at ? fleet.activeMeanMin : fleet.idleMeanMin) * MIN));
    if (at) active.push([t, next]);
    t = next;
  }
  const activeAt = (t: number) => active.find(([a, b]) => t >= a && t < b);
  // User actions happen at the machine: a random moment of the day, moved into the next stretch there.
  const actions = Array.from({ length: hasOpen ? fleet.hotEventsPerDay : fleet.glancesPerDay }, () => {
    const t = start + random() * (end - start);
    return activeAt(t) ? t : active.find(([a]) => a > t)?.[0];
  })
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  const replies = hasOpen
    ? Array.from({ length: fleet.staffRepliesPerDay }, () => 9 * HOUR + random() * 8 * HOUR).sort((a, b) => a - b)
    : [];

  const syncs: Sync[] = [];
  let lastActivityAt: number | undefined;
  let attemptAt = -Infinity;
  let fullAt = -Infinity;
  let replySeen = 0; // replies before this index are already brought
  const delay = (now: number, idle: 'active' | 'idle'): number | null =>
    policy === 'before'
      ? open > 0
        ? 2 * MIN
        : 15 * MIN
      : nextSyncDelayMs({ now, intervalMin: fleet.intervalMin, openRequests: open, idle, failures: 0, lastActivityAt, random });
  const sync = (at: number, full: boolean) => {
    const isFull = full || at - fullAt >= RECONCILE_MS;
    let cost = isFull ? fullLook(open) : ROUTINE;
    let changed = false;
    while (replySeen < replies.length && (replies[replySeen] ?? Infinity) < at) {
      replySeen++;
      changed = true;
    }
    if (changed) cost += CHANGE;
    syncs.push({ at, cost });
    attemptAt = at;
    if (isFull) fullAt = at;
  };

  // Walk the day: alarms, the user's actions and the idle changes, in time order.
  let alarm: number | null = start + RESTORE_DELAY_MS;
  let t = start;
  let action = 0;
  let stretch = 0;
  while (t < end) {
    // The stretch at the machine the employee is in, or the next one; the schedule before ignored them.
    const current = active[stretch];
    const pausing = policy === 'new';
    const here = !pausing || (current !== undefined && t >= current[0]);
    const nextAction = actions[action] ?? Infinity;
    const stretchEnd = pausing && here ? (current?.[1] ?? Infinity) : Infinity;
    const nextStart = pausing && !here ? (current?.[0] ?? Infinity) : Infinity;
    const next = Math.min(alarm ?? Infinity, nextAction, stretchEnd, nextStart, end);
    if (next >= end) break;
    t = next;
    if (t === nextAction) {
      action++;
      // Popup open (a full look), then the filing or reply it was opened for.
      lastActivityAt = t;
      sync(t, true);
      if (hasOpen) sync(t + 30_000, false);
      const d = delay(attemptAt, 'active');
      alarm = d === null ? null : attemptAt + d;
      t = attemptAt;
    } else if (t === alarm) {
      sync(t, false);
      const d = delay(t, 'active');
      alarm = d === null ? null : t + d;
    } else if (t === stretchEnd) {
      alarm = null; // idle or locked: the pending alarm finds it so and sets none
      stretch++;
    } else if (t === nextStart) {
      const d: number = delay(t, 'active') ?? 0;
      if (open === 0) alarm = t + d; // nothing open: time away does not count (Tracker.idleChanged)
      else if (attemptAt + d <= t) {
        sync(t + RESUME_S * 1000, false);
        const d2 = delay(attemptAt, 'active');
        alarm = d2 === null ? null : attemptAt + d2;
      } else alarm = attemptAt + d;
    }
  }
  result.syncs.push(...syncs);

  // How long each staff reply took to reach its employee.
  for (const r of replies) {
    const brought = syncs.find((s) => s.at > r);
    if (!brought) continue; // the browser closed first: next morning
    const at = brought.at;
    const stretchAtReply: [number, number] | undefined = policy === 'new' ? activeAt(r) : r >= start && r < end ? [start, end] : undefined;
    const hot = isHot(r, actions.filter((a) => a <= r).at(-1));
    if (stretchAtReply && brought.at < stretchAtReply[1]) {
      (hot ? result.latencies.hot : result.latencies.normal).push((brought.at - r) / 1000 + SYNC_S);
    } else {
      // Away (or the browser not yet started): from the moment the employee came back for the look that brought it.
      const back = policy === 'new' ? (active.filter(([a]) => a <= at).at(-1)?.[0] ?? start) : start;
      result.latencies.back.push(Math.max(0, brought.at - Math.max(back, r)) / 1000 + SYNC_S);
    }
  }
}

export function simulate(fleet: Fleet, policy: Policy, seed = 1): Result {
  const random = mulberry32(seed);
  const result: Result = { syncs: [], latencies: { normal: [], hot: [], back: [] } };
  const withOpen = Math.round(fleet.employees * fleet.openShare);
  for (let i = 0; i < fleet.employees; i++) day(fleet, policy, random, i < withOpen, result);
  return result;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const dur = (s: number) => (s >= 90 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);

/** Desk requests per second: 10:00-16:00 (every browser running), the busiest minute, the 24-hour mean. */
export function load(result: Result, employees: number) {
  const per10k = 10_000 / employees;
  const window = result.syncs.filter((s) => s.at >= 10 * HOUR && s.at < 16 * HOUR);
  const steady = (window.reduce((n, s) => n + s.cost, 0) / (6 * 3600)) * per10k;
  const minutes = new Map<number, number>();
  for (const s of result.syncs) minutes.set(Math.floor(s.at / MIN), (minutes.get(Math.floor(s.at / MIN)) ?? 0) + s.cost);
  const peak = (Math.max(...minutes.values()) / 60) * per10k;
  const mean = (result.syncs.reduce((n, s) => n + s.cost, 0) / 86_400) * per10k;
  return { steady, peak, mean };
}

function report(name: string, fleet: Fleet, target: boolean): string[] {
  const now = simulate(fleet, 'new');
  const before = load(simulate(fleet, 'before'), fleet.employees);
  const { steady, peak, mean } = load(now, fleet.employees);
  const { normal, hot, back } = now.latencies;
  // Sane figures: a model that lost its syncs or its replies would pass any load target.
  expect(normal.length).toBeGreaterThan(100);
  expect(Math.max(...normal)).toBeLessThanOrEqual(300);
  expect(Math.max(...hot)).toBeLessThanOrEqual(60);
  expect(steady).toBeLessThan(before.steady);
  if (target) expect(steady).toBeLessThanOrEqual(5);
  return [
    `${name}: ${steady.toFixed(2)} desk requests/s per 10,000 employees in working hours (target <= 5; busiest minute ${peak.toFixed(2)}/s, 24-hour mean ${mean.toFixed(2)}/s); the schedule before: ${before.steady.toFixed(1)}/s`,
    `${name}: staff reply to an active employee: p95 ${dur(pct(normal, 0.95))}, worst ${dur(Math.max(...normal))} (target 5 min, ${normal.length} replies); in the quarter hour after filing, replying or opening the popup p95 ${dur(pct(hot, 0.95))}, worst ${dur(Math.max(...hot))} (target 1 min, ${hot.length} replies); to one who was away, after they are back: p95 ${dur(pct(back, 0.95))}, worst ${dur(Math.max(...back))} (${back.length} replies)`,
  ];
}

it('fleet model: desk load and reply delay', () => {
  const t0 = performance.now();
  const lines = [
    ...report('fleet (10,000 employees, 10% with open requests, 2 hot moments a day)', FLEET, true),
    ...report('busier fleet (20% with open requests, 4 hot moments a day)', { ...FLEET, openShare: 0.2, hotEventsPerDay: 4 }, false),
  ];
  lines.push(`fleet model: simulated in ${((performance.now() - t0) / 1000).toFixed(1)} s (hot window ${HOT_WINDOW_MS / MIN} min, seed 1)`);
  for (const line of lines) process.stdout.write(`BENCH ${line}\n`);
}, 120_000);
