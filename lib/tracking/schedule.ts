// When to look again: the user's interval, slower with nothing open, backing off on failures
// and never sooner than the desk's Retry-After.
/** Chrome will not fire alarms more often than every 30 seconds. */
export const MIN_INTERVAL_MIN = 0.5;
export const IDLE_INTERVAL_MIN = 15;
export const MAX_BACKOFF_MIN = 30;

export interface ScheduleInput {
  intervalMin: number;
  openRequests: number;
  failures: number;
  retryAfterMs?: number;
  random?: () => number;
}

export function nextSyncDelayMs({ intervalMin, openRequests, failures, retryAfterMs, random = Math.random }: ScheduleInput): number {
  const base = Math.max(intervalMin, MIN_INTERVAL_MIN);
  let minutes = openRequests === 0 ? Math.max(base, IDLE_INTERVAL_MIN) : base;
  if (failures > 0) {
    // Exponential, with ±20 % jitter so many browsers do not retry in step.
    minutes = Math.min(base * 2 ** failures, MAX_BACKOFF_MIN) * (0.8 + 0.4 * random());
  }
  return Math.round(Math.max(minutes * 60_000, retryAfterMs ?? 0, MIN_INTERVAL_MIN * 60_000));
}
