// My requests from Request Tracker while staff act between the adapter's page reads: a full look
// over more than a page lists every request once. Paged by last change, a request answered while
// page 2 was read moved to page 1, read already (skipped: a full look took it for gone), and
// pushed another across the page edge (listed twice). Found by a review, 2026-12-06; paged by id,
// which no change moves.
import { describe, expect, it } from 'vitest';
import user from '../../fixtures/rt/user.json';
import { createRtAdapter } from '@/lib/desks/rt/adapter';
import { toUser } from '@/lib/desks/rt/mapping';
import type { DeskConfig } from '@/lib/domain';
import { BASE, TOKEN } from '../support/recorded-rt';
import { ticketSqlRt, type Row } from '../support/ticketsql-rt';

const me = toUser(user);
const config: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: BASE, auth: { mode: 'token', token: TOKEN }, user: me };
const T0 = Date.parse('2026-12-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

describe('Request Tracker: a full look over more than a page', () => {
  it('lists every open request once although one is answered while the next page is read', async () => {
    const rows: Row[] = Array.from({ length: 150 }, (_, i) => ({
      id: String(1000 + i), Subject: `Request ${i}`, Status: 'open', Queue: '3', Created: iso(T0 + i * 60_000), LastUpdated: iso(T0 + i * 60_000), Requestor: 'alice',
    }));
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows });
    let answered = false;
    const fetch = async (url: string, init?: RequestInit) => {
      const u = new URL(url);
      if (!answered && u.pathname.endsWith('/tickets') && u.searchParams.get('page') === '2') {
        // Staff answer the oldest while page 2 is asked for: it is the newest change now.
        answered = true;
        rows[0]!.LastUpdated = iso(T0 + 200 * 60_000);
      }
      return rt.fetch(url, init);
    };
    const adapter = createRtAdapter(config, { fetch });
    const { requests } = await adapter.listMyRequests({ cursor: iso(T0 - 60_000), includeOpen: true });
    const ids = requests.map((r) => r.ref.id);
    expect(answered).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(150);
    expect(requests.find((r) => r.ref.id === '1000')?.updated).toBe(iso(T0 + 200 * 60_000));
  });
});

// A queue with its own lifecycle (Legal: "in review", then "signed" or "withdrawn") names its
// statuses as it likes: by name alone a signed agreement was an open request for ever, counted on
// the badge and never offered for rating. RT's `__Inactive__` follows each queue's lifecycle.
describe('Request Tracker: a queue with its own lifecycle', () => {
  const lifecycles = { '4': { inactive: ['signed', 'withdrawn'] } };
  const row = (id: string, Status: string, Queue: string, minutes: number): Row => ({
    id, Subject: `Request ${id}`, Status, Queue, Created: iso(T0), LastUpdated: iso(T0 + minutes * 60_000), Requestor: 'alice',
  });

  it('asks the desk which of its statuses are done, and only about those', async () => {
    const rows = [row('1', 'open', '3', 1), row('2', 'resolved', '3', 2), row('3', 'in review', '4', 3), row('4', 'signed', '4', 4), row('5', 'withdrawn', '4', 5)];
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows, lifecycles });
    const adapter = createRtAdapter(config, { fetch: rt.fetch });
    const { requests } = await adapter.listMyRequests({ cursor: iso(T0 - 60_000), includeOpen: true });
    const category = Object.fromEntries(requests.map((r) => [r.status, r.category]));
    expect(category).toEqual({ open: 'open', resolved: 'done', 'in review': 'open', signed: 'done', withdrawn: 'done' });
    expect(rt.queries).toHaveLength(2);
    expect(rt.queries[1]).toBe("Requestor.id = '__CurrentUser__' AND Status = '__Inactive__' AND (id = '5' OR id = '4' OR id = '3')");
  });

  it('a full look keeps an open request of such a queue, unchanged since the cursor, and leaves out a done one', async () => {
    const rows = [row('3', 'in review', '4', 3), row('4', 'signed', '4', 4)];
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows, lifecycles });
    const adapter = createRtAdapter(config, { fetch: rt.fetch });
    // The cursor is after both changes, but within the query's zone slack: both come back from the desk.
    const { requests } = await adapter.listMyRequests({ cursor: iso(T0 + 10 * 60_000), includeOpen: true });
    expect(requests.map((r) => [r.ref.id, r.category])).toEqual([['3', 'open']]);
  });

  it('asks nothing about a request the look drops anyway (changed before the cursor: a routine look)', async () => {
    const rows = [row('3', 'in review', '4', 3), row('4', 'signed', '4', 4)];
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows, lifecycles });
    const { requests } = await createRtAdapter(config, { fetch: rt.fetch }).listMyRequests({ cursor: iso(T0 + 10 * 60_000), includeOpen: false });
    expect(requests).toEqual([]);
    expect(rt.queries).toHaveLength(1); // both came back within the zone slack; neither is asked about
  });

  it('a request signed between the listing and the question is listed as signed, and done', async () => {
    const rows = [row('3', 'in review', '4', 3)];
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows, lifecycles });
    const fetch = async (url: string, init?: RequestInit) => {
      if (rt.queries.length === 1) Object.assign(rows[0]!, { Status: 'signed', LastUpdated: iso(T0 + 20 * 60_000) });
      return rt.fetch(url, init);
    };
    const { requests } = await createRtAdapter(config, { fetch }).listMyRequests({ cursor: iso(T0 - 60_000), includeOpen: true });
    expect(requests.map((r) => [r.status, r.category, r.updated])).toEqual([['signed', 'done', iso(T0 + 20 * 60_000)]]);
  });

  it('asks nothing more when every status is of the default lifecycle, and in batches of 50 otherwise', async () => {
    const plain = ticketSqlRt({ zone: 'UTC', me: 'alice', rows: [row('1', 'open', '3', 1), row('2', 'stalled', '3', 2)], lifecycles });
    await createRtAdapter(config, { fetch: plain.fetch }).listMyRequests({ includeOpen: true });
    expect(plain.queries).toHaveLength(1);
    const many = Array.from({ length: 120 }, (_, i) => row(String(100 + i), i % 2 ? 'signed' : 'in review', '4', i));
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows: many, lifecycles });
    const { requests } = await createRtAdapter(config, { fetch: rt.fetch }).listMyRequests({ includeOpen: false });
    expect(rt.queries).toHaveLength(5); // two pages of them, then three batches of at most 50
    expect(requests.filter((r) => r.category === 'done')).toHaveLength(60);
    expect(requests.filter((r) => r.category === 'open').every((r) => r.status === 'in review')).toBe(true);
  });
});
