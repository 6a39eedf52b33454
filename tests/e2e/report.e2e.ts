// Issue 4 end to end: right-click "Report a problem about this text" through the real
// registered listener, one sentence, send; RT has the page, the quote and the screenshot.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withExtension } from './support/fixture';
import { deskFacts, staff } from './support/desk';
import { decodePng } from './support/png';
import { BLOCK_RGB } from './support/site';
import { PopupPage } from './pages/popup';

const facts = deskFacts();
const rt = staff(facts);
const env = withExtension({ site: true, configure: true });

/** Right-clicks a selection on the test page (the real registered menu listener) → the report window. */
async function reportSelection(): Promise<{ page: Page; report: PopupPage; url: string }> {
  const page = await env.app.context.newPage();
  const url = `${env.site.origin}/report-me.html?user=alice&access_token=abc123`;
  await page.goto(url);
  await page.bringToFront();
  const opened = env.app.context.waitForEvent('page', (p) => p.url().includes('report=1'));
  await env.app.worker.evaluate(async (target) => {
    const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === target);
    chrome.contextMenus.onClicked.dispatch(
      { menuItemId: 'instant-desk-report-selection', selectionText: 'fails with error E-4411', pageUrl: target, frameId: 0, editable: false },
      tab,
    );
  }, url);
  const report = new PopupPage(await opened);
  await report.page.getByRole('heading', { name: 'IT' }).waitFor();
  return { page, report, url };
}

describe('report a problem from the context menu', () => {
  it('opens prefilled, with the focus in the sentence box, and files in two clicks', async () => {
    const { page, report } = await reportSelection();
    expect(await report.field('Subject').inputValue()).toBe('Problem on “Room booking — Intranet”');
    await expect.poll(() => report.page.evaluate(() => document.activeElement?.id)).toBe('description');
    expect(await report.chip('selection').textContent()).toContain('fails with error E-4411');
    expect(await report.chip('url').textContent()).toContain('access_token=[redacted]');
    await report.page.keyboard.type('The booking form crashes when I pick room 2.14.');
    await report.send();
    const id = await report.filedTicketId();

    const attachments = await rt.attachments(id);
    const body = attachments.find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8') ?? '';
    expect(body).toContain('The booking form crashes when I pick room 2.14.');
    expect(body).toContain(`Page: ${env.site.origin}/report-me.html?user=alice&access_token=[redacted]`);
    expect(body).toContain('> fails with error E-4411');
    const image = decodePng(attachments.find((a) => a.ContentType === 'image/png')!.bytes);
    expect(image.pixel(Math.floor(image.width / 2), 40)).toEqual([...BLOCK_RGB]);
    expect(image.pixel(140, 340)).toEqual([0x00, 0xcc, 0x44]); // the green box, untouched
    await report.page.close();
    await page.close();
  });

  it('sends a blacked-out area black', async () => {
    const { page, report } = await reportSelection();
    await report.page.keyboard.type('Private numbers on the page, hidden.');
    await report.chip('screenshot').getByRole('button', { name: 'View the screenshot large' }).click();
    const canvas = report.page.getByLabel('Screenshot: drag to mark an area');

    await report.page.getByRole('button', { name: 'Black out' }).click();
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
    const box = (await canvas.boundingBox())!;
    const scale = box.width / (await canvas.evaluate((c: HTMLCanvasElement) => c.width));
    // Drag over the green box (page pixels 40..240 × 300..380), in screen coordinates.
    await report.page.mouse.move(box.x + 50 * scale, box.y + 310 * scale);
    await report.page.mouse.down();
    await report.page.mouse.move(box.x + 150 * scale, box.y + 340 * scale, { steps: 4 });
    await report.page.mouse.move(box.x + 230 * scale, box.y + 370 * scale, { steps: 4 });
    await report.page.mouse.up();
    await report.page.getByRole('button', { name: 'Done' }).click();
    await report.send();
    const id = await report.filedTicketId();

    const image = decodePng((await rt.attachments(id)).find((a) => a.ContentType === 'image/png')!.bytes);
    expect(image.pixel(140, 340)).toEqual([0, 0, 0]);
    expect(image.pixel(Math.floor(image.width / 2), 40)).toEqual([...BLOCK_RGB]);
    await report.page.close();
    await page.close();
  });
});
