// When to look again. Pure: the tracker gives the facts, this gives the wait (or none).
// The interval is a promise to an active user with open requests: a staff reply reaches them
// within it, so jitter only ever makes a check earlier. Everything without such a promise
// (nothing open, backoff, the desk's Retry-After) is spread either way, or later.
// The fleet model in bench/fleet.bench.ts runs this function; the README states its figures.

/** Chrome will not fire alarms more often than every 30 seconds (packed extensions). */
export const MIN_INTERVAL_MIN = 0.5;
/** After the user files, replies or opens the popup, replies are looked for every minute... */
export const HOT_INTERVAL_MIN = 1;
/** ...for this long. */
export const HOT_WINDOW_MS = 15 * 60_000;
/** Nothing open: a full look hourly still finds requests filed some other way (the popup looks at once). */
export const NOTHING_OPEN_INTERVAL_MIN = 60;
export const MAX_BACKOFF_MIN = 30;
/** Kept free at the end of a promised interval for the sync itself (a changed one took up to 0.3 s). */
export const SYNC_MARGIN_MS = 5_000;
/** Share of an interval jitter may take off (or add, where nothing was promised). */
export const JITTER = 0.2;

/** The browser's idle state (chrome.idle / browser.idle). */
export type IdleState = 'active' | 'idle' | 'locked';

export interface ScheduleInput {
  now: number;
  /** The user's check interval (preferences; the administrator's policy wins). */
  intervalMin: number;
  openRequests: number;
  idle: IdleState;
  failures: number;
  /** When the user last filed, replied or opened the popup. */
  lastActivityAt?: number;
  /** The desk asked for nothing before this time. */
  notBefore?: number;
  /** The desk's rate limit was nearly used up until this time: routine looks wait for it. */
  slowUntil?: number;
  random?: () => number;
}

/** Left of a rate-limit window, below which routine looks wait for the window to reset. */
export const LOW_REMAINING_SHARE = 0.1;
export const LOW_REMAINING_MIN = 5;

/**
 * When the desk says its rate limit is nearly used up (X-RateLimit-*, RateLimit-*): the reset
 * time, which routine looks then wait for, so they never run into the limit; else undefined.
 */
export function slowDownUntil(limit: { remaining: number; limit?: number; resetAt: number } | undefined, now: number): number | undefined {
  if (!limit || limit.resetAt <= now) return undefined;
  const low = Math.max(LOW_REMAINING_MIN, (limit.limit ?? 0) * LOW_REMAINING_SHARE);
  return limit.remaining <= low ? limit.resetAt : undefined;
}

export const isHot = (now: number, lastActivityAt: number | undefined): boolean =>
  lastActivityAt !== undefined && now >= lastActivityAt && now - lastActivityAt < HOT_WINDOW_MS;

/** The interval that applies now, in minutes, before jitter and backoff. */
export function intervalFor({ now, intervalMin, openRequests, lastActivityAt }: Pick<ScheduleInput, 'now' | 'intervalMin' | 'openRequests' | 'lastActivityAt'>): number {
  const chosen = Math.max(intervalMin, MIN_INTERVAL_MIN);
  if (openRequests === 0) return Math.max(chosen, NOTHING_OPEN_INTERVAL_MIN);
  return isHot(now, lastActivityAt) ? Math.min(chosen, HOT_INTERVAL_MIN) : chosen;
}

/**
 * Milliseconds until the next check, or null for none: an idle or locked machine is not
 * polled at all (the tracker looks again as soon as it is active).
 */
export function nextSyncDelayMs(input: ScheduleInput): number | null {
  if (input.idle !== 'active') return null;
  const r = (input.random ?? Math.random)();
  const interval = intervalFor(input) * 60_000;
  let ms: number;
  if (input.failures > 0) {
    // Exponential from the interval itself: one failed look (say, the network not back yet
    // after the lid opened) costs one interval, a desk that stays down sees fewer and fewer.
    const cap = Math.max(MAX_BACKOFF_MIN * 60_000, interval);
    ms = Math.min(interval * 2 ** (input.failures - 1), cap) * (1 - JITTER + 2 * JITTER * r);
  } else if (input.openRequests === 0) {
    ms = interval * (1 - JITTER + 2 * JITTER * r);
  } else {
    ms = Math.max(interval - SYNC_MARGIN_MS, MIN_INTERVAL_MIN * 60_000) * (1 - JITTER * r);
  }
  // The desk's wait is a floor; browsers told the same wait at the same moment come back spread out.
  const floor = Math.max(input.notBefore ?? input.now, input.slowUntil ?? input.now) - input.now;
  if (floor > ms) ms = floor * (1 + JITTER * r);
  return Math.round(Math.max(ms, MIN_INTERVAL_MIN * 60_000));
}
