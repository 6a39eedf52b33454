// Issue 2 end to end: configure the desk in the options page, report on a local page from
// the popup, and check in the real Request Tracker (as staff) that everything landed.
import { describe, expect, it } from 'vitest';
import { openPopupFor } from './support/browser';
import { withExtension } from './support/fixture';
import { deskFacts, staff } from './support/desk';
import { decodePng } from './support/png';
import { BLOCK_RGB } from './support/site';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

const facts = deskFacts();
const rt = staff(facts);
const env = withExtension({ site: true });

async function openTestPage(query: string) {
  const page = await env.app.context.newPage();
  const url = `${env.site.origin}/report-me.html${query}`;
  await page.goto(url);
  return { page, url };
}

describe('options page', () => {
  it('reports a wrong token as "not signed in" and names the fix', async () => {
    const page = await env.app.context.newPage();
    await page.goto(env.app.url('options.html'));
    const options = new OptionsPage(page);
    await options.fill(facts.baseUrl, '1-27-00000000000000000000000000000000');
    await options.test();
    await expect.poll(() => options.alert().textContent()).toMatch(/not signed in.*check the token/i);
    await expect(options.result().count()).resolves.toBe(0);
    await page.close();
  });

  it('tests the connection, lists the departments and saves', async () => {
    const page = await env.app.context.newPage();
    await page.goto(env.app.url('options.html'));
    const options = new OptionsPage(page);
    await options.fill(facts.baseUrl, facts.tokens.alice);
    await options.test();
    await options.result().waitFor();
    const text = await options.result().textContent();
    expect(text).toContain('Connected as Alice Employee');
    for (const name of ['Facilities', 'HR', 'IT', 'Legal', 'Training']) expect(text).toContain(name);
    await options.save();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.close();
  });
});

describe('filing from the popup', () => {
  it('files a Facilities request with every field, the page context and a screenshot', async () => {
    const { page, url } = await openTestPage('?room=2.14&session=s3cr3tS3ssion&token=abc123#top');
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote') as HTMLElement);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    const popup = new PopupPage(await openPopupFor(env.app, url));
    await popup.pick('fac', 'Facilities');
    await popup.contextReady();
    expect(await popup.chip('url').textContent()).toContain('session=[redacted]');
    expect(await popup.chip('url').textContent()).not.toContain('s3cr3t');
    expect(await popup.chip('selection').textContent()).toContain('room 2.14 is free');

    await popup.field('Subject').fill('Room booking fails for 2.14');
    await popup.field('What do you need').fill('I cannot book room 2.14 for Thursday.');
    await popup.field('Building').selectOption('HQ South');
    await popup.field('Room').fill('2.14');
    await popup.page.locator('input[type="file"]').setInputFiles({ name: 'booking-error.log', mimeType: 'text/plain', buffer: Buffer.from('E-4411 at 14:02: slot taken\n') });
    await popup.page.getByRole('list', { name: 'Attachments' }).getByText('booking-error.log').waitFor();
    await popup.send();
    const id = await popup.filedTicketId();

    const ticket = await rt.ticket(id);
    expect(ticket.Subject).toBe('Room booking fails for 2.14');
    const queue = await rt.call<{ Name: string }>(`/queue/${ticket.Queue.id}`);
    expect(queue.Name).toBe('Facilities');
    // The fields that were set (the desk also lists empty global ones, e.g. Satisfaction).
    const cf = Object.fromEntries((ticket.CustomFields as { name: string; values: string[] }[]).filter((c) => c.values.length > 0).map((c) => [c.name, c.values]));
    // The desk's Page URL field took the page's address, redacted as in the body.
    expect(cf).toEqual({ Building: ['HQ South'], Room: ['2.14'], 'Page URL': [`${env.site.origin}/report-me.html?room=2.14&session=[redacted]&token=[redacted]#top`] });
    expect(ticket.Requestor.map((r: { id: string }) => r.id)).toEqual(['alice']);

    const attachments = await rt.attachments(id);
    const body = attachments.find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8') ?? '';
    expect(body).toContain('I cannot book room 2.14 for Thursday.');
    expect(body).toContain(`${env.site.origin}/report-me.html?room=2.14&session=[redacted]&token=[redacted]#top`);
    expect(body).not.toContain('s3cr3t');
    expect(body).toContain('> The booking form says room 2.14 is free, then fails with error E-4411.');
    expect(body).toMatch(/Browser: Chrom\w+ \d+ · Linux · en-GB · \d+×\d+/);

    const log = attachments.find((a) => a.Filename === 'booking-error.log');
    expect(log?.bytes.toString('utf8')).toBe('E-4411 at 14:02: slot taken\n');

    const shot = attachments.find((a) => a.ContentType === 'image/png');
    expect(shot?.Filename).toBe('screenshot.png');
    const image = decodePng(shot!.bytes);
    expect(image.width).toBeGreaterThan(100);
    // The test page's magenta block fills its top: the screenshot shows the page itself.
    expect(image.pixel(Math.floor(image.width / 2), 40)).toEqual([...BLOCK_RGB]);
    await popup.page.close();
    await page.close();
  });

  it('refuses a value that is not one of the desk\'s choices, and sends nothing', async () => {
    const { page, url } = await openTestPage('');
    const popup = new PopupPage(await openPopupFor(env.app, url));
    await popup.pick('laptop', 'IT');
    await popup.contextReady();
    await popup.field('Subject').fill('New laptop');
    await popup.field('What do you need').fill('Mine is broken.');
    // A value the desk does not list (as a stale or tampered form would hold).
    await popup.field('Category').evaluate((select: HTMLSelectElement) => {
      select.add(new Option('Furniture', 'Furniture'));
    });
    await popup.field('Category').selectOption('Furniture');
    const before = await rt.ticketCount();
    await popup.send();
    const error = popup.page.locator('#field-' + (await popup.field('Category').getAttribute('id'))!.replace('field-', '') + '-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('“Furniture” is not one of the choices for Category. Pick one from the list.');
    expect(await rt.ticketCount()).toBe(before);
    await popup.page.close();
    await page.close();
  });
});

describe('the options page: what is taken from the page, and About', () => {
  it('switched off there, the browser facts and the selection are not taken; About lists the permissions held', async () => {
    const page = await env.app.context.newPage();
    await page.goto(env.app.url('options.html'));
    const card = page.getByRole('region', { name: 'From the page' });
    const facts = card.getByRole('checkbox', { name: /^Browser facts/ });
    const selection = card.getByRole('checkbox', { name: 'The text you selected' });
    await expect.poll(() => facts.isEnabled()).toBe(true);
    await facts.uncheck();
    await selection.uncheck();
    await expect.poll(() => page.locator('#catalog-config').inputValue()).toContain('"browser": false');

    const about = page.getByRole('region', { name: 'About' });
    await about.getByText(/^Instant Desk \d+\.\d+\.\d+$/).waitFor();
    const held = await about.locator('dt').allTextContents();
    expect(held).toEqual(expect.arrayContaining(['storage', 'activeTab', 'scripting', 'alarms', 'notifications', 'contextMenus']));

    const { page: site, url } = await openTestPage('?room=2.14');
    await site.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote') as HTMLElement);
      getSelection()?.addRange(range);
    });
    const popup = new PopupPage(await openPopupFor(env.app, url));
    await popup.pick('fac', 'Facilities');
    await popup.contextReady();
    await expect(popup.chip('url').count()).resolves.toBe(1);
    await expect(popup.chip('browser').count()).resolves.toBe(0);
    await expect(popup.chip('selection').count()).resolves.toBe(0);
    await popup.page.close();
    await site.close();

    // As it was, for whatever runs next.
    await facts.check();
    await selection.check();
    await expect.poll(() => page.locator('#catalog-config').inputValue()).toContain('"browser": true');
    await page.close();
  });
});
