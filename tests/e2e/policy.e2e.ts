// Issue 5 end to end: an administrator's managed policy (written where Debian's Chromium reads
// it) preconfigures the desk, department cards, keywords and a page rule. The popup proposes the
// rule's form first with its values filled in; the options page shows the policy locked.
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPopupFor } from './support/browser';
import { deskFacts } from './support/desk';
import { withExtension } from './support/fixture';
import { PopupPage } from './pages/popup';
import { OptionsPage } from './pages/options';

const EXTENSION_ID = 'mkkkdafndgmepkjkihplfgnmmkiokclh'; // fixed by the manifest key
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'instant-desk-e2e.json');
const facts = deskFacts();

function canWritePolicy(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const policy = {
  desks: [{ kind: 'rt', url: facts.baseUrl, name: 'Company desk' }],
  departments: {
    HR: { helpsWith: 'Payslips, leave and contracts', hours: 'Mon–Fri 9–17', firstResponse: 'within 4 hours', resolution: 'in 2 working days', portal: 'https://hr.example.com/' },
  },
  forms: { Facilities: { keywords: ['badge', 'door', 'key card'] } },
  rules: [
    { url: 'http://127.0.0.1:*/report-me.html?app=payroll*', department: 'HR', fields: { Topic: 'Payroll' } },
    { url: 'payroll.example.com', department: 'HR' }, // broken on purpose: reported and ignored
  ],
  notifications: { intervalMin: 5 },
};

const writable = canWritePolicy();
if (!writable) console.warn(`[policy] skipped: ${POLICY_DIR} is not writable (run the tests as root, as CI does)`);

describe.skipIf(!writable)('managed policy', () => {
  const env = withExtension({
    site: true,
    before: async () => writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2)),
  });
  afterAll(() => rmSync(POLICY_FILE, { force: true }));

  it('reaches the extension through storage.managed', async () => {
    await expect
      .poll(() => env.app.worker.evaluate(() => chrome.storage.managed.get(null).then((p: object) => Object.keys(p).sort())), { timeout: 20_000 })
      .toEqual(['departments', 'desks', 'forms', 'notifications', 'rules']);
  });

  it('shows the policy locked in the options page, reports the broken rule, and takes only the token', async () => {
    const page = await env.app.context.newPage();
    await page.goto(env.app.url('options.html'));
    // The administrator's desk is listed first; its settings open with Edit.
    await new OptionsPage(page).openForm();
    const address = page.getByLabel('Desk address', { exact: true });
    await expect.poll(() => address.inputValue()).toBe(facts.baseUrl);
    expect(await address.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByText('Set by your organisation').count()).toBeGreaterThanOrEqual(2); // desk, notifications
    const managed = page.getByRole('list', { name: 'Managed settings' });
    expect((await managed.textContent())?.replace(/\s+/g, ' ')).toBe('desksdepartmentsformsrulesnotifications');
    const problems = page.locator('#policy-problems');
    expect(await problems.textContent()).toContain('rules[1].url must start with a scheme');
    expect(await page.getByLabel('Check the desk every').isDisabled()).toBe(true);
    expect(await page.getByLabel('Check the desk every').inputValue()).toBe('5');

    await page.getByLabel('Personal token', { exact: true }).fill(facts.tokens.alice);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.result').waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('proposes the rule\'s form first on a matching page, with its values and the department card', async () => {
    const site = await env.app.context.newPage();
    const url = `${env.site.origin}/report-me.html?app=payroll&month=3`;
    await site.goto(url);
    const popup = new PopupPage(await openPopupFor(env.app, url));
    const first = popup.page.locator('#form-list [role="option"]').first();
    await expect.poll(() => first.textContent(), { timeout: 20_000 }).toContain('HR');
    expect(await first.textContent()).toContain('for this site');
    expect(await popup.page.getByRole('group', { name: 'Suggested' }).count()).toBe(1);

    await first.getByRole('button').click();
    await popup.page.getByRole('heading', { name: 'HR' }).waitFor();
    expect(await popup.field('Topic').inputValue()).toBe('Payroll');
    const card = popup.page.locator('.dept-card');
    expect(await card.textContent()).toContain('Payslips, leave and contracts');
    expect(await card.textContent()).toContain('Hours: Mon–Fri 9–17');
    expect(await card.textContent()).toContain('First answer within 4 hours');
    expect(await card.getByRole('link', { name: /Portal/ }).getAttribute('href')).toBe('https://hr.example.com/');
    await popup.page.close();

    // Elsewhere the rule does not apply: nothing is "for this site".
    await site.goto(`${env.site.origin}/report-me.html`);
    const other = new PopupPage(await openPopupFor(env.app, `${env.site.origin}/report-me.html`));
    await other.page.locator('#form-list [role="option"]').first().waitFor();
    expect(await other.page.getByText('for this site').count()).toBe(0);
    await other.page.close();
    await site.close();
  });

  it('finds forms by keyword and with typos, by keyboard alone', async () => {
    const site = await env.app.context.newPage();
    await site.goto(`${env.site.origin}/report-me.html?search`);
    const popup = new PopupPage(await openPopupFor(env.app, `${env.site.origin}/report-me.html?search`));
    const search = popup.page.getByLabel('Search departments and forms');
    const first = popup.page.locator('#form-list [role="option"]').first();
    await first.waitFor();
    for (const [query, expected] of [['badge', 'Facilities'], ['facilites', 'Facilities'], ['payroll', 'HR'], ['contract legal', 'Legal']] as const) {
      await search.fill(query);
      await expect.poll(() => first.locator('.card__name').textContent()).toBe(expected);
    }
    await search.fill('');
    await search.pressSequentially('badg');
    await search.press('Enter');
    await popup.page.getByRole('heading', { name: 'Facilities' }).waitFor();
    // Arrows move through the results; Enter opens the highlighted one.
    await popup.page.keyboard.press('Escape');
    await search.fill('contracts');
    // Both speak of contracts; which comes first is routing's call (Legal, once it has loaded).
    const names = popup.page.locator('#form-list .card__name');
    await expect.poll(async () => (await names.allTextContents()).sort()).toEqual(['HR', 'Legal']);
    const second = (await names.allTextContents())[1] as string;
    await search.press('ArrowDown');
    expect(await popup.page.locator('[role="option"][aria-selected="true"] .card__name').textContent()).toBe(second);
    await search.press('Enter');
    await popup.page.getByRole('heading', { name: second }).waitFor();
    await popup.page.close();
    await site.close();
  });
});

// Chromium's policy service answers nothing for about 3 s after the browser starts: the policy
// read before stands meanwhile (the options page no longer waits for it), and a policy the
// administrator changed between two starts replaces it on the page once it is read.
describe.skipIf(!writable)('managed policy changed while the browser was closed', () => {
  const named = (name: string) => writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: { desks: [{ kind: 'rt', url: facts.baseUrl, name }] } } } }));
  let profile = '';
  beforeAll(() => {
    profile = mkdtempSync(join(tmpdir(), 'instant-desk-policy-'));
  });
  afterAll(() => {
    rmSync(POLICY_FILE, { force: true });
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const deskNames = async (name: string) => {
    const app = await launch({ profile });
    try {
      const page = await app.context.newPage();
      await page.goto(app.url('options.html'));
      await expect.poll(() => page.locator('.desk__name').allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining(name)]);
    } finally {
      await app.close();
    }
  };

  it('shows the desk of the policy now in effect after a restart, not the one read before', async () => {
    named('Company desk');
    await deskNames('Company desk');
    named('Service desk');
    await deskNames('Service desk');
  });
});
