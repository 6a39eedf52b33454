// "Every TicketSQL time the extension writes must mean the same instant whatever the user's or
// the desk's zone." RT reads a zone-less time in the requesting user's zone, which no REST call
// tells, and answers in UTC. The adapter writes every time 14 h (the widest offset) early, then
// filters what comes back by its UTC time. Checked for users at UTC-10, UTC-5, UTC, UTC+5:30 and
// UTC+14 against a TicketSQL evaluator that reads times as RT does (tests/unit/support/ticketsql-rt.ts),
// with the listing recorded from a real RT 5.0.3 (tests/fixtures/rt/my-requests.json).
import { describe, expect, it } from 'vitest';
import myRequests from '../../fixtures/rt/my-requests.json';
import user from '../../fixtures/rt/user.json';
import { createRtAdapter } from '@/lib/desks/rt/adapter';
import { changedSince, CLOCK_SLACK_MS, myRequestsQuery, recentTwinQuery, rtTimeAtOrBefore, toUser, ZONE_SLACK_MS } from '@/lib/desks/rt/mapping';
import type { RtTicketItem } from '@/lib/desks/rt/wire';
import type { DeskConfig, NewRequest } from '@/lib/domain';
import { BASE, TOKEN } from '../support/recorded-rt';
import { offsetMinutes, rtReads, ticketSqlRt, timesIn, ZONES, type Row } from '../support/ticketsql-rt';

const me = toUser(user);
const config: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: BASE, auth: { mode: 'token', token: TOKEN }, user: me };
const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/**
 * The old conversion (before a0acadf), kept here as the counter-example: the UTC wall clock,
 * one second early. RT reads it in the user's zone, so west of UTC it means a later instant.
 */
const oldToRtTime = (cursor: string) => {
  const t = new Date(Date.parse(cursor) - 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
};
const oldMyRequestsQuery = (cursor: string) => `Requestor.id = '__CurrentUser__' AND LastUpdated > '${oldToRtTime(cursor)}'`;

// The watermark after the last sync: the newest change then listed (ticket #1 of the recording).
const recorded = myRequests.items as unknown as (RtTicketItem & { Created: string })[];
const WATERMARK = recorded[0]!.LastUpdated; // 2026-11-23T02:47:15Z
const W = Date.parse(WATERMARK);

/** The recorded tickets, and more around the watermark: changed after it, and untouched before it. */
const rows: Row[] = [
  ...recorded.map((t) => ({ id: String(t.id), Subject: t.Subject, Status: t.Status, Queue: String(t.Queue.id), Created: t.Created, LastUpdated: t.LastUpdated, Requestor: 'alice' })),
  { id: '3', Subject: 'Badge stopped working', Status: 'resolved', Queue: '3', Created: iso(W - 30 * HOUR), LastUpdated: iso(W + 60_000), Requestor: 'alice' },
  { id: '4', Subject: 'VPN drops', Status: 'open', Queue: '5', Created: iso(W - 2 * HOUR), LastUpdated: iso(W + HOUR), Requestor: 'alice' },
  { id: '5', Subject: 'Contract review', Status: 'stalled', Queue: '6', Created: iso(W - 50 * HOUR), LastUpdated: iso(W + 9 * HOUR), Requestor: 'alice' },
  { id: '6', Subject: 'Old printer', Status: 'resolved', Queue: '5', Created: iso(W - 40 * HOUR), LastUpdated: iso(W - 3 * HOUR), Requestor: 'alice' },
  { id: '7', Subject: 'Desk lamp', Status: 'open', Queue: '3', Created: iso(W - 40 * HOUR), LastUpdated: iso(W - 3 * HOUR), Requestor: 'alice' },
  { id: '8', Subject: 'Parking', Status: 'resolved', Queue: '3', Created: iso(W - 90 * HOUR), LastUpdated: iso(W - 30 * HOUR), Requestor: 'alice' },
  { id: '9', Subject: 'Someone else', Status: 'open', Queue: '3', Created: iso(W), LastUpdated: iso(W + HOUR), Requestor: 'bob' },
];
const mine = rows.filter((r) => r.Requestor === 'alice');
/** Changed at or after the watermark. */
const newer = mine.filter((r) => Date.parse(r.LastUpdated) >= W).map((r) => r.id).sort();
/** What the adapter keeps: those, and (RT's times step by seconds) the second before, listed again. */
const changed = mine.filter((r) => Date.parse(r.LastUpdated) >= W - 1000).map((r) => r.id).sort();
const active = mine.filter((r) => ['new', 'open', 'stalled'].includes(r.Status)).map((r) => r.id);

describe('RT times mean the same instant in every zone', () => {
  it('the fixture has changes on both sides of the watermark', () => {
    expect(newer).toEqual(['1', '3', '4', '5']);
    expect(changed).toEqual(['1', '2', '3', '4', '5']);
    expect(rtTimeAtOrBefore(W)).toBe('2026-11-22 12:47:14');
    expect(ZONE_SLACK_MS).toBe(14 * HOUR);
  });

  describe.each(ZONES)('a user at $label', ({ tz }) => {
    const offset = offsetMinutes(tz, W) * 60_000;

    it('is read by RT at or before the watermark (never after), and at most a day and a bit before', () => {
      const [literal] = timesIn(myRequestsQuery(WATERMARK, false)).LastUpdated ?? [];
      const meant = rtReads(literal!, tz);
      expect(meant).toBeLessThan(W); // "> meant" includes the watermark's own second
      expect(meant).toBeGreaterThanOrEqual(W - 2 * ZONE_SLACK_MS - 1000);
      expect(meant).toBe(W - ZONE_SLACK_MS - 1000 - offset);
    });

    it('lists exactly the requests changed since the watermark, and the newest change as the cursor', async () => {
      const rt = ticketSqlRt({ zone: tz, me: 'alice', rows });
      const adapter = createRtAdapter(config, { fetch: rt.fetch });
      const { requests, cursor } = await adapter.listMyRequests({ cursor: WATERMARK, includeOpen: false });
      expect(requests.map((r) => r.ref.id).sort()).toEqual(changed);
      expect(cursor).toBe(iso(W + 9 * HOUR));
      // RT answered a superset (the 14 h slack): what was not changed was filtered out by UTC time.
      const answered = rt.search(rt.queries[0]!);
      expect(answered).toEqual(expect.arrayContaining(changed));
      expect(answered.filter((id) => !changed.includes(id)).every((id) => !changedSince(rows.find((r) => r.id === id)! as unknown as RtTicketItem, WATERMARK, false))).toBe(true);
    });

    it('a full look lists every open request as well as the changed ones', async () => {
      const rt = ticketSqlRt({ zone: tz, me: 'alice', rows });
      const adapter = createRtAdapter(config, { fetch: rt.fetch });
      const { requests } = await adapter.listMyRequests({ cursor: WATERMARK, includeOpen: true });
      expect(requests.map((r) => r.ref.id).sort()).toEqual([...new Set([...changed, ...active])].sort());
      expect(requests.map((r) => r.ref.id)).not.toContain('8'); // done and untouched for a day
    });

    it('counter-example: the old UTC wall-clock time missed changes west of UTC', () => {
      const rt = ticketSqlRt({ zone: tz, me: 'alice', rows });
      const old = rt.search(oldMyRequestsQuery(WATERMARK));
      // RT meant W − 1 s − offset: `offset` later than the watermark for a user west of UTC.
      const oldMeant = rtReads(oldToRtTime(WATERMARK), tz);
      expect(oldMeant).toBe(W - 1000 - offset);
      const missed = newer.filter((id) => !old.includes(id));
      expect(missed).toEqual(newer.filter((id) => Date.parse(rows.find((r) => r.id === id)!.LastUpdated) <= oldMeant));
      if (offset < 0) expect(missed.length).toBeGreaterThan(0);
      else expect(missed).toEqual([]);
    });
  });

  it('counter-example, concretely: at UTC-10 the old query lost every change of the next ten hours', () => {
    const honolulu = ticketSqlRt({ zone: 'Pacific/Honolulu', me: 'alice', rows });
    expect(honolulu.search(oldMyRequestsQuery(WATERMARK))).toEqual([]);
    const newYork = ticketSqlRt({ zone: 'America/New_York', me: 'alice', rows });
    expect(newYork.search(oldMyRequestsQuery(WATERMARK))).toEqual(['5']); // only the change 9 h later
  });
});

describe('RT: the twin of an interrupted create is found whatever the zone and the clock', () => {
  // Filed by the desk at its own (right) time; the outbox stamped `since` with this computer's clock.
  const created = Date.parse(recorded[1]!.Created); // 2026-11-23T02:47:14Z, recorded
  const request = (clientId: string): NewRequest => ({
    clientId,
    departmentId: '5',
    formId: '5',
    subject: 'Laptop slow',
    body: 'It is slow.',
    fields: {},
    attachments: [],
    requester: me,
  });
  const twinRows = (clientId: string): Row[] => [
    { id: '2', Subject: 'Laptop slow', Status: 'new', Queue: '5', Created: iso(created), LastUpdated: iso(created), Requestor: 'alice', firstMessage: `It is slow.\n\n---\nInstant Desk reference: ${clientId}` },
    // Filed later in the same queue by the same user: newer, so looked at first, and not it.
    { id: '3', Subject: 'Laptop slow', Status: 'new', Queue: '5', Created: iso(created + 60_000), LastUpdated: iso(created + 60_000), Requestor: 'alice', firstMessage: 'Another one.\n\nInstant Desk reference: other-id' },
  ];

  describe.each(ZONES)('a user at $label', ({ tz }) => {
    it.each([
      ['2 h slow', -2 * HOUR],
      ['right', 0],
      ['2 h fast', 2 * HOUR],
    ])('with this computer\'s clock %s', async (_, skew) => {
      const since = created + skew; // the outbox's createdAt, read from a skewed clock
      const [literal] = timesIn(recentTwinQuery(request('c-1'), since)).Created ?? [];
      expect(rtReads(literal!, tz)).toBeLessThan(created);
      expect(rtReads(literal!, tz)).toBeLessThanOrEqual(since - CLOCK_SLACK_MS);
      const rt = ticketSqlRt({ zone: tz, me: 'alice', rows: twinRows('c-1') });
      const found = await createRtAdapter(config, { fetch: rt.fetch }).findRequest(request('c-1'), since);
      expect(found).toEqual({ deskId: 'rt:desk', id: '2', key: '#2', url: `${BASE}/SelfService/Display.html?id=2` });
    });
  });

  it('counter-example: the old window (a minute before `since`, UTC wall clock) missed a twin when the clock ran fast', () => {
    const oldTwinQuery = (since: number) => {
      const t = new Date(since - 60_000).toISOString();
      return `Requestor.id = '__CurrentUser__' AND Queue = '5' AND Created >= '${t.slice(0, 10)} ${t.slice(11, 19)}'`;
    };
    const utc = ticketSqlRt({ zone: 'UTC', me: 'alice', rows: twinRows('c-1') });
    expect(utc.search(oldTwinQuery(created))).toEqual(['2', '3']);
    expect(utc.search(oldTwinQuery(created + 2 * HOUR))).toEqual([]); // clock 2 h fast
    const honolulu = ticketSqlRt({ zone: 'Pacific/Honolulu', me: 'alice', rows: twinRows('c-1') });
    expect(honolulu.search(oldTwinQuery(created))).toEqual([]); // right clock, west of UTC
  });
});
