// A stand-in for Request Tracker's ticket search (REST 2.0 /tickets) that evaluates the
// TicketSQL the adapter writes the way RT does: a zone-less time such as '2026-11-23 02:47:15'
// is a wall-clock time in the requesting user's time zone (their preference, else RT's own),
// while every time RT answers with is UTC ('…Z'). Tickets are given as plain rows; the first
// message of each is served from /ticket/:id/attachments.

export interface Zone {
  label: string;
  tz: string;
}

/** West and east of UTC, as far as zones go (UTC-12 … UTC+14), and one with a half hour. */
export const ZONES: Zone[] = [
  { label: 'UTC-12 (Etc/GMT+12, the farthest west)', tz: 'Etc/GMT+12' },
  { label: 'UTC-10 (Pacific/Honolulu)', tz: 'Pacific/Honolulu' },
  { label: 'UTC-5 (America/New_York)', tz: 'America/New_York' },
  { label: 'UTC', tz: 'UTC' },
  { label: 'UTC+5:30 (Asia/Kolkata)', tz: 'Asia/Kolkata' },
  { label: 'UTC+14 (Pacific/Kiritimati)', tz: 'Pacific/Kiritimati' },
];

/** Minutes east of UTC of `tz` at the instant `ms`. */
export function offsetMinutes(tz: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant RT means by a zone-less TicketSQL time read in `tz`: wall clock − offset. */
export function rtReads(wall: string, tz: string): number {
  const asUtc = Date.parse(`${wall.replace(' ', 'T')}Z`);
  const guess = asUtc - offsetMinutes(tz, asUtc) * 60_000;
  return asUtc - offsetMinutes(tz, guess) * 60_000;
}

/** The time literals of a TicketSQL query, by column: `{ LastUpdated: ['2026-…'] }`. */
export function timesIn(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of query.matchAll(/(Created|LastUpdated)\s*(?:>=|>)\s*'([^']+)'/g)) (out[m[1] as string] ??= []).push(m[2] as string);
  return out;
}

export interface Row {
  id: string;
  Subject: string;
  Status: string;
  Queue: string;
  /** UTC, as RT answers: '2026-11-23T02:47:15Z'. */
  Created: string;
  LastUpdated: string;
  /** The requestor's user name. */
  Requestor: string;
  /** The text of the first message (where our reference line is). */
  firstMessage?: string;
}

/** RT's default lifecycle's inactive statuses. */
const INACTIVE = ['resolved', 'rejected', 'deleted'];

/** A queue's own lifecycle: its inactive statuses (every other status of it is active). */
export type Lifecycles = Record<string, { inactive: string[] }>;

type Test = (row: Row) => boolean;

/**
 * TicketSQL as the adapter writes it: conditions joined by AND / OR, with parentheses.
 * `__Active__` and `__Inactive__` follow each queue's lifecycle, as RT's do.
 */
export function compileTicketSql(query: string, zone: string, me: string, lifecycles: Lifecycles = {}): Test {
  const inactive = (r: Row) => (lifecycles[r.Queue]?.inactive ?? INACTIVE).includes(r.Status);
  const tokens = query.match(/\(|\)|\bAND\b|\bOR\b|[\w.]+\s*(?:>=|<=|=|>|<)\s*'(?:[^'\\]|\\.)*'/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== query.replace(/\s/g, '')) throw new Error(`TicketSQL not understood: ${query}`);
  let i = 0;
  const condition = (token: string): Test => {
    const m = /^([\w.]+)\s*(>=|<=|=|>|<)\s*'((?:[^'\\]|\\.)*)'$/.exec(token);
    if (!m) throw new Error(`TicketSQL not understood: ${token}`);
    const [, column, op, raw] = m as unknown as [string, string, string, string];
    const value = raw.replace(/\\(.)/g, '$1');
    if (column === 'Requestor.id' && op === '=' && value === '__CurrentUser__') return (r) => r.Requestor === me;
    if (column === 'Status' && op === '=' && value === '__Active__') return (r) => !inactive(r);
    if (column === 'Status' && op === '=' && value === '__Inactive__') return inactive;
    if (column === 'id' && op === '=') return (r) => r.id === value;
    if (column === 'Status' && op === '=') return (r) => r.Status === value;
    if (column === 'Queue' && op === '=') return (r) => r.Queue === value;
    if (column === 'Subject' && op === '=') return (r) => r.Subject.toLowerCase() === value.toLowerCase();
    if (column === 'Created' || column === 'LastUpdated') {
      const at = rtReads(value, zone);
      const cmp: Record<string, (a: number) => boolean> = { '>': (a) => a > at, '>=': (a) => a >= at, '<': (a) => a < at, '<=': (a) => a <= at };
      return (r) => (cmp[op] as (a: number) => boolean)(Date.parse(r[column]));
    }
    throw new Error(`TicketSQL not understood: ${token}`);
  };
  const atom = (): Test => {
    const token = tokens[i++];
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new Error(`unbalanced: ${query}`);
      return inner;
    }
    return condition(token ?? '');
  };
  const and = (): Test => {
    const parts = [atom()];
    while (tokens[i] === 'AND') {
      i++;
      parts.push(atom());
    }
    return (r) => parts.every((p) => p(r));
  };
  const or = (): Test => {
    const parts = [and()];
    while (tokens[i] === 'OR') {
      i++;
      parts.push(and());
    }
    return (r) => parts.some((p) => p(r));
  };
  const test = or();
  if (i !== tokens.length) throw new Error(`TicketSQL not understood: ${query}`);
  return test;
}

export interface TicketSqlRt {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Every TicketSQL query asked, in order. */
  queries: string[];
  /** What RT answers to a query (ids, in RT's order), for counter-examples with other queries. */
  search(query: string): string[];
}

export function ticketSqlRt(options: { zone: string; me: string; rows: Row[]; lifecycles?: Lifecycles }): TicketSqlRt {
  const queries: string[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const search = (query: string, orderby = 'id', order = 'ASC') => {
    const test = compileTicketSql(query, options.zone, options.me, options.lifecycles);
    const key = (r: Row) => (orderby === 'LastUpdated' ? Date.parse(r.LastUpdated) : Number(r.id));
    return options.rows.filter(test).sort((a, b) => (order === 'DESC' ? key(b) - key(a) : key(a) - key(b)));
  };
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (!new Headers(init.headers).get('authorization')?.startsWith('token ')) return json({ message: 'Unauthorized' }, 401);
    const u = new URL(url);
    const path = u.pathname.replace(/^.*\/REST\/2\.0/, '');
    if (path === '/tickets') {
      const query = u.searchParams.get('query') ?? '';
      queries.push(query);
      const found = search(query, u.searchParams.get('orderby') ?? 'id', u.searchParams.get('order') ?? 'ASC');
      const perPage = Number(u.searchParams.get('per_page') ?? 20);
      const page = Number(u.searchParams.get('page') ?? 1);
      const items = found.slice((page - 1) * perPage, page * perPage).map((r) => ({
        type: 'ticket',
        id: r.id,
        _url: `${u.origin}/REST/2.0/ticket/${r.id}`,
        Subject: r.Subject,
        Status: r.Status,
        LastUpdated: r.LastUpdated,
        Created: r.Created,
        Queue: { type: 'queue', id: r.Queue, _url: `${u.origin}/REST/2.0/queue/${r.Queue}` },
      }));
      return json({ count: items.length, page, per_page: perPage, total: found.length, pages: Math.max(1, Math.ceil(found.length / perPage)), items });
    }
    const attachments = /^\/ticket\/(\d+)\/attachments$/.exec(path);
    const row = attachments && options.rows.find((r) => r.id === attachments[1]);
    if (row) {
      const items = row.firstMessage === undefined ? [] : [{ type: 'attachment', id: `${row.id}01`, _url: '', TransactionId: `${row.id}0`, ContentType: 'text/plain', Filename: '', Content: row.firstMessage }];
      return json({ count: items.length, page: 1, per_page: 5, total: items.length, pages: 1, items });
    }
    return json({ message: 'Not Found' }, 404);
  };
  return { fetch, queries, search: (query) => search(query).map((r) => r.id) };
}
