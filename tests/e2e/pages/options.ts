import type { Page } from 'playwright-core';

/** The options page as a user drives it: by labels, like a person reading the screen. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  /**
   * The form of the desk to set: the one already open, else the first desk listed (its address
   * may change: it is replaced, as "the desk" was before there were several), else a new one.
   */
  async openForm() {
    await this.page.locator('#desks[aria-busy="false"]').waitFor();
    const address = this.page.getByLabel('Desk address', { exact: true });
    if (await address.isVisible()) return;
    const edit = this.page.getByRole('list', { name: 'Configured desks' }).getByRole('button', { name: /^Edit / });
    await ((await edit.count()) > 0 ? edit.first() : this.page.getByRole('button', { name: 'Add a desk' })).click();
    await address.waitFor();
  }

  /** A Request Tracker desk signed in with a personal token. */
  async fill(baseUrl: string, token: string) {
    await this.openForm();
    const kind = this.page.getByLabel('Desk software', { exact: true });
    if (await kind.isEnabled()) await kind.selectOption('rt');
    await this.page.getByLabel('Desk address', { exact: true }).fill(baseUrl);
    await this.page.getByLabel('With a personal token').check();
    await this.page.getByLabel('Personal token', { exact: true }).fill(token);
  }

  test() {
    return this.page.getByRole('button', { name: 'Test connection' }).click();
  }

  save() {
    return this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  result() {
    return this.page.locator('.result');
  }

  /** Configures the desk through the UI and waits for the departments found. */
  static async configure(page: Page, url: string, baseUrl: string, token: string, opts: { timeoutSeconds?: number } = {}) {
    await page.goto(url);
    const options = new OptionsPage(page);
    await options.fill(baseUrl, token);
    if (opts.timeoutSeconds) {
      await page.getByText('Advanced', { exact: true }).click();
      await page.getByLabel("Wait for the desk's answer (seconds)").fill(String(opts.timeoutSeconds));
    }
    await options.save();
    await options.result().waitFor();
    return options;
  }

  alert() {
    return this.page.locator('.notice--error');
  }
}
