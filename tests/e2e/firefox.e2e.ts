// The same extension in Firefox: configured through its options page, a request filed from the
// popup lands in the real Request Tracker with its fields, the page context and a screenshot,
// and the toolbar badge counts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskFacts, staff } from './support/desk';
import { byLabel, clickButton, hasFirefox, launchFirefox, setValue, until, visit, type FirefoxApp } from './support/firefox';
import { decodePng } from './support/png';
import { BLOCK_RGB, startSite } from './support/site';

const facts = deskFacts();
const rt = staff(facts);
const present = hasFirefox();
if (!present) console.warn('[firefox] skipped: /usr/bin/firefox-esr is not installed (npm test installs it as root)');

describe.skipIf(!present)('Firefox', () => {
  let app: FirefoxApp;
  let site: Awaited<ReturnType<typeof startSite>>;
  beforeAll(async () => {
    site = await startSite();
    app = await launchFirefox();
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('is configured through its options page', async () => {
    const options = await app.open('options.html');
    await setValue(options, '#baseUrl', facts.baseUrl);
    await setValue(options, '#token', facts.tokens.alice);
    await clickButton(options, 'Save');
    const result = await until(options, () => document.querySelector('.result')?.textContent);
    expect(result).toContain('Alice');
    expect(result).toContain('Facilities');
    await options.close();
  });

  it('files a request from the popup with fields, page context and screenshot; the badge counts it', async () => {
    const tab = await app.browser.newPage();
    const pageUrl = `${site.origin}/report-me.html?session=s3cr3t-value`;
    await visit(tab, pageUrl);
    await tab.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote') as HTMLElement);
      getSelection()?.addRange(range);
    });
    const probe = await app.open('options.html');
    const tabId = await probe.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, pageUrl);
    expect(tabId).toBeGreaterThan(0);
    await tab.bringToFront();
    const popup = await app.openWindow(`popup.html?tab=${tabId}`, probe);
    await probe.close();
    await setValue(popup, 'input[type="search"]', 'facilit');
    await until(popup, () => document.querySelector('.card__name')?.textContent === 'Facilities');
    await popup.evaluate(() => (document.querySelector('#form-list button') as HTMLButtonElement).click());
    await until(popup, () => document.querySelector('.chip[data-item="screenshot"] img'));
    expect(await popup.evaluate(() => document.querySelector('.chip[data-item="selection"]')?.textContent)).toContain('room 2.14 is free');
    const subject = `Firefox: room booking fails ${Date.now()}`;
    await setValue(popup, await byLabel(popup, 'Subject'), subject);
    await setValue(popup, await byLabel(popup, 'What do you need'), 'Filed from Firefox.');
    await setValue(popup, await byLabel(popup, 'Building'), 'Warehouse');
    await setValue(popup, await byLabel(popup, 'Room'), '0.01');
    await clickButton(popup, 'Send');
    const heading = await until(popup, () => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent ?? '').find((t) => /filed to/.test(t)));
    const id = /#(\d+)/.exec(heading)?.[1] as string;

    const ticket = await rt.ticket(id);
    expect(ticket.Subject).toBe(subject);
    const cf = Object.fromEntries((ticket.CustomFields as { name: string; values: string[] }[]).map((c) => [c.name, c.values]));
    expect(cf).toEqual({ Building: ['Warehouse'], Room: ['0.01'] });
    expect(ticket.Requestor.map((r: { id: string }) => r.id)).toEqual(['alice']);
    const attachments = await rt.attachments(id);
    const body = attachments.find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8') ?? '';
    expect(body).toContain(`${site.origin}/report-me.html?session=[redacted]`);
    expect(body).toContain('> The booking form says room 2.14 is free');
    expect(body).toMatch(/Browser: Firefox \d+ · Linux/);
    const shot = decodePng(attachments.find((a) => a.ContentType === 'image/png')!.bytes);
    expect(shot.pixel(Math.floor(shot.width / 2), 40)).toEqual([...BLOCK_RGB]);

    // The badge counts Alice's open requests, this one included.
    const open = await rt.call<{ count: number; total: number | null }>(
      `/tickets?query=${encodeURIComponent("Requestor.EmailAddress = 'alice@example.com' AND Status = '__Active__'")}&per_page=1`,
    );
    await expect
      .poll(() => popup.evaluate(() => browser.action.getBadgeText({})), { timeout: 20_000 })
      .toBe(Number(open.total) > 99 ? '99+' : String(open.total));
    await popup.close();
    await tab.close();
  });
});
