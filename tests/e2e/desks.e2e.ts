// Jira Service Management and Zendesk end to end: the built extension in Chromium, configured
// through the options page for each desk's stateful test server (every call checked against the
// vendor's OpenAPI document); a request filed with a screenshot and a select field, shown in My
// requests, a staff status change and reply raising a notification, and a reply from the popup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, openPopupFor, type Launched } from './support/browser';
import { startSite } from './support/site';
import { recordNotifications, shownNotifications } from './support/notifications';
import { closeTestServer, configureTestDesk, signInOf, type TestServer } from './support/test-desks';
import { PopupPage } from './pages/popup';
import { startJsmServer, type JsmServer } from '../desks/jsm/server';
import { fieldIds, startZendeskServer, type ZendeskServer } from '../desks/zendesk/server';
import { agent as jsmAgent } from '../desks/jsm/seed';
import { agent as zendeskAgent } from '../desks/zendesk/seed';

interface DeskUnderTest {
  name: string;
  kind: 'jsm-cloud' | 'zendesk';
  start(): Promise<TestServer>;
  search: string;
  form: string;
  select: { label: string; option: string };
  /** The filed request as the desk stored it: its select value and file names and bytes. */
  stored(key: string): { select: unknown; files: { name: string; bytes: Buffer }[] } | undefined;
  staffReplyAndWait(key: string, text: string): void;
  /** The name the requester sees on a staff reply. */
  staff: string;
  comments(key: string): { body: string; mine: boolean }[];
}

let jsm: JsmServer;
let zendesk: ZendeskServer;

const DESKS: DeskUnderTest[] = [
  {
    name: 'Jira Service Management Cloud',
    kind: 'jsm-cloud',
    start: async () => signInOf((jsm = await startJsmServer({ mode: 'cloud' }))),
    search: 'contract',
    form: 'Review a contract',
    select: { label: 'Counterparty type', option: 'Customer' },
    stored(key) {
      const r = jsm.state.requests.find((x) => x.issueKey === key);
      return r && { select: r.fields.customfield_10010, files: r.attachments.map((a) => ({ name: a.name, bytes: a.bytes })) };
    },
    staffReplyAndWait(key, text) {
      jsm.addComment(key, text, { public: true });
      jsm.setStatus(key, 'Waiting for customer', 'INDETERMINATE');
    },
    staff: jsmAgent.displayName,
    comments: (key) => (jsm.state.requests.find((x) => x.issueKey === key)?.comments ?? []).map((c) => ({ body: c.body, mine: c.author === jsm.users.alice.accountId })),
  },
  {
    name: 'Zendesk',
    kind: 'zendesk',
    start: async () => signInOf((zendesk = await startZendeskServer())),
    search: 'facilities',
    form: 'Facilities request',
    // Zendesk shows requesters a field's portal title.
    select: { label: 'Which building\\?', option: 'HQ South' },
    stored(key) {
      const r = zendesk.state.requests.find((x) => `#${x.id}` === key);
      return r && { select: r.custom_fields.find((f) => f.value === 'hq_south')?.value, files: r.comments.flatMap((c) => c.attachments.map((a) => ({ name: a.file_name, bytes: a.bytes }))) };
    },
    staffReplyAndWait(key, text) {
      const id = Number(key.slice(1));
      zendesk.addComment(id, text, { public: true });
      zendesk.setStatus(id, 'pending');
    },
    staff: zendeskAgent.name,
    comments: (key) => (zendesk.state.requests.find((x) => `#${x.id}` === key)?.comments ?? []).map((c) => ({ body: c.body, mine: c.author_id === zendesk.users.alice.id })),
  },
];

for (const desk of DESKS) {
  describe(`${desk.name} (test server)`, () => {
    let app: Launched;
    let site: Awaited<ReturnType<typeof startSite>>;
    let server: TestServer;
    let key: string;
    const badge = () => app.worker.evaluate(() => chrome.action.getBadgeText({}));
    const alarm = () => app.worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'instant-desk-sync', scheduledTime: Date.now() }));

    beforeAll(async () => {
      server = await desk.start();
      site = await startSite();
      app = await launch();
      await recordNotifications(app);
      await (await configureTestDesk(app, desk.kind, server)).close();
    });
    afterAll(async () => {
      await app?.close();
      await site?.close();
      await closeTestServer(server);
    });

    it('files a request with a screenshot and a select field', async () => {
      const url = `${site.origin}/report-me.html`;
      const tab = await app.context.newPage();
      await tab.goto(url);
      const popup = new PopupPage(await openPopupFor(app, url));
      await popup.page.getByLabel('Search departments').fill(desk.search);
      await popup.page.getByRole('button', { name: new RegExp(desk.form) }).first().click();
      await popup.field(desk.select.label).waitFor({ timeout: 15_000 });
      await popup.contextReady();
      await popup.field('Subject').fill('Meeting room door does not lock — Tür 3.14');
      await popup.field('What do you need').fill('The door of meeting room 3.14 does not lock.');
      await popup.field(desk.select.label).selectOption({ label: desk.select.option });
      await popup.send();
      const title = popup.page.getByRole('heading', { name: /filed to/ });
      await title.waitFor({ timeout: 20_000 });
      key = /^(\S+) filed to/.exec((await title.textContent()) ?? '')?.[1] ?? '';
      expect(key).not.toBe('');
      // The read-back found everything sent, the requester included.
      expect(await popup.page.getByText(/did not keep/).count()).toBe(0);
      const stored = desk.stored(key);
      expect(stored?.select).toBeTruthy();
      const shot = stored?.files.find((f) => f.name.endsWith('.png'));
      expect(shot?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      await expect.poll(badge, { timeout: 15_000 }).toBe('1');
      await popup.page.close();
      await tab.close();
    });

    it.runIf(desk.kind === 'zendesk')("asks for a field only while the form's condition shows it, then as required, and sends it", async () => {
      const url = `${site.origin}/report-me.html`;
      const tab = await app.context.newPage();
      await tab.goto(url);
      const popup = new PopupPage(await openPopupFor(app, url));
      await popup.page.getByLabel('Search departments').fill('IT support');
      await popup.page.getByRole('button', { name: /IT support/ }).first().click();
      await popup.field('Which building').waitFor({ timeout: 15_000 });
      await popup.contextReady();
      // "People affected" shows, required, once "A customer is affected" is ticked (Zendesk's end-user condition).
      expect(await popup.field('People affected').count()).toBe(0);
      await popup.field('Subject').fill('The VPN drops for the Lyon office');
      await popup.field('What do you need').fill('Every hour, for everyone in Lyon.');
      await popup.field('Which building').selectOption({ label: 'HQ North' });
      await popup.field('A customer is affected').check();
      await popup.field('People affected').waitFor();
      expect(await popup.field('People affected').getAttribute('aria-required')).toBe('true');
      await popup.send();
      await popup.page.locator('.field__error').first().waitFor();
      await popup.field('People affected').fill('12');
      await popup.send();
      const title = popup.page.getByRole('heading', { name: /filed to/ });
      await title.waitFor({ timeout: 20_000 });
      const filed = /^#(\d+) filed to/.exec((await title.textContent()) ?? '')?.[1];
      const stored = zendesk.state.requests.find((r) => String(r.id) === filed);
      expect(stored?.custom_fields).toEqual(expect.arrayContaining([{ id: fieldIds.peopleAffected, value: 12 }]));
      // The look the filing starts has ended (the badge counts both): the next test's alarm starts
      // a look of its own, not one begun before the staff acted.
      await expect.poll(badge, { timeout: 15_000 }).toBe('2');
      await popup.page.close();
      await tab.close();
    });

    it('notifies when staff reply and wait for the employee, and lists it as waiting', async () => {
      desk.staffReplyAndWait(key, 'Which floor is the room on?');
      await alarm();
      const shown = async () => JSON.stringify(await shownNotifications(app));
      await expect.poll(shown, { timeout: 15_000 }).toContain('Which floor is the room on?');
      const page: Page = await app.context.newPage();
      await page.goto(app.url('popup.html#requests'));
      const waiting = page.locator('.requests__group', { has: page.getByRole('heading', { name: /Waiting for you/ }) });
      await waiting.getByRole('button', { name: /Meeting room door/ }).waitFor({ timeout: 15_000 });
      await page.close();
    });

    it('replies from the popup; the desk records it from the employee', async () => {
      const page = await app.context.newPage();
      await page.goto(app.url('popup.html#requests'));
      await page.getByRole('button', { name: /Meeting room door/ }).click();
      const asked = page.locator('.message', { hasText: 'Which floor is the room on?' });
      await asked.waitFor({ timeout: 15_000 });
      expect(await asked.locator('.message__meta').textContent()).toContain(desk.staff);
      await page.getByLabel('Reply', { exact: true }).fill('Third floor, next to the kitchen.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.getByText('Reply sent').waitFor({ timeout: 15_000 });
      expect(desk.comments(key).find((c) => c.body.includes('Third floor'))?.mine).toBe(true);
      await page.close();
    });
  });
}
