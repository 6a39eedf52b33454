// "How did we do?" end to end, in the built extension: a request staff resolve raises a
// notification with "Rate"; its address opens the popup's rating; the rating lands in the desk
// once. Request Tracker for real, into the custom field the policy names; Jira Service
// Management and Zendesk through their test servers, every call checked against the vendors'
// OpenAPI documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Launched } from './support/browser';
import { deskFacts, staff } from './support/desk';
import { recordNotifications, shownNotifications } from './support/notifications';
import { rateUrlOfNotification } from '@/lib/tracking/notify';
import { OptionsPage } from './pages/options';
import { closeTestServer, configureTestDesk, signInOf, testDeskAdapter, type TestServer } from './support/test-desks';
import { startJsmServer, type JsmServer } from '../desks/jsm/server';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../desks/zendesk/server';

const requester = { id: '', name: '', email: '', displayName: '', staff: false };
const syncAlarm = (app: Launched) => app.worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'instant-desk-sync', scheduledTime: Date.now() }));
const ratingAlarm = (app: Launched) => app.worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'instant-desk-rating', scheduledTime: Date.now() }));

/** The rating policy, as the user's catalog configuration carries it (the administrator's works the same). */
const setPolicy = (app: Launched, rating: object) =>
  app.worker.evaluate((text) => chrome.storage.local.set({ catalogConfig: text }), JSON.stringify({ rating }));

/**
 * Waits for the notification of a request (its address ends with `suffix`) to offer "Rate"; the
 * address its button opens, found as the worker finds it: the request, by the notification's
 * address, in the requests kept in storage.
 */
async function rateButton(app: Launched, suffix: string): Promise<string> {
  let found: [string, { buttons?: { title: string }[] }] | undefined;
  await expect
    .poll(async () => {
      await syncAlarm(app);
      found = (await shownNotifications(app)).find(([id]) => id.endsWith(suffix)) as typeof found;
      return found?.[1].buttons?.[0]?.title;
    }, { timeout: 20_000, interval: 1_000 })
    .toBe('Rate');
  const { requests } = (await app.worker.evaluate(() => chrome.storage.local.get('requests'))) as { requests: { requests: { ref: { deskId: string; id: string; url: string } }[] } };
  const id = found![0];
  const url = rateUrlOfNotification(id, requests.requests, `chrome-extension://${app.extensionId}/popup.html#requests`);
  expect(url).toBeDefined();
  return url!;
}

/** What a person does in the popup the button opens: 4 stars, a comment, Send. */
async function rate(app: Launched, url: string, comment?: string): Promise<Page> {
  const page = await app.context.newPage();
  await page.setViewportSize({ width: 380, height: 580 });
  await page.goto(url);
  await page.locator('.rating').waitFor();
  // Opened from "Rate": the stars have the keyboard focus; the arrow keys move along them.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('radio', { name: '4 of 5', exact: true }).isChecked()).toBe(true);
  if (comment !== undefined) await page.getByLabel('Anything to add? (optional)').fill(comment);
  await page.getByRole('button', { name: 'Send rating' }).click();
  await page.getByText('Thank you! Your rating was sent.').waitFor({ timeout: 15_000 });
  return page;
}

describe('Request Tracker: into the custom field the policy names', () => {
  const facts = deskFacts();
  const rt = staff(facts);
  let app: Launched;
  let id: string;

  beforeAll(async () => {
    await rt.resolveAllOf(facts.users.alice);
    app = await launch();
    await recordNotifications(app);
    const page = await app.context.newPage();
    await OptionsPage.configure(page, app.url('options.html'), facts.baseUrl, facts.tokens.alice);
    await page.close();
    await setPolicy(app, { rtField: 'Satisfaction', rtCommentField: 'Satisfaction comment', question: 'How did Facilities do?' });
  });
  afterAll(() => app?.close());

  it('lands once in Satisfaction and its comment field, asked once', async () => {
    id = await rt.fileAs(facts.tokens.alice, facts.users.alice, 'Facilities', 'Desk lamp flickers');
    await syncAlarm(app); // seen open
    await expect.poll(async () => (await app.worker.evaluate(() => chrome.storage.local.get('requests'))).requests?.requests?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await rt.call(`/ticket/${id}`, { method: 'PUT', body: JSON.stringify({ Status: 'resolved' }) });
    const url = await rateButton(app, `id=${id}`);
    const page = await rate(app, url, 'Fixed before lunch.');
    const fields = Object.fromEntries(((await rt.ticket(id)).CustomFields as { name: string; values: string[] }[]).map((cf) => [cf.name, cf.values]));
    expect(fields.Satisfaction).toEqual(['4']);
    expect(fields['Satisfaction comment']).toEqual(['Fixed before lunch.']);
    // Sent once: one change of each field, however often the outbox is flushed afterwards.
    await ratingAlarm(app);
    await ratingAlarm(app);
    const changes = (await rt.call<{ items: { Type: string }[] }>(`/ticket/${id}/history?fields=Type&per_page=100`)).items.filter((t) => t.Type === 'CustomField');
    expect(changes).toHaveLength(2);
    // Answered: not asked again.
    await page.reload();
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
    expect(await page.locator('.rating').count()).toBe(0);
  });
});

interface TestDesk {
  name: string;
  kind: 'jsm-cloud' | 'zendesk';
  start(): Promise<TestServer>;
  /** Files a request as the employee and resolves it as staff: its address. */
  fileAndResolve(): Promise<string>;
  /** The rating the desk holds. */
  held(): unknown;
  expected: unknown;
}

let jsm: JsmServer;
let zendesk: ZendeskServer;
const TEST_DESKS: TestDesk[] = [
  {
    name: 'Jira Service Management Cloud: feedback',
    kind: 'jsm-cloud',
    start: async () => signInOf((jsm = await startJsmServer({ mode: 'cloud' }))),
    async fileAndResolve() {
      const { ref } = await testDeskAdapter('jsm-cloud', signInOf(jsm)).createRequest({ clientId: 'e2e-1', departmentId: '1:11', formId: '1/102', subject: 'Review the supplier NDA', body: 'Please', fields: { customfield_10010: '10101' }, attachments: [], requester });
      return { ref, resolve: () => jsm.setStatus(ref.key, 'Resolved', 'DONE') } as never;
    },
    held: () => jsm.state.requests[0]?.feedback,
    expected: { rating: 4, comment: 'Clear and quick.' },
  },
  {
    name: 'Zendesk: satisfaction rating',
    kind: 'zendesk',
    start: async () => signInOf((zendesk = await startZendeskServer())),
    async fileAndResolve() {
      const { ref } = await testDeskAdapter('zendesk', signInOf(zendesk)).createRequest({ clientId: 'e2e-1', departmentId: String(formIds.it), formId: String(formIds.it), subject: 'VPN drops', body: 'Every hour', fields: { [fieldIds.building]: 'hq_north' }, attachments: [], requester });
      return { ref, resolve: () => zendesk.setStatus(Number(ref.id), 'solved') } as never;
    },
    held: () => zendesk.state.requests[0]?.satisfaction_rating,
    expected: expect.objectContaining({ score: 'good', comment: 'Clear and quick.' }),
  },
];

for (const desk of TEST_DESKS) {
  describe(`${desk.name} (test server)`, () => {
    let app: Launched;
    let server: TestServer;

    beforeAll(async () => {
      server = await desk.start();
      app = await launch();
      await recordNotifications(app);
      await (await configureTestDesk(app, desk.kind, server)).close();
    });
    afterAll(async () => {
      await app?.close();
      await closeTestServer(server);
    });

    it('a rating given in the popup reaches the desk once, its way', async () => {
      const { ref, resolve } = (await desk.fileAndResolve()) as unknown as { ref: { url: string }; resolve(): void };
      await syncAlarm(app);
      await expect.poll(async () => (await app.worker.evaluate(() => chrome.storage.local.get('requests'))).requests?.requests?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
      resolve();
      const url = await rateButton(app, ref.url);
      await rate(app, url, 'Clear and quick.');
      expect(desk.held()).toEqual(desk.expected);
      expect(server.violations).toEqual([]);
    });
  });
}
