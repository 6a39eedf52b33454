// My requests: the line under each request from the catalog's promises, and the state of "Ask for an update".
import { describe, expect, it } from 'vitest';
import type { Nudge } from '@/lib/requests/nudge';
import type { TrackedRequest } from '@/lib/tracking/snapshot';
import { expectationsMemo, expectationsOf, nudgeStateOf } from '@/stores/requests-view';
import { catalogOf, facilities, it as itDepartment } from '../support/catalog';

const NOW = Date.parse('2026-12-01T16:00:00Z');
const request = (id: string, departmentId: string, over: Partial<TrackedRequest> = {}): TrackedRequest => ({
  ref: { deskId: 'd', id, key: `#${id}`, url: `https://desk/${id}` },
  subject: `Request ${id}`,
  departmentId,
  status: 'new',
  category: 'open',
  updated: '2026-12-01T14:00:00Z',
  created: '2026-12-01T14:00:00Z',
  unseen: false,
  ...over,
});
const clock = { now: NOW, zone: 'UTC' };

describe('what My requests shows of the promises', () => {
  const catalog = catalogOf(facilities(), itDepartment());
  const config = { departments: { facilities: { firstResponse: '1 hour' }, IT: { firstResponse: 'within 4 hours' } } };

  it('gives each request its department promise (names matched without case), or the desk due date', () => {
    const lines = expectationsOf([request('1', '3'), request('2', '5'), request('3', '5', { due: '2026-12-03T09:00:00Z' }), request('4', '9')], catalog, config, clock);
    expect(lines['d/1']?.line).toEqual({ text: 'No answer yet, 1 h past what Facilities promises', late: true, paused: false });
    expect(lines['d/2']?.line.text).toBe('IT usually answers within 4 hours · asked 2 h ago');
    expect(lines['d/3']?.line.text).toBe('Due Thu 09:00');
    expect(lines['d/4']).toBeUndefined(); // not in the catalog, no promise
  });

  it('is worked out again only when the requests, catalog or configuration change, or a minute passes (not on every render)', () => {
    const expected = expectationsMemo();
    const requests = [request('1', '3'), request('2', '5')];
    const first = expected(requests, catalog, config, clock);
    expect(first['d/2']?.line.text).toBe('IT usually answers within 4 hours · asked 2 h ago');
    // Renders within the same minute: the same answer, not a new one.
    expect(expected(requests, catalog, config, { ...clock, now: NOW + 30_000 })).toBe(first);
    const later = expected(requests, catalog, config, { ...clock, now: NOW + 60_000 });
    expect(later).not.toBe(first);
    expect(later['d/1']?.line.text).toBe('No answer yet, 1 h past what Facilities promises');
    expect(expected(requests, catalog, config, { ...clock, now: NOW + 61_000 })).toBe(later);
    const synced = [...requests, request('3', '5')];
    expect(Object.keys(expected(synced, catalog, config, { ...clock, now: NOW + 61_000 }))).toEqual(['d/1', 'd/2', 'd/3']);
    const changed = { departments: { ...config.departments, IT: { firstResponse: '1 day' } } };
    expect(expected(synced, catalog, changed, { ...clock, now: NOW + 61_000 })['d/2']?.line.text).toBe('IT usually answers within 1 day · asked 2 h ago');
    expect(expected(synced, catalog, changed, { now: NOW + 61_000, zone: 'Pacific/Auckland' })).not.toBe(expected(synced, catalog, changed, { ...clock, now: NOW + 61_000 }));
  });

  it('offers the nudge when late, then holds it back with the reason', () => {
    const late = expectationsOf([request('1', '3')], catalog, config, clock)['d/1'];
    expect(nudgeStateOf(late, undefined, { ...clock, asking: false })).toEqual({ state: 'ready' });
    expect(nudgeStateOf(late, undefined, { ...clock, asking: true })).toEqual({ state: 'asking' });
    const sent: Nudge = { key: 'd/1', ref: request('1', '3').ref, text: 'x', askedAt: NOW - 600_000, sentAt: NOW - 600_000, againAt: NOW + 3_000_000, attempts: 1, nextAt: 0, held: false };
    expect(nudgeStateOf(late, sent, { ...clock, asking: false })).toEqual({ state: 'blocked', reason: 'You asked for an update 10 min ago. You can ask again Tue 16:50.' });
    expect(nudgeStateOf(late, { ...sent, sentAt: undefined }, { ...clock, asking: false })).toMatchObject({ state: 'blocked' });
    expect(nudgeStateOf(late, { ...sent, sentAt: undefined, held: true }, { ...clock, asking: false })).toEqual({ state: 'ready' });
    expect(nudgeStateOf(late, sent, { now: NOW + 3_000_000, zone: 'UTC', asking: false })).toEqual({ state: 'ready' });
    const onTime = expectationsOf([request('2', '5')], catalog, config, clock)['d/2'];
    expect(nudgeStateOf(onTime, undefined, { ...clock, asking: false })).toEqual({ state: 'hidden' });
  });
});
