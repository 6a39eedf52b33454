// Issue 14 end to end: one typed sentence is a request. On a desk with no catalog
// configuration (only the desk set up), a person opens the popup on a page, types what is
// wrong, presses Enter and Send: four actions. RT's REST API (as staff) then shows the request
// in Facilities, with the sentence as its message, the proposed subject and Room, and the
// page's redacted address in the desk's "Page URL" field.
import { describe, expect, it } from 'vitest';
import { openPopupFor } from './support/browser';
import { deskFacts, staff } from './support/desk';
import { withExtension } from './support/fixture';
import { PopupPage } from './pages/popup';

const facts = deskFacts();
const rt = staff(facts);
const env = withExtension({ site: true, configure: true });

const SENTENCE = 'the door of meeting room 3.14 does not lock';

describe('one typed sentence', () => {
  it('files a Facilities request in four actions: open, type, Enter, Send', async () => {
    const page = await env.app.context.newPage();
    const url = `${env.site.origin}/report-me.html?floor=3&token=abc123def456ghi789&sig=s3cr3tS1gnature`;
    const redacted = `${env.site.origin}/report-me.html?floor=3&token=[redacted]&sig=[redacted]`;
    await page.goto(url);

    const actions: string[] = [];
    // 1. The popup, opened for the page.
    actions.push('open');
    const popup = new PopupPage(await openPopupFor(env.app, url));
    const search = popup.page.getByLabel('Search departments');
    // 2. The sentence, typed into "What do you need?" (focused on opening).
    actions.push('type');
    await search.pressSequentially(SENTENCE);
    // Routing loads after the first frame: Facilities comes first, saying which word chose it.
    const first = popup.page.locator('#form-0');
    await expect.poll(() => first.locator('.card__name').textContent(), { timeout: 15_000 }).toBe('Facilities');
    const chip = (await first.locator('.reason--matches').textContent()) ?? '';
    expect(chip).toMatch(/^matches ‘.+’$/);
    for (const word of chip.slice(9, -1).split(' ')) expect(SENTENCE).toContain(word.toLowerCase());
    // 3. Enter opens the form with the sentence carried over.
    actions.push('Enter');
    await search.press('Enter');
    await popup.page.getByRole('heading', { name: 'Facilities' }).waitFor();
    await popup.contextReady();
    await expect.poll(() => popup.field('Page URL').inputValue(), { timeout: 15_000 }).toBe(redacted);
    expect(await popup.field('Subject').inputValue()).toBe('The door of meeting room 3.14 does not lock');
    expect(await popup.field('What do you need').inputValue()).toBe(SENTENCE);
    expect(await popup.field('Room').inputValue()).toBe('3.14');
    // Each proposed value says where it came from, and stays editable.
    const note = async (label: string) => {
      const described = (await popup.field(label).getAttribute('aria-describedby')) ?? '';
      const id = described.split(' ').find((d) => d.endsWith('-proposed'));
      return id ? popup.page.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await note('Subject')).toBe('From what you typed');
    expect(await note('What do you need')).toBe('From what you typed');
    expect(await note('Room')).toBe('From what you typed');
    expect(await note('Page URL')).toBe('From this page');
    expect(await popup.field('Room').isEditable()).toBe(true);
    // Enter pressed again, in a one-line field, does not send the request unread (Ctrl+Enter or
    // the Send button does).
    await popup.field('Room').press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    expect(await popup.page.getByRole('heading', { name: 'Facilities' }).count()).toBe(1);
    expect(await popup.page.getByRole('heading', { name: /filed to/ }).count()).toBe(0);
    // 4. Send.
    actions.push('Send');
    await popup.send();
    const id = await popup.filedTicketId();
    expect(actions).toEqual(['open', 'type', 'Enter', 'Send']);

    const ticket = await rt.ticket(id);
    const queue = await rt.call<{ Name: string }>(`/queue/${ticket.Queue.id}`);
    expect(queue.Name).toBe('Facilities');
    expect(ticket.Subject).toBe('The door of meeting room 3.14 does not lock');
    // Only these two were set: Building was not named in the sentence, so it is left empty, not guessed.
    const fields = ticket.CustomFields as { name: string; values: string[] }[];
    const cf = Object.fromEntries(fields.filter((c) => c.values.length > 0).map((c) => [c.name, c.values]));
    expect(cf).toEqual({ Room: ['3.14'], 'Page URL': [redacted] });
    expect(fields.map((c) => c.name)).toContain('Building');
    const body = (await rt.attachments(id)).find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8') ?? '';
    expect(body.startsWith(SENTENCE)).toBe(true);
    expect(body).not.toContain('s3cr3t');
    expect(body).not.toContain('abc123def456');

    // The user's own routing learned the words, on this computer: they now point to Facilities.
    const stored = await popup.page.evaluate(async () => (await chrome.storage.local.get('userRouting')).userRouting as { words: Record<string, Record<string, number>> });
    const facilitiesKey = Object.keys(stored.words.door ?? {})[0] ?? '';
    expect(facilitiesKey).toMatch(new RegExp(`/${ticket.Queue.id}$`));
    expect(stored.words.lock).toEqual({ [facilitiesKey]: 1 });
    expect(JSON.stringify(stored)).not.toContain('3.14');
    await popup.page.close();
    await page.close();
  }, 120_000);
});
