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
