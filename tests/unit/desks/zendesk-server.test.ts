// The fake Zendesk (tests/desks/zendesk) checked against Zendesk's OpenAPI document, with plain fetch as the client.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldIds, formIds, startZendeskServer, type ZendeskSeedUser, type ZendeskServer } from '../../desks/zendesk/server';
import { loadZendeskValidator } from '../../desks/zendesk/validate';

const running: ZendeskServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
async function start(opts?: { allowApiToken?: boolean }) {
  const s = await startZendeskServer(opts);
  running.push(s);
  return s;
}

const basic = (u: ZendeskSeedUser) => `Basic ${Buffer.from(`${u.email}/token:${u.apiToken}`).toString('base64')}`;

function client(s: ZendeskServer, authorization: string | null = basic(s.users.alice)) {
  return async (path: string, init: { method?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(authorization && { Authorization: authorization }), ...init.headers };
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(s.url + path, { method: init.method ?? 'GET', headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body && new Uint8Array(init.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
}

// A 1×1 transparent PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const building = (value: string) => ({ id: fieldIds.building, value });

describe('validation against the document', () => {
  it('reports a query parameter of the wrong type', async () => {
    const s = await start();
    await client(s)('/api/v2/requests?page[size]=ten');
    expect(s.violations.join('\n')).toMatch(/\(ListRequests\) request \/query\/page\[size\]: must be integer/);
  });

  it('reports an unknown property and a read-only property in a create body', async () => {
    const s = await start();
    const res = await client(s)('/api/v2/requests', {
      method: 'POST',
      json: { request: { subject: 'Printer', comment: { body: 'Jammed', attachments: [] }, custom_fields: [building('hq_north')], priorty: 'high' } },
    });
    expect(res.status).toBe(201);
    expect(s.violations).toEqual([
      expect.stringMatching(/CreateRequest\) request body\/request\/comment\/attachments: read-only property sent in a request/),
      expect.stringMatching(/CreateRequest\) request body\/request\/priorty: property not in the document/),
    ]);
  });

  it('reports responses with a missing required property, an extra property or an undocumented status', async () => {
    const v = await loadZendeskValidator();
    expect(v.checkResponse('ShowRequest', 200, { request: { id: 1, status: 'new' } })).toEqual([expect.stringMatching(/\/request: must have required property 'subject'/)]);
    expect(v.checkResponse('ShowRequest', 200, { request: { subject: 'x', colour: 'red' } })).toEqual([expect.stringMatching(/body\/request\/colour: property not in the document/)]);
    expect(v.checkResponse('ShowRequest', 200, { request: { subject: 'x', created_at: 'yesterday' } })).toEqual([expect.stringMatching(/created_at: must match format "date-time"/)]);
    expect(v.checkResponse('CreateRequest', 200, { request: { subject: 'x' } })).toEqual([expect.stringMatching(/status not in the document \(it lists 201\)/)]);
    expect(v.checkResponse('ShowRequest', 404, { error: 'RecordNotFound', description: 'Not found' })).toEqual([]);
  });
});

describe('an end user filing and following requests', () => {
  it('goes through the whole flow without a single violation', async () => {
    const s = await start();
    const alice = client(s);

    const me = await alice('/api/v2/users/me');
    expect(me.body.user).toMatchObject({ id: s.users.alice.id, name: 'Alice Ødegård', email: s.users.alice.email, role: 'end-user' });

    const forms = await alice('/api/v2/ticket_forms');
    expect(forms.body.ticket_forms.map((f: any) => f.name)).toEqual(['IT support', 'Facilities request', 'HR question']);
    const fields = await alice('/api/v2/ticket_fields');
    const byId = new Map<number, any>(fields.body.ticket_fields.map((f: any) => [f.id, f]));
    expect(byId.get(fieldIds.building)).toMatchObject({ type: 'tagger', required_in_portal: true, custom_field_options: expect.arrayContaining([expect.objectContaining({ name: 'HQ North', value: 'hq_north' })]) });
    expect(byId.get(fieldIds.team)).toMatchObject({ editable_in_portal: false });
    expect(byId.get(fieldIds.costCentre)).toMatchObject({ type: 'regexp', regexp_for_validation: '^CC-[0-9]{4}$' });

    const up = await alice('/api/v2/uploads?filename=screen%20shot.png', { method: 'POST', body: png, headers: { 'Content-Type': 'image/png' } });
    expect(up.status).toBe(201);
    expect(up.body.upload.attachment).toMatchObject({ file_name: 'screen shot.png', content_type: 'image/png', size: png.length });

    const create = (subject: string, extra: object = {}) =>
      alice('/api/v2/requests', { method: 'POST', json: { request: { subject, comment: { body: `${subject}, please.` }, custom_fields: [building('hq_south')], ...extra } } });
    const first = await create('VPN drops every hour', {
      ticket_form_id: formIds.it,
      comment: { body: 'Since Monday the VPN drops.\n\nSee the screenshot.', uploads: [up.body.upload.token] },
      custom_fields: [building('hq_north'), { id: fieldIds.systems, value: ['sys_vpn', 'sys_laptop'] }, { id: fieldIds.customerImpact, value: true }, { id: fieldIds.peopleAffected, value: 3 }, { id: fieldIds.assetTag, value: 'LT-0042' }],
    });
    expect(first.status).toBe(201);
    expect(first.body.request).toMatchObject({ subject: 'VPN drops every hour', status: 'new', ticket_form_id: formIds.it, requester_id: s.users.alice.id });
    expect(first.body.request.custom_fields).toContainEqual({ id: fieldIds.systems, value: ['sys_vpn', 'sys_laptop'] });
    expect(first.body.request.custom_fields.map((f: any) => f.id)).not.toContain(fieldIds.triageNotes);
    const second = await create('Desk lamp broken', { ticket_form_id: formIds.facilities, custom_fields: [building('warehouse_lyon'), { id: fieldIds.costCentre, value: 'CC-1234' }, { id: fieldIds.neededBy, value: '2025-07-01' }] });
    const third = await create('Parental leave question', { ticket_form_id: formIds.hr, custom_fields: [] });
    expect([second.status, third.status]).toEqual([201, 201]);

    const stored = s.state.requests.find((r) => r.id === first.body.request.id)!;
    expect(stored.comments[0]!.attachments[0]!.bytes.equals(png)).toBe(true);

    // The first request changes last, so it leads when sorted by updated_at.
    const id = first.body.request.id as number;
    s.addComment(id, 'Could you try the new client?', { public: true });
    s.addComment(id, 'Probably the Lyon tunnel again.', { public: false });
    s.setStatus(id, 'pending');

    // Offset pages are sorted as asked.
    const sorted1 = await alice('/api/v2/requests?sort_by=updated_at&sort_order=desc&per_page=2&page=1');
    expect(sorted1.body.requests.map((r: any) => r.id)).toEqual([id, third.body.request.id]);
    expect(sorted1.body).toMatchObject({ count: 3, next_page: expect.stringContaining('page=2'), previous_page: null });
    const sorted2 = await alice(sorted1.body.next_page.slice(s.url.length));
    expect(sorted2.body.requests.map((r: any) => r.id)).toEqual([second.body.request.id]);
    expect(sorted2.body.next_page).toBeNull();
    // Cursor pages come in no sort_by order (as reported of the real ListRequests): by id here.
    const page1 = await alice('/api/v2/requests?sort_by=updated_at&sort_order=desc&page[size]=2');
    expect(page1.body.requests.map((r: any) => r.id)).toEqual([id, second.body.request.id]);
    expect(page1.body.meta.has_more).toBe(true);
    const page2 = await alice(page1.body.links.next.slice(s.url.length));
    expect(page2.body.requests.map((r: any) => r.id)).toEqual([third.body.request.id]);
    expect(page2.body.meta.has_more).toBe(false);
    const offset = await alice('/api/v2/requests?sort_by=created_at');
    expect(offset.body).toMatchObject({ count: 3, next_page: null, previous_page: null });

    const comments = await alice(`/api/v2/requests/${id}/comments`);
    expect(comments.body.comments.map((c: any) => c.body)).toEqual(['Since Monday the VPN drops.\n\nSee the screenshot.', 'Could you try the new client?']);
    const [attachment] = comments.body.comments[0].attachments;
    const download = await fetch(attachment.content_url, { headers: { Authorization: basic(s.users.alice) } });
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);

    const reply = await alice(`/api/v2/requests/${id}`, { method: 'PUT', json: { request: { comment: { body: 'New client works, thanks!' } } } });
    expect(reply.body.request).toMatchObject({ status: 'open', can_be_solved_by_me: true });
    const solved = await alice(`/api/v2/requests/${id}`, { method: 'PUT', json: { request: { solved: true } } });
    expect(solved.body.request.status).toBe('solved');
    const rating = await alice(`/api/v2/tickets/${id}/satisfaction_rating`, { method: 'POST', json: { satisfaction_rating: { score: 'good', comment: 'Quick, thank you' } } });
    expect(rating.status).toBe(200);
    expect(rating.body.satisfaction_rating[0]).toMatchObject({ score: 'good', ticket_id: id, requester_id: s.users.alice.id });

    expect(s.violations).toEqual([]);
    expect(s.calls.every((c) => c.status < 300)).toBe(true);
  });

  it('pages comments with a cursor, newest first', async () => {
    const s = await start();
    const alice = client(s);
    const created = await alice('/api/v2/requests', { method: 'POST', json: { request: { subject: 'Badge', comment: { body: 'Lost my badge' }, custom_fields: [building('remote')] } } });
    const id = created.body.request.id as number;
    for (const n of [1, 2, 3]) s.addComment(id, `update ${n}`);
    const p1 = await alice(`/api/v2/requests/${id}/comments?sort=-created_at&page[size]=3`);
    expect(p1.body.comments.map((c: any) => c.body)).toEqual(['update 3', 'update 2', 'update 1']);
    const p2 = await alice(`/api/v2/requests/${id}/comments?sort=-created_at&page[size]=3&page[after]=${p1.body.meta.after_cursor}`);
    expect(p2.body.comments.map((c: any) => c.body)).toEqual(['Lost my badge']);
    expect(p2.body.meta.has_more).toBe(false);
    const p3 = await alice(`/api/v2/requests/${id}/comments?sort=-created_at&page[size]=3&page[after]=${p2.body.meta.after_cursor}`);
    expect(p3.body).toMatchObject({ comments: [], meta: { has_more: false, after_cursor: null }, links: { next: null } });
    expect(s.violations).toEqual([]);
  });
});

describe('what an end user may not see or set', () => {
  it('never serves the internal form or the agents-only field', async () => {
    const s = await start();
    const alice = client(s);
    const forms = await alice('/api/v2/ticket_forms');
    const fields = await alice('/api/v2/ticket_fields?page[size]=100');
    expect(JSON.stringify(forms.body)).not.toContain('Internal escalation');
    expect(fields.body.ticket_fields.map((f: any) => f.id)).not.toContain(fieldIds.triageNotes);
    expect(forms.body.ticket_forms.flatMap((f: any) => f.ticket_field_ids)).not.toContain(fieldIds.triageNotes);
    expect((await alice(`/api/v2/ticket_forms/${formIds.internal}`)).status).toBe(404);
    expect((await alice(`/api/v2/ticket_fields/${fieldIds.triageNotes}`)).status).toBe(403);
    expect(s.violations).toEqual([]);
  });

  it('refuses invalid custom fields with RecordInvalid', async () => {
    const s = await start();
    const alice = client(s);
    const create = (request: object) => alice('/api/v2/requests', { method: 'POST', json: { request: { subject: 'Chair', comment: { body: 'Broken chair' }, ...request } } });
    const cases: [object, RegExp][] = [
      [{ custom_fields: [] }, /Which building\?: cannot be blank/],
      [{ custom_fields: [building('hq_east')] }, /is not one of hq_north/],
      [{ custom_fields: [building('hq_north'), { id: fieldIds.triageNotes, value: 'vip' }] }, /does not exist/],
      [{ custom_fields: [building('hq_north'), { id: fieldIds.team, value: 'team_people' }] }, /cannot be changed by end users/],
      [{ custom_fields: [building('hq_north'), { id: fieldIds.costCentre, value: 'CC-12' }] }, /Cost centre: is invalid/],
      [{ ticket_form_id: formIds.internal, custom_fields: [] }, /Ticket form: is invalid/],
    ];
    for (const [request, message] of cases) {
      const res = await create(request);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
      expect(JSON.stringify(res.body.details)).toMatch(message);
    }
    const missing = await create({ custom_fields: [] });
    expect(missing.body.details.base[0]).toMatchObject({ field_key: fieldIds.building, error: 'BlankValue' });
    expect(s.state.requests).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('lets an upload token be used once, by its uploader only', async () => {
    const s = await start();
    const alice = client(s);
    const bob = client(s, basic(s.users.bob));
    const up = await alice('/api/v2/uploads?filename=notes.txt', { method: 'POST', body: Buffer.from('hello\n'), headers: { 'Content-Type': 'text/plain' } });
    const token = up.body.upload.token as string;
    const create = (c: typeof alice) => c('/api/v2/requests', { method: 'POST', json: { request: { subject: 'Notes', comment: { body: 'attached', uploads: [token] }, custom_fields: [building('hq_north')] } } });
    expect((await create(bob)).status).toBe(422);
    expect((await create(alice)).status).toBe(201);
    expect((await create(alice)).status).toBe(422);
    expect(s.violations).toEqual([]);
  });

  it("keeps one user's requests from another", async () => {
    const s = await start();
    const alice = client(s);
    const bob = client(s, basic(s.users.bob));
    const created = await alice('/api/v2/requests', { method: 'POST', json: { request: { subject: 'Mine', comment: { body: 'private' }, custom_fields: [building('hq_north')] } } });
    expect((await bob(`/api/v2/requests/${created.body.request.id}`)).body).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    expect((await bob('/api/v2/requests')).body.requests).toEqual([]);
    expect(s.violations).toEqual([]);
  });
});

describe('authentication', () => {
  it('accepts API tokens and OAuth tokens, and nothing else', async () => {
    const s = await start();
    const alice = s.users.alice;
    expect((await client(s)('/api/v2/users/me')).status).toBe(200);
    expect((await client(s, `Bearer ${alice.oauthToken}`)('/api/v2/users/me')).status).toBe(200);
    expect(await client(s, null)('/api/v2/users/me')).toMatchObject({ status: 401, body: { error: "Couldn't authenticate you" } });
    expect((await client(s, basic({ ...alice, apiToken: 'wrong' }))('/api/v2/users/me')).status).toBe(401);
    const password = `Basic ${Buffer.from(`${alice.email}:hunter2`).toString('base64')}`;
    expect((await client(s, password)('/api/v2/users/me')).status).toBe(401);
    expect(await client(s, 'Bearer nope')('/api/v2/users/me')).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses API tokens when the account allows only OAuth', async () => {
    const s = await start({ allowApiToken: false });
    expect((await client(s)('/api/v2/users/me')).status).toBe(401);
    expect((await client(s, `Bearer ${s.users.alice.oauthToken}`)('/api/v2/users/me')).status).toBe(200);
  });

  it('expires an access token and refreshes it once', async () => {
    const s = await start();
    const old = { access: s.users.alice.oauthToken, refresh: s.users.alice.oauthRefreshToken };
    s.expireOAuthToken();
    expect((await client(s, `Bearer ${old.access}`)('/api/v2/requests')).status).toBe(401);
    const refresh = () => client(s, null)('/oauth/tokens', { method: 'POST', json: { grant_type: 'refresh_token', refresh_token: old.refresh, client_id: 'instant_desk' } });
    const refreshed = await refresh();
    expect(refreshed.status).toBe(201);
    expect(refreshed.body).toMatchObject({ token_type: 'bearer', access_token: expect.any(String), refresh_token: expect.any(String) });
    expect(s.users.alice.oauthToken).toBe(refreshed.body.access_token);
    expect((await client(s, `Bearer ${refreshed.body.access_token}`)('/api/v2/requests')).status).toBe(200);
    expect(await refresh()).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(s.violations).toEqual([]);
  });

  it('runs the authorization-code grant with PKCE', async () => {
    const s = await start({ allowApiToken: false });
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'https://abcdefghijklmnop.chromiumapp.org/zendesk';
    const authorize = async () => {
      const query = new URLSearchParams({ response_type: 'code', client_id: 'instant_desk', redirect_uri: redirect, scope: 'read write', state: 's-42', code_challenge: challenge, code_challenge_method: 'S256' });
      const res = await fetch(`${s.url}/oauth/authorizations/new?${query}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(redirect);
      expect(location.searchParams.get('state')).toBe('s-42');
      return location.searchParams.get('code')!;
    };
    const exchange = (code: string, code_verifier: string) =>
      client(s, null)('/oauth/tokens', { method: 'POST', json: { grant_type: 'authorization_code', code, client_id: 'instant_desk', redirect_uri: redirect, scope: 'read write', code_verifier } });

    expect(await exchange(await authorize(), 'not-the-verifier')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const code = await authorize();
    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(201);
    const me = await client(s, `Bearer ${tokens.body.access_token}`)('/api/v2/users/me');
    expect(me.body.user.id).toBe(s.users.alice.id);
    expect((await exchange(code, verifier)).status).toBe(400);
    expect(s.violations).toEqual([]);
  });
});

describe('injected failures', () => {
  it('answers 429 with Retry-After, then normally', async () => {
    const s = await start();
    const alice = client(s);
    s.failNext({ retryAfter: '7', match: (method, path) => method === 'POST' && path.startsWith('/api/v2/requests') });
    expect((await alice('/api/v2/users/me')).status).toBe(200);
    const limited = await alice('/api/v2/requests', { method: 'POST', json: { request: { subject: 'x', comment: { body: 'y' }, custom_fields: [building('hq_north')] } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(s.state.requests).toEqual([]);
    s.failNext({ status: 502, html: true, times: 2 });
    const html = await alice('/api/v2/requests');
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect((await alice('/api/v2/requests')).status).toBe(502);
    expect((await alice('/api/v2/requests')).status).toBe(200);
    expect(s.calls.map((c) => c.status)).toEqual([200, 429, 502, 502, 200]);
    expect(s.violations).toEqual([]);
  });
});
