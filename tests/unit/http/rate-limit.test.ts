// Rate limits: a long Retry-After goes back to the caller instead of being slept through, and
// the desk's remaining-requests headers make routine looks wait for the window's reset.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MAX_RETRY_AFTER_MS, readRateLimit, request, type RateLimit } from '@/lib/http/client';
import { createTracker } from '@/lib/background/tracker';
import type { DeskAdapter } from '@/lib/desks/types';
import { desksItem, preferencesItem, snapshotItem, syncStateItem } from '@/lib/platform/storage';
import { nextSyncDelayMs, slowDownUntil } from '@/lib/tracking/schedule';

const NOW = Date.parse('2026-12-05T09:00:00Z');
const json = (status: number, headers: Record<string, string> = {}) =>
  new Response(status === 200 ? '{"ok":1}' : '{"message":"slow down"}', { status, headers: { 'content-type': 'application/json', ...headers } });

describe('request and Retry-After', () => {
  it('waits a short Retry-After (up to 10 s) inside the call, then retries', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(json(429, { 'retry-after': '10' })).mockResolvedValueOnce(json(200));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(request({ fetch, sleep }, { url: 'https://d/x' })).resolves.toEqual({ ok: 1 });
    expect(sleep.mock.calls).toEqual([[MAX_RETRY_AFTER_MS]]);
  });

  it('gives a longer Retry-After back at once, retryable and saying when', async () => {
    const fetch = vi.fn().mockResolvedValue(json(429, { 'retry-after': '120' }));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(request({ fetch, sleep }, { url: 'https://d/x' })).rejects.toMatchObject({ error: { kind: 'rate-limited', retryable: true, retryAfterMs: 120_000 } });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('tells the caller what the desk said of its rate limit, on success and on failure', async () => {
    const seen: RateLimit[] = [];
    const reset = '2026-12-05T09:01:00.000Z';
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(json(200, { 'x-ratelimit-remaining': '7', 'x-ratelimit-limit': '100', 'x-ratelimit-reset': reset }))
      .mockResolvedValueOnce(json(503, { 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }))
      .mockResolvedValueOnce(json(200));
    const deps = { fetch, sleep: async () => undefined, onRateLimit: (l: RateLimit) => seen.push(l) };
    await request(deps, { url: 'https://d/a' });
    await request(deps, { url: 'https://d/b' });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({ remaining: 7, limit: 100, resetAt: Date.parse(reset) });
    expect(seen[1]?.remaining).toBe(0);
  });
});

describe('readRateLimit', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each<[string, Record<string, string>, RateLimit | undefined]>([
    ['Jira Cloud: an ISO reset time', { 'X-RateLimit-Remaining': '3', 'X-RateLimit-Limit': '60', 'X-RateLimit-Reset': '2026-12-05T09:00:42Z' }, { remaining: 3, limit: 60, resetAt: NOW + 42_000 }],
    ['epoch seconds', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 90) }, { remaining: 0, resetAt: NOW + 90_000 }],
    ['seconds to go', { 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': '12' }, { remaining: 5, resetAt: NOW + 12_000 }],
    ['Zendesk: the IETF draft headers', { 'ratelimit-limit': '700', 'ratelimit-remaining': '699', 'ratelimit-reset': '59' }, { remaining: 699, limit: 700, resetAt: NOW + 59_000 }],
    ['no reset given: a minute', { 'x-ratelimit-remaining': '2' }, { remaining: 2, resetAt: NOW + 60_000 }],
    ['nothing said', { 'content-type': 'application/json' }, undefined],
    ['not a number', { 'x-ratelimit-remaining': 'lots' }, undefined],
  ])('%s', (_, headers, expected) => {
    expect(readRateLimit(h(headers), NOW)).toEqual(expected);
  });
});

describe('slowing down before the limit', () => {
  it('waits for the reset only when few requests are left (10 % of the limit, at least 5)', () => {
    const resetAt = NOW + 40 * 60_000;
    expect(slowDownUntil({ remaining: 5, resetAt }, NOW)).toBe(resetAt);
    expect(slowDownUntil({ remaining: 6, resetAt }, NOW)).toBeUndefined();
    expect(slowDownUntil({ remaining: 70, limit: 700, resetAt }, NOW)).toBe(resetAt);
    expect(slowDownUntil({ remaining: 71, limit: 700, resetAt }, NOW)).toBeUndefined();
    expect(slowDownUntil({ remaining: 0, resetAt: NOW - 1 }, NOW)).toBeUndefined(); // already reset
  });

  it('a routine look waits for the reset, spread out by jitter', () => {
    const base = { now: NOW, intervalMin: 5, openRequests: 1, idle: 'active' as const, failures: 0 };
    const slowUntil = NOW + 20 * 60_000;
    expect(nextSyncDelayMs({ ...base, slowUntil, random: () => 0 })).toBe(20 * 60_000);
    expect(nextSyncDelayMs({ ...base, slowUntil, random: () => 1 })).toBe(24 * 60_000);
    expect(nextSyncDelayMs({ ...base, slowUntil: NOW - 1, random: () => 0 })).toBe(5 * 60_000 - 5_000);
  });

  describe('the tracker', () => {
    beforeEach(async () => {
      fakeBrowser.reset();
      await desksItem.setValue([{ id: 'd', kind: 'jsm-cloud', name: 'desk', baseUrl: 'https://desk', auth: { mode: 'basic', token: 't' } }]);
    });

    it('stores what the sync heard and sets the next alarm after the reset; a sync later leaves it', async () => {
      let limit: RateLimit | undefined;
      const ticket = { ref: { deskId: 'd', id: '1', key: 'IT-1', url: 'https://desk/1' }, subject: 's', departmentId: '1', status: 'Open', category: 'open' as const, updated: '2026-12-05T08:00:00Z' };
      const adapter = {
        listMyRequests: async () => {
          limit = { remaining: 2, limit: 100, resetAt: NOW + 30 * 60_000 };
          return { requests: [ticket], cursor: ticket.updated };
        },
        recentActivity: async () => ({}),
      } as unknown as DeskAdapter;
      const schedule = vi.fn(async () => undefined);
      const tracker = createTracker({
        desks: desksItem,
        snapshot: snapshotItem,
        syncState: syncStateItem,
        preferences: preferencesItem,
        adapterFor: async () => adapter,
        now: () => NOW,
        random: () => 0,
        showBadge: async () => undefined,
        notify: async () => undefined,
        schedule,
        listUrl: 'x',
        takeRateLimit: () => {
          const taken = limit;
          limit = undefined;
          return taken;
        },
      });
      await tracker.sync();
      expect((await syncStateItem.getValue()).slowUntil).toBe(NOW + 30 * 60_000);
      expect(schedule).toHaveBeenLastCalledWith(30 * 60_000);
      // The popup's own look still goes out (only routine looks wait), and hears a fresh count.
      adapter.listMyRequests = async () => ({ requests: [ticket], cursor: ticket.updated });
      await tracker.sync(true);
      expect((await syncStateItem.getValue()).slowUntil).toBeUndefined();
      expect(schedule).toHaveBeenLastCalledWith(5 * 60_000 - 5_000);
    });
  });
});
