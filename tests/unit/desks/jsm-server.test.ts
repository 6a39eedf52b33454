// The fake Jira Service Management site: its checks against Atlassian's OpenAPI document have teeth,
// and it behaves as the document says (paging, auth, ownership, attachments, faults).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startJsmServer, type JsmSeedUser, type JsmServer } from '../../desks/jsm/server.ts';

let server: JsmServer;
const API = '/rest/servicedeskapi';

const basic = (u: JsmSeedUser) => `Basic ${Buffer.from(`${u.email}:${u.apiToken}`).toString('base64')}`;

async function call(path: string, init: { method?: string; json?: unknown; body?: BodyInit; as?: JsmSeedUser | null; headers?: Record<string, string> } = {}) {
  const user = init.as === undefined ? server.users.alice : init.as;
  const headers: Record<string, string> = { Accept: 'application/json', ...(user ? { Authorization: basic(user) } : {}), ...init.headers };
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.url}${API}${path}`, {
    method: init.method ?? (init.json !== undefined || init.body ? 'POST' : 'GET'),
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined;
  return { status: res.status, json, text, headers: res.headers };
}

const nda = (fields: Record<string, unknown> = {}) => ({
  serviceDeskId: '1',
  requestTypeId: '101',
  requestFieldValues: { summary: 'NDA with Müller GmbH', description: 'Talks about a joint product.\nSecond line.', customfield_10010: { id: '10100' }, ...fields },
});

function upload(deskId: string, files: { name: string; bytes: Uint8Array<ArrayBuffer>; type: string }[], headers: Record<string, string> = { 'X-Atlassian-Token': 'no-check' }) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes], { type: f.type }), f.name);
  return call(`/servicedesk/${deskId}/attachTemporaryFile`, { body: form, headers });
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

describe('JSM test server', () => {
  beforeEach(async () => {
    server = await startJsmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  describe('the OpenAPI check has teeth', () => {
    it('reports a query parameter of the wrong type', async () => {
      expect((await call('/servicedesk?limit=many')).status).toBe(200);
      expect(server.violations).toEqual([expect.stringContaining('query.limit must be integer')]);
    });

    it('reports an unknown top-level property in a create body', async () => {
      const res = await call('/request', { json: { ...nda(), priority: 'High' } });
      expect(res.status).toBe(201);
      expect(server.violations).toEqual([expect.stringContaining("has property 'priority' the schema does not allow")]);
    });

    it('reports a response with a property the schema does not allow', async () => {
      server.failNext({ tamper: (desk) => ({ ...desk, colour: 'red' }) });
      expect((await call('/servicedesk/1')).json.colour).toBe('red');
      expect(server.violations).toEqual([expect.stringMatching(/GET .*servicedesk\/\{serviceDeskId\} → 200: response body has property 'colour'/)]);
    });

    it('reports a path the document does not have', async () => {
      expect((await call('/servicedesk/1/widgets')).status).toBe(404);
      expect(server.violations).toEqual([expect.stringContaining('no such operation in the document')]);
    });
  });

  it('files, attaches, comments and lists without a single violation', async () => {
    const desks = await call('/servicedesk');
    expect(desks.json).toMatchObject({ start: 0, limit: 50, size: 2, isLastPage: true });
    const legal = desks.json.values.find((d: { projectName: string }) => d.projectName === 'Legal');
    expect(legal).toMatchObject({ id: '1', projectKey: 'LEG' });

    const groups = await call(`/servicedesk/${legal.id}/requesttypegroup`);
    expect(groups.json.values).toEqual([
      { id: '11', name: 'Contracts' },
      { id: '12', name: 'Advice' },
    ]);
    const contracts = await call(`/servicedesk/${legal.id}/requesttype?groupId=11`);
    expect(contracts.json.values.map((t: { name: string }) => t.name)).toEqual(['Request a new NDA', 'Review a contract']);
    expect(contracts.json.values[0].groupIds).toEqual(['11', '12']);

    const fields = await call(`/servicedesk/${legal.id}/requesttype/101/field`);
    expect(fields.json).toMatchObject({ canRaiseOnBehalfOf: false, canAddRequestParticipants: false });
    const byId = Object.fromEntries(fields.json.requestTypeFields.map((f: { fieldId: string }) => [f.fieldId, f]));
    expect(byId.summary.required).toBe(true);
    expect(byId.customfield_10010.validValues[0]).toEqual({ value: '10100', label: 'Supplier', children: [] });
    expect(byId.customfield_10030.jiraSchema.custom).toBe('com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect');
    expect(byId.customfield_10050.defaultValues).toEqual([{ value: '10300', label: 'EU', children: [] }]);

    const created = await call('/request', {
      json: nda({ customfield_10020: '2030-02-28', customfield_10030: { id: '10200', child: { id: '10201' } }, labels: ['nda', 'müller'], customfield_10040: 25000.5 }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      issueKey: 'LEG-1',
      requestTypeId: '101',
      serviceDeskId: '1',
      reporter: { accountId: server.users.alice.accountId, emailAddress: 'alice@example.com', displayName: 'Alice Émond' },
      currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
      _links: { web: `${server.url}/servicedesk/customer/portal/1/LEG-1` },
    });
    const shown = Object.fromEntries(created.json.requestFieldValues.map((f: { fieldId: string; value: unknown }) => [f.fieldId, f.value]));
    expect(shown.customfield_10030).toMatchObject({ value: 'Deutschland', child: { value: 'München' } });
    expect(shown.customfield_10050).toEqual([expect.objectContaining({ id: '10300', value: 'EU' })]);
    expect(server.state.requests[0]!.fields.customfield_10050).toEqual([{ id: '10300' }]);

    const temp = await upload('1', [{ name: 'Entwurf ä.png', bytes: png, type: 'image/png' }]);
    expect(temp.status).toBe(201);
    const [{ temporaryAttachmentId, fileName }] = temp.json.temporaryAttachments;
    expect(fileName).toBe('Entwurf ä.png');
    const attached = await call('/request/LEG-1/attachment', { json: { temporaryAttachmentIds: [temporaryAttachmentId], public: true } });
    expect(attached.status).toBe(201);
    expect(attached.json.attachments.values[0]).toMatchObject({ filename: 'Entwurf ä.png', mimeType: 'image/png', size: png.length });
    const stored = server.state.requests[0]!.attachments[0]!;
    expect([stored.name, stored.mime, stored.bytes.equals(Buffer.from(png))]).toEqual(['Entwurf ä.png', 'image/png', true]);

    await call('/request', { json: { serviceDeskId: '2', requestTypeId: '202', requestFieldValues: { summary: 'Laptop', description: 'Old one broke', customfield_10080: { id: '10501' } } } });
    server.addComment('LEG-1', 'We are drafting it.');
    server.addComment('LEG-1', 'Check Müller’s credit first.', { public: false });

    const comments = await call('/request/LEG-1/comment?internal=true');
    const bodies = comments.json.values.map((c: { body: string }) => c.body);
    expect(bodies).toEqual(['[^Entwurf ä.png]', 'We are drafting it.']);
    expect(server.state.requests[0]!.comments.map((c) => c.public)).toEqual([true, true, false]);

    const mine = await call('/request?requestOwnership=OWNED_REQUESTS&requestStatus=ALL_REQUESTS&expand=comment');
    expect(mine.json.values.map((r: { issueKey: string }) => r.issueKey)).toEqual(['LEG-1', 'ITH-1']);
    expect(mine.json.values[0].comments.values.map((c: { body: string }) => c.body)).toEqual(bodies);

    server.setStatus('ITH-1', 'Resolved', 'DONE');
    const open = await call('/request?requestOwnership=OWNED_REQUESTS&requestStatus=OPEN_REQUESTS');
    expect(open.json.values.map((r: { issueKey: string }) => r.issueKey)).toEqual(['LEG-1']);
    const all = await call('/request?requestOwnership=OWNED_REQUESTS&requestStatus=ALL_REQUESTS');
    expect(all.json.values.map((r: { issueKey: string }) => r.issueKey)).toEqual(['ITH-1', 'LEG-1']);
    const full = await call('/request/LEG-1?expand=serviceDesk,requestType,participant,sla,status,attachment,action&expand=comment');
    expect(full.json).toMatchObject({ serviceDesk: { projectKey: 'LEG' }, requestType: { name: 'Request a new NDA' }, attachments: { size: 1 }, comments: { size: 2 } });
    expect((await call('/servicedesk/projectKey:ITH/requesttype/202')).json.name).toBe('Get a new laptop');
    const history = await call('/request/ITH-1/status');
    expect(history.json.values.map((s: { status: string }) => s.status)).toEqual(['Resolved', 'Waiting for support']);

    expect(server.violations).toEqual([]);
  });

  it('refuses field values as Jira does, in Atlassian’s error shape', async () => {
    const refused = async (body: unknown) => {
      const res = await call('/request', { json: body });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errorMessage: expect.any(String), i18nErrorMessage: { i18nKey: expect.any(String), parameters: expect.any(Array) } });
      return res.json.errorMessage as string;
    };
    expect(await refused({ requestFieldValues: {} })).toContain('serviceDeskId');
    expect(await refused(nda({ summary: '' }))).toContain('What is the NDA for? is required');
    expect(await refused(nda({ customfield_10010: { id: '99999' } }))).toContain("Option '99999' is not valid");
    expect(await refused(nda({ customfield_10020: '28.02.2030' }))).toContain('Error parsing date string');
    expect(await refused(nda({ customfield_10030: { id: '10200', child: { id: '10211' } } }))).toContain("not a valid child of 'Deutschland'");
    expect(await refused(nda({ labels: ['two words'] }))).toContain('contains spaces');
    expect(await refused(nda({ customfield_10040: '25000' }))).toContain('must be a number');
    expect(await refused(nda({ customfield_10050: [{ id: '10300' }, { id: '1' }] }))).toContain("Option '1' is not valid");
    expect(await refused(nda({ customfield_99999: 'x' }))).toContain("Field 'customfield_99999' cannot be set");
    // Options by label and by numeric id are Jira's other input forms.
    expect((await call('/request', { json: nda({ customfield_10010: { value: 'Partner' }, customfield_10050: [{ id: 10302 }] }) })).status).toBe(201);
    expect(server.violations).toEqual([]);
  });

  it('caps pages at 50 while echoing the limit asked for', async () => {
    for (let i = 0; i < 53; i++) await call('/request', { json: nda({ summary: `NDA ${i}` }) });
    const first = await call('/request?limit=100');
    expect(first.json).toMatchObject({ start: 0, limit: 100, size: 50, isLastPage: false });
    expect(first.json._links.next).toContain('start=50');
    const second = await call('/request?start=50&limit=100');
    expect(second.json).toMatchObject({ start: 50, size: 3, isLastPage: true });
    expect((await call('/request?searchTerm=nda%2052')).json.values.map((r: { issueKey: string }) => r.issueKey)).toEqual(['LEG-53']);
    expect(server.violations).toEqual([]);
  });

  describe('auth', () => {
    it('cloud takes Basic e-mail:API token only; anything else is 401', async () => {
      const { alice } = server.users;
      expect((await call('/servicedesk')).status).toBe(200);
      const wrong = await call('/servicedesk', { as: null, headers: { Authorization: `Basic ${Buffer.from(`${alice.email}:nope`).toString('base64')}` } });
      expect(wrong.status).toBe(401);
      expect(wrong.json.errorMessage).toBeTruthy();
      expect((await call('/servicedesk', { as: null, headers: { Authorization: `Bearer ${alice.pat}` } })).status).toBe(401);
      expect((await call('/servicedesk', { as: null, headers: { Cookie: 'cloud.session.token=abc' } })).status).toBe(401);
      expect(server.violations).toEqual([]);
    });

    it('dc takes a Bearer personal access token only, under the context path', async () => {
      const dc = await startJsmServer({ mode: 'dc', contextPath: '/jira' });
      try {
        expect(dc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jira$/);
        const get = (authorization: string) => fetch(`${dc.url}${API}/servicedesk`, { headers: { Authorization: authorization } });
        const ok = await get(`Bearer ${dc.users.bob.pat}`);
        expect(ok.status).toBe(200);
        expect(((await ok.json()) as { _links: { context: string } })._links.context).toBe('/jira');
        expect((await get(basic(dc.users.bob))).status).toBe(401);
        expect(dc.calls.map((c) => c.path)).toEqual([`${API}/servicedesk`, `${API}/servicedesk`]);
        expect(dc.violations).toEqual([]);
      } finally {
        await dc.close();
      }
    });

    it("bob cannot see alice's request", async () => {
      await call('/request', { json: nda() });
      const { bob } = server.users;
      expect((await call('/request/LEG-1', { as: bob })).status).toBe(403);
      expect((await call('/request/NOPE-9', { as: bob })).status).toBe(404);
      expect((await call('/request', { as: bob })).json.size).toBe(0);
      // Documented: comments of a request one may not see are simply an empty page.
      expect((await call('/request/LEG-1/comment', { as: bob })).json).toMatchObject({ size: 0, values: [] });
      expect((await call('/request/LEG-1/comment', { as: bob, json: { body: 'hi', public: true } })).status).toBe(403);
      expect(server.violations).toEqual([]);
    });
  });

  describe('attachments', () => {
    it('answers 403 "XSRF check failed" as plain text without X-Atlassian-Token', async () => {
      const res = await upload('1', [{ name: 'a.txt', bytes: new Uint8Array([65]), type: 'text/plain' }], {});
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.text).toBe('XSRF check failed');
      expect(server.state.temporaryFiles).toEqual([]);
      expect(server.violations).toEqual([]);
    });

    it('needs a part named file', async () => {
      const form = new FormData();
      form.append('upload', new Blob(['x']), 'x.txt');
      const res = await call('/servicedesk/1/attachTemporaryFile', { body: form, headers: { 'X-Atlassian-Token': 'no-check' } });
      expect(res.status).toBe(400);
      expect(server.violations).toEqual([]);
    });

    it('attaches a temporary file once, only on its own service desk, only before it expires', async () => {
      await call('/request', { json: nda() });
      const file = [{ name: 'a.txt', bytes: new Uint8Array([65]), type: 'text/plain' }];
      const attach = (id: string, isPublic = true) => call('/request/LEG-1/attachment', { json: { temporaryAttachmentIds: [id], public: isPublic } });
      const onOtherDesk = (await upload('2', file)).json.temporaryAttachments[0].temporaryAttachmentId;
      expect((await attach(onOtherDesk)).status).toBe(400);
      const id = (await upload('LEG', file)).json.temporaryAttachments[0].temporaryAttachmentId;
      expect((await attach(id, false)).status).toBe(403);
      expect((await attach(id)).status).toBe(201);
      expect((await attach(id)).status).toBe(400);
      const late = (await upload('1', file)).json.temporaryAttachments[0].temporaryAttachmentId;
      server.expireTemporaryFiles();
      expect((await attach(late)).status).toBe(400);
      expect((await call('/request/LEG-1/attachment')).json.size).toBe(1);
      expect(server.violations).toEqual([]);
    });
  });

  it('keeps customer comments public: public:false is refused', async () => {
    await call('/request', { json: nda() });
    expect((await call('/request/LEG-1/comment', { json: { body: 'Internal?', public: false } })).status).toBe(403);
    expect((await call('/request/LEG-1/comment', { json: { body: 'Thanks!', public: true } })).status).toBe(201);
    expect(server.state.requests[0]!.comments).toEqual([expect.objectContaining({ body: 'Thanks!', public: true, author: server.users.alice.accountId })]);
    expect(server.violations).toEqual([]);
  });

  it('feedback is experimental (412 without opt-in) and for the reporter only', async () => {
    await call('/request', { json: nda() });
    const optIn = { 'X-ExperimentalApi': 'opt-in' };
    expect((await call('/request/LEG-1/feedback', { json: { rating: 5, type: 'csat' } })).status).toBe(412);
    expect((await call('/request/LEG-1/feedback', { json: { rating: 5, type: 'csat' }, headers: optIn, as: server.users.bob })).status).toBe(403);
    expect((await call('/request/LEG-1/feedback', { headers: optIn })).status).toBe(404);
    const rated = await call('/request/LEG-1/feedback', { json: { rating: 4, type: 'csat', comment: { body: 'Schnell, danke' } }, headers: optIn });
    expect(rated.status).toBe(201);
    expect((await call('/request/LEG-1/feedback', { headers: optIn })).json).toEqual({ type: 'csat', rating: 4, comment: { body: 'Schnell, danke' } });
    expect(server.violations).toEqual([]);
  });

  describe('failNext', () => {
    it('answers 429 with Retry-After, then recovers', async () => {
      server.failNext({ status: 429, retryAfter: '7', match: (_m, path) => path.endsWith('/servicedesk') });
      expect((await call('/servicedesk/1')).status).toBe(200);
      const limited = await call('/servicedesk');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.json.errorMessage).toBeTruthy();
      expect((await call('/servicedesk')).status).toBe(200);
      expect(server.calls.map((c) => c.status)).toEqual([200, 429, 200]);
      expect(server.violations).toEqual([]);
    });

    it('serves an HTML page, or waits, as often as asked', async () => {
      server.failNext({ html: true, times: 2 });
      expect((await call('/servicedesk')).headers.get('content-type')).toMatch(/^text\/html/);
      expect((await call('/servicedesk')).text).toContain('<html');
      server.failNext({ delayMs: 150 });
      const t0 = Date.now();
      expect((await call('/servicedesk')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
      expect(server.violations).toEqual([]);
    });
  });
});
