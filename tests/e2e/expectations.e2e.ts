// Issue 15, "what to expect" and "ask for an update", end to end against the real Request
// Tracker: a ticket's Due date shows in My requests, a passed one shows as late, and "Ask for
// an update" adds exactly one correspondence from the employee (read back through RT's REST API).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Launched } from './support/browser';
import { deskFacts, staff } from './support/desk';
import { OptionsPage } from './pages/options';
import { requestRow } from './pages/requests';
import { whenText } from '@/lib/tracking/expectations';

const facts = deskFacts();
const rt = staff(facts);
const who = 'kiri';
const email = facts.users[who] as string;
const HOUR = 3_600_000;
const NUDGE = 'where this request stands';
let app: Launched;
const tickets: Record<'due' | 'late' | 'promise', string> = { due: '', late: '', promise: '' };
let dueAt: number;
let lateAt: number;

/** RT takes dates in the writing user's zone (root: UTC here); REST answers in UTC. */
const rtTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

beforeAll(async () => {
  await rt.resolveAllOf(email);
  const token = facts.tokens[who] as string;
  tickets.due = await rt.fileAs(token, email, 'Facilities', 'Projector in 4.01 flickers');
  tickets.late = await rt.fileAs(token, email, 'Facilities', 'Heating in 2.07 is off');
  tickets.promise = await rt.fileAs(token, email, 'Facilities', 'Whiteboard markers are dry');
  // Whole minutes, as RT keeps them.
  dueAt = Math.ceil((Date.now() + 3 * 24 * HOUR) / 60_000) * 60_000;
  lateAt = Math.floor((Date.now() - 2 * HOUR) / 60_000) * 60_000;
  await rt.call(`/ticket/${tickets.due}`, { method: 'PUT', body: JSON.stringify({ Due: rtTime(dueAt) }) });
  await rt.call(`/ticket/${tickets.late}`, { method: 'PUT', body: JSON.stringify({ Due: rtTime(lateAt) }) });
  app = await launch();
  const page = await app.context.newPage();
  await OptionsPage.configure(page, app.url('options.html'), facts.baseUrl, token);
  await page.getByLabel('Catalog configuration (JSON)').fill(JSON.stringify({ departments: { Facilities: { firstResponse: 'within 4 hours', hours: '24/7' } } }));
  await page.getByRole('button', { name: 'Save catalog' }).click();
  await page.close();
});
afterAll(async () => {
  await app?.close();
  await rt.resolveAllOf(email);
});

async function openRequests(): Promise<Page> {
  const page = await app.context.newPage();
  await page.goto(app.url('popup.html#requests'));
  await page.getByRole('heading', { name: 'My requests' }).waitFor();
  return page;
}

/** The employee's correspondence on a ticket carrying the nudge's words, read as staff. */
async function nudgesInRt(id: string): Promise<number> {
  const list = await rt.call<{ items: { id: string; TransactionId: string | { id: string }; ContentType: string; Content?: string }[] }>(
    `/ticket/${id}/attachments?fields=TransactionId,ContentType,Content&per_page=100`,
  );
  const history = await rt.history(id);
  const fromEmployee = new Set(history.filter((t) => t.Type === 'Correspond' && t.Creator.id === who).map((t) => String(t.id)));
  // A collection sends Content as stored (text); /attachment/N would send base64.
  return list.items.filter((a) => a.ContentType === 'text/plain' && fromEmployee.has(typeof a.TransactionId === 'object' ? String(a.TransactionId.id) : String(a.TransactionId)) && (a.Content ?? '').includes(NUDGE)).length;
}

describe('what to expect of an open request (Request Tracker)', () => {
  it("shows the ticket's Due date, and the department's promise where there is none", async () => {
    const page = await openRequests();
    const due = requestRow(page, /Projector in 4\.01 flickers/, tickets.due);
    await due.waitFor({ timeout: 20_000 });
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect.poll(() => due.textContent(), { timeout: 15_000 }).toContain(`Due ${whenText(dueAt, Date.now(), zone)}`);
    const promise = requestRow(page, /Whiteboard markers are dry/, tickets.promise);
    expect(await promise.textContent()).toMatch(/Facilities usually answers within 4 hours · asked (just now|\d+ min ago)/);
    await page.close();
  });

  it('shows a ticket past its Due date as late, in words and style', async () => {
    const page = await openRequests();
    const late = requestRow(page, /Heating in 2\.07 is off/, tickets.late);
    await late.waitFor({ timeout: 20_000 });
    const line = late.locator('.expect');
    await expect.poll(() => line.textContent(), { timeout: 15_000 }).toMatch(/^Past due by 2 h \(was due \w{3} \d{2}:\d{2}\)$/);
    expect(await line.getAttribute('class')).toContain('expect--late');
    await page.close();
  });

  it('asks for an update once: one comment lands in RT, and a second tap is refused', async () => {
    const page = await openRequests();
    await requestRow(page, /Heating in 2\.07 is off/, tickets.late).click();
    const ask = page.getByRole('button', { name: 'Ask for an update' });
    await ask.waitFor({ timeout: 15_000 });
    expect(await ask.isEnabled()).toBe(true);
    await ask.click();
    await page.getByText(/You asked for an update (just now|1 min ago)\. You can ask again/).waitFor({ timeout: 20_000 });
    expect(await ask.isDisabled()).toBe(true);
    expect(await nudgesInRt(tickets.late)).toBe(1);
    // The background refuses it too, whatever a page asks.
    const key = await storedNudgeKey(page);
    expect(key).toMatch(new RegExp(`/${tickets.late}$`));
    const answer = await page.evaluate((k) => chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'requests.nudge', request: { key: k } }), key);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect(await nudgesInRt(tickets.late)).toBe(1);
    // Reopened later, it still says why.
    await page.reload();
    await requestRow(page, /Heating in 2\.07 is off/, tickets.late).click();
    await page.getByText(/You asked for an update/).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Ask for an update' }).isDisabled()).toBe(true);
    await page.close();
  });
});

describe('what to expect fits the popup', () => {
  const out = resolve(import.meta.dirname, '..', '..', '.output', 'screenshots');
  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps the lines and the button inside 380 px (${scheme})`, async () => {
      const page = await app.context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(app.url('popup.html#requests'));
      await requestRow(page, /Heating in 2\.07 is off/, tickets.late).locator('.expect').waitFor({ timeout: 20_000 });
      const overflowing = () =>
        page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('.expect, .nudge, .nudge *, .row')].filter((el) => el.getBoundingClientRect().right > width || el.scrollWidth > el.clientWidth).map((el) => el.className);
        });
      expect(await overflowing()).toEqual([]);
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: join(out, `expectations-list-${scheme}.png`) });
      await requestRow(page, /Heating in 2\.07 is off/, tickets.late).click();
      await page.getByText(/You asked for an update/).waitFor({ timeout: 15_000 });
      await page.locator('.message').first().waitFor({ timeout: 15_000 });
      expect(await overflowing()).toEqual([]);
      await page.screenshot({ path: join(out, `expectations-conversation-${scheme}.png`) });
      await page.close();
    });
  }
});

/** The key the background stored the nudge under (the tracked request's key). */
async function storedNudgeKey(page: Page): Promise<string | undefined> {
  const stored = (await page.evaluate(() => chrome.storage.local.get('nudges'))) as { nudges?: Record<string, unknown> };
  return Object.keys(stored.nudges ?? {})[0];
}
