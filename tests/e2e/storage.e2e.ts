// Storage that cannot fill up, in Chromium: a request at the size limit is queued and then
// filed byte for byte while the outbox key stays a few KB; a dozen drafts with screenshots
// stay far below storage.local's 10 MB; and when IndexedDB refuses for want of room the popup
// says so plainly and keeps the text. Bytes no record names (a write cut short) are deleted when
// the browser starts again on the same profile, and a draft's screenshot is kept.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';
import { launch, openPopupFor } from './support/browser';
import { withExtension } from './support/fixture';
import { deskFacts, staff } from './support/desk';
import { PopupPage } from './pages/popup';
import { OptionsPage } from './pages/options';

const rt = staff(deskFacts());
const env = withExtension({ site: true, configure: true });

/** A page and a worker evaluate alike; TypeScript cannot call the union. */
type Where = Pick<Worker, 'evaluate'>;

/** Ids in the extension's blob store (IndexedDB 'instant-desk'), read in any extension page or the worker. */
function blobIds(where: Where): Promise<string[]> {
  return where.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('instant-desk', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('blobs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map(String));
          };
        };
      }),
  );
}

const bytesInUse = (keys: string | null) => env.app.worker.evaluate((k) => chrome.storage.local.getBytesInUse(k), keys);
const estimate = (where: Where) => where.evaluate(async () => navigator.storage.estimate());

/** Makes every IndexedDB put in this page or worker fail as a full disk does (Chromium's own error). */
const diskFull = (where: Where, full: boolean) =>
  where.evaluate((on) => {
    const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: IDBObjectStore['put'] };
    proto.realPut ??= proto.put;
    proto.put = on
      ? () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
      : proto.realPut;
  }, full);

async function openForm(url: string): Promise<{ page: Page; popup: PopupPage }> {
  const page = await env.app.context.newPage();
  await page.goto(url);
  const popup = new PopupPage(await openPopupFor(env.app, url));
  await popup.pick('fac', 'Facilities');
  await popup.contextReady();
  return { page, popup };
}

describe('storage that cannot fill up', () => {
  it('queues a request at the size limit as a small entry, then files every byte', async () => {
    const third = Math.floor((MAX_ATTACHMENT_BYTES - 1024) / 3);
    const files = [0, 1, 2].map((i) => ({ name: `part-${i}.bin`, mimeType: 'application/octet-stream', buffer: randomBytes(third) }));
    const { page, popup } = await openForm(`${env.site.origin}/report-me.html?big=1`);
    const subject = `At the size limit ${Date.now()}`;
    await popup.field('Subject').fill(subject);
    await popup.field('What do you need').fill('Three files, just under the limit, and a screenshot.');
    await popup.field('Building').selectOption('HQ South');
    await popup.field('Room').fill('2.14');
    await popup.page.locator('input[type="file"]').setInputFiles(files);
    const list = popup.page.getByRole('list', { name: 'Attachments' });
    for (const f of files) await list.getByText(f.name).waitFor();
    await popup.page.getByText('Draft saved').waitFor();
    // The draft's 10 MB live in IndexedDB; its record in storage.local is small.
    await expect.poll(async () => (await blobIds(popup.page)).filter((id) => id.startsWith('draft/')).length, { timeout: 10_000 }).toBe(4);
    expect(await bytesInUse(null)).toBeLessThan(200_000);

    // The desk is unreachable when Send is pressed: the request waits in the outbox.
    await env.app.worker.evaluate(() => {
      (self as any).realFetch ??= self.fetch;
      self.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    });
    await popup.send();
    await popup.page.getByRole('heading', { name: 'Saved: it will be sent when the desk is reachable' }).waitFor({ timeout: 20_000 });
    const outboxBytes = await bytesInUse('outbox');
    expect(outboxBytes).toBeGreaterThan(0);
    expect(outboxBytes).toBeLessThan(10_000);
    expect((await blobIds(env.app.worker)).filter((id) => id.startsWith('outbox/')).length).toBe(4);
    console.log(`outbox key ${outboxBytes} B; storage.local ${await bytesInUse(null)} B; origin ${JSON.stringify(await estimate(env.app.worker))}`);

    await env.app.worker.evaluate(() => void (self.fetch = (self as any).realFetch));
    await popup.page.getByRole('button', { name: 'Try now' }).click();
    // Ten megabytes to the desk (base64 in JSON) and read back: RT takes from 20 s to two minutes here.
    await popup.page.getByRole('heading', { name: /filed to/ }).waitFor({ timeout: 170_000 });
    const id = await popup.filedTicketId();
    const stored = await rt.attachments(id);
    for (const f of files) expect(stored.find((a) => a.Filename === f.name)?.bytes.equals(f.buffer), f.name).toBe(true);
    expect(stored.some((a) => a.Filename === 'screenshot.png' && a.bytes.length > 1000)).toBe(true);
    // Sent: the outbox entry and its files are gone, and so is the draft's copy.
    expect(await bytesInUse('outbox')).toBeLessThan(10);
    expect(await blobIds(env.app.worker)).toEqual([]);
    await popup.page.close();
    await page.close();
  }, 240_000);

  it('keeps a dozen drafts with screenshots, far below 10 MB of storage.local', async () => {
    for (let i = 0; i < 12; i++) {
      const { page, popup } = await openForm(`${env.site.origin}/report-me.html?draft=${i}`);
      await popup.field('Subject').fill(`Dozen ${i}`);
      await popup.page.getByText('Draft saved').waitFor();
      await popup.page.close();
      await page.close();
    }
    const shots = (await blobIds(env.app.worker)).filter((id) => id.startsWith('draft/') && id.endsWith('/shot'));
    expect(shots).toHaveLength(12);
    const local = await bytesInUse(null);
    console.log(`12 drafts: storage.local ${local} B; origin ${JSON.stringify(await estimate(env.app.worker))}`);
    expect(local).toBeLessThan(500_000);

    // Each comes back with its own screenshot.
    const page = await env.app.context.newPage();
    const url = `${env.site.origin}/report-me.html?draft=3`;
    await page.goto(url);
    const again = new PopupPage(await openPopupFor(env.app, url));
    expect(await again.field('Subject').inputValue()).toBe('Dozen 3');
    expect(await again.chip('screenshot').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await again.page.close();
    await page.close();
  }, 180_000);

  it('says plainly when there is no room, drops older drafts’ screenshots first, and keeps the text', async () => {
    const url = `${env.site.origin}/report-me.html?full=1`;
    const { page, popup } = await openForm(url);
    await diskFull(popup.page, true);
    await popup.field('Subject').fill('Typed on a full disk');
    await popup.page.getByText('Not saved: this computer is out of room for drafts; your text is still here').waitFor();
    // To make room, every older draft gave up its screenshot; their text stays.
    expect((await blobIds(popup.page)).filter((id) => id.endsWith('/shot'))).toEqual([]);
    await diskFull(popup.page, false);
    await popup.field('What do you need').fill('Every word of this stays.');
    await popup.field('Building').selectOption('HQ South');
    await popup.field('Room').fill('2.14');

    // Sending with no room: nothing is sent, the message says so, the form keeps every word.
    await diskFull(env.app.worker, true);
    await popup.send();
    await popup.page.getByText('This computer has no room left to keep the request: it was not sent. Your text is kept.').waitFor();
    expect(await popup.field('Subject').inputValue()).toBe('Typed on a full disk');
    expect(await popup.field('What do you need').inputValue()).toBe('Every word of this stays.');
    expect(await bytesInUse('outbox')).toBeLessThan(10);
    await diskFull(env.app.worker, false);
    await popup.page.close();

    const again = new PopupPage(await openPopupFor(env.app, url));
    expect(await again.field('Subject').inputValue()).toBe('Typed on a full disk');
    const unfinished = await env.app.worker.evaluate(() => chrome.storage.local.get('drafts'));
    const subjects = Object.values((unfinished.drafts ?? {}) as Record<string, { subject: string }>).map((d) => d.subject);
    for (let i = 0; i < 12; i++) expect(subjects).toContain(`Dozen ${i}`);
    await again.page.close();
    await page.close();
  }, 120_000);
});

describe('blobs no record names', () => {
  it("are deleted when the browser starts again (once the sweep's grace is over), and a draft keeps its screenshot", async () => {
    const profile = mkdtempSync(join(tmpdir(), 'instant-desk-restart-'));
    try {
      let app = await launch({ profile });
      const facts = deskFacts();
      const options = await app.context.newPage();
      await OptionsPage.configure(options, app.url('options.html'), facts.baseUrl, facts.tokens.alice);
      await options.close();
      const url = `${env.site.origin}/report-me.html`;
      const page = await app.context.newPage();
      await page.goto(url);
      const popup = new PopupPage(await openPopupFor(app, url));
      await popup.pick('fac', 'Facilities');
      await popup.contextReady();
      await popup.field('Subject').fill('Kept across a restart');
      await popup.page.getByText('Draft saved').waitFor();
      await expect.poll(async () => (await blobIds(app.worker)).filter((id) => id.startsWith('draft/')), { timeout: 10_000 }).toHaveLength(1);
      const [shot] = await blobIds(app.worker);
      // What a write cut short leaves behind: bytes in IndexedDB that no record names.
      await app.worker.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('instant-desk', 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('blobs', 'readwrite');
              tx.objectStore('blobs').put({ head: 'data:image/png;base64,', bytes: new Uint8Array(200_000) }, 'draft/cut-short/shot');
              tx.oncomplete = () => (open.result.close(), resolve());
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      expect((await blobIds(app.worker)).sort()).toEqual(['draft/cut-short/shot', shot].sort());
      await app.close();

      app = await launch({ profile });
      try {
        // Still there at the sweep's first look; gone at its second, SWEEP_GRACE_MS (20 s) later.
        expect((await blobIds(app.worker)).sort()).toEqual(['draft/cut-short/shot', shot].sort());
        await expect.poll(() => blobIds(app.worker), { timeout: 45_000, interval: 1000 }).toEqual([shot]);
        const context = await app.worker.evaluate(async () => Object.entries(await chrome.storage.local.get(null)).filter(([k]) => k.startsWith('draftContext:')).map(([, v]) => v as { screenshot?: string }));
        expect(context.map((c) => c.screenshot?.startsWith(`stored-blob:${shot}#`))).toEqual([true]);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
