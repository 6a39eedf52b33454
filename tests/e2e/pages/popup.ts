import type { Page } from 'playwright-core';

export class PopupPage {
  constructor(readonly page: Page) {}

  async pick(search: string, department: string) {
    await this.page.getByLabel('Search departments').fill(search);
    await this.page.getByRole('button', { name: new RegExp(`^${department}`) }).click();
    await this.page.getByRole('heading', { name: department }).waitFor();
  }

  field(label: string) {
    return this.page.getByLabel(new RegExp(`^${label}`));
  }

  /** Waits until capture finished and the screenshot chip is there. */
  async contextReady() {
    await this.page.locator('.chip[data-item="screenshot"] img').waitFor({ timeout: 20_000 });
  }

  chip(item: string) {
    return this.page.locator(`.chip[data-item="${item}"]`);
  }

  send() {
    return this.page.getByRole('button', { name: 'Send', exact: true }).click();
  }

  async filedTicketId(): Promise<string> {
    const title = this.page.getByRole('heading', { name: /filed to/ });
    await title.waitFor({ timeout: 20_000 });
    const text = (await title.textContent()) ?? '';
    const id = /#(\d+)/.exec(text)?.[1];
    if (!id) throw new Error(`no ticket number in "${text}"`);
    return id;
  }
}
