// The same extension in Firefox: configured through its options page, a request filed from the
// popup lands in the real Request Tracker with its fields, the page context and a screenshot,
// and the toolbar badge counts it; once staff set a Due date that passes, My requests says it is
// late and "Ask for an update" lands once in RT; resolved, it is rated in My requests and the
// rating lands once in RT's Satisfaction fields. Then an administrator's policies.json ("3rdparty") reaches it
// as managed storage: shown locked in the options page, its page rule applied in the popup.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
  /** The request filed from the popup, and its subject. */
  const filed = { id: '', subject: '' };
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
    // The desk's fields arrive on their own time (the form opens at once): wait for them.
    await until(popup, () => [...document.querySelectorAll('label')].some((l) => (l.textContent ?? '').startsWith('Building')));
    await setValue(popup, await byLabel(popup, 'Building'), 'Warehouse');
    await setValue(popup, await byLabel(popup, 'Room'), '0.01');
    await clickButton(popup, 'Send');
    const heading = await until(popup, () => [...document.querySelectorAll('h1, h2')].map((h) => h.textContent ?? '').find((t) => /filed to/.test(t)));
    const id = /#(\d+)/.exec(heading)?.[1] as string;
    Object.assign(filed, { id, subject });

    const ticket = await rt.ticket(id);
    expect(ticket.Subject).toBe(subject);
    // The fields that were set (the desk also lists empty global ones, e.g. Satisfaction).
    const cf = Object.fromEntries((ticket.CustomFields as { name: string; values: string[] }[]).filter((c) => c.values.length > 0).map((c) => [c.name, c.values]));
    // The desk's Page URL field took the page's address, redacted as in the body.
    expect(cf).toEqual({ Building: ['Warehouse'], Room: ['0.01'], 'Page URL': [`${site.origin}/report-me.html?session=[redacted]`] });
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

  it('My requests: a Due date staff set and that passed shows as late; "Ask for an update" lands once in RT', async () => {
    expect(filed.id).not.toBe('');
    // Two hours ago, in whole minutes, in the zone RT takes root's dates in (UTC here).
    const lateAt = Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000;
    await rt.call(`/ticket/${filed.id}`, { method: 'PUT', body: JSON.stringify({ Due: new Date(lateAt).toISOString().slice(0, 19).replace('T', ' ') }) });
    const page = await app.open('popup.html#requests');
    const line = await until(page, (subject) => {
      const row = [...document.querySelectorAll('.row')].find((r) => r.textContent?.includes(subject));
      const expect = row?.querySelector('.expect');
      return expect?.classList.contains('expect--late') ? expect.textContent : undefined;
    }, 30_000, filed.subject);
    expect(line).toMatch(/^Past due by 2 h \(was due \w{3} \d{2}:\d{2}\)$/);
    await page.evaluate((subject) => ([...document.querySelectorAll('.row')].find((r) => r.textContent?.includes(subject)) as HTMLElement).click(), filed.subject);
    await until(page, () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Ask for an update' && !b.disabled));
    await clickButton(page, 'Ask for an update');
    await until(page, () => /You asked for an update/.test(document.body.textContent ?? ''));
    const asked = (await rt.history(filed.id)).filter((t) => t.Type === 'Correspond' && t.Creator.id === 'alice');
    expect(asked).toHaveLength(1);
    await page.close();
  });

  it('"How did we do?": the resolved request is rated in My requests; the rating lands once in RT', async () => {
    expect(filed.id).not.toBe('');
    // The rating's custom fields, as the user's catalog configuration names them (a policy's work
    // the same); set from the options page, which starts no look at the desk.
    const options = await app.open('options.html');
    await options.evaluate((text) => browser.storage.local.set({ catalogConfig: text }), JSON.stringify({ rating: { rtField: 'Satisfaction', rtCommentField: 'Satisfaction comment' } }));
    await options.close();
    await rt.call(`/ticket/${filed.id}`, { method: 'PUT', body: JSON.stringify({ Status: 'resolved' }) });
    // Opening My requests looks at the desk: the request is seen done and asked about.
    const rating = await app.open('popup.html#requests');
    const about = await until(rating, () => document.querySelector('.rating .rating__about')?.textContent, 30_000);
    expect(about).toContain(filed.subject);
    await rating.click('.rating input[type="radio"][value="4"]');
    await setValue(rating, await byLabel(rating, 'Anything to add?'), 'Sorted out in a day — merci.');
    await clickButton(rating, 'Send rating');
    await until(rating, () => /Thank you! Your rating was sent\./.test(document.body.textContent ?? ''), 30_000);
    const fields = Object.fromEntries(((await rt.ticket(filed.id)).CustomFields as { name: string; values: string[] }[]).map((cf) => [cf.name, cf.values]));
    expect(fields.Satisfaction).toEqual(['4']);
    expect(fields['Satisfaction comment']).toEqual(['Sorted out in a day — merci.']);
    // Answered: the offer is closed, and My requests opened next asks nothing once its look is over.
    await rating.close();
    const again = await app.open('popup.html#requests');
    const offers = await again.evaluate(async () => Object.values(((await browser.storage.local.get('ratingOffers')).ratingOffers ?? {}) as Record<string, { subject: string; state: string }>));
    expect(offers.find((o) => o.subject === filed.subject)?.state).not.toBe('offered');
    await until(again, () => document.querySelector('#root[data-app="react"] .row') && !document.querySelector('.requests__head .spinner'));
    expect(await again.evaluate(() => document.querySelectorAll('.rating').length)).toBe(0);
    const changes = (await rt.call<{ items: { Type: string }[] }>(`/ticket/${filed.id}/history?fields=Type&per_page=100`)).items.filter((t) => t.Type === 'CustomField');
    expect(changes).toHaveLength(2);
    await again.close();
  });
});

const POLICIES = '/etc/firefox/policies/policies.json';

function canWrite(file: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.probe`, '');
    rmSync(`${file}.probe`);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!present || !canWrite(POLICIES))('Firefox managed policy (policies.json)', () => {
  let app: FirefoxApp;
  let site: Awaited<ReturnType<typeof startSite>>;
  const before = existsSync(POLICIES) ? readFileSync(POLICIES) : undefined;
  beforeAll(async () => {
    const policy = {
      desks: [{ kind: 'rt', url: facts.baseUrl, name: 'Company desk' }],
      departments: { Legal: { helpsWith: 'NDAs and contracts', firstResponse: 'within 1 day' } },
      rules: [{ url: 'http://127.0.0.1:*/report-me.html*', department: 'Legal', fields: { 'Agreement type': 'NDA' } }, { url: 42 }],
    };
    writeFileSync(POLICIES, JSON.stringify({ policies: { '3rdparty': { Extensions: { 'instant-desk@instantdesk.example': policy } } } }));
    site = await startSite();
    app = await launchFirefox();
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
    if (before) writeFileSync(POLICIES, before);
    else rmSync(POLICIES, { force: true });
  });

  it('shows the policy locked, names the broken rule, and applies the page rule', async () => {
    const options = await app.open('options.html');
    // The administrator's desk is listed first; its settings open with Edit.
    await until(options, () => document.querySelector('#desks[aria-busy="false"]'));
    await options.evaluate(() => (document.querySelector('#desks button[aria-label^="Edit "]') as HTMLButtonElement | null)?.click());
    await until(options, () => (document.querySelector('#baseUrl') as HTMLInputElement | null)?.readOnly);
    expect(await options.evaluate(() => (document.querySelector('#baseUrl') as HTMLInputElement).value)).toBe(facts.baseUrl);
    const locked = await until(options, () => document.querySelector('[aria-label="Managed settings"]')?.textContent);
    expect(locked).toBe('desksdepartmentsrules');
    expect(await options.evaluate(() => document.querySelector('#policy-problems')?.textContent)).toContain('rules[1].url must be non-empty text');
    await setValue(options, '#token', facts.tokens.alice);
    await clickButton(options, 'Save');
    await until(options, () => document.querySelector('.result'));

    const tab = await app.browser.newPage();
    const pageUrl = `${site.origin}/report-me.html?legal`;
    await visit(tab, pageUrl);
    const tabId = await options.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, pageUrl);
    const popup = await app.openWindow(`popup.html?tab=${tabId}`, options);
    const first = await until(popup, () => document.querySelector('#form-list [role="option"]')?.textContent);
    expect(first).toContain('Legal');
    expect(first).toContain('for this site');
    await popup.evaluate(() => (document.querySelector('#form-list button') as HTMLButtonElement).click());
    await until(popup, () => [...document.querySelectorAll('label')].some((l) => l.textContent?.startsWith('Agreement type')));
    expect(await popup.$eval(await byLabel(popup, 'Agreement type'), (el) => (el as HTMLSelectElement).value)).toBe('NDA');
    await popup.close();
    await tab.close();
    await options.close();
  });
});
