// Issue 15 against the Jira Service Management and Zendesk test servers (every call checked
// against the vendor's OpenAPI document): My requests shows the department's promise from the
// catalog configuration, a request filed three hours ago shows as late, and "Ask for an update"
// posts one public comment from the employee, with no call the specification does not allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Launched } from './support/browser';
import { closeTestServer, configureTestDesk, signInOf, testDeskAdapter, type TestServer } from './support/test-desks';
import { requestDepartment } from '@/lib/catalog/view';
import type { NewRequest } from '@/lib/domain';
import { startJsmServer, type JsmServer } from '../desks/jsm/server';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../desks/zendesk/server';

const HOUR = 3_600_000;
const NUDGE = 'where this request stands';

interface Desk {
  name: string;
  kind: 'jsm-cloud' | 'zendesk';
  start(): Promise<TestServer>;
  form: Pick<NewRequest, 'departmentId' | 'formId' | 'fields'>;
  /** Moves a request's creation back in the server's state, as if it had been filed then. */
  backdate(key: string, ms: number): void;
  /** The employee's public comments on it. */
  mine(key: string): { body: string; public: boolean }[];
}

let jsm: JsmServer;
let zendesk: ZendeskServer;

const DESKS: Desk[] = [
  {
    name: 'Jira Service Management Cloud',
    kind: 'jsm-cloud',
    start: async () => signInOf((jsm = await startJsmServer({ mode: 'cloud' }))),
    form: { departmentId: '1:11', formId: '1/102', fields: { customfield_10010: '10101' } },
    backdate(key, ms) {
      const r = jsm.state.requests.find((x) => x.issueKey === key);
      if (!r) throw new Error(`no ${key}`);
      r.created -= ms;
      r.updated -= ms;
      for (const s of r.statuses) s.at -= ms;
    },
    mine: (key) => (jsm.state.requests.find((x) => x.issueKey === key)?.comments ?? []).filter((c) => c.author === jsm.users.alice.accountId),
  },
  {
    name: 'Zendesk',
    kind: 'zendesk',
    start: async () => signInOf((zendesk = await startZendeskServer())),
    form: { departmentId: String(formIds.it), formId: String(formIds.it), fields: { [String(fieldIds.building)]: 'hq_north' } },
    backdate(key, ms) {
      const r = zendesk.state.requests.find((x) => `#${x.id}` === key);
      if (!r) throw new Error(`no ${key}`);
      const back = (iso: string) => new Date(Date.parse(iso) - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      r.created_at = back(r.created_at);
      for (const c of r.comments) c.created_at = back(c.created_at);
    },
    mine: (key) => (zendesk.state.requests.find((x) => `#${x.id}` === key)?.comments ?? []).filter((c) => c.author_id === zendesk.users.alice.id),
  },
];

for (const desk of DESKS) {
  describe(`what to expect, and asking for an update: ${desk.name} (test server)`, () => {
    let app: Launched;
    let server: TestServer;
    let department = '';
    const keys = { late: '', fresh: '' };

    beforeAll(async () => {
      server = await desk.start();
      const adapter = testDeskAdapter(desk.kind, server);
      const requester = await adapter.whoAmI();
      const file = async (subject: string) =>
        (await adapter.createRequest({ ...desk.form, clientId: crypto.randomUUID(), subject, body: `${subject}.`, attachments: [], requester })).ref.key;
      keys.late = await file('Badge reader at gate B is dead');
      keys.fresh = await file('Parking permit for a visitor');
      desk.backdate(keys.late, 3 * HOUR);
      const listed = (await adapter.listMyRequests({ includeOpen: true })).requests.find((r) => r.ref.key === keys.late);
      department = (listed && requestDepartment(await adapter.listCatalog(), {}, listed)?.department.name) ?? '';
      expect(department).not.toBe('');

      app = await launch();
      const page = await configureTestDesk(app, desk.kind, server);
      await page.getByLabel('Catalog configuration (JSON)').fill(JSON.stringify({ departments: { [department]: { firstResponse: '1 hour' } } }));
      await page.getByRole('button', { name: 'Save catalog' }).click();
      await page.close();
    });
    afterAll(async () => {
      await app?.close();
      await closeTestServer(server);
    });

    async function openRequests(): Promise<Page> {
      const page = await app.context.newPage();
      await page.goto(app.url('popup.html#requests'));
      await page.getByRole('heading', { name: 'My requests' }).waitFor();
      return page;
    }

    it("shows the department's promise, and how late a request is past it", async () => {
      const page = await openRequests();
      const fresh = page.getByRole('button', { name: /Parking permit for a visitor/ });
      await fresh.waitFor({ timeout: 20_000 });
      await expect.poll(() => fresh.locator('.expect').textContent(), { timeout: 15_000 }).toMatch(
        new RegExp(`^${department.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} usually answers within 1 hour · asked (just now|\\d+ min ago)$`),
      );
      const late = page.getByRole('button', { name: /Badge reader at gate B/ }).locator('.expect');
      expect(await late.textContent()).toBe(`No answer yet, 2 h past what ${department} promises`);
      expect(await late.getAttribute('class')).toContain('expect--late');
      await page.close();
    });

    it('asks for an update once, as one public comment from the employee', async () => {
      const page = await openRequests();
      await page.getByRole('button', { name: /Badge reader at gate B/ }).click();
      const ask = page.getByRole('button', { name: 'Ask for an update' });
      await ask.click({ timeout: 15_000 });
      await page.getByText(/You asked for an update (just now|1 min ago)\. You can ask again/).waitFor({ timeout: 20_000 });
      expect(await ask.isDisabled()).toBe(true);
      const nudges = desk.mine(keys.late).filter((c) => c.body.includes(NUDGE));
      expect(nudges).toHaveLength(1);
      expect(nudges[0]?.public).toBe(true);
      // The request on time offers none.
      await page.getByRole('button', { name: 'My requests' }).first().click();
      await page.getByRole('button', { name: /Parking permit for a visitor/ }).click();
      await page.getByText(/usually answers within 1 hour/).waitFor({ timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Ask for an update' }).count()).toBe(0);
      await page.close();
    });
  });
}
