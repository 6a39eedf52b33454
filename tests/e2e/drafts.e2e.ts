// Nothing lost: a popup closed mid-word comes back identical; a service worker killed between
// Send and delivery still delivers, once.
import { describe, expect, it } from 'vitest';
import { openPopupFor } from './support/browser';
import { withExtension } from './support/fixture';
import { deskFacts, staff } from './support/desk';
import { startFaultProxy } from './support/fault-proxy';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

const facts = deskFacts();
const rt = staff(facts);
const env = withExtension({ site: true });

describe('drafts and delivery', () => {
  it('restores text, fields, selection and screenshot after the popup closed mid-word', async () => {
    const options = await env.app.context.newPage();
    await OptionsPage.configure(options, env.app.url('options.html'), facts.baseUrl, facts.tokens.alice);
    await options.close();
    const page = await env.app.context.newPage();
    const url = `${env.site.origin}/report-me.html?draft=1`;
    await page.goto(url);
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote') as HTMLElement);
      getSelection()?.addRange(range);
    });
    const first = new PopupPage(await openPopupFor(env.app, url));
    await first.pick('fac', 'Facilities');
    await first.contextReady();
    await first.field('Building').selectOption('Warehouse');
    await first.field('Subject').fill('Door is brok');
    await first.page.getByText('Draft saved').waitFor();
    const shot = await first.chip('screenshot').locator('img').getAttribute('src');
    await first.page.close();

    await page.evaluate(() => getSelection()?.removeAllRanges()); // the page moved on meanwhile
    const again = new PopupPage(await openPopupFor(env.app, url));
    await again.page.getByRole('heading', { name: 'Facilities' }).waitFor();
    expect(await again.field('Subject').inputValue()).toBe('Door is brok');
    expect(await again.field('Building').inputValue()).toBe('Warehouse');
    expect(await again.chip('selection').textContent()).toContain('room 2.14 is free');
    expect(await again.chip('screenshot').locator('img').getAttribute('src')).toBe(shot);
    await again.page.close();

    // One draft per form and page: on another page the same form starts empty, and the first
    // draft is offered under "Unfinished".
    const other = `${env.site.origin}/report-me.html?draft=2`;
    await page.goto(other);
    const elsewhere = new PopupPage(await openPopupFor(env.app, other));
    const unfinished = elsewhere.page.getByRole('list', { name: 'Unfinished' });
    await unfinished.getByText('Door is brok').waitFor();
    expect(await unfinished.textContent()).toContain('Facilities');
    await elsewhere.pick('fac', 'Facilities');
    expect(await elsewhere.field('Subject').inputValue()).toBe('');
    await elsewhere.field('Subject').fill('Light flickers');
    await elsewhere.page.getByText('Draft saved').waitFor();
    await elsewhere.page.close();

    await page.goto(url);
    const back = new PopupPage(await openPopupFor(env.app, url));
    await back.page.getByRole('heading', { name: 'Facilities' }).waitFor();
    expect(await back.field('Subject').inputValue()).toBe('Door is brok');
    await back.page.close();
    await page.close();
  });

  it('delivers once after the service worker was killed between Send and delivery', async () => {
    const proxy = await startFaultProxy(facts.baseUrl, { seed: 1, rate: 0 });
    try {
      const options = await env.app.context.newPage();
      await OptionsPage.configure(options, env.app.url('options.html'), proxy.url, facts.tokens.alice);
      proxy.down(true); // the desk is unreachable when Send is pressed
      const subject = `Killed worker ${Date.now()}`;
      const draft = { deskId: `rt:${new URL(proxy.url).host}`, departmentId: '3', formId: '3', subject, description: 'Kept safe.', fields: { '5': '1.01' }, excluded: [], updatedAt: Date.now() };
      const sent = await options.evaluate((d) => chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'request.submit', request: { draft: d, context: { redactions: 0, gaps: [] } } }), draft);
      expect(sent).toMatchObject({ ok: true, value: { status: 'queued' } });
      const list = await env.app.context.newPage();
      await list.goto(env.app.url('popup.html#requests'));
      const queued = list.locator('.row--queued', { hasText: subject });
      await queued.waitFor();
      expect(await queued.textContent()).toContain("The desk can't be reached");
      expect(await queued.getByRole('button', { name: 'Try now' }).count()).toBe(1);
      await list.close();

      await env.app.worker.evaluate(() => ((self as any).beforeKill = true));
      const cdp = await env.app.context.newCDPSession(options);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      proxy.down(false);
      await new Promise((r) => setTimeout(r, 7000)); // past the first retry's time
      // Any event starts a new worker: it reads the outbox from storage, and its alarm delivers.
      await options.evaluate(() => chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'outbox.list', request: {} }));
      const fresh = async () => {
        for (const w of env.app.context.serviceWorkers()) {
          const alive = await w.evaluate(() => !(self as any).beforeKill).catch(() => false);
          if (alive) return w;
        }
        return undefined;
      };
      await expect.poll(async () => Boolean(await fresh()), { timeout: 15_000 }).toBe(true);
      await (await fresh())!.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'instant-desk-outbox', scheduledTime: Date.now() }));
      const outbox = () => options.evaluate(() => chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'outbox.list', request: {} }));
      await expect.poll(async () => ((await outbox()) as { value: unknown[] }).value.length, { timeout: 20_000 }).toBe(0);
      const found = await rt.call<{ items: { id: string | number }[] }>(`/tickets?query=${encodeURIComponent(`Subject = '${subject}'`)}`);
      expect(found.items).toHaveLength(1);
      // A popup still showing it as waiting presses Try now after that worker stopped too: the
      // browser's session storage still says where it went, and nothing is filed again.
      await cdp.send('ServiceWorker.stopAllWorkers');
      const { clientId } = (sent as { value: { clientId: string } }).value;
      const retried = await options.evaluate((id) => chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'outbox.retry', request: { clientId: id } }), clientId);
      expect(retried).toMatchObject({ ok: true, value: { status: 'sent', outcome: { ticket: { id: String(found.items[0]!.id) } } } });
      const still = await rt.call<{ items: unknown[] }>(`/tickets?query=${encodeURIComponent(`Subject = '${subject}'`)}`);
      expect(still.items).toHaveLength(1);
      await options.close();
    } finally {
      await proxy.close();
    }
  });
});
