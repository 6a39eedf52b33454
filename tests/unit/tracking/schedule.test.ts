import { describe, expect, it } from 'vitest';
import { nextSyncDelayMs } from '@/lib/tracking/schedule';

const MIN = 60_000;
const fixed = { random: () => 0.5 }; // no jitter

describe('nextSyncDelayMs', () => {
  it.each([
    ['the default interval with open requests', { intervalMin: 2, openRequests: 3, failures: 0 }, 2 * MIN],
    ['slower with nothing open', { intervalMin: 2, openRequests: 0, failures: 0 }, 15 * MIN],
    ['never below what Chrome allows', { intervalMin: 0.1, openRequests: 1, failures: 0 }, 0.5 * MIN],
    ['backs off after one failure', { intervalMin: 2, openRequests: 1, failures: 1 }, 4 * MIN],
    ['doubles per failure', { intervalMin: 2, openRequests: 1, failures: 3 }, 16 * MIN],
    ['caps the backoff at 30 minutes', { intervalMin: 2, openRequests: 1, failures: 10 }, 30 * MIN],
    ['respects a longer Retry-After', { intervalMin: 2, openRequests: 1, failures: 1, retryAfterMs: 10 * MIN }, 10 * MIN],
  ])('%s', (_, input, expected) => {
    expect(nextSyncDelayMs({ ...input, ...fixed })).toBe(expected);
  });

  it('jitters retries by ±20 %', () => {
    expect(nextSyncDelayMs({ intervalMin: 2, openRequests: 1, failures: 1, random: () => 0 })).toBe(3.2 * MIN);
    expect(nextSyncDelayMs({ intervalMin: 2, openRequests: 1, failures: 1, random: () => 1 })).toBe(4.8 * MIN);
  });
});
