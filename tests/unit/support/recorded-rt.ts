// A stand-in for Request Tracker that answers with the responses recorded from the real one
// (tests/fixtures/rt/) and stores created tickets and the replies to them (a created ticket's
// history and attachments are empty collections, as RT answers them for a ticket nobody
// changed), for unit tests of the code above the adapter. The adapter itself is tested against the real RT end to end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'rt');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
/** Every recorded GET, by REST path: queues, each queue's fields, each select field, the user. */
const routes: Record<string, unknown> = { '/queues/all': fixture('queues.json'), '/user/27': fixture('user.json') };
for (const name of readdirSync(FIXTURES)) {
  const queue = /^customfields-queue-(\d+)\.json$/.exec(name)?.[1];
  if (queue) routes[`/queue/${queue}/customfields`] = fixture(name);
  const field = /^customfield-(\d+)\.json$/.exec(name)?.[1];
  if (field) routes[`/customfield/${field}`] = fixture(name);
}

export const BASE = 'http://127.0.0.1:18080';
export const TOKEN = '1-27-ee5969b67c8da57e92082476e8d4f414';
const loginPage = readFileSync(join(FIXTURES, 'login-page.html'), 'utf8');

export interface RecordedRtOptions {
  /** Custom field ids the desk silently drops, as RT does with values it does not accept. */
  drops?: string[];
  /** Answer like RT does to a browser with a bad token. */
  loggedOut?: boolean;
}

export function recordedRt(options: RecordedRtOptions = {}) {
  const created: Record<string, any>[] = [];
  const replies: { id: string; text: string; files: string[] }[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (options.loggedOut) {
      const r = new Response(loginPage, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
      Object.defineProperty(r, 'redirected', { value: true });
      return r;
    }
    const headers = new Headers(init.headers);
    if (headers.get('authorization') !== `token ${TOKEN}`) return json({ message: 'Unauthorized' }, 401);
    const path = new URL(url).pathname.replace('/REST/2.0', '');
    if (init.method === 'POST' && path === '/ticket') {
      const body = JSON.parse(String(init.body));
      const id = String(created.length + 1);
      created.push({ id, ...body });
      return json({ id, type: 'ticket', _url: `${BASE}/REST/2.0/ticket/${id}` }, 201);
    }
    if (path in routes) {
      const page = Number(new URL(url).searchParams.get('page') ?? 1);
      const body = routes[path] as { items?: unknown[] };
      // Recorded collections are one page: later pages are empty, as RT answers them.
      return json(page > 1 && body.items ? { ...body, items: [], count: 0, page } : body);
    }
    // A search (the outbox looking for a request it may have filed) sees the tickets created here.
    if (path === '/tickets') {
      const items = created.map((t) => ({ id: t.id, type: 'ticket', _url: `${BASE}/REST/2.0/ticket/${t.id}` }));
      return json({ items, count: items.length, page: 1, per_page: 100, total: items.length });
    }
    const own = /^\/ticket\/(\d+)\/(correspond|history|attachments)$/.exec(path);
    if (own && created[Number(own[1]) - 1]) {
      // The ticket's first message, as RT keeps it (the outbox's scan for a twin reads it).
      if (own[2] === 'attachments') {
        const items = [{ id: own[1], type: 'attachment', ContentType: 'text/plain', Content: created[Number(own[1]) - 1]!.Content }];
        return json({ items, count: 1, page: 1, per_page: 20, total: 1 });
      }
      if (own[2] !== 'correspond') return json({ items: [], count: 0, page: 1, per_page: 20, total: 0 });
      const body = JSON.parse(String(init.body)) as { Content: string; Attachments?: { FileName: string }[] };
      replies.push({ id: own[1] as string, text: body.Content, files: (body.Attachments ?? []).map((a) => a.FileName) });
      return json(['Correspondence added'], 201);
    }
    const ticket = /^\/ticket\/(\d+)$/.exec(path);
    const stored = ticket && created[Number(ticket[1]) - 1];
    if (stored) {
      return json({
        id: stored.id,
        Subject: stored.Subject,
        Status: 'new',
        Queue: { id: stored.Queue, type: 'queue', _url: '' },
        Requestor: [{ id: 'alice', type: 'user', _url: '' }],
        CustomFields: Object.entries(stored.CustomFields as Record<string, string>)
          .filter(([id]) => !options.drops?.includes(id))
          .map(([id, v]) => ({ id, name: id, values: [v].flat() })),
        LastUpdated: '2026-11-23T02:16:26Z',
      });
    }
    return json({ message: 'Not Found' }, 404);
  };
  return { fetch, created, replies };
}
