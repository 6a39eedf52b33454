// The Zendesk adapter against the stateful fake Zendesk (tests/desks/zendesk), whose every request
// and response is checked against Zendesk's OpenAPI document; Node's fetch is the adapter's fetch.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createZendeskAdapter, type ZendeskDeps } from '../../../lib/desks/zendesk/adapter';
import { toFields, toFieldSpec, toJsPattern } from '../../../lib/desks/zendesk/mapping';
import { DeskFailure, fieldsInEffect, type Attachment, type DeskAuth, type DeskConfig, type DeskError, type NewRequest } from '../../../lib/domain';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../../desks/zendesk/server';

// A 1×1 transparent PNG, and a text file whose bytes are not ASCII.
const png: Attachment = { name: 'screen shot.png', type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' };
const notes: Attachment = { name: 'notes – Zürich.txt', type: 'text/plain', data: Buffer.from('Tunnel: Zürich ✓\r\n\u0000end').toString('base64') };

let server: ZendeskServer;
beforeAll(async () => {
  server = await startZendeskServer();
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.violations).toEqual([]);
  server.violations.length = 0;
});

function configFor(s: ZendeskServer, auth?: DeskAuth): DeskConfig {
  return {
    id: 'zd',
    kind: 'zendesk',
    name: 'Zendesk',
    baseUrl: `${s.url}/`,
    auth: auth ?? { mode: 'basic', token: s.users.alice.apiToken },
    email: s.users.alice.email,
    oauthClientId: 'instant_desk',
  };
}

const sleep = vi.fn(async (_ms: number) => undefined);
const adapterFor = (s: ZendeskServer, auth?: DeskAuth, deps: Partial<ZendeskDeps> = {}) => createZendeskAdapter(configFor(s, auth), { fetch, sleep, ...deps });
const adapter = (auth?: DeskAuth, deps?: Partial<ZendeskDeps>) => adapterFor(server, auth, deps);

async function failure(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DeskFailure) return err.error;
    throw err;
  }
  throw new Error('expected a DeskFailure');
}

let sequence = 0;
async function newRequest(over: Partial<NewRequest> = {}): Promise<NewRequest> {
  const clientId = over.clientId ?? `idk-${Date.now()}-${++sequence}`;
  return {
    clientId,
    departmentId: String(formIds.it),
    formId: String(formIds.it),
    subject: `VPN drops every hour (${sequence})`,
    body: `Since Monday the VPN drops.\n\n--\nReference: ${clientId}`,
    fields: { [fieldIds.building]: 'hq_north' },
    attachments: [],
    requester: await adapter().whoAmI(),
    ...over,
  };
}

const stored = (id: string) => server.state.requests.find((r) => r.id === Number(id))!;
const callsTo = (method: string, path: RegExp) => server.calls.filter((c) => c.method === method && path.test(c.path));

describe('who I am', () => {
  it('reads the user behind the API token', async () => {
    expect(await adapter().whoAmI()).toEqual({ id: String(server.users.alice.id), name: server.users.alice.email, email: server.users.alice.email, displayName: 'Alice Ødegård', staff: false });
  });
});

describe('catalog', () => {
  it('offers one department per form requesters may use, in one request', async () => {
    const before = server.calls.length;
    const catalog = await adapter().listCatalog();
    expect(server.calls.length - before).toBe(1);
    expect(catalog.departments.map((d) => d.name)).toEqual(['IT support', 'Facilities request', 'HR question']);
    expect(catalog.departments[0]).toMatchObject({ id: String(formIds.it), portalUrl: `${server.url}/hc/requests/new?ticket_form_id=${formIds.it}` });
    expect(catalog.forms.map((f) => [f.id, f.departmentIds])).toEqual([formIds.it, formIds.facilities, formIds.hr].map((id) => [String(id), [String(id)]]));
    expect(JSON.stringify(catalog)).not.toContain(String(formIds.internal));
  });

  it("reads a form's fields in its order, without hidden or read-only ones, in two requests", async () => {
    const before = server.calls.length;
    const it = await adapter().formFields(String(formIds.it));
    expect(server.calls.length - before).toBe(2);
    expect(it.map((f) => [f.id, f.kind, f.required])).toEqual([
      [String(fieldIds.building), 'select', true],
      [String(fieldIds.systems), 'multiselect', false],
      [String(fieldIds.customerImpact), 'checkbox', false],
      [String(fieldIds.peopleAffected), 'number', false],
      [String(fieldIds.assetTag), 'text', false],
    ]);
    expect(it[0]).toMatchObject({
      label: 'Which building?',
      options: [
        { value: 'hq_north', label: 'HQ North' },
        { value: 'hq_south', label: 'HQ South' },
        { value: 'warehouse_lyon', label: 'Warehouse (Lyon)' },
        { value: 'remote', label: 'Remote / home office' },
      ],
    });
    expect(it.find((f) => f.id === String(fieldIds.customerImpact))?.label).toBe('A customer is affected');
    expect(it.find((f) => f.id === String(fieldIds.assetTag))?.description).toBe('On the sticker under the device');
    // The form's end-user condition: "People affected" only once a customer is affected, required then.
    expect(it.find((f) => f.id === String(fieldIds.peopleAffected))?.shownWhen).toEqual([{ field: String(fieldIds.customerImpact), value: 'true', required: true }]);
    expect(it.find((f) => f.id === String(fieldIds.building))?.shownWhen).toBeUndefined();

    const facilities = await adapter().formFields(String(formIds.facilities));
    expect(facilities.find((f) => f.id === String(fieldIds.costCentre))).toMatchObject({ kind: 'text', pattern: '^CC-[0-9]{4}$' });
    expect(facilities.find((f) => f.id === String(fieldIds.neededBy))?.kind).toBe('date');
    expect((await adapter().formFields(String(formIds.hr))).map((f) => f.kind)).toEqual(['textarea']);
  });

  it('keeps kinds it cannot render as unknown, and maps the requester-settable system fields', () => {
    const base = { id: 360000099901, title: 'Card', visible_in_portal: true, editable_in_portal: true };
    expect(toFieldSpec({ ...base, type: 'partialcreditcard' })).toMatchObject({ id: '360000099901', kind: 'unknown', deskType: 'partialcreditcard' });
    expect(toFieldSpec({ ...base, type: 'lookup', title: 'Manager', title_in_portal: 'Your manager' })).toMatchObject({ kind: 'unknown', deskType: 'lookup', label: 'Your manager' });
    const priority = toFieldSpec({ ...base, type: 'priority', title: 'Priority', system_field_options: [{ name: 'Low', value: 'low' }, { name: 'Urgent', value: 'urgent' }] });
    expect(priority).toMatchObject({ id: 'priority', kind: 'select', options: [{ value: 'low', label: 'Low' }, { value: 'urgent', label: 'Urgent' }] });
    const nested = toFieldSpec({ ...base, type: 'tagger', custom_field_options: [{ name: 'Hardware::Laptop', value: 'hw_laptop' }] });
    expect(nested?.options).toEqual([{ value: 'hw_laptop', label: 'Hardware › Laptop' }]);
  });

  it('names Priority and Type in conditions as their fields are named (by kind, not number)', () => {
    const priority = { id: 360000099911, type: 'priority', title: 'Priority', visible_in_portal: true, editable_in_portal: true, system_field_options: [{ name: 'High', value: 'high' }] };
    const outage = { id: 360000099912, type: 'text', title: 'Outage window', visible_in_portal: true, editable_in_portal: true };
    const form = { id: 1, name: 'IT', ticket_field_ids: [priority.id, outage.id], end_user_conditions: [{ parent_field_id: priority.id, value: 'high', child_fields: [{ id: outage.id, is_required: true }] }] };
    const fields = toFields(form, [priority, outage]);
    expect(fields.find((f) => f.id === String(outage.id))?.shownWhen).toEqual([{ field: 'priority', value: 'high', required: true }]);
    expect(fieldsInEffect(fields, { priority: 'high' }).map((f) => [f.id, f.required])).toEqual([['priority', false], [String(outage.id), true]]);
  });

  it("runs Zendesk's Ruby patterns as JavaScript where it can", () => {
    expect(toJsPattern('\\A[[:xdigit:]_]+-\\d{2}\\z')).toBe('^[0-9a-fA-F_]+-\\d{2}$');
    expect(toJsPattern('^\\h{6}$')).toBe('^[0-9a-fA-F]{6}$');
    // Ruby's [[:alpha:]] and its kin take every script's letters: as ASCII ranges they would
    // refuse "Ødegård" and "Zürich", which the desk accepts (review, 2026-12-06).
    for (const cls of ['alpha', 'alnum', 'upper', 'lower', 'digit', 'word']) expect(toJsPattern(`\\A[[:${cls}:] -]+\\z`), cls).toBeUndefined();
    // Atomic groups and Ruby-only classes: the desk checks these itself.
    expect(toJsPattern('(?>ab)+')).toBeUndefined();
    expect(toJsPattern('[[:graph:]]+')).toBeUndefined();
  });
});

describe('filing', () => {
  it('files a drop-down, a checkbox, a number and two files, as Zendesk takes them, and reads them back', async () => {
    const desk = adapter();
    const request = await newRequest({
      fields: { [fieldIds.building]: 'hq_south', [fieldIds.systems]: ['sys_vpn', 'sys_laptop'], [fieldIds.customerImpact]: 'true', [fieldIds.peopleAffected]: '3' },
      attachments: [png, notes],
    });
    const created = await desk.createRequest(request);
    expect(created.pendingAttachments).toEqual([]);
    expect(created.ref).toMatchObject({ deskId: 'zd', key: `#${created.ref.id}`, url: `${server.url}/hc/requests/${created.ref.id}` });

    const r = stored(created.ref.id);
    expect(r).toMatchObject({ subject: request.subject, ticket_form_id: formIds.it, requester_id: server.users.alice.id });
    expect(r.description).toContain(request.clientId);
    const value = (id: number) => r.custom_fields.find((f) => f.id === id)?.value;
    expect([value(fieldIds.building), value(fieldIds.systems), value(fieldIds.customerImpact), value(fieldIds.peopleAffected)]).toEqual(['hq_south', ['sys_vpn', 'sys_laptop'], true, 3]);
    const files = r.comments[0]!.attachments;
    expect(files.map((a) => [a.file_name, a.content_type])).toEqual([
      [png.name, png.type],
      [notes.name, notes.type],
    ]);
    expect(files[0]!.bytes.equals(Buffer.from(png.data, 'base64'))).toBe(true);
    expect(files[1]!.bytes.equals(Buffer.from(notes.data, 'base64'))).toBe(true);

    const back = await desk.readRequest(created.ref);
    expect(back).toMatchObject({ subject: request.subject, requesters: [String(server.users.alice.id)], attachments: [png.name, notes.name] });
    expect(back.fields).toMatchObject({
      [fieldIds.building]: ['hq_south'],
      [fieldIds.systems]: ['sys_vpn', 'sys_laptop'],
      [fieldIds.customerImpact]: ['true'],
      [fieldIds.peopleAffected]: ['3'],
      [fieldIds.assetTag]: [],
    });
  });

  it('files nothing when a file does not go up: the outbox tries the whole request again', async () => {
    const count = server.state.requests.length;
    server.failNext({ status: 503, match: (method, path) => method === 'POST' && path === '/api/v2/uploads' });
    const before = server.calls.length;
    expect(await failure(adapter().createRequest(await newRequest({ attachments: [png] })))).toMatchObject({ kind: 'server', retryable: true });
    expect(server.state.requests.length).toBe(count);
    expect(server.calls.slice(before).some((c) => c.path === '/api/v2/requests')).toBe(false);
  });

  it('finds what an interrupted create filed, by its client id, even with a wrong clock', async () => {
    const desk = adapter();
    const request = await newRequest();
    const created = await desk.createRequest(request);
    // Retried with the same client id: the request is found, not filed again.
    expect(await desk.findRequest(request, Date.now())).toEqual(created.ref);
    expect(await desk.findRequest(request, Date.now() + 3 * 60 * 60 * 1000)).toEqual(created.ref);
    expect(await desk.findRequest({ ...request, clientId: 'idk-never-filed' }, Date.now())).toBeUndefined();
  });

  it('adds files left pending with a public comment naming them', async () => {
    const desk = adapter();
    const created = await desk.createRequest(await newRequest());
    await desk.attach(created.ref, [notes]);
    const last = stored(created.ref.id).comments.at(-1)!;
    expect(last).toMatchObject({ public: true, body: notes.name, author_id: server.users.alice.id });
    expect(last.attachments[0]!.bytes.equals(Buffer.from(notes.data, 'base64'))).toBe(true);
    expect((await desk.readRequest(created.ref)).attachments).toEqual([notes.name]);
  });
});

describe('following my requests', () => {
  it('lists changes since the cursor, with waiting and done, in one page for a routine look', async () => {
    const desk = adapter();
    const first = await desk.createRequest(await newRequest({ subject: 'Printer jammed' }));
    const second = await desk.createRequest(await newRequest({ subject: 'Badge lost', formId: String(formIds.facilities), departmentId: String(formIds.facilities) }));
    const full = await desk.listMyRequests({ includeOpen: true });
    const mine = (id: string) => full.requests.find((r) => r.ref.id === id);
    expect(mine(second.ref.id)).toMatchObject({ subject: 'Badge lost', status: 'new', category: 'open', departmentId: String(formIds.facilities), formId: String(formIds.facilities) });
    expect(mine(second.ref.id)?.version).toBe(stored(second.ref.id).updated_at);
    expect(full.cursor).toBe(new Date(stored(second.ref.id).updated_at).toISOString());

    server.setStatus(Number(first.ref.id), 'pending');
    const reads = callsTo('GET', /^\/api\/v2\/requests$/).length;
    const waiting = await desk.listMyRequests({ cursor: full.cursor, includeOpen: false });
    expect(callsTo('GET', /^\/api\/v2\/requests$/).length - reads).toBe(1);
    // What changed in the cursor's own second is listed again, with the version it had.
    const changed = waiting.requests.filter((r) => r.version !== mine(r.ref.id)?.version);
    expect(changed.map((r) => [r.ref.id, r.status, r.category])).toEqual([[first.ref.id, 'pending', 'waiting']]);

    server.setStatus(Number(first.ref.id), 'solved');
    server.setStatus(Number(second.ref.id), 'hold');
    const done = await desk.listMyRequests({ cursor: waiting.cursor, includeOpen: false });
    expect(done.requests.filter((r) => r.updated > waiting.cursor!).map((r) => [r.ref.id, r.category])).toEqual([
      [second.ref.id, 'open'],
      [first.ref.id, 'done'],
    ]);
    expect(done.cursor! > waiting.cursor!).toBe(true);
  });

  it('reads every page for the full look, and stops at the cursor for a routine one', async () => {
    const s = await startZendeskServer();
    try {
      const desk = adapterFor(s);
      // Filed long ago, one a minute, straight into the fake's state: 103 is more than a page.
      const ids = Array.from({ length: 103 }, (_, n) => 990000 + n);
      const at = (n: number) => new Date(Date.UTC(2025, 0, 6, 9, n)).toISOString().replace('.000Z', 'Z');
      s.state.requests.push(
        ...ids.map((id, n) => ({
          id,
          subject: `Request ${n}`,
          description: `number ${n}`,
          ticket_form_id: formIds.it,
          custom_fields: [{ id: fieldIds.building, value: 'remote' }],
          status: 'open' as const,
          requester_id: s.users.alice.id,
          comments: [{ id: id * 10, body: `number ${n}`, public: true, author_id: s.users.alice.id, created_at: at(n), attachments: [] }],
          created_at: at(n),
          updated_at: at(n),
        })),
      );
      const oldest = ids[0]!;
      s.setStatus(ids[1]!, 'solved');
      // The oldest open request is now on the second page.
      const full = await desk.listMyRequests({ includeOpen: true });
      expect(full.requests.length).toBe(103);
      expect(full.requests.some((r) => r.ref.id === String(oldest))).toBe(true);
      // Two pages, then the first again (what changed while the second was read moved there).
      expect(s.calls.filter((c) => c.path === '/api/v2/requests').length).toBe(3);

      s.addComment(oldest, 'We ordered a new badge.');
      const routine = await desk.listMyRequests({ cursor: full.cursor, includeOpen: false });
      expect(routine.requests.filter((r) => r.updated > full.cursor!).map((r) => r.ref.id)).toEqual([String(oldest)]);
      expect(s.calls.filter((c) => c.path === '/api/v2/requests').length).toBe(4);

      const reconcile = await desk.listMyRequests({ cursor: routine.cursor, includeOpen: true });
      expect(reconcile.requests.length).toBe(102);
      expect(reconcile.requests.some((r) => r.ref.id === String(ids[1]))).toBe(false);
      expect(s.violations).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('sees the newest public staff reply, never an internal note or my own comment', async () => {
    const desk = adapter();
    const created = await desk.createRequest(await newRequest());
    const id = Number(created.ref.id);
    expect((await desk.recentActivity(created.ref)).lastStaffReply).toBeUndefined();

    server.addComment(id, 'Could you   try\nthe new VPN client?', { public: true });
    server.addComment(id, 'Probably the Lyon tunnel again.', { public: false });
    server.addComment(id, 'Trying it now.', { author: 'alice' });
    const comments = stored(created.ref.id).comments;
    const reply = comments[1]!;
    const activity = await desk.recentActivity(created.ref);
    expect(activity).toEqual({
      lastTxnId: String(comments[3]!.id),
      lastStaffReply: { id: String(reply.id), at: reply.created_at, author: 'Sam Okafor', excerpt: 'Could you try the new VPN client?' },
    });
  });

  it('shows the public conversation oldest first, with files and whose each message is', async () => {
    const desk = adapter();
    const created = await desk.createRequest(await newRequest({ attachments: [png] }));
    server.addComment(Number(created.ref.id), 'Which model is it?');
    server.addComment(Number(created.ref.id), 'Checked the logs.', { public: false });
    const messages = await desk.conversation(created.ref);
    expect(messages.map((m) => [m.mine, m.author, m.text.split('\n')[0], m.attachments])).toEqual([
      [true, 'Alice Ødegård', 'Since Monday the VPN drops.', [{ name: png.name, type: png.type }]],
      [false, 'Sam Okafor', 'Which model is it?', []],
    ]);
  });

  it('replies with a file in one public comment', async () => {
    const desk = adapter();
    const created = await desk.createRequest(await newRequest());
    server.setStatus(Number(created.ref.id), 'pending');
    await desk.reply(created.ref, 'Here is the log.', [notes]);
    const r = stored(created.ref.id);
    expect(r.comments.at(-1)).toMatchObject({ body: 'Here is the log.', public: true, author_id: server.users.alice.id });
    expect(r.comments.at(-1)!.attachments[0]!.bytes.equals(Buffer.from(notes.data, 'base64'))).toBe(true);
    expect(r.status).toBe('open');
  });
});

describe('errors in plain words', () => {
  it('401: a wrong API token', async () => {
    expect(await failure(adapter({ mode: 'basic', token: 'wrong' }).whoAmI())).toMatchObject({ kind: 'unauthorized', status: 401, detail: "Couldn't authenticate you" });
  });

  it('403 and 404', async () => {
    server.failNext({ status: 403, match: (_m, path) => path === '/api/v2/ticket_forms' });
    expect(await failure(adapter().listCatalog())).toMatchObject({ kind: 'forbidden', status: 403 });
    const ref = { deskId: 'zd', id: '999999', key: '#999999', url: '' };
    expect(await failure(adapter().readRequest(ref))).toMatchObject({ kind: 'not-found', status: 404, detail: 'Not found' });
  });

  it("422: the desk's words for the field it refused", async () => {
    const error = await failure(adapter().createRequest(await newRequest({ fields: {} })));
    expect(error).toMatchObject({ kind: 'rejected', status: 422, retryable: false });
    expect(error.detail).toContain('Which building?: cannot be blank');
  });

  it('429: reads wait as told and try again; writes never repeat', async () => {
    sleep.mockClear();
    server.failNext({ retryAfter: '2', match: (method, path) => method === 'GET' && path === '/api/v2/ticket_forms' });
    expect((await adapter().listCatalog()).forms).toHaveLength(3);
    expect(sleep).toHaveBeenCalledWith(2000);

    const before = callsTo('POST', /^\/api\/v2\/requests$/).length;
    server.failNext({ retryAfter: '30', match: (method, path) => method === 'POST' && path === '/api/v2/requests' });
    expect(await failure(adapter().createRequest(await newRequest()))).toMatchObject({ kind: 'rate-limited', retryable: true, retryAfterMs: 30_000 });
    expect(callsTo('POST', /^\/api\/v2\/requests$/).length - before).toBe(1);
  });

  it('an HTML page: a sign-in page is unauthorized, anything else is not the API', async () => {
    server.failNext({ status: 401, html: true });
    expect(await failure(adapter().whoAmI())).toMatchObject({ kind: 'unauthorized' });
    server.failNext({ status: 200, html: true, times: 3 });
    expect(await failure(adapter().listCatalog())).toMatchObject({ kind: 'not-api' });
  });
});

describe('OAuth', () => {
  let s: ZendeskServer;
  beforeAll(async () => {
    s = await startZendeskServer({ allowApiToken: false });
  });
  afterAll(() => s.close());
  afterEach(() => {
    expect(s.violations).toEqual([]);
  });
  const oauth = (over: Partial<Extract<DeskAuth, { mode: 'oauth' }>> = {}): DeskAuth => ({ mode: 'oauth', token: s.users.alice.oauthToken, refreshToken: s.users.alice.oauthRefreshToken, ...over });

  it('refreshes a refused token once for calls in flight together, and hands the new tokens over', async () => {
    const onAuth = vi.fn();
    const desk = adapterFor(s, oauth(), { onAuth });
    s.expireOAuthToken();
    const [me, catalog] = await Promise.all([desk.whoAmI(), desk.listCatalog()]);
    expect(me.id).toBe(String(s.users.alice.id));
    expect(catalog.forms).toHaveLength(3);
    expect(s.calls.filter((c) => c.path === '/oauth/tokens')).toHaveLength(1);
    expect(onAuth).toHaveBeenCalledTimes(1);
    expect(onAuth).toHaveBeenCalledWith({ mode: 'oauth', token: s.users.alice.oauthToken, refreshToken: s.users.alice.oauthRefreshToken });
  });

  it('two adapters made from the same stored tokens (the tracker, the outbox) share one refresh: a refresh token is used once', async () => {
    const onAuth = vi.fn();
    const tracker = adapterFor(s, oauth(), { onAuth });
    const outbox = adapterFor(s, oauth(), { onAuth });
    s.expireOAuthToken();
    const before = s.calls.filter((c) => c.path === '/oauth/tokens').length;
    const [a, b] = await Promise.all([tracker.whoAmI(), outbox.listCatalog()]);
    expect(a.id).toBe(String(s.users.alice.id));
    expect(b.forms).toHaveLength(3);
    expect(s.calls.filter((c) => c.path === '/oauth/tokens').length - before).toBe(1);
    // A third made later from the same (now used) refresh token gets the new tokens too.
    s.expireOAuthToken();
    const late = adapterFor(s, oauth({ token: 'refused-long-ago' }), { onAuth });
    await expect(late.whoAmI()).resolves.toMatchObject({ id: String(s.users.alice.id) });
  });

  it('refreshes before a call when the token is past its expiry', async () => {
    const onAuth = vi.fn();
    const desk = adapterFor(s, oauth({ expiresAt: Date.now() - 1000 }), { onAuth });
    const before = s.calls.length;
    await desk.listCatalog();
    expect(s.calls.slice(before).map((c) => [c.path, c.status])).toEqual([
      ['/oauth/tokens', 201],
      ['/api/v2/ticket_forms', 200],
    ]);
    expect(onAuth).toHaveBeenCalledTimes(1);
  });

  it('asks to sign in again when the refresh is refused, or there is nothing to refresh with', async () => {
    const onAuth = vi.fn();
    s.expireOAuthToken();
    expect(await failure(adapterFor(s, oauth({ refreshToken: 'rt-revoked' }), { onAuth }).listCatalog())).toMatchObject({ kind: 'unauthorized', retryable: false });
    expect(await failure(adapterFor(s, oauth({ token: 'gone', refreshToken: undefined })).listCatalog())).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(onAuth).not.toHaveBeenCalled();
  });

  it('an account that allows only OAuth refuses the API token', async () => {
    expect(await failure(adapterFor(s).whoAmI())).toMatchObject({ kind: 'unauthorized', status: 401 });
  });
});
